package dev.invalidator.slack.listeners;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How every listener passes its slow work on after the ack: to the bounded worker pool, or — when the pool's queue is
 * full — nowhere, so that the listener can tell the person instead of blocking Slack's three seconds.
 */
public final class Handoff {

    private static final Logger log = LoggerFactory.getLogger(Handoff.class);

    private Handoff() {}

    /** Passes {@code work} to {@code workers}; false when the queue is full and {@code work} was not taken. */
    public static boolean toWorkers(Executor workers, Runnable work, String what) {
        try {
            workers.execute(work);
            return true;
        } catch (RejectedExecutionException busy) {
            log.warn("Worker queue full; turned away {}", what);
            return false;
        }
    }
}

package dev.invalidator.flow;

import dev.invalidator.base.DaemonThreads;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a sweep on a thread of its own — never a worker, so a sweep that waits out Slack's rate limits delays nobody's
 * command — at once, then again and again, each time after a pause picked at random between three quarters of the
 * interval and all of it: replicas started together spread their reads of Slack, and no two sweeps are ever further
 * apart than the interval (plus the time a sweep takes). Whatever a sweep throws, the next one comes.
 *
 * <pre>{@code
 * PeriodicSweep sweeps = PeriodicSweep.start(handler::sweep, Duration.ofMinutes(1));
 * sweeps.stop();                              // no more sweeps…
 * sweeps.awaitStopped(Duration.ofSeconds(20)); // …and the one in hand finishes, or is interrupted
 * }</pre>
 */
public final class PeriodicSweep {

    private static final Logger log = LoggerFactory.getLogger(PeriodicSweep.class);

    private final Runnable sweep;
    private final Duration interval;
    private final ScheduledThreadPoolExecutor thread = new ScheduledThreadPoolExecutor(1, DaemonThreads.named("sweep"));

    private PeriodicSweep(Runnable sweep, Duration interval) {
        this.sweep = sweep;
        this.interval = interval;
        // Else shutdown() would wait for the next sweep, up to a whole interval away, instead of dropping it.
        thread.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    /** Starts sweeping: the first sweep at once. */
    public static PeriodicSweep start(Runnable sweep, Duration interval) {
        PeriodicSweep sweeps = new PeriodicSweep(sweep, interval);
        sweeps.schedule(Duration.ZERO);
        return sweeps;
    }

    private void runThenScheduleNext() {
        try {
            sweep.run();
        } catch (RuntimeException e) {
            log.error("A sweep failed; the next one comes within {}", interval, e);
        } finally {
            long least = interval.toMillis() * 3 / 4;
            schedule(Duration.ofMillis(ThreadLocalRandom.current().nextLong(least, interval.toMillis() + 1)));
        }
    }

    // FutureReturnValueIgnored: each sweep schedules the next itself and close() stops the thread, so no future is
    // ever cancelled or waited on.
    @SuppressWarnings("FutureReturnValueIgnored")
    private void schedule(Duration delay) {
        try {
            thread.schedule(this::runThenScheduleNext, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopped) {
            // close() came first: no more sweeps.
        }
    }

    /** Starts no more sweeps; one in hand goes on (see {@link #awaitStopped}). */
    public void stop() {
        thread.shutdown();
    }

    /** After {@link #stop}: waits up to {@code grace} for a sweep in hand to finish, then interrupts it. */
    public void awaitStopped(Duration grace) {
        try {
            if (!thread.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                thread.shutdownNow();
            }
        } catch (InterruptedException e) {
            thread.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}

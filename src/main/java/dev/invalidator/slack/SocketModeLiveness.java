package dev.invalidator.slack;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Whether the two loops of a Socket Mode session still respond — the two things a restart mends and reconnecting does
 * not: the dispatch threads that run the listeners and send the acks, and the client's session monitor that pings
 * Slack every 5 s and reconnects. A dropped connection is not here: the monitor mends it, and readiness reports it.
 *
 * <pre>{@code
 * SocketModeLiveness liveness = new SocketModeLiveness(dispatch, clock);
 * liveness.monitorChecking();   // from the session monitor, at each of its checks
 * liveness.stuck();             // Optional.empty() while both respond
 * }</pre>
 */
final class SocketModeLiveness {

    /** A burst of 1,000 envelopes is dispatched in well under a second; a no-op waits behind it at most this long. */
    static final Duration DISPATCH_BOUND = Duration.ofSeconds(2);

    /**
     * The monitor checks every 5 s, waits 10 s after a failed reconnect, and one check takes at most a pong's 3 s and
     * an apps.connections.open call: much longer without a check means it stopped or hangs.
     */
    static final Duration MONITOR_SILENCE = Duration.ofSeconds(60);

    private final Executor dispatch;
    private final Clock clock;
    private volatile Instant lastMonitorCheck;

    SocketModeLiveness(Executor dispatch, Clock clock) {
        this.dispatch = dispatch;
        this.clock = clock;
        this.lastMonitorCheck = clock.instant();
    }

    /** The session monitor is checking the connection now. */
    void monitorChecking() {
        lastMonitorCheck = clock.instant();
    }

    /** What no longer responds, in a sentence for the operator; empty while both loops respond. */
    Optional<String> stuck() {
        if (!dispatchResponds()) {
            return Optional.of("the Socket Mode dispatch threads ran no task within " + DISPATCH_BOUND.toSeconds()
                    + " s, so no command or click is acked");
        }
        Duration silence = Duration.between(lastMonitorCheck, clock.instant());
        if (silence.compareTo(MONITOR_SILENCE) > 0) {
            return Optional.of("the Socket Mode session monitor has not checked the connection for "
                    + silence.toSeconds() + " s, so nothing reconnects it when it drops");
        }
        return Optional.empty();
    }

    private boolean dispatchResponds() {
        CountDownLatch ran = new CountDownLatch(1);
        try {
            dispatch.execute(ran::countDown);
            return ran.await(DISPATCH_BOUND.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            // Only the health endpoint closing interrupts a probe: nobody reads this answer, so claim nothing.
            Thread.currentThread().interrupt();
            return true;
        }
    }
}

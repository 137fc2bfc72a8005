package dev.invalidator.sandbox;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One call a simulator stops at, so that a test can kill the bot while that call is in flight: before the simulator
 * acts on it (the bot dies before its request took effect) or after (it took effect, but the bot never hears so).
 *
 * <pre>{@code
 * CallHold posted = slack.holdNext("chat.postMessage", CallHold.Point.AFTER_COMMIT);
 * posted.awaitReached(Duration.ofSeconds(10));
 * bot.destroyForcibly();
 * posted.abandon();   // the dead bot's connection gets no answer
 * }</pre>
 */
public final class CallHold {

    /** Where the call stops. */
    public enum Point {
        BEFORE_COMMIT,
        AFTER_COMMIT
    }

    private final Point point;
    private final CountDownLatch reached = new CountDownLatch(1);
    private final CountDownLatch decided = new CountDownLatch(1);
    private volatile boolean proceed;

    CallHold(Point point) {
        this.point = point;
    }

    Point point() {
        return point;
    }

    /** Waits until the held call arrives. */
    public void awaitReached(Duration timeout) {
        try {
            if (!reached.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("the held call did not arrive within " + timeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the held call", e);
        }
    }

    /** Lets the call go on as if it had never stopped. */
    public void release() {
        proceed = true;
        decided.countDown();
    }

    /** Drops the call: not acted on if it stopped before commit, and in any case never answered. */
    public void abandon() {
        proceed = false;
        decided.countDown();
    }

    /** Called on the simulator's thread when the call reaches the point: blocks, then tells whether to go on. */
    boolean stop() {
        reached.countDown();
        try {
            decided.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        return proceed;
    }
}

package dev.invalidator.cdn;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * The pace of one AWS account's creates: a token bucket that says how long until the next create may go, so that a
 * queue can wake up then instead of a thread waiting for it. {@link #throttled()} halves the rate (CloudFront
 * has less to give than configured: other tools, other replicas); each {@link #answered()} gives back an eighth of the
 * configured rate, so the full rate returns after a few calls go through.
 *
 * <pre>{@code
 * CreatePace pace = new CreatePace(0.5, 5, System::nanoTime);
 * pace.take();        // true five times, then false
 * pace.untilTurn();   // PT2S after the fifth, less as time passes
 * }</pre>
 */
final class CreatePace {

    /** The rate never falls below this share of the configured one, so that a wait always ends. */
    private static final double SLOWEST_SHARE = 1.0 / 16;

    private static final double RECOVERY_SHARE = 1.0 / 8;
    private static final double NANOS_PER_SECOND = 1e9;

    private final double configuredRate;
    private final int burst;
    private final LongSupplier nanoTime;
    private double rate;
    private double tokens;

    private long refilledAt;

    /** @param nanoTime a monotonic clock in nanoseconds, {@code System::nanoTime} outside tests */
    CreatePace(double perSecond, int burst, LongSupplier nanoTime) {
        this.configuredRate = perSecond;
        this.rate = perSecond;
        this.burst = burst;
        this.nanoTime = nanoTime;
        this.tokens = burst;
        this.refilledAt = nanoTime.getAsLong();
    }

    /** How long until the next create may go: zero while the bucket holds a token. */
    synchronized Duration untilTurn() {
        refill();
        double wait = tokens >= 1 ? 0 : (1 - tokens) / rate;
        return Duration.ofNanos(Math.round(wait * NANOS_PER_SECOND));
    }

    /** Takes a token for a create about to go: false, and nothing taken, when there is none now. */
    synchronized boolean take() {
        refill();
        if (tokens < 1) {
            return false;
        }
        tokens -= 1;
        return true;
    }

    /** CloudFront answered "Rate exceeded": its bucket is empty and refills slower than we thought. */
    synchronized void throttled() {
        refill();
        rate = Math.max(configuredRate * SLOWEST_SHARE, rate / 2);
        tokens = Math.min(tokens, 0);
    }

    /** A create went through. */
    synchronized void answered() {
        refill();
        rate = Math.min(configuredRate, rate + configuredRate * RECOVERY_SHARE);
    }

    /** Creates a second now, for the log. */
    synchronized double rate() {
        return rate;
    }

    private void refill() {
        long now = nanoTime.getAsLong();
        tokens = Math.min(burst, tokens + (now - refilledAt) * rate / NANOS_PER_SECOND);
        refilledAt = now;
    }
}

package dev.invalidator.cdn;

import java.time.Duration;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The pace of one kind of call to one AWS account — its creates ({@link PacedCdn}, which takes a turn only when there
 * is one now, so that a request waits in the queue rather than on a thread) or its reads
 * ({@link ReadBudget}): a token bucket that hands out reservations, so that each caller learns how long to wait for its
 * turn and callers go in the order they asked. {@link #throttled()} halves the rate (CloudFront
 * has less to give than configured: other tools, other replicas); each {@link #answered()} gives back an eighth of the
 * configured rate, so the full rate returns after a few calls go through.
 *
 * <pre>{@code
 * AccountPace pace = new AccountPace(0.5, 5, System::nanoTime);
 * pace.reserve(Duration.ofMinutes(1));   // Optional[PT0S] five times, then PT2S, PT4S, …: a read waits its turn
 * pace.take();                           // false, and nothing taken, while no token is there: a create is queued
 * pace.untilTurn();                      // how long until one is
 * }</pre>
 */
final class AccountPace {

    /** The rate never falls below this share of the configured one, so that a wait always ends. */
    private static final double SLOWEST_SHARE = 1.0 / 16;

    private static final double RECOVERY_SHARE = 1.0 / 8;
    private static final double NANOS_PER_SECOND = 1e9;

    private final double configuredRate;
    private final int burst;
    private final LongSupplier nanoTime;
    private double rate;
    /** Below zero while reservations are waiting for tokens not yet refilled. */
    private double tokens;

    private long refilledAt;

    /** @param nanoTime a monotonic clock in nanoseconds, {@code System::nanoTime} outside tests */
    AccountPace(double perSecond, int burst, LongSupplier nanoTime) {
        this.configuredRate = perSecond;
        this.rate = perSecond;
        this.burst = burst;
        this.nanoTime = nanoTime;
        this.tokens = burst;
        this.refilledAt = nanoTime.getAsLong();
    }

    /**
     * A turn: how long to wait before creating, or empty — and nothing reserved — when the turn is further away than
     * {@code longest}.
     */
    synchronized Optional<Duration> reserve(Duration longest) {
        refill();
        double wait = tokens >= 1 ? 0 : (1 - tokens) / rate;
        if (wait * NANOS_PER_SECOND > longest.toNanos()) {
            return Optional.empty();
        }
        tokens -= 1;
        return Optional.of(Duration.ofNanos(Math.round(wait * NANOS_PER_SECOND)));
    }

    /** How long until the next call may go: zero while the bucket holds a token. */
    synchronized Duration untilTurn() {
        refill();
        double wait = tokens >= 1 ? 0 : (1 - tokens) / rate;
        return Duration.ofNanos(Math.round(wait * NANOS_PER_SECOND));
    }

    /** Takes a token for a call about to go: false, and nothing taken, when there is none now. */
    synchronized boolean take() {
        return reserve(Duration.ZERO).isPresent();
    }

    /** CloudFront answered "Rate exceeded": its bucket is empty and refills slower than we thought. */
    synchronized void throttled() {
        refill();
        rate = Math.max(configuredRate * SLOWEST_SHARE, rate / 2);
        tokens = Math.min(tokens, 0);
    }

    /** A call went through. */
    synchronized void answered() {
        refill();
        rate = Math.min(configuredRate, rate + configuredRate * RECOVERY_SHARE);
    }

    /** Calls a second now, for the log. */
    synchronized double rate() {
        return rate;
    }

    private void refill() {
        long now = nanoTime.getAsLong();
        tokens = Math.min(burst, tokens + (now - refilledAt) * rate / NANOS_PER_SECOND);
        refilledAt = now;
    }
}

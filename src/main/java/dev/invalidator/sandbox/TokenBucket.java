package dev.invalidator.sandbox;

import java.time.Duration;
import java.time.Instant;

/**
 * A token bucket read against the simulator's clock: full at {@code burst}, refilled at {@code perSecond}. A refused
 * call takes nothing, as a throttled call to the service does not make the next one wait longer. Not thread-safe: its
 * owner's monitor guards it.
 */
final class TokenBucket {

    private static final double NANOS_PER_SECOND = 1e9;

    private final double perSecond;
    private final int burst;
    private double tokens;
    private Instant refilled;

    TokenBucket(double perSecond, int burst, Instant now) {
        this.perSecond = perSecond;
        this.burst = burst;
        this.tokens = burst;
        this.refilled = now;
    }

    /** Takes a token if one is there at {@code now}. */
    boolean tryTake(Instant now) {
        refill(now);
        if (tokens < 1) {
            return false;
        }
        tokens -= 1;
        return true;
    }

    /** How long after {@code now} a token will be there: zero when one is. */
    Duration untilNext(Instant now) {
        refill(now);
        return tokens >= 1
                ? Duration.ZERO
                : Duration.ofNanos((long) Math.ceil((1 - tokens) / perSecond * NANOS_PER_SECOND));
    }

    private void refill(Instant now) {
        if (now.isAfter(refilled)) {
            tokens = Math.min(burst, tokens + Duration.between(refilled, now).toNanos() * perSecond / NANOS_PER_SECOND);
            refilled = now;
        }
    }
}

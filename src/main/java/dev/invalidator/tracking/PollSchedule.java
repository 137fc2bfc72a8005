package dev.invalidator.tracking;

import java.time.Duration;

/**
 * How often a distribution with invalidations in flight is polled: soon after a create, then less and less often.
 *
 * <pre>{@code
 * PollSchedule schedule = new PollSchedule(Duration.ofSeconds(1), Duration.ofSeconds(4));
 * schedule.after(Duration.ofSeconds(1));   // 1.5 s
 * schedule.after(Duration.ofSeconds(4));   // 4 s: never above the ceiling
 * }</pre>
 */
public record PollSchedule(Duration initial, Duration max) {

    public PollSchedule {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("need 0 < initial <= max, got " + initial + " and " + max);
        }
    }

    /** The interval that follows {@code current}: half as long again, up to {@link #max()}. */
    public Duration after(Duration current) {
        Duration longer = current.plus(current.dividedBy(2));
        return longer.compareTo(max) > 0 ? max : longer;
    }
}

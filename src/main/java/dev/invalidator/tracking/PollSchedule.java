package dev.invalidator.tracking;

import java.time.Duration;

/**
 * When a distribution with invalidations in flight is polled: its first poll {@code firstPoll} after a create — when
 * invalidations begin to complete, not sooner — then every {@code interval}; and never more often, all of an AWS
 * account's busy distributions together, than {@code pollsPerSecond}. When the budget is tight every busy distribution
 * of the account waits the same longer interval, so each is polled in its turn and none is left behind.
 *
 * <pre>{@code
 * PollSchedule schedule = new PollSchedule(Duration.ofSeconds(3), Duration.ofMillis(1500), 3);
 * schedule.firstWait(1);   // 3 s
 * schedule.nextWait(1);    // 1.5 s
 * schedule.nextWait(30);   // 10 s: 30 busy distributions, 3 polls a second between them
 * }</pre>
 *
 * @param pollsPerSecond the polls an account's busy distributions may make together, its share of the read budget
 */
public record PollSchedule(Duration firstPoll, Duration interval, double pollsPerSecond) {

    private static final double NANOS_PER_SECOND = 1e9;

    public PollSchedule {
        if (firstPoll.isNegative() || firstPoll.isZero() || interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException(
                    "need a first poll and an interval above 0, got " + firstPoll + " and " + interval);
        }
        if (!(pollsPerSecond > 0) || Double.isInfinite(pollsPerSecond)) {
            throw new IllegalArgumentException("pollsPerSecond must be a positive number, was " + pollsPerSecond);
        }
    }

    /** The wait before a distribution's first poll, when {@code busy} distributions of its account (itself too) are. */
    public Duration firstWait(int busy) {
        return longer(firstPoll, fairShare(busy));
    }

    /** The wait before a distribution's next poll, when {@code busy} distributions of its account (itself too) are. */
    public Duration nextWait(int busy) {
        return longer(interval, fairShare(busy));
    }

    /** The longer of {@link #firstWait} and {@link #nextWait}: how long anyone following the distribution may wait. */
    public Duration slowestWait(int busy) {
        return longer(firstWait(busy), nextWait(busy));
    }

    /** The interval at which {@code busy} distributions polled in turn keep within {@link #pollsPerSecond}. */
    private Duration fairShare(int busy) {
        return Duration.ofNanos(Math.round(Math.max(1, busy) / pollsPerSecond * NANOS_PER_SECOND));
    }

    private static Duration longer(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}

package dev.invalidator.cost;

import java.time.Duration;
import java.util.Collection;
import java.util.Objects;
import java.util.Optional;

/**
 * An AWS account's paths this month as a person is told them: counted just now, counted some time ago (the figure
 * says how long), or not counted yet (just after start-up, with more distributions than a count reads in seconds).
 *
 * <pre>{@code
 * MonthCount.fresh(840);                          // 840, read within the freshness window
 * MonthCount.asOf(840, Duration.ofMinutes(3));    // 840 three minutes ago: others may have invalidated since
 * MonthCount.notKnown();                          // a request is then treated as possibly charged
 * }</pre>
 *
 * @param paths the count, empty when not known yet
 * @param age   how old the count is; zero when fresh (and when not known)
 */
public record MonthCount(Optional<Integer> paths, Duration age) {

    public MonthCount {
        Objects.requireNonNull(paths, "paths");
        Objects.requireNonNull(age, "age");
        if (paths.isPresent() && paths.get() < 0) {
            throw new IllegalArgumentException("paths must not be negative, was " + paths.get());
        }
        if (age.isNegative() || (paths.isEmpty() && !age.isZero())) {
            throw new IllegalArgumentException("age must be zero or positive, and zero when not known: " + age);
        }
    }

    public static MonthCount fresh(int paths) {
        return new MonthCount(Optional.of(paths), Duration.ZERO);
    }

    public static MonthCount asOf(int paths, Duration age) {
        return new MonthCount(Optional.of(paths), age);
    }

    public static MonthCount notKnown() {
        return new MonthCount(Optional.empty(), Duration.ZERO);
    }

    /**
     * Several accounts' counts as one, for a request over all of them: their sum as old as the oldest, not known when
     * one is not.
     */
    public static MonthCount together(Collection<MonthCount> counts) {
        int paths = 0;
        Duration oldest = Duration.ZERO;
        for (MonthCount count : counts) {
            if (!count.known()) {
                return notKnown();
            }
            paths += count.paths().get();
            oldest = count.age().compareTo(oldest) > 0 ? count.age() : oldest;
        }
        return asOf(paths, oldest);
    }

    public boolean known() {
        return paths.isPresent();
    }

    /** Known and read within the freshness window: shown without an age. */
    public boolean fresh() {
        return known() && age.isZero();
    }
}

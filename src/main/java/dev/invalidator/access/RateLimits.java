package dev.invalidator.access;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How many invalidations one person, and one distribution, may start per minute — so that a loop, a typo repeated
 * or a stolen account can't run up the bill or hammer an origin. Counted only for requests that are about to
 * create something: refusals cost nothing. Reads ({@code help}, {@code status}, {@code list}, the Home tab) have a
 * generous limit of their own per person, as each costs CloudFront and Slack calls that a loop could spend for
 * everyone.
 *
 * <pre>{@code
 * RateLimits limits = new RateLimits(5, 20, 30, Clock.systemUTC());
 * limits.acquire("U0ALICE", "E1WEBEXAMPLE", "web");   // Optional.empty(): go ahead, and it counts
 * limits.acquireRead("U0ALICE");                       // Optional.empty(): answer, and it counts
 * }</pre>
 */
public final class RateLimits {

    private static final Duration WINDOW = Duration.ofMinutes(1);

    private final int perUser;
    private final int perDistribution;
    private final int readsPerUser;
    private final Clock clock;
    /** Guarded by {@code this}, as are the fields below: start times within the last minute, oldest first. */
    private final Map<String, Deque<Instant>> byUser = new HashMap<>();

    private final Map<String, Deque<Instant>> byDistribution = new HashMap<>();

    private final Map<String, Deque<Instant>> readsByUser = new HashMap<>();

    private Instant lastSweep;

    public RateLimits(int perUserPerMinute, int perDistributionPerMinute, int readsPerUserPerMinute, Clock clock) {
        this.perUser = perUserPerMinute;
        this.perDistribution = perDistributionPerMinute;
        this.readsPerUser = readsPerUserPerMinute;
        this.clock = clock;
        this.lastSweep = clock.instant();
    }

    /** Counts one read, or says why it can't be answered now (and counts nothing). */
    public synchronized Optional<String> acquireRead(String userId) {
        Instant now = clock.instant();
        forgetIdle(now);
        Deque<Instant> mine = recent(readsByUser, userId, now);
        if (mine.size() >= readsPerUser) {
            return Optional.of("You asked me for " + mine.size() + " answers in the last minute, the most one person"
                    + " may; try again in " + wait(mine, now) + ".");
        }
        mine.addLast(now);
        return Optional.empty();
    }

    /** Counts one request, or says why it can't go now (and counts nothing). */
    public synchronized Optional<String> acquire(String userId, String distributionId, String alias) {
        Instant now = clock.instant();
        forgetIdle(now);
        Deque<Instant> mine = recent(byUser, userId, now);
        Deque<Instant> theirs = recent(byDistribution, distributionId, now);
        if (mine.size() >= perUser) {
            return Optional.of(
                    "You started " + mine.size() + " invalidations in the last minute, the most one person may;"
                            + " try again in " + wait(mine, now) + ".");
        }
        if (theirs.size() >= perDistribution) {
            return Optional.of("`" + alias + "` had " + theirs.size() + " invalidations in the last minute, the most it"
                    + " may; try again in " + wait(theirs, now) + ".");
        }
        mine.addLast(now);
        theirs.addLast(now);
        return Optional.empty();
    }

    /** How many people and distributions have counts held now, for invalidations and reads apart. */
    synchronized int countsHeld() {
        return byUser.size() + byDistribution.size() + readsByUser.size();
    }

    /**
     * Drops the people and distributions with nothing counted in the last minute, at most once a minute: what is held
     * is who asked lately, not everyone who ever did.
     */
    private void forgetIdle(Instant now) {
        if (lastSweep.plus(WINDOW).isAfter(now)) {
            return;
        }
        lastSweep = now;
        for (Map<String, Deque<Instant>> counts : List.of(byUser, byDistribution, readsByUser)) {
            counts.values()
                    .removeIf(times ->
                            times.isEmpty() || !times.peekLast().plus(WINDOW).isAfter(now));
        }
    }

    private static Deque<Instant> recent(Map<String, Deque<Instant>> byKey, String key, Instant now) {
        Deque<Instant> times = byKey.computeIfAbsent(key, k -> new ArrayDeque<>());
        while (!times.isEmpty() && !times.peekFirst().plus(WINDOW).isAfter(now)) {
            times.removeFirst();
        }
        return times;
    }

    private static String wait(Deque<Instant> times, Instant now) {
        long seconds = Math.max(
                1, Duration.between(now, times.peekFirst().plus(WINDOW)).toSeconds() + 1);
        return seconds + " s";
    }
}

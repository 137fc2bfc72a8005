package dev.invalidator.sandbox;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Holds each Web API call to its {@link SlackLimits}: a bucket per method per workspace, and for
 * {@code chat.postMessage} a bucket per channel. Counts the 429s it and the injected faults answered, per method.
 * Thread-safe.
 */
final class SlackRateLimiter {

    private final Clock clock;
    private final Map<String, TokenBucket> buckets = new HashMap<>();
    private final Map<String, Integer> rateLimited = new HashMap<>();
    private SlackLimits limits = SlackLimits.strict();

    SlackRateLimiter(Clock clock) {
        this.clock = clock;
    }

    /** New limits, with every bucket full. */
    synchronized void limits(SlackLimits newLimits) {
        limits = Objects.requireNonNull(newLimits, "limits");
        buckets.clear();
    }

    /**
     * Lets a call of {@code method} (in {@code channel}, for a post) through and takes its token, or says how many
     * whole seconds, at least 1, until one would be let through.
     */
    synchronized Optional<Integer> admit(String method, String channel) {
        Optional<SlackLimits.Tier> tier = SlackLimits.tierOf(method);
        if (tier.isEmpty()) {
            return Optional.empty();
        }
        String key = tier.get() == SlackLimits.Tier.POSTS ? method + " " + channel : method;
        SlackLimits.Rate rate = limits.rate(tier.get());
        TokenBucket bucket =
                buckets.computeIfAbsent(key, k -> new TokenBucket(rate.perSecond(), rate.burst(), clock.instant()));
        if (bucket.tryTake(clock.instant())) {
            return Optional.empty();
        }
        Duration wait = bucket.untilNext(clock.instant());
        long seconds = Math.max(1, (wait.toNanos() + 999_999_999L) / 1_000_000_000L);
        return Optional.of((int) Math.min(Integer.MAX_VALUE, seconds));
    }

    /** A 429 was answered to a call of {@code method}. */
    synchronized void answered429(String method) {
        rateLimited.merge(method, 1, Integer::sum);
    }

    synchronized int rateLimitedCount(String method) {
        return rateLimited.getOrDefault(method, 0);
    }

    synchronized int rateLimitedCount() {
        return rateLimited.values().stream().mapToInt(Integer::intValue).sum();
    }
}

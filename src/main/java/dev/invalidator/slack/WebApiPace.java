package dev.invalidator.slack;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The bot's own pace for Slack's rate limits ({@code slack.md} §9, §10, §15): a token bucket of reservations for each
 * limited method per workspace, and for {@code chat.postMessage} one per channel, each a little under Slack's figure
 * and with a smaller burst, so that the bot's calls arrive within Slack's even when the first of a burst arrives late.
 * Callers learn how long to wait for their turn, in the order they asked. A 429 moves the bucket's next turn to
 * Slack's {@code Retry-After}: every later caller of that method (in that channel) waits for it, not only the one
 * that met it.
 *
 * <pre>{@code
 * WebApiPace pace = new WebApiPace(System::nanoTime);
 * pace.reserve("chat.postMessage", "C0OPS");   // PT0S twice, then about PT1.1S, PT2.2S, …
 * }</pre>
 */
final class WebApiPace {

    /** Slack allows about one post a second per channel with short bursts: the bot posts a little slower. */
    static final double POSTS_PER_SECOND_PER_CHANNEL = 0.9;

    /** Slack publishes no burst size: two posts, so that a late first one leaves the second room. */
    static final int POST_BURST = 2;

    /** Tier 2 is "20+ per minute". */
    static final int TIER_2_PER_MINUTE = 18;

    static final int TIER_2_BURST = 2;

    /** Tier 3 ({@code chat.update}, {@code conversations.history}, …) is "50+ per minute". */
    static final int TIER_3_PER_MINUTE = 45;

    static final int TIER_3_BURST = 4;

    /** Tier 4 ({@code users.info}, {@code views.*}, {@code chat.postEphemeral}) is "100+ per minute". */
    static final int TIER_4_PER_MINUTE = 90;

    static final int TIER_4_BURST = 8;

    private static final double NANOS_PER_SECOND = 1e9;

    private record Rate(double perSecond, int burst) {
        static Rate perMinute(int perMinute, int burst) {
            return new Rate(perMinute / 60.0, burst);
        }
    }

    private static final Rate POSTS = new Rate(POSTS_PER_SECOND_PER_CHANNEL, POST_BURST);
    private static final Rate TIER_2 = Rate.perMinute(TIER_2_PER_MINUTE, TIER_2_BURST);
    private static final Rate TIER_3 = Rate.perMinute(TIER_3_PER_MINUTE, TIER_3_BURST);
    private static final Rate TIER_4 = Rate.perMinute(TIER_4_PER_MINUTE, TIER_4_BURST);

    /**
     * The methods the bot calls that Slack limits: {@code slack.md} §9 and the Slack SDK's tier table
     * ({@code MethodsRateLimits}, which puts {@code users.conversations} in Tier 2). {@code auth.test} and
     * {@code chat.getPermalink} are allowed hundreds a minute and go unpaced.
     */
    private static final Map<String, Rate> RATES = Map.ofEntries(
            Map.entry("chat.postMessage", POSTS),
            Map.entry("usergroups.users.list", TIER_2),
            Map.entry("users.conversations", TIER_2),
            Map.entry("chat.update", TIER_3),
            Map.entry("conversations.history", TIER_3),
            Map.entry("conversations.replies", TIER_3),
            Map.entry("conversations.info", TIER_3),
            // api.slack.com/methods/chat.delete: Tier 3
            Map.entry("chat.delete", TIER_3),
            Map.entry("users.info", TIER_4),
            Map.entry("views.open", TIER_4),
            Map.entry("views.update", TIER_4),
            Map.entry("views.publish", TIER_4),
            Map.entry("views.push", TIER_4),
            Map.entry("chat.postEphemeral", TIER_4));

    private final LongSupplier nanoTime;
    private final Map<String, Bucket> buckets = new HashMap<>();

    /** @param nanoTime a monotonic clock in nanoseconds, {@code System::nanoTime} outside tests */
    WebApiPace(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    /** A turn for a call of {@code method} ({@code channel} counts for posts only): how long to wait before it. */
    synchronized Duration reserve(String method, String channel) {
        return bucket(method, channel).map(Bucket::reserve).orElse(Duration.ZERO);
    }

    /** Slack answered a call of {@code method} 429: nobody calls it (in that channel) before {@code retryAfter}. */
    synchronized void rateLimited(String method, String channel, Duration retryAfter) {
        bucket(method, channel).ifPresent(bucket -> bucket.pause(retryAfter));
    }

    private Optional<Bucket> bucket(String method, String channel) {
        Rate rate = RATES.get(method);
        if (rate == null) {
            return Optional.empty();
        }
        String key = method.equals("chat.postMessage") ? method + " " + channel : method;
        return Optional.of(buckets.computeIfAbsent(key, k -> new Bucket(rate, nanoTime.getAsLong())));
    }

    /** Not thread-safe: the pace's monitor guards it. */
    private final class Bucket {
        private final Rate rate;
        /** Below zero while reservations wait for tokens not yet refilled. */
        private double tokens;
        /** Tokens refill from this moment on; later than now while Slack asked the bot to wait. */
        private long refilledAt;

        Bucket(Rate rate, long now) {
            this.rate = rate;
            this.tokens = rate.burst();
            this.refilledAt = now;
        }

        Duration reserve() {
            long now = nanoTime.getAsLong();
            refill(now);
            double wait = Math.max(0, refilledAt - now) / NANOS_PER_SECOND
                    + (tokens >= 1 ? 0 : (1 - tokens) / rate.perSecond());
            tokens -= 1;
            return Duration.ofNanos(Math.round(wait * NANOS_PER_SECOND));
        }

        void pause(Duration retryAfter) {
            long now = nanoTime.getAsLong();
            refill(now);
            // Slack lets one call through when Retry-After has passed, and no more than its bucket refilled since.
            tokens = Math.min(tokens, 1);
            refilledAt = Math.max(refilledAt, now + retryAfter.toNanos());
        }

        private void refill(long now) {
            if (now > refilledAt) {
                tokens = Math.min(rate.burst(), tokens + (now - refilledAt) * rate.perSecond() / NANOS_PER_SECOND);
                refilledAt = now;
            }
        }
    }
}

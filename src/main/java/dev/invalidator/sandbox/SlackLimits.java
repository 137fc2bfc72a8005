package dev.invalidator.sandbox;

import java.util.Map;
import java.util.Optional;

/**
 * The rate limits the {@link SlackSimulator} enforces, as Slack does for one app in one workspace. {@link #strict()}
 * — Slack's figures — is every simulator's default; a test that needs another setting changes one figure and says why
 * in a comment:
 *
 * <pre>{@code
 * // This test is about the wording of forty replies in one thread, not about how fast they may come.
 * slack.limits(SlackLimits.strict().withPostRate(100, 100));
 * }</pre>
 *
 * <p>There is no "off": a limit is lifted by naming a larger figure, so each lifted limit is visible where it is lifted.
 * Beyond a limit a call is answered HTTP 429 with {@code Retry-After} (the whole seconds until a call would be let
 * through, at least 1) and {@code {"ok":false,"error":"ratelimited"}}, and has no effect. Sources are the shared
 * reference {@code slack.md} §9, §10 and §15. Slack publishes each tier as "N+ per minute": the simulator uses the
 * floor N. It publishes no burst size, only that "short bursts" are allowed: each burst below is an assumption, chosen
 * small so that the simulator is never kinder than Slack.
 *
 * @param posts {@code chat.postMessage}, per channel
 * @param tier2 each Tier 2 method, per workspace
 * @param tier3 each Tier 3 method, per workspace
 * @param tier4 each Tier 4 method, per workspace
 */
public record SlackLimits(Rate posts, Rate tier2, Rate tier3, Rate tier4) {

    /** A token bucket: refilled at {@code perSecond}, holding {@code burst} calls when full. */
    public record Rate(double perSecond, int burst) {
        public Rate {
            if (!(perSecond > 0) || Double.isInfinite(perSecond)) {
                throw new IllegalArgumentException("perSecond must be a positive number, was " + perSecond);
            }
            if (burst < 1) {
                throw new IllegalArgumentException("burst must be at least 1, was " + burst);
            }
        }

        static Rate perMinute(int perMinute, int burst) {
            return new Rate(perMinute / 60.0, burst);
        }
    }

    /** A Web API rate-limit tier; each method of a tier has a bucket of its own. */
    public enum Tier {
        POSTS,
        TIER_2,
        TIER_3,
        TIER_4
    }

    /**
     * About one {@code chat.postMessage} a second per channel, thread replies included: "~1 message/second per
     * channel, bursts allowed" ({@code slack.md} §9, §15; the SDK's {@code SpecialTier_chat_postMessage}).
     */
    public static final double POSTS_PER_SECOND_PER_CHANNEL = 1;

    /** An assumption: a burst of three posts in one channel ("bursts allowed", of no published size). */
    public static final int POST_BURST = 3;

    /** Tier 2, "20+ per minute" ({@code slack.md} §9): the floor. */
    public static final int TIER_2_PER_MINUTE = 20;

    /** An assumption: three Tier 2 calls in a burst. */
    public static final int TIER_2_BURST = 3;

    /** Tier 3, "50+ per minute" ({@code slack.md} §9, §15: "≈ 50 a minute per workspace, short bursts allowed"). */
    public static final int TIER_3_PER_MINUTE = 50;

    /** An assumption: five Tier 3 calls in a burst ("short bursts"). */
    public static final int TIER_3_BURST = 5;

    /** Tier 4, "100+ per minute" ({@code slack.md} §9): the floor. */
    public static final int TIER_4_PER_MINUTE = 100;

    /** An assumption: ten Tier 4 calls in a burst. */
    public static final int TIER_4_BURST = 10;

    /**
     * The methods the bot calls that Slack limits, by tier: {@code slack.md} §9 and the tier table of the Slack SDK the
     * bot uses ({@code MethodsRateLimits} in slack-api-client 1.51.0), which puts {@code users.conversations} in Tier 2.
     * {@code chat.getPermalink} and {@code auth.test} are "special" tiers of hundreds a minute: not limited here.
     */
    private static final Map<String, Tier> TIERS = Map.ofEntries(
            Map.entry("chat.postMessage", Tier.POSTS),
            Map.entry("usergroups.users.list", Tier.TIER_2),
            Map.entry("users.conversations", Tier.TIER_2),
            Map.entry("chat.update", Tier.TIER_3),
            Map.entry("conversations.history", Tier.TIER_3),
            Map.entry("conversations.replies", Tier.TIER_3),
            Map.entry("conversations.info", Tier.TIER_3),
            // api.slack.com/methods/chat.delete: Tier 3
            Map.entry("chat.delete", Tier.TIER_3),
            // docs.slack.dev/reference/methods/functions.completeSuccess (and completeError): Tier 3
            Map.entry("functions.completeSuccess", Tier.TIER_3),
            Map.entry("functions.completeError", Tier.TIER_3),
            Map.entry("users.info", Tier.TIER_4),
            Map.entry("views.open", Tier.TIER_4),
            Map.entry("views.update", Tier.TIER_4),
            Map.entry("views.publish", Tier.TIER_4),
            Map.entry("views.push", Tier.TIER_4),
            Map.entry("chat.postEphemeral", Tier.TIER_4));

    /** Slack's limits: every simulator starts with these. */
    public static SlackLimits strict() {
        return new SlackLimits(
                new Rate(POSTS_PER_SECOND_PER_CHANNEL, POST_BURST),
                Rate.perMinute(TIER_2_PER_MINUTE, TIER_2_BURST),
                Rate.perMinute(TIER_3_PER_MINUTE, TIER_3_BURST),
                Rate.perMinute(TIER_4_PER_MINUTE, TIER_4_BURST));
    }

    /** The tier of {@code method}, or empty for a method not limited here. */
    public static Optional<Tier> tierOf(String method) {
        return Optional.ofNullable(TIERS.get(method));
    }

    /** The rate of {@code tier}. */
    public Rate rate(Tier tier) {
        return switch (tier) {
            case POSTS -> posts;
            case TIER_2 -> tier2;
            case TIER_3 -> tier3;
            case TIER_4 -> tier4;
        };
    }

    /** These limits with another rate of {@code chat.postMessage} per channel. */
    public SlackLimits withPostRate(double perSecond, int burst) {
        return new SlackLimits(new Rate(perSecond, burst), tier2, tier3, tier4);
    }

    /** These limits with another rate for each method of {@code tier}. */
    public SlackLimits withTier(Tier tier, int perMinute, int burst) {
        Rate rate = Rate.perMinute(perMinute, burst);
        return switch (tier) {
            case POSTS -> new SlackLimits(rate, tier2, tier3, tier4);
            case TIER_2 -> new SlackLimits(posts, rate, tier3, tier4);
            case TIER_3 -> new SlackLimits(posts, tier2, rate, tier4);
            case TIER_4 -> new SlackLimits(posts, tier2, tier3, rate);
        };
    }
}

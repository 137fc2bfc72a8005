package dev.invalidator.chat;

import static dev.invalidator.request.SlackText.escape;

import dev.invalidator.base.Numbers;
import java.math.BigDecimal;
import java.math.MathContext;

/**
 * Why a request waits in the queue, in the words its status message shows after its place.
 *
 * <pre>{@code
 * QueueReason.WILDCARDS.place(2, "web", 15, 0.5)
 * // "2 requests ahead on `web`; CloudFront allows 15 wildcard paths in progress"
 * }</pre>
 */
public enum QueueReason {
    /** The AWS account's create rate is spent for now. */
    ACCOUNT_TURN,
    /** The distribution's file paths in progress would go over CloudFront's limit. */
    FILES,
    /** The distribution's wildcard paths in progress would go over CloudFront's limit. */
    WILDCARDS,
    /** CloudFront answered TooManyInvalidationsInProgress, whatever the bot counted. */
    CLOUDFRONT_FULL;

    /** What a queued request shows while it goes to CloudFront in one invalidation with {@code others} more. */
    public static String sendingWith(int others) {
        return "being sent now with " + (others == 1 ? "1 other request" : others + " other requests")
                + " as one invalidation";
    }

    /**
     * The place and the reason, as the status message shows them.
     *
     * @param ahead  requests before this one on the distribution
     * @param limit  the in-progress limit that applies ({@link #FILES}, {@link #WILDCARDS})
     * @param rate   the account's creates a second now ({@link #ACCOUNT_TURN})
     */
    public String place(int ahead, String alias, int limit, double rate) {
        String where = "`" + escape(alias) + "`";
        String place = switch (ahead) {
            case 0 -> "next on " + where;
            case 1 -> "1 request ahead on " + where;
            default -> ahead + " requests ahead on " + where;
        };
        String why = switch (this) {
            case ACCOUNT_TURN ->
                "CloudFront takes "
                        + new BigDecimal(rate)
                                .round(new MathContext(2))
                                .stripTrailingZeros()
                                .toPlainString()
                        + " new invalidations a second from this AWS account";
            case FILES -> "CloudFront allows " + Numbers.grouped(limit) + " file paths in progress";
            case WILDCARDS -> "CloudFront allows " + Numbers.grouped(limit) + " wildcard paths in progress";
            case CLOUDFRONT_FULL -> "CloudFront says the distribution has too many invalidations in progress";
        };
        return place + "; " + why;
    }
}

package dev.invalidator.config;

/**
 * Caps on what one request and one minute may ask of CloudFront.
 *
 * <pre>{@code
 * LimitsConfig limits = LimitsConfig.defaults();   // 2000 paths; 5 per user, 20 per distribution, 30 reads per user a minute
 * new LimitsConfig(500, 3, 10, 30);
 * }</pre>
 *
 * @param maxPathsPerRequest               at most {@value #MOST_PATHS_PER_REQUEST}; beyond CloudFront's
 *                                         {@value #CLOUDFRONT_PATHS_IN_PROGRESS} in progress, a request goes out in
 *                                         successive invalidations
 * @param requestsPerUserPerMinute         at least 1
 * @param requestsPerDistributionPerMinute at least 1
 * @param readsPerUserPerMinute            answers one person may get a minute to {@code help}, {@code status},
 *                                         {@code list} and opening the Home tab; at least 1
 */
public record LimitsConfig(
        int maxPathsPerRequest,
        int requestsPerUserPerMinute,
        int requestsPerDistributionPerMinute,
        int readsPerUserPerMinute) {

    /**
     * CloudFront allows 3,000 file paths in progress per distribution, across all its running invalidations: a larger
     * request goes out in successive invalidations of at most this many.
     */
    public static final int CLOUDFRONT_PATHS_IN_PROGRESS = 3000;

    /**
     * The most paths one request may hold: four batches, each waiting for the one before to complete (about 25 s at
     * P95 in 2026), so even the largest request ends within minutes and holds its distribution no longer; beyond that
     * a deploy pipeline's list is better written as a few wildcards, which also cost less.
     */
    public static final int MOST_PATHS_PER_REQUEST = 10_000;

    public LimitsConfig {
        requireAtLeastOne(maxPathsPerRequest, "maxPathsPerRequest");
        requireAtLeastOne(requestsPerUserPerMinute, "requestsPerUserPerMinute");
        requireAtLeastOne(requestsPerDistributionPerMinute, "requestsPerDistributionPerMinute");
        requireAtLeastOne(readsPerUserPerMinute, "readsPerUserPerMinute");
        if (maxPathsPerRequest > MOST_PATHS_PER_REQUEST) {
            throw new IllegalArgumentException(
                    "maxPathsPerRequest must be at most " + MOST_PATHS_PER_REQUEST + ": " + maxPathsPerRequest);
        }
    }

    /** 2000, 5, 20 and 30: the values a config gets when it leaves {@code limits} out. */
    public static LimitsConfig defaults() {
        // 2000 leaves room under the 3,000 in-progress paths for invalidations made outside the bot. 30 reads a minute
        // is more than a person clicks or types, and keeps a loop from spending the CloudFront and Slack calls a read
        // costs (a list is up to 11 CloudFront calls, a Home tab one per distribution).
        return new LimitsConfig(2000, 5, 20, 30);
    }

    private static void requireAtLeastOne(int value, String name) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1: " + value);
        }
    }
}

package dev.invalidator.config;

/**
 * Caps on what one request and one minute may ask of CloudFront.
 *
 * <pre>{@code
 * LimitsConfig limits = LimitsConfig.defaults();   // 2000 paths; 5 per user, 20 per distribution, 30 reads per user a minute
 * new LimitsConfig(500, 3, 10, 30);
 * }</pre>
 *
 * @param maxPathsPerRequest               at most {@value #CLOUDFRONT_PATHS_IN_PROGRESS}
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
     * CloudFront allows 3,000 file paths in progress per distribution, across all its running invalidations; a
     * larger single request could never be accepted.
     */
    public static final int CLOUDFRONT_PATHS_IN_PROGRESS = 3000;

    public LimitsConfig {
        requireAtLeastOne(maxPathsPerRequest, "maxPathsPerRequest");
        requireAtLeastOne(requestsPerUserPerMinute, "requestsPerUserPerMinute");
        requireAtLeastOne(requestsPerDistributionPerMinute, "requestsPerDistributionPerMinute");
        requireAtLeastOne(readsPerUserPerMinute, "readsPerUserPerMinute");
        if (maxPathsPerRequest > CLOUDFRONT_PATHS_IN_PROGRESS) {
            throw new IllegalArgumentException(
                    "maxPathsPerRequest must be at most " + CLOUDFRONT_PATHS_IN_PROGRESS + ": " + maxPathsPerRequest);
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

package dev.invalidator.config;

/**
 * How fast the bot calls CloudFront in each AWS account: its CreateInvalidation calls from a token bucket holding
 * {@code createBurst} calls, refilled at {@code createsPerSecond}, and every read (Get/ListInvalidations,
 * GetDistribution) from another, holding {@code readBurst}, refilled at {@code readsPerSecond}. CloudFront throttles
 * creates at about 0.5 a second per account, after a burst of 6–7, and reads at a rate it does not publish; the bot
 * keeps under both so that a burst of requests waits its turn instead of being answered "Rate exceeded".
 *
 * <pre>{@code
 * CloudFrontConfig cloudfront = CloudFrontConfig.defaults();   // creates 0.5 a second, bursts of 5; reads 4, 8
 * new CloudFrontConfig(0.25, 3, 2, 4);                         // an account that other tools call too
 * }</pre>
 *
 * @param createsPerSecond more than zero, at most {@value #MAX_CREATES_PER_SECOND}
 * @param createBurst      1 to {@value #MAX_CREATE_BURST}
 * @param readsPerSecond   more than zero, at most {@value #MAX_READS_PER_SECOND}
 * @param readBurst        1 to {@value #MAX_READ_BURST}
 */
public record CloudFrontConfig(double createsPerSecond, int createBurst, double readsPerSecond, int readBurst) {

    /** Far above CloudFront's rate: a figure beyond it can only be a typo. */
    public static final double MAX_CREATES_PER_SECOND = 100;

    /** Far above the 6–7 calls CloudFront lets through at once. */
    public static final int MAX_CREATE_BURST = 100;

    /** Far above any read rate CloudFront is known to allow: a figure beyond it can only be a typo. */
    public static final double MAX_READS_PER_SECOND = 100;

    /** Far above the reads CloudFront is assumed to let through at once. */
    public static final int MAX_READ_BURST = 100;

    public CloudFrontConfig {
        if (!(createsPerSecond > 0) || createsPerSecond > MAX_CREATES_PER_SECOND) {
            throw new IllegalArgumentException("createsPerSecond must be more than 0 and at most "
                    + MAX_CREATES_PER_SECOND + ": " + createsPerSecond);
        }
        if (createBurst < 1 || createBurst > MAX_CREATE_BURST) {
            throw new IllegalArgumentException("createBurst must be 1 to " + MAX_CREATE_BURST + ": " + createBurst);
        }
        if (!(readsPerSecond > 0) || readsPerSecond > MAX_READS_PER_SECOND) {
            throw new IllegalArgumentException(
                    "readsPerSecond must be more than 0 and at most " + MAX_READS_PER_SECOND + ": " + readsPerSecond);
        }
        if (readBurst < 1 || readBurst > MAX_READ_BURST) {
            throw new IllegalArgumentException("readBurst must be 1 to " + MAX_READ_BURST + ": " + readBurst);
        }
    }

    /**
     * 0.5 a second with bursts of 5: CloudFront's own figures, "The default CreateInvalidation rate limit is 0.5"
     * per account (an AWS SDK maintainer, aws/aws-sdk-js issue #3983) and "Rate exceeded" after 6–7 quick calls.
     * Reads 4 a second with bursts of 8: AWS publishes no read rate, so the figure is a little under the 5 a second
     * after 10 that the simulator assumes (and the real service is never assumed kinder than that), leaving room for
     * a call that arrives sooner than it was sent.
     */
    public static CloudFrontConfig defaults() {
        return new CloudFrontConfig(0.5, 5, 4, 8);
    }
}

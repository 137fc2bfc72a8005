package dev.invalidator.config;

/**
 * How fast the bot sends CreateInvalidation calls to each AWS account: a token bucket holding {@code createBurst}
 * calls, refilled at {@code createsPerSecond}. CloudFront throttles creates at about 0.5 a second per account,
 * after a burst of 6–7; the bot keeps under that so that a burst of requests waits its turn instead of being answered
 * "Rate exceeded".
 *
 * <pre>{@code
 * CloudFrontConfig cloudfront = CloudFrontConfig.defaults();   // 0.5 a second, bursts of 5
 * new CloudFrontConfig(0.25, 3);                               // an account that other tools invalidate too
 * }</pre>
 *
 * @param createsPerSecond more than zero, at most {@value #MAX_CREATES_PER_SECOND}
 * @param createBurst      1 to {@value #MAX_CREATE_BURST}
 */
public record CloudFrontConfig(double createsPerSecond, int createBurst) {

    /** Far above CloudFront's rate: a figure beyond it can only be a typo. */
    public static final double MAX_CREATES_PER_SECOND = 100;

    /** Far above the 6–7 calls CloudFront lets through at once. */
    public static final int MAX_CREATE_BURST = 100;

    public CloudFrontConfig {
        if (!(createsPerSecond > 0) || createsPerSecond > MAX_CREATES_PER_SECOND) {
            throw new IllegalArgumentException("createsPerSecond must be more than 0 and at most "
                    + MAX_CREATES_PER_SECOND + ": " + createsPerSecond);
        }
        if (createBurst < 1 || createBurst > MAX_CREATE_BURST) {
            throw new IllegalArgumentException("createBurst must be 1 to " + MAX_CREATE_BURST + ": " + createBurst);
        }
    }

    /**
     * 0.5 a second with bursts of 5: CloudFront's own figures, "The default CreateInvalidation rate limit is 0.5"
     * per account (an AWS SDK maintainer, aws/aws-sdk-js issue #3983) and "Rate exceeded" after 6–7 quick calls.
     */
    public static CloudFrontConfig defaults() {
        return new CloudFrontConfig(0.5, 5);
    }
}

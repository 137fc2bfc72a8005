package dev.invalidator.sandbox;

/**
 * The limits the {@link CloudFrontSimulator} enforces, as the real service does, for the one AWS account a simulator
 * stands for. {@link #strict()} — the real figures — is every simulator's default; a test that needs another setting
 * changes one figure and says why in a comment:
 *
 * <pre>{@code
 * // This test is about the thread's wording; twenty creates in a second would be paced.
 * simulator.limits(CloudFrontLimits.strict().withCreateRate(100, 100));
 * }</pre>
 *
 * <p>There is no "off": a limit is lifted by naming a larger figure, so each lifted limit is visible where it is lifted.
 * Sources are the shared reference {@code cloudfront.md} §2 and §10, which cites AWS for each figure.
 *
 * @param createsPerSecond        CreateInvalidation calls the account's bucket refills a second; more than this
 *                                sustained is answered {@code 400 Throttling} "Rate exceeded"
 * @param createBurst             CreateInvalidation calls the bucket holds when full
 * @param readsPerSecond          other calls (Get/ListInvalidations, Get/ListDistributions) refilled a second
 * @param readBurst               other calls the read bucket holds when full
 * @param filePathsInProgress     file paths (not ending in {@code *}) a distribution may have in progress
 * @param wildcardPathsInProgress wildcard paths (ending in {@code *}) a distribution may have in progress
 */
public record CloudFrontLimits(
        double createsPerSecond,
        int createBurst,
        double readsPerSecond,
        int readBurst,
        int filePathsInProgress,
        int wildcardPathsInProgress) {

    /**
     * About 0.5 CreateInvalidation calls a second per AWS account: an AWS SDK maintainer, "The default
     * CreateInvalidation rate limit is 0.5" (throttle key {@code Operation:CreateInvalidation,aws-account:}),
     * aws/aws-sdk-js issue #3983 ({@code cloudfront.md} §10).
     */
    public static final double CREATES_PER_SECOND = 0.5;

    /**
     * Five calls in a burst: users see {@code Throttling} "after the first 6–7" quick calls (aws/aws-sdk-js issue
     * #3983, spacecatninja/craft-imager-x issue #19; {@code cloudfront.md} §2 and §10). Five, below what they report,
     * so that the simulator is never kinder than the service.
     */
    public static final int CREATE_BURST = 5;

    /**
     * An assumption: AWS publishes no rate for CloudFront's read calls, only that they are throttled per account like
     * every control-plane call ({@code cloudfront.md} §10, "read calls … no published rate"). Five a second, ten times
     * the create rate, keeps a bot that polls each busy distribution every few seconds honest about its reads.
     */
    public static final double READS_PER_SECOND = 5;

    /** An assumption, like {@link #READS_PER_SECOND}: a burst of ten reads. */
    public static final int READ_BURST = 10;

    /**
     * 3,000 file paths in progress per distribution, in any mix of requests, wildcard paths excluded: the developer
     * guide's "Concurrent invalidation request maximum" and its quotas page ({@code cloudfront.md} §2).
     */
    public static final int FILE_PATHS_IN_PROGRESS = 3000;

    /**
     * 15 wildcard paths in progress per distribution, independent of the 3,000 file paths: "maximum number of active
     * wildcard invalidations allowed" ({@code cloudfront.md} §2).
     */
    public static final int WILDCARD_PATHS_IN_PROGRESS = 15;

    public CloudFrontLimits {
        requirePositive(createsPerSecond, "createsPerSecond");
        requireAtLeastOne(createBurst, "createBurst");
        requirePositive(readsPerSecond, "readsPerSecond");
        requireAtLeastOne(readBurst, "readBurst");
        requireAtLeastOne(filePathsInProgress, "filePathsInProgress");
        requireAtLeastOne(wildcardPathsInProgress, "wildcardPathsInProgress");
    }

    /** The real service's limits: every simulator starts with these. */
    public static CloudFrontLimits strict() {
        return new CloudFrontLimits(
                CREATES_PER_SECOND,
                CREATE_BURST,
                READS_PER_SECOND,
                READ_BURST,
                FILE_PATHS_IN_PROGRESS,
                WILDCARD_PATHS_IN_PROGRESS);
    }

    /** These limits with another CreateInvalidation rate. */
    public CloudFrontLimits withCreateRate(double perSecond, int burst) {
        return new CloudFrontLimits(
                perSecond, burst, readsPerSecond, readBurst, filePathsInProgress, wildcardPathsInProgress);
    }

    /** These limits with another rate for every other call. */
    public CloudFrontLimits withReadRate(double perSecond, int burst) {
        return new CloudFrontLimits(
                createsPerSecond, createBurst, perSecond, burst, filePathsInProgress, wildcardPathsInProgress);
    }

    /** These limits with other in-progress limits per distribution. */
    public CloudFrontLimits withPathsInProgress(int filePaths, int wildcardPaths) {
        return new CloudFrontLimits(createsPerSecond, createBurst, readsPerSecond, readBurst, filePaths, wildcardPaths);
    }

    private static void requirePositive(double value, String name) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be a positive number, was " + value);
        }
    }

    private static void requireAtLeastOne(int value, String name) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, was " + value);
        }
    }
}

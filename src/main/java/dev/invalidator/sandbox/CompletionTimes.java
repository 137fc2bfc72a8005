package dev.invalidator.sandbox;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/**
 * How long the {@link CloudFrontSimulator}'s invalidations take to complete: {@link #FOR_TESTS} by default, the times
 * CloudFront shows since April 2026 with {@link #since2026(long)}.
 *
 * <pre>{@code
 * simulator.completionDelay(CompletionTimes.since2026(42));   // the benchmark: median 8 s, P95 25 s
 * }</pre>
 */
public final class CompletionTimes {

    /**
     * Two seconds for every invalidation, the simulator's default: quicker and steadier than the real service, so that
     * a test that waits for a completion takes seconds and always the same ones. Tests about slow completions hold
     * them ({@link CloudFrontSimulator#holdCompletions(boolean)}); the benchmark uses {@link #since2026(long)}.
     */
    public static final Duration FOR_TESTS = Duration.ofSeconds(2);

    /**
     * The median of {@link #since2026(long)}: an assumption, since AWS publishes only the P95 (below). Eight seconds
     * sits between "take effect in under 5 seconds at P95" and the completion's 25 s.
     */
    public static final Duration MEDIAN_2026 = Duration.ofSeconds(8);

    /**
     * "End-to-end completion time, which includes reporting the invalidation status back, is under 25 seconds at P95"
     * since 2026-04-29: aws.amazon.com/about-aws/whats-new/2026/04/cloudfront-invalidation-cache-tag/
     * ({@code cloudfront.md} §10).
     */
    public static final Duration P95_2026 = Duration.ofSeconds(25);

    /** The standard normal's 95th percentile. */
    private static final double Z_95 = 1.6448536269514722;

    private CompletionTimes() {}

    /**
     * Log-normal completion times with the median {@link #MEDIAN_2026} and the 95th percentile {@link #P95_2026},
     * drawn from a generator seeded with {@code seed} so that a run can be repeated.
     */
    public static Function<List<String>, Duration> since2026(long seed) {
        Random random = new Random(seed);
        double mu = Math.log((double) MEDIAN_2026.toMillis());
        double sigma = Math.log((double) P95_2026.toMillis() / MEDIAN_2026.toMillis()) / Z_95;
        return paths -> Duration.ofMillis(Math.round(Math.exp(mu + sigma * random.nextGaussian())));
    }
}

package dev.invalidator.metrics;

import dev.invalidator.cdn.CdnCallObserver;
import dev.invalidator.cdn.CdnException.Failure;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * What CloudFront does for the bot: each call's operation, outcome and duration ({@value #CALLS}), and the paths each
 * AWS account has used this month against the free allowance ({@value #PATHS_THIS_MONTH}, {@value #FREE_PATHS}).
 *
 * <pre>{@code
 * Cdn cdn = new CloudFrontCdn(aws, roles, health.andThen(metrics.cloudFront()));
 * // invalidator_cloudfront_calls_seconds_count{operation="CreateInvalidation",outcome="ok"} 1.0
 * }</pre>
 *
 * <p>The outcome is the call's end after the SDK's retries: {@code ok}, {@code throttled}, {@code
 * too_many_in_progress}, {@code access_denied}, {@code server_error} (CloudFront answered 5xx or could not be
 * reached), {@code not_found}, {@code rejected} (a bad argument or too large a batch), {@code reference_reused} (a
 * create sent again, answered with the earlier invalidation) or {@code unexpected}.
 */
public final class CloudFrontMeters implements CdnCallObserver {

    static final String CALLS = "invalidator.cloudfront.calls";
    static final String PATHS_THIS_MONTH = "invalidator.paths.this.month";
    static final String FREE_PATHS = "invalidator.free.paths.per.month";

    /** CloudFront's answers take from tens of milliseconds to the SDK's whole minute of retries. */
    private static final Duration[] BUCKETS = {
        Duration.ofMillis(50),
        Duration.ofMillis(100),
        Duration.ofMillis(250),
        Duration.ofMillis(500),
        Duration.ofSeconds(1),
        Duration.ofMillis(2_500),
        Duration.ofSeconds(5),
        Duration.ofSeconds(10),
        Duration.ofSeconds(30),
        Duration.ofSeconds(60)
    };

    private final MeterRegistry registry;

    CloudFrontMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void answered(String operation, String distributionId, Duration took) {
        record(operation, "ok", took);
    }

    @Override
    public void failed(String operation, String distributionId, Failure failure, Duration took) {
        record(operation, outcome(failure), took);
    }

    /**
     * Shows each account's paths of this month next to CloudFront's free allowance, as {@code lastKnown} tells them
     * when Prometheus asks: it must answer from memory (a scrape must never wait for CloudFront), empty while it
     * knows nothing yet, shown as NaN.
     *
     * @param accounts {@code default} (the bot's own account) and the 12-digit ids of the config's roles
     */
    public void watchPathsThisMonth(
            List<String> accounts, Function<String, Optional<Integer>> lastKnown, int freePathsPerMonth) {
        for (String account : accounts) {
            Gauge.builder(PATHS_THIS_MONTH, () -> {
                        Optional<Integer> used = lastKnown.apply(account);
                        return used.isPresent() ? used.get() : Double.NaN;
                    })
                    .description("Invalidation paths this AWS account used this UTC month, as the bot last read them")
                    .tag("account", account)
                    .register(registry);
            Gauge.builder(FREE_PATHS, () -> freePathsPerMonth)
                    .description("Invalidation paths CloudFront gives each AWS account free every month")
                    .tag("account", account)
                    .register(registry);
        }
    }

    private void record(String operation, String outcome, Duration took) {
        Timer.builder(CALLS)
                .description("CloudFront API calls, by how they ended after the SDK's retries")
                .tag("operation", operation)
                .tag("outcome", outcome)
                .serviceLevelObjectives(BUCKETS)
                .register(registry)
                .record(took);
    }

    static String outcome(Failure failure) {
        return switch (failure) {
            case THROTTLED -> "throttled";
            case TOO_MANY_IN_PROGRESS -> "too_many_in_progress";
            case ACCESS_DENIED -> "access_denied";
            case UNAVAILABLE -> "server_error";
            case NO_SUCH_DISTRIBUTION, NO_SUCH_TENANT, NO_SUCH_INVALIDATION -> "not_found";
            case INVALID_ARGUMENT, BATCH_TOO_LARGE -> "rejected";
            case REFERENCE_ALREADY_USED -> "reference_reused";
            case UNEXPECTED -> "unexpected";
        };
    }
}

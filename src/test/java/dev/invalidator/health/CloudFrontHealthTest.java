package dev.invalidator.health;

import static dev.invalidator.testing.CloudFrontFixture.WEB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.invalidator.cdn.CdnException;
import dev.invalidator.cdn.cloudfront.CloudFrontCdn;
import dev.invalidator.sandbox.CloudFrontSimulator.Fault;
import dev.invalidator.sandbox.CloudFrontSimulator.Operation;
import dev.invalidator.testing.CloudFrontFixture;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** What the adapter's calls through the real AWS SDK, against the CloudFront simulator, make of the health. */
class CloudFrontHealthTest {

    /** A distribution CloudFront does not have (deleted, or in an account the bot can no longer reach). */
    private static final String GONE = "E9GONEEXAMPLE";

    /** Every attempt the local SDK settings make, so the fault outlasts the retries. */
    private static final int ALL_ATTEMPTS = 4;

    private final CloudFrontFixture cloudFront = new CloudFrontFixture();
    private final CloudFrontHealth health = new CloudFrontHealth(Map.of("web", WEB));
    private final CloudFrontCdn cdn = new CloudFrontCdn(cloudFront.aws, Map.of(), health);

    @AfterEach
    void close() {
        cloudFront.close();
    }

    private void failing(Operation operation, Fault fault, int times, Runnable call) {
        cloudFront.simulator.injectFault(operation, fault, times);
        assertThatThrownBy(call::run).isInstanceOf(CdnException.class);
    }

    @Test
    void is_ok_before_any_call() {
        assertThat(health.status(WEB)).isEqualTo(CloudFrontStatus.OK);
    }

    @Nested
    class PerDistribution {

        @Test
        void a_failure_on_one_leaves_the_others_ok() {
            assertThatThrownBy(() -> cdn.distribution(GONE)).isInstanceOf(CdnException.class);

            assertThat(health.status(WEB)).isEqualTo(CloudFrontStatus.OK);
        }

        @Test
        void a_failure_stays_while_calls_about_other_distributions_are_answered() {
            assertThatThrownBy(() -> cdn.distribution(GONE)).isInstanceOf(CdnException.class);

            cdn.invalidations(WEB, null, 10);

            assertThat(health.status(GONE).state()).isEqualTo(CloudFrontStatus.State.FAILING);
        }

        @Test
        void lists_each_configured_distribution_by_name_in_the_configs_order() {
            Map<String, String> config = new LinkedHashMap<>();
            config.put("web", WEB);
            config.put("legacy", GONE);
            CloudFrontHealth listed = new CloudFrontHealth(config);
            CloudFrontCdn observed = new CloudFrontCdn(cloudFront.aws, Map.of(), listed);
            observed.invalidations(WEB, null, 10);
            assertThatThrownBy(() -> observed.distribution(GONE)).isInstanceOf(CdnException.class);

            assertThat(listed.distributions())
                    .containsExactly(
                            new DistributionHealth("web", WEB, CloudFrontStatus.OK),
                            new DistributionHealth(
                                    "legacy",
                                    GONE,
                                    CloudFrontStatus.failing("GetDistribution", "no_such_distribution")));
        }
    }

    @Nested
    class Fails {

        @Test
        void when_access_is_denied_naming_the_operation() {
            failing(Operation.GET_DISTRIBUTION, Fault.ACCESS_DENIED, 1, () -> cdn.distribution(WEB));

            assertThat(health.status(WEB)).isEqualTo(CloudFrontStatus.failing("GetDistribution", "access_denied"));
        }

        @Test
        void when_cloudfront_keeps_failing_through_the_retries() {
            failing(
                    Operation.LIST_INVALIDATIONS,
                    Fault.SERVICE_UNAVAILABLE,
                    ALL_ATTEMPTS,
                    () -> cdn.invalidations(WEB, null, 10));

            assertThat(health.status(WEB)).isEqualTo(CloudFrontStatus.failing("ListInvalidations", "unavailable"));
        }

        @Test
        void when_a_configured_distribution_is_gone() {
            assertThatThrownBy(() -> cdn.distribution(GONE)).isInstanceOf(CdnException.class);

            assertThat(health.status(GONE))
                    .isEqualTo(CloudFrontStatus.failing("GetDistribution", "no_such_distribution"));
        }

        @Test
        void until_the_next_call_about_it_is_answered() {
            failing(
                    Operation.CREATE_INVALIDATION,
                    Fault.ACCESS_DENIED,
                    1,
                    () -> cdn.create(WEB, CloudFrontFixture.reference(), List.of("/index.html")));

            cdn.invalidations(WEB, null, 10);

            assertThat(health.status(WEB)).isEqualTo(CloudFrontStatus.OK);
        }
    }

    @Nested
    class StaysHealthy {

        @Test
        void when_throttling_outlasts_the_retries_saying_so() {
            failing(
                    Operation.LIST_INVALIDATIONS,
                    Fault.THROTTLING,
                    ALL_ATTEMPTS,
                    () -> cdn.invalidations(WEB, null, 10));

            assertThat(health.status(WEB)).isEqualTo(CloudFrontStatus.throttled("ListInvalidations"));
        }

        @Test
        void when_a_throttled_call_succeeds_on_a_retry() {
            cloudFront.simulator.injectFault(Operation.GET_DISTRIBUTION, Fault.THROTTLING, 1);

            cdn.distribution(WEB);

            assertThat(health.status(WEB)).isEqualTo(CloudFrontStatus.OK);
        }

        @Test
        void when_cloudfront_refuses_the_request_itself() {
            failing(
                    Operation.CREATE_INVALIDATION,
                    Fault.TOO_MANY_INVALIDATIONS_IN_PROGRESS,
                    1,
                    () -> cdn.create(WEB, CloudFrontFixture.reference(), List.of("/index.html")));

            assertThat(health.status(WEB)).isEqualTo(CloudFrontStatus.OK);
        }
    }
}

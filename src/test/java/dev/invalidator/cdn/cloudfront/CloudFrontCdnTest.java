package dev.invalidator.cdn.cloudfront;

import static dev.invalidator.testing.CloudFrontFixture.WEB;
import static dev.invalidator.testing.CloudFrontFixture.reference;
import static org.assertj.core.api.Assertions.assertThat;

import dev.invalidator.aws.AwsClients;
import dev.invalidator.cdn.CdnException;
import dev.invalidator.cdn.CdnException.Failure;
import dev.invalidator.cdn.Distribution;
import dev.invalidator.cdn.Invalidation;
import dev.invalidator.cdn.InvalidationStatus;
import dev.invalidator.sandbox.CloudFrontLimits;
import dev.invalidator.sandbox.CloudFrontSimulator.Fault;
import dev.invalidator.sandbox.CloudFrontSimulator.Operation;
import dev.invalidator.testing.CloudFrontFixture;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** The gateway with the real AWS SDK client, over HTTP, against the CloudFront simulator. */
class CloudFrontCdnTest {

    private final CloudFrontFixture cloudFront = new CloudFrontFixture();
    private final CloudFrontCdn cdn = cloudFront.cdn;

    @AfterEach
    void close() {
        cloudFront.close();
    }

    private CdnException failureOf(Runnable call) {
        try {
            call.run();
        } catch (CdnException e) {
            return e;
        }
        throw new AssertionError("expected a CdnException");
    }

    @Nested
    class Lookups {

        @Test
        void reads_a_distributions_domain_and_alternate_domain_names() {
            Distribution distribution = cdn.distribution(WEB);

            assertThat(distribution.hosts())
                    .containsExactlyInAnyOrder("d111111abcdef8.cloudfront.net", "www.example.com");
        }

        @Test
        void reads_the_header_a_distributions_cache_tag_config_names() {
            cloudFront.simulator.cacheTagHeader(WEB, "Edge-Cache-Tag");

            assertThat(cdn.distribution(WEB).cacheTagHeader()).contains("Edge-Cache-Tag");
        }

        @Test
        void a_distribution_without_cache_tag_config_honours_no_cache_tags() {
            assertThat(cdn.distribution(WEB).honoursCacheTags()).isFalse();
        }

        @Test
        void follows_pages_newest_first_for_recent_invalidations() {
            Instant start = Instant.parse("2026-11-01T00:00:00Z");
            for (int i = 0; i < 250; i++) {
                cloudFront.simulator.seedInvalidation(WEB, List.of("/" + i), start.plusSeconds(i), true, null);
            }

            var recent = cdn.recentInvalidations(WEB, 230);

            assertThat(recent).hasSize(230);
            assertThat(recent.get(0).createTime()).isEqualTo(start.plusSeconds(249));
            assertThat(cloudFront.simulator.calls(Operation.LIST_INVALIDATIONS)).isEqualTo(3);
        }

        @Test
        void reaches_the_endpoint_named_by_the_sdks_own_configuration() {
            System.setProperty(
                    "aws.endpointUrlCloudFront", cloudFront.simulator.endpoint().toString());
            AwsClients.Settings noOverride = new AwsClients.Settings(
                    Optional.empty(),
                    StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")),
                    1,
                    java.time.Duration.ofMillis(10),
                    java.time.Duration.ofMillis(10),
                    java.time.Duration.ofSeconds(5));
            try (AwsClients aws = new AwsClients(noOverride)) {
                assertThat(new CloudFrontCdn(aws, Map.of()).distribution(WEB).id())
                        .isEqualTo(WEB);
            } finally {
                System.clearProperty("aws.endpointUrlCloudFront");
            }
        }
    }

    /** The look-up that tells a restarted bot whether a status message's request was sent. */
    @Nested
    class FindingAReference {

        private static final Instant POSTED = Instant.parse("2026-11-03T10:00:00Z");
        private static final String REFERENCE = "invalidator/1/C0OPS/" + POSTED.getEpochSecond() + ".000100/U0ALICE";

        @Test
        void finds_the_invalidation_behind_any_number_created_after_it_on_a_busy_distribution() {
            cloudFront.simulator.seedInvalidation(WEB, List.of("/mine.html"), POSTED.plusSeconds(1), true, REFERENCE);
            for (int i = 0; i < 120; i++) {
                cloudFront.simulator.seedInvalidation(WEB, List.of("/" + i), POSTED.plusSeconds(2 + i), true, null);
            }

            // This test is about the adapter reading the whole window, alone: its 121 GetInvalidation calls in a row
            // outrun CloudFront's read rate. In the bot every read waits for its turn in ReadBudget, and
            // ReadBudgetTest finds a reference behind 200 that way without lifting the rate.
            cloudFront.simulator.limits(CloudFrontLimits.strict().withReadRate(1_000, 1_000));

            Optional<Invalidation> found = cdn.findByCallerReference(WEB, REFERENCE);

            assertThat(found).map(Invalidation::paths).contains(List.of("/mine.html"));
        }

        @Test
        void reads_nothing_created_well_before_the_status_message() {
            for (int i = 0; i < 150; i++) {
                cloudFront.simulator.seedInvalidation(
                        WEB, List.of("/old/" + i), POSTED.minusSeconds(3_600 + i), true, null);
            }
            cloudFront.simulator.seedInvalidation(WEB, List.of("/newer.html"), POSTED.plusSeconds(5), true, null);

            assertThat(cdn.findByCallerReference(WEB, REFERENCE)).isEmpty();
            assertThat(cloudFront.simulator.calls(Operation.GET_INVALIDATION)).isEqualTo(1);
            assertThat(cloudFront.simulator.calls(Operation.LIST_INVALIDATIONS)).isEqualTo(1);
        }
    }

    @Nested
    class Creating {

        @Test
        void returns_the_new_invalidation_in_progress_with_its_paths_and_reference() {
            String reference = reference();

            Invalidation created = cdn.create(WEB, reference, List.of("/index.html", "/css/*"));

            assertThat(created.status()).isEqualTo(InvalidationStatus.IN_PROGRESS);
            assertThat(created.paths()).containsExactly("/index.html", "/css/*");
            assertThat(created.callerReference()).isEqualTo(reference);
        }

        @Test
        void retries_after_throttling_and_creates_exactly_one_invalidation() {
            cloudFront.simulator.injectFault(Operation.CREATE_INVALIDATION, Fault.THROTTLING, 2);

            Invalidation created = cdn.create(WEB, reference(), List.of("/index.html"));

            assertThat(cloudFront.simulator.calls(Operation.CREATE_INVALIDATION))
                    .isEqualTo(3);
            assertThat(cloudFront.simulator.invalidations(WEB)).extracting("id").containsExactly(created.id());
        }

        @Test
        void a_lost_answer_and_the_retry_that_follows_create_one_invalidation() {
            cloudFront.simulator.injectFault(Operation.CREATE_INVALIDATION, Fault.SERVICE_UNAVAILABLE_AFTER_COMMIT, 1);

            Invalidation created = cdn.create(WEB, reference(), List.of("/index.html"));

            assertThat(cloudFront.simulator.invalidations(WEB)).extracting("id").containsExactly(created.id());
        }

        @Test
        void sending_the_same_request_again_returns_the_first_invalidation() {
            String reference = reference();
            Invalidation first = cdn.create(WEB, reference, List.of("/a.html", "/b.html"));

            Invalidation again = cdn.create(WEB, reference, List.of("/b.html", "/a.html"));

            assertThat(again.id()).isEqualTo(first.id());
            assertThat(cloudFront.simulator.invalidations(WEB)).hasSize(1);
        }

        @Test
        void a_reused_reference_answered_with_invalid_argument_is_looked_up_instead_of_created_again() {
            cloudFront.simulator.answerReusedReferenceWithInvalidArgument(true);
            String reference = reference();
            Invalidation first = cdn.create(WEB, reference, List.of("/index.html"));
            cdn.create(WEB, reference(), List.of("/other.html"));

            Invalidation again = cdn.create(WEB, reference, List.of("/index.html"));

            assertThat(again.id()).isEqualTo(first.id());
            assertThat(cloudFront.simulator.invalidations(WEB)).hasSize(2);
        }

        @Test
        void a_reused_reference_with_other_paths_is_a_typed_failure() {
            String reference = reference();
            cdn.create(WEB, reference, List.of("/index.html"));

            CdnException failure = failureOf(() -> cdn.create(WEB, reference, List.of("/other.html")));

            assertThat(failure.failure()).isEqualTo(Failure.REFERENCE_ALREADY_USED);
        }
    }

    @Nested
    class Failures {

        @Test
        void too_many_invalidations_in_progress_is_not_retried_and_says_what_to_do() {
            cloudFront.simulator.injectFault(
                    Operation.CREATE_INVALIDATION, Fault.TOO_MANY_INVALIDATIONS_IN_PROGRESS, 1);

            CdnException failure = failureOf(() -> cdn.create(WEB, reference(), List.of("/index.html")));

            assertThat(failure.failure()).isEqualTo(Failure.TOO_MANY_IN_PROGRESS);
            assertThat(failure.nextStep()).contains("wildcard");
            assertThat(cloudFront.simulator.calls(Operation.CREATE_INVALIDATION))
                    .isEqualTo(1);
        }

        @Test
        void access_denied_names_the_missing_iam_action() {
            cloudFront.simulator.injectFault(Operation.CREATE_INVALIDATION, Fault.ACCESS_DENIED, 1);

            CdnException failure = failureOf(() -> cdn.create(WEB, reference(), List.of("/index.html")));

            assertThat(failure.failure()).isEqualTo(Failure.ACCESS_DENIED);
            assertThat(failure.getMessage())
                    .contains("cloudfront:CreateInvalidation")
                    .contains(WEB);
            assertThat(failure.nextStep()).contains("cloudfront:CreateInvalidation");
        }

        @Test
        void throttling_that_outlasts_the_retries_says_how_often_it_was_tried() {
            cloudFront.simulator.injectFault(Operation.CREATE_INVALIDATION, Fault.THROTTLING, 10);

            CdnException failure = failureOf(() -> cdn.create(WEB, reference(), List.of("/index.html")));

            assertThat(failure.failure()).isEqualTo(Failure.THROTTLED);
            assertThat(failure.getMessage()).contains("after 4 attempts");
            assertThat(cloudFront.simulator.invalidations(WEB)).isEmpty();
        }

        @Test
        void a_server_error_that_outlasts_the_retries_is_unavailable() {
            cloudFront.simulator.injectFault(Operation.GET_DISTRIBUTION, Fault.SERVICE_UNAVAILABLE, 10);

            assertThat(failureOf(() -> cdn.distribution(WEB)).failure()).isEqualTo(Failure.UNAVAILABLE);
        }

        @Test
        void an_unknown_distribution_is_named() {
            CdnException failure = failureOf(() -> cdn.distribution("E0NOSUCHDIST1"));

            assertThat(failure.failure()).isEqualTo(Failure.NO_SUCH_DISTRIBUTION);
            assertThat(failure.getMessage()).contains("E0NOSUCHDIST1");
        }

        @Test
        void paths_cloudfront_rejects_are_an_invalid_argument_with_its_message() {
            CdnException failure = failureOf(() -> cdn.create(WEB, reference(), List.of("index.html")));

            assertThat(failure.failure()).isEqualTo(Failure.INVALID_ARGUMENT);
            assertThat(failure.getMessage()).contains("invalid invalidation paths");
        }

        @Test
        void nothing_listening_is_unavailable_not_a_crash() {
            AwsClients.Settings closedPort =
                    AwsClients.Settings.forLocalEndpoint(java.net.URI.create("http://127.0.0.1:9"));
            try (AwsClients aws = new AwsClients(closedPort)) {
                CdnException failure = failureOf(() -> new CloudFrontCdn(aws, Map.of()).distribution(WEB));

                assertThat(failure.failure()).isEqualTo(Failure.UNAVAILABLE);
                assertThat(failure.getMessage()).contains("could not reach CloudFront");
            }
        }
    }
}

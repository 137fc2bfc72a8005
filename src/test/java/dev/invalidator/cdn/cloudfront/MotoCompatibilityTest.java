package dev.invalidator.cdn.cloudfront;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.invalidator.aws.AwsClients;
import dev.invalidator.cdn.CallerReference;
import dev.invalidator.cdn.CdnException;
import dev.invalidator.cdn.Distribution;
import dev.invalidator.cdn.Invalidation;
import dev.invalidator.cdn.InvalidationStatus;
import dev.invalidator.cdn.InvalidationSummary;
import dev.invalidator.cdn.ReadBudget;
import dev.invalidator.metrics.BotMetrics;
import dev.invalidator.testing.BotFixture;
import dev.invalidator.testing.MotoServer;
import dev.invalidator.testing.RecordingListener;
import dev.invalidator.tracking.PollSchedule;
import dev.invalidator.tracking.Recovery;
import dev.invalidator.tracking.Tracker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The gateway and the tracker against moto, an AWS emulator we did not write: moto answers {@code COMPLETED} in upper
 * case at once, ignores pagination and never de-duplicates caller references, and the code has to cope.
 */
@Tag("moto")
class MotoCompatibilityTest {

    private static final String OTHER_ACCOUNT_ROLE = "arn:aws:iam::111111111111:role/invalidator";

    private static AwsClients aws;

    @BeforeAll
    static void connect() {
        aws = new AwsClients(AwsClients.Settings.forLocalEndpoint(MotoServer.endpoint()));
    }

    @AfterAll
    static void disconnect() {
        aws.close();
    }

    private static String reference() {
        long seconds = Instant.now().getEpochSecond();
        return new CallerReference("C0OPS", seconds + "." + (100000 + (int) (Math.random() * 899999)), "U0ALICE")
                .encode();
    }

    @Nested
    class Gateway {

        private final String distributionId =
                MotoServer.createDistribution(aws.cloudFront(Optional.empty()), "www.moto.example");
        private final CloudFrontCdn cdn = new CloudFrontCdn(aws, Map.of());

        @Test
        void reads_the_domain_name_and_alternate_domain_names_of_a_distribution() {
            Distribution distribution = cdn.distribution(distributionId);

            assertThat(distribution.domainName()).endsWith(".cloudfront.net");
            assertThat(distribution.aliases()).containsExactly("www.moto.example");
        }

        @Test
        void reads_a_distributions_cache_tag_header_and_its_absence() {
            String tagged = MotoServer.createDistribution(
                    aws.cloudFront(Optional.empty()), "tags.moto.example", "Edge-Cache-Tag");

            assertThat(cdn.distribution(tagged).cacheTagHeader()).contains("Edge-Cache-Tag");
            assertThat(cdn.distribution(distributionId).honoursCacheTags()).isFalse();
        }

        @Test
        void creates_an_invalidation_and_reads_back_its_paths_and_reference() {
            String reference = reference();

            Invalidation created = cdn.create(distributionId, reference, List.of("/index.html", "/css/*"));
            Invalidation read = cdn.invalidation(distributionId, created.id());

            assertThat(read.paths()).containsExactlyInAnyOrder("/index.html", "/css/*");
            assertThat(read.callerReference()).isEqualTo(reference);
        }

        @Test
        void understands_motos_upper_case_completed_status() {
            Invalidation created = cdn.create(distributionId, reference(), List.of("/a.html"));

            assertThat(cdn.invalidation(distributionId, created.id()).status()).isEqualTo(InvalidationStatus.COMPLETED);
        }

        @Test
        void lists_recent_invalidations_although_moto_ignores_max_items() {
            cdn.create(distributionId, reference(), List.of("/1.html"));
            cdn.create(distributionId, reference(), List.of("/2.html"));
            cdn.create(distributionId, reference(), List.of("/3.html"));

            List<InvalidationSummary> recent = cdn.recentInvalidations(distributionId, 2);

            assertThat(recent).hasSize(2);
        }

        @Test
        void names_the_missing_distribution_in_a_typed_failure() {
            assertThatThrownBy(() -> cdn.invalidation("E0NOSUCHDIST1", "I0NOSUCHINVAL"))
                    .isInstanceOfSatisfying(CdnException.class, e -> {
                        assertThat(e.failure())
                                .isIn(
                                        CdnException.Failure.NO_SUCH_DISTRIBUTION,
                                        CdnException.Failure.NO_SUCH_INVALIDATION);
                        assertThat(e.getMessage()).contains("E0NOSUCHDIST1");
                    });
        }
    }

    @Nested
    class Tracking {

        private final String distributionId =
                MotoServer.createDistribution(aws.cloudFront(Optional.empty()), "track.moto.example");
        private final CloudFrontCdn cdn = new CloudFrontCdn(aws, Map.of());
        private final RecordingListener listener = new RecordingListener();

        @Test
        void follows_an_invalidation_to_completion_and_reports_it_once() {
            try (Tracker tracker = tracker()) {
                Invalidation created = cdn.create(distributionId, reference(), List.of("/index.html"));

                tracker.follow(created);

                assertThat(listener.awaitCompleted(created.id()).paths()).containsExactly("/index.html");
                assertThat(listener.completionsOf(created.id())).isEqualTo(1);
            }
        }

        @Test
        void recovery_reports_the_bots_own_invalidations_and_ignores_others() {
            Invalidation ours = cdn.create(distributionId, reference(), List.of("/ours.html"));
            Invalidation foreign = cdn.create(distributionId, "cli-1523067548-180131", List.of("/theirs.html"));

            try (Tracker tracker = tracker()) {
                Recovery recovery = tracker.recover(List.of(distributionId), Duration.ofHours(1), cdn);

                assertThat(listener.awaitCompleted(ours.id()).callerReference()).isEqualTo(ours.callerReference());
                assertThat(recovery.completedWhileDown()).isEqualTo(1);
                assertThat(listener.completionsOf(foreign.id())).isZero();
            }
        }

        private Tracker tracker() {
            return new Tracker(
                    new ReadBudget(cdn, BotFixture.config()),
                    new PollSchedule(Duration.ofMillis(50), Duration.ofMillis(200), ReadBudget.POLLING_SHARE * 4),
                    listener,
                    Clock.systemUTC(),
                    new BotMetrics(Map.of()).invalidations());
        }
    }

    @Nested
    class AnotherAccount {

        @Test
        void a_distribution_with_a_role_is_reached_with_that_roles_credentials() {
            String distributionId = MotoServer.createDistribution(
                    aws.cloudFront(Optional.of(OTHER_ACCOUNT_ROLE)), "other.moto.example");
            CloudFrontCdn withRole = new CloudFrontCdn(aws, Map.of(distributionId, OTHER_ACCOUNT_ROLE));
            CloudFrontCdn withoutRole = new CloudFrontCdn(aws, Map.of());

            Invalidation created = withRole.create(distributionId, reference(), List.of("/index.html"));

            assertThat(withRole.invalidation(distributionId, created.id()).paths())
                    .containsExactly("/index.html");
            assertThatThrownBy(() -> withoutRole.distribution(distributionId))
                    .isInstanceOfSatisfying(
                            CdnException.class,
                            e -> assertThat(e.failure()).isEqualTo(CdnException.Failure.NO_SUCH_DISTRIBUTION));
        }
    }
}

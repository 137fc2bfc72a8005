package dev.invalidator.cdn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.invalidator.config.BotConfig;
import dev.invalidator.config.ConfigException;
import dev.invalidator.config.ConfigLoader;
import dev.invalidator.sandbox.CloudFrontSimulator.Operation;
import dev.invalidator.testing.CloudFrontFixture;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ReadBudgetTest {

    private static final String WEB = "E1WEBEXAMPLE";
    private static final String IMAGES = "E2IMAGESEXAMPLE";
    private static final String SHOP = "E3SHOPEXAMPLE";

    /** The budget's own pace, on a clock the test moves: the read calls' order and times, not CloudFront's. */
    @Nested
    class Pacing {

        private final AtomicLong nanos = new AtomicLong();
        private final List<Duration> readAt = new ArrayList<>();
        private final Deque<CdnException> failures = new ArrayDeque<>();

        private final Cdn cloudFront = new Cdn() {
            @Override
            public Tenant tenant(String tenantId) {
                throw new UnsupportedOperationException();
            }

            @Override
            public java.util.Optional<Tenant> tenantByDomain(String domain, String askingAs) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Distribution distribution(String distributionId) {
                return new Distribution(distributionId, "d111111abcdef8.cloudfront.net", List.of());
            }

            @Override
            public Invalidation create(String distributionId, String callerReference, List<String> paths) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Invalidation invalidation(String distributionId, String invalidationId) {
                readAt.add(Duration.ofNanos(nanos.get()));
                CdnException failure = failures.poll();
                if (failure != null) {
                    throw failure;
                }
                return new Invalidation(
                        distributionId,
                        invalidationId,
                        InvalidationStatus.COMPLETED,
                        Instant.EPOCH,
                        List.of("/index.html"),
                        "ref");
            }

            @Override
            public InvalidationPage invalidations(String distributionId, String marker, int maxItems) {
                throw new UnsupportedOperationException();
            }
        };

        private final ReadBudget budget =
                new ReadBudget(cloudFront, config(), nanos::get, waited -> nanos.addAndGet(waited.toNanos()));

        @Test
        void reads_eight_at_once_then_four_a_second() {
            IntStream.range(0, 10).forEach(i -> budget.invalidation(WEB, "I" + i));

            assertThat(readAt.subList(0, 8)).containsOnly(Duration.ZERO);
            assertThat(readAt.subList(8, 10)).containsExactly(Duration.ofMillis(250), Duration.ofMillis(500));
        }

        @Test
        void shares_an_accounts_budget_across_its_distributions_but_not_with_another_account() {
            IntStream.range(0, 8).forEach(i -> budget.invalidation(WEB, "I" + i));

            budget.invalidation(SHOP, "I8");
            budget.invalidation(IMAGES, "I9");

            assertThat(readAt.get(8)).isEqualTo(Duration.ZERO);
            assertThat(readAt.get(9)).isEqualTo(Duration.ofMillis(250));
        }

        @Test
        void a_throttled_read_halves_the_accounts_read_pace_and_is_read_again_in_its_turn() {
            IntStream.range(0, 8).forEach(i -> budget.invalidation(WEB, "I" + i));
            failures.add(throttled());

            Invalidation read = budget.invalidation(WEB, "I8");

            assertThat(read.id()).isEqualTo("I8");
            assertThat(readAt.subList(8, 10)).containsExactly(Duration.ofMillis(250), Duration.ofMillis(750));
        }

        @Test
        void gives_up_after_four_throttled_sends_with_cloudfronts_answer() {
            IntStream.range(0, ReadBudget.SENDS).forEach(i -> failures.add(throttled()));

            assertThatThrownBy(() -> budget.invalidation(WEB, "I0"))
                    .isInstanceOfSatisfying(
                            CdnException.class, e -> assertThat(e.failure()).isEqualTo(CdnException.Failure.THROTTLED));
            assertThat(readAt).hasSize(ReadBudget.SENDS);
        }

        @Test
        void lets_the_tracker_poll_three_quarters_of_the_reads() {
            assertThat(budget.pollsPerSecond()).isEqualTo(3.0);
            assertThat(budget.accountOf(SHOP)).isEqualTo("111122223333");
            assertThat(budget.accountOf("E9NOTCONFIGURED")).isEqualTo(budget.accountOf(WEB));
        }

        private static CdnException throttled() {
            return new CdnException(CdnException.Failure.THROTTLED, "Rate exceeded", "Try again in a minute.");
        }
    }

    /** The real SDK against the simulator as strict as CloudFront, whose read rate nobody lifts here. */
    @Nested
    class AgainstCloudFrontsReadRate {

        private static final Instant POSTED = Instant.parse("2026-11-03T10:00:00Z");
        private static final String REFERENCE = "invalidator/1/C0OPS/" + POSTED.getEpochSecond() + ".000100/U0ALICE";

        @Test
        void finds_a_reference_behind_two_hundred_invalidations_created_since_its_message_without_a_throttled_read() {
            try (CloudFrontFixture cloudFront = new CloudFrontFixture()) {
                cloudFront.simulator.seedInvalidation(
                        WEB, List.of("/mine.html"), POSTED.plusSeconds(1), true, REFERENCE);
                for (int i = 0; i < 200; i++) {
                    cloudFront.simulator.seedInvalidation(WEB, List.of("/" + i), POSTED.plusSeconds(2 + i), true, null);
                }

                Optional<Invalidation> found =
                        new ReadBudget(cloudFront.cdn, config()).findByCallerReference(WEB, REFERENCE);

                assertThat(found).map(Invalidation::paths).contains(List.of("/mine.html"));
                assertThat(cloudFront.simulator.calls(Operation.GET_INVALIDATION))
                        .isEqualTo(201);
                assertThat(cloudFront.simulator.calls(Operation.LIST_INVALIDATIONS))
                        .isEqualTo(3);
                assertThat(cloudFront.simulator.throttledCalls(Operation.GET_INVALIDATION))
                        .isZero();
                assertThat(cloudFront.simulator.throttledCalls(Operation.LIST_INVALIDATIONS))
                        .isZero();
            }
        }
    }

    private static BotConfig config() {
        try {
            return ConfigLoader.parse("""
                    distributions:
                      web: {id: E1WEBEXAMPLE, channels: [C0OPS], users: ["*"]}
                      images: {id: E2IMAGESEXAMPLE, channels: [C0OPS], users: ["*"]}
                      shop: {id: E3SHOPEXAMPLE, channels: [C0OPS], users: ["*"],
                             roleArn: "arn:aws:iam::111122223333:role/invalidator"}
                    """, "test.yml", ConfigLoader.Format.YAML);
        } catch (ConfigException e) {
            throw new IllegalStateException(e);
        }
    }
}

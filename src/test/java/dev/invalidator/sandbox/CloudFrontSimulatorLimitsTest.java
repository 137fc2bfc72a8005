package dev.invalidator.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.invalidator.sandbox.CloudFrontSimulator.Operation;
import dev.invalidator.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import software.amazon.awssdk.services.cloudfront.model.CloudFrontException;
import software.amazon.awssdk.services.cloudfront.model.CreateInvalidationResponse;
import software.amazon.awssdk.services.cloudfront.model.TooManyInvalidationsInProgressException;

/**
 * The limits of {@code cloudfront.md} §2 and §10 as the real AWS SDK meets them. The simulator's clock stands still
 * unless a test moves it, so the buckets refill exactly when the test says and nothing completes on its own.
 */
class CloudFrontSimulatorLimitsTest {

    private static final String DIST = SimulatorFixture.DIST;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-09-01T10:00:00Z"));
    private final CloudFrontSimulator sim = CloudFrontSimulator.start(clock);
    private final CloudFrontClient cf = SimulatorFixture.builder(sim.endpoint())
            .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
            .build();
    private int references;

    {
        sim.addDistribution(DIST, SimulatorFixture.DOMAIN);
        sim.addDistribution(SimulatorFixture.OTHER_DIST, "d222222abcdef8.cloudfront.net");
    }

    @AfterEach
    void stop() {
        cf.close();
        sim.close();
    }

    @Nested
    class Creates {

        @Test
        void the_sixth_create_in_a_burst_is_throttled() {
            IntStream.range(0, 5).forEach(i -> create(DIST, "/page" + i + ".html"));

            assertThrottled(() -> create(SimulatorFixture.OTHER_DIST, "/page5.html"));
            assertThat(sim.invalidations(DIST)).hasSize(5);
            assertThat(sim.invalidations(SimulatorFixture.OTHER_DIST)).isEmpty();
            assertThat(sim.throttledCalls(Operation.CREATE_INVALIDATION)).isEqualTo(1);
        }

        @Test
        void a_token_returns_two_seconds_later() {
            IntStream.range(0, 5).forEach(i -> create(DIST, "/page" + i + ".html"));

            clock.advance(Duration.ofMillis(1_999));
            assertThrottled(() -> create(DIST, "/early.html"));
            clock.advance(Duration.ofMillis(1));
            create(DIST, "/on-time.html");
            assertThrottled(() -> create(DIST, "/next.html"));
        }

        @Test
        void an_idle_bucket_holds_five_creates_and_no_more() {
            clock.advance(Duration.ofHours(1));

            IntStream.range(0, 5).forEach(i -> create(DIST, "/page" + i + ".html"));
            assertThrottled(() -> create(DIST, "/page5.html"));
        }

        @Test
        void a_throttled_create_does_not_delay_the_next_token() {
            IntStream.range(0, 5).forEach(i -> create(DIST, "/page" + i + ".html"));
            assertThrottled(() -> create(DIST, "/refused.html"));
            assertThrottled(() -> create(DIST, "/refused-again.html"));

            clock.advance(Duration.ofSeconds(2));

            create(DIST, "/on-time.html");
        }

        @Test
        void reads_do_not_spend_the_create_budget() {
            IntStream.range(0, 10).forEach(i -> cf.listInvalidations(r -> r.distributionId(DIST)));

            IntStream.range(0, 5).forEach(i -> create(DIST, "/page" + i + ".html"));
        }

        @Test
        void a_test_may_raise_the_rate() {
            // This test is about the setting itself: a hundred creates at once need a bucket of a hundred.
            sim.limits(CloudFrontLimits.strict().withCreateRate(100, 100));

            IntStream.range(0, 100).forEach(i -> create(DIST, "/page" + i + ".html"));

            assertThat(sim.invalidations(DIST)).hasSize(100);
        }
    }

    @Nested
    class Reads {

        @Test
        void the_eleventh_read_in_a_burst_is_throttled() {
            IntStream.range(0, 10).forEach(i -> cf.getDistribution(r -> r.id(DIST)));

            assertThrottled(() -> cf.listInvalidations(r -> r.distributionId(DIST)));
            assertThat(sim.throttledCalls(Operation.LIST_INVALIDATIONS)).isEqualTo(1);
        }

        @Test
        void a_read_token_returns_two_hundred_milliseconds_later() {
            IntStream.range(0, 10).forEach(i -> cf.listDistributions(r -> r.maxItems("10")));

            clock.advance(Duration.ofMillis(199));
            assertThrottled(() -> cf.getDistribution(r -> r.id(DIST)));
            clock.advance(Duration.ofMillis(1));
            cf.getDistribution(r -> r.id(DIST));
        }

        @Test
        void creates_do_not_spend_the_read_budget() {
            IntStream.range(0, 5).forEach(i -> create(DIST, "/page" + i + ".html"));

            IntStream.range(0, 10).forEach(i -> cf.getDistribution(r -> r.id(DIST)));
        }
    }

    @Nested
    class InProgress {

        @Test
        void the_sixteenth_wildcard_in_progress_is_refused() {
            create(DIST, wildcards(15, "/a"));

            assertTooMany(() -> create(DIST, "/b/*"));
            assertThat(sim.invalidations(DIST)).hasSize(1);
        }

        @Test
        void wildcards_in_progress_add_up_across_invalidations() {
            create(DIST, wildcards(10, "/a"));
            create(DIST, wildcards(5, "/b"));

            assertTooMany(() -> create(DIST, "/c*"));
        }

        @Test
        void a_completed_invalidation_frees_its_wildcards() {
            create(DIST, wildcards(15, "/a"));
            assertTooMany(() -> create(DIST, "/b/*"));

            clock.advance(CompletionTimes.FOR_TESTS);

            create(DIST, "/b/*");
        }

        @Test
        void a_held_invalidation_keeps_its_wildcards_until_completed() {
            sim.holdCompletions(true);
            String held = create(DIST, wildcards(15, "/a"));
            clock.advance(Duration.ofHours(1));
            assertTooMany(() -> create(DIST, "/b/*"));

            sim.complete(held);

            create(DIST, "/b/*");
        }

        @Test
        void file_path_three_thousand_and_one_in_progress_is_refused() {
            create(DIST, files(2_000, "/a"));
            create(DIST, files(1_000, "/b"));

            assertTooMany(() -> create(DIST, "/c.html"));
        }

        @Test
        void a_single_batch_over_three_thousand_file_paths_is_refused() {
            assertTooMany(() -> create(DIST, files(3_001, "/a")));
            assertThat(sim.invalidations(DIST)).isEmpty();
        }

        @Test
        void file_paths_and_wildcards_are_counted_apart() {
            create(DIST, files(3_000, "/a"));

            create(DIST, wildcards(15, "/b"));
        }

        @Test
        void each_distribution_has_its_own_paths_in_progress() {
            create(DIST, wildcards(15, "/a"));

            create(SimulatorFixture.OTHER_DIST, wildcards(15, "/a"));
        }

        @Test
        void a_replay_at_the_limit_returns_the_earlier_invalidation() {
            List<String> paths = wildcards(15, "/a");
            String reference = "replayed";
            String first = createWith(DIST, reference, paths).invalidation().id();

            String replayed = createWith(DIST, reference, paths).invalidation().id();

            assertThat(replayed).isEqualTo(first);
        }

        @Test
        void a_test_may_raise_the_limits() {
            // This test is about the setting itself: sixteen wildcards need a limit above fifteen.
            sim.limits(CloudFrontLimits.strict().withPathsInProgress(3_000, 16));

            create(DIST, wildcards(16, "/a"));
        }
    }

    @Nested
    class Completion_times_since_2026 {

        @Test
        void have_a_median_of_eight_seconds_and_a_p95_of_twenty_five() {
            Function<List<String>, Duration> times = CompletionTimes.since2026(7);
            List<Long> millis = new ArrayList<>();
            IntStream.range(0, 20_000)
                    .forEach(i -> millis.add(times.apply(List.of("/a")).toMillis()));
            millis.sort(null);

            assertThat(millis.get(10_000)).isBetween(7_500L, 8_500L);
            assertThat(millis.get(19_000)).isBetween(23_500L, 26_500L);
        }

        @Test
        void repeat_with_the_same_seed() {
            Function<List<String>, Duration> first = CompletionTimes.since2026(11);
            Function<List<String>, Duration> second = CompletionTimes.since2026(11);

            IntStream.range(0, 100)
                    .forEach(i -> assertThat(first.apply(List.of("/a"))).isEqualTo(second.apply(List.of("/a"))));
        }
    }

    @Test
    void every_simulator_starts_strict() {
        assertThat(CloudFrontLimits.strict())
                .isEqualTo(new CloudFrontLimits(0.5, 5, 5, 10, 3_000, 15))
                .isEqualTo(new CloudFrontLimits(
                        CloudFrontLimits.CREATES_PER_SECOND,
                        CloudFrontLimits.CREATE_BURST,
                        CloudFrontLimits.READS_PER_SECOND,
                        CloudFrontLimits.READ_BURST,
                        CloudFrontLimits.FILE_PATHS_IN_PROGRESS,
                        CloudFrontLimits.WILDCARD_PATHS_IN_PROGRESS));
    }

    /** Creates with a fresh reference; answers the new invalidation's id. */
    private String create(String distributionId, String... paths) {
        return create(distributionId, List.of(paths));
    }

    private String create(String distributionId, List<String> paths) {
        return createWith(distributionId, "ref-" + references++, paths)
                .invalidation()
                .id();
    }

    private CreateInvalidationResponse createWith(String distributionId, String reference, List<String> paths) {
        return SimulatorFixture.create(cf, distributionId, reference, paths.toArray(String[]::new));
    }

    private static List<String> wildcards(int count, String prefix) {
        return IntStream.range(0, count).mapToObj(i -> prefix + i + "/*").toList();
    }

    private static List<String> files(int count, String prefix) {
        return IntStream.range(0, count)
                .mapToObj(i -> prefix + "/" + i + ".html")
                .toList();
    }

    private static void assertThrottled(ThrowingCallable call) {
        assertThatThrownBy(call).isExactlyInstanceOf(CloudFrontException.class).satisfies(t -> {
            CloudFrontException e = (CloudFrontException) t;
            assertThat(e.isThrottlingException()).isTrue();
            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("Throttling");
            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Rate exceeded");
        });
    }

    private static void assertTooMany(ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(TooManyInvalidationsInProgressException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("TooManyInvalidationsInProgress");
        });
    }
}

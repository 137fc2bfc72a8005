package dev.invalidator.cdn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.invalidator.config.BotConfig;
import dev.invalidator.config.ConfigException;
import dev.invalidator.config.ConfigLoader;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class PacedCdnTest {

    private static final String WEB = "E1WEBEXAMPLE";
    private static final String IMAGES = "E2IMAGESEXAMPLE";
    private static final String SHOP = "E3SHOPEXAMPLE";

    private final AtomicLong nanos = new AtomicLong();
    /** When each create reached CloudFront, on the test's clock. */
    private final List<Duration> sentAt = new ArrayList<>();

    private final Deque<CdnException> failures = new ArrayDeque<>();
    private final Cdn cloudFront = new Cdn() {
        @Override
        public Distribution distribution(String distributionId) {
            return new Distribution(distributionId, "d111111abcdef8.cloudfront.net", List.of());
        }

        @Override
        public Invalidation create(String distributionId, String callerReference, List<String> paths) {
            sentAt.add(Duration.ofNanos(nanos.get()));
            CdnException failure = failures.poll();
            if (failure != null) {
                throw failure;
            }
            return new Invalidation(
                    distributionId,
                    "I" + sentAt.size(),
                    InvalidationStatus.IN_PROGRESS,
                    Instant.EPOCH,
                    paths,
                    callerReference);
        }

        @Override
        public Invalidation invalidation(String distributionId, String invalidationId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public InvalidationPage invalidations(String distributionId, String marker, int maxItems) {
            throw new UnsupportedOperationException();
        }
    };

    private final PacedCdn paced = new PacedCdn(cloudFront, config(), nanos::get, d -> nanos.addAndGet(d.toNanos()));

    @Nested
    class ABurst {

        @Test
        void sends_five_at_once_then_one_every_two_seconds_with_room_to_spare() {
            IntStream.range(0, 8).forEach(i -> create(WEB));

            assertThat(sentAt)
                    .containsExactly(
                            seconds(0),
                            seconds(0),
                            seconds(0),
                            seconds(0),
                            seconds(0),
                            seconds(2).plus(PacedCdn.ROOM),
                            seconds(4).plus(PacedCdn.ROOM),
                            seconds(6).plus(PacedCdn.ROOM));
        }

        @Test
        void shares_its_account_pace_across_distributions() {
            IntStream.range(0, 3).forEach(i -> create(WEB));
            IntStream.range(0, 3).forEach(i -> create(IMAGES));

            assertThat(sentAt.get(5)).isEqualTo(seconds(2).plus(PacedCdn.ROOM));
        }

        @Test
        void in_another_account_does_not_wait_for_this_one() {
            IntStream.range(0, 5).forEach(i -> create(WEB));

            create(SHOP);

            assertThat(sentAt.get(5)).isEqualTo(seconds(0));
        }

        @Test
        void fails_a_create_whose_turn_is_more_than_a_minute_away_and_sends_nothing() {
            // Thirty-six creates at once, as if on as many workers: five go, then one every two seconds, so the
            // 36th's turn is 62 s away.
            PacedCdn atOnce = new PacedCdn(cloudFront, config(), nanos::get, waited -> {});
            IntStream.range(0, 35).forEach(i -> atOnce.create(WEB, "ref-" + i, List.of("/index.html")));
            sentAt.clear();

            assertThatThrownBy(() -> atOnce.create(WEB, "ref-35", List.of("/index.html")))
                    .isInstanceOfSatisfying(CdnException.class, e -> {
                        assertThat(e.failure()).isEqualTo(CdnException.Failure.THROTTLED);
                        assertThat(e.getMessage()).contains("nothing was sent");
                        assertThat(e.nextStep()).isEqualTo("Try again in a minute.");
                    });
            assertThat(sentAt).isEmpty();
        }
    }

    @Nested
    class TheLongestWait {

        @Test
        void is_half_of_abandoned_after_when_that_is_shorter_than_a_minute() {
            // Five creates go at once; the sixth's turn is 2 s away, more than half of a 3 s abandonedAfter.
            PacedCdn quick = new PacedCdn(
                    cloudFront,
                    config("polling: {initialInterval: 1s, maxInterval: 1s, abandonedAfter: 3s}"),
                    nanos::get,
                    waited -> {});
            IntStream.range(0, 5).forEach(i -> quick.create(WEB, "ref-" + i, List.of("/index.html")));

            assertThatThrownBy(() -> quick.create(WEB, "ref-5", List.of("/index.html")))
                    .isInstanceOfSatisfying(
                            CdnException.class, e -> assertThat(e.failure()).isEqualTo(CdnException.Failure.THROTTLED));
            assertThat(sentAt).hasSize(5);
        }
    }

    @Nested
    class Throttling {

        @Test
        void is_sent_again_in_a_slower_turn() {
            failures.add(throttled());

            Invalidation created = create(WEB);

            assertThat(created.id()).isEqualTo("I2");
            assertThat(sentAt).containsExactly(seconds(0), seconds(4).plus(PacedCdn.ROOM));
        }

        @Test
        void is_given_up_after_three_sends() {
            IntStream.range(0, PacedCdn.SENDS).forEach(i -> failures.add(throttled()));

            assertThatThrownBy(() -> create(WEB))
                    .isInstanceOfSatisfying(
                            CdnException.class, e -> assertThat(e.failure()).isEqualTo(CdnException.Failure.THROTTLED));
            assertThat(sentAt).hasSize(PacedCdn.SENDS);
        }

        @Test
        void other_failures_are_not_sent_again() {
            failures.add(new CdnException(CdnException.Failure.ACCESS_DENIED, "denied", "fix the policy"));

            assertThatThrownBy(() -> create(WEB)).isInstanceOf(CdnException.class);
            assertThat(sentAt).hasSize(1);
        }
    }

    private Invalidation create(String distributionId) {
        return paced.create(distributionId, "ref-" + sentAt.size(), List.of("/index.html"));
    }

    private static CdnException throttled() {
        return new CdnException(CdnException.Failure.THROTTLED, "Rate exceeded", "Try again in a minute.");
    }

    private static Duration seconds(int seconds) {
        return Duration.ofSeconds(seconds);
    }

    private static BotConfig config() {
        return config("");
    }

    private static BotConfig config(String more) {
        try {
            return ConfigLoader.parse("""
                    distributions:
                      web: {id: E1WEBEXAMPLE, channels: [C0OPS], users: ["*"]}
                      images: {id: E2IMAGESEXAMPLE, channels: [C0OPS], users: ["*"]}
                      shop: {id: E3SHOPEXAMPLE, channels: [C0OPS], users: ["*"],
                             roleArn: "arn:aws:iam::111122223333:role/invalidator"}
                    """ + more, "test.yml", ConfigLoader.Format.YAML);
        } catch (ConfigException e) {
            throw new IllegalStateException(e);
        }
    }
}

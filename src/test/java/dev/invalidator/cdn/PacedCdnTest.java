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

    private final PacedCdn paced = new PacedCdn(cloudFront, config(), nanos::get);

    @Nested
    class ABurst {

        @Test
        void sends_five_at_once_and_refuses_the_sixth_without_sending_it() {
            IntStream.range(0, 5).forEach(i -> create(WEB));

            assertThatThrownBy(() -> create(WEB)).isInstanceOfSatisfying(CdnException.class, e -> {
                assertThat(e.failure()).isEqualTo(CdnException.Failure.THROTTLED);
                assertThat(e.getMessage()).contains("nothing was sent");
            });
            assertThat(sentAt).hasSize(5);
        }

        @Test
        void says_the_next_turn_is_two_seconds_away_with_room_to_spare() {
            assertThat(paced.untilTurn(WEB)).isZero();
            IntStream.range(0, 5).forEach(i -> create(WEB));

            assertThat(paced.untilTurn(WEB)).isEqualTo(seconds(2).plus(PacedCdn.ROOM));
            nanos.addAndGet(seconds(2).toNanos());
            assertThat(paced.untilTurn(WEB)).isZero();
            create(WEB);
            assertThat(sentAt).hasSize(6);
        }

        @Test
        void shares_its_account_pace_across_distributions() {
            IntStream.range(0, 3).forEach(i -> create(WEB));
            IntStream.range(0, 2).forEach(i -> create(IMAGES));

            assertThat(paced.untilTurn(WEB)).isPositive();
            assertThat(paced.untilTurn(IMAGES)).isPositive();
        }

        @Test
        void in_another_account_does_not_wait_for_this_one() {
            IntStream.range(0, 5).forEach(i -> create(WEB));

            assertThat(paced.untilTurn(SHOP)).isZero();
            create(SHOP);
            assertThat(sentAt).hasSize(6);
        }
    }

    @Nested
    class Throttling {

        @Test
        void fails_the_create_once_and_slows_the_accounts_pace() {
            failures.add(throttled());

            assertThatThrownBy(() -> create(WEB))
                    .isInstanceOfSatisfying(
                            CdnException.class, e -> assertThat(e.failure()).isEqualTo(CdnException.Failure.THROTTLED));
            assertThat(sentAt).hasSize(1);
            assertThat(paced.createsPerSecond(WEB)).isEqualTo(0.25);
            assertThat(paced.untilTurn(WEB)).isEqualTo(seconds(4).plus(PacedCdn.ROOM));
        }

        @Test
        void other_failures_leave_the_pace_alone() {
            failures.add(new CdnException(CdnException.Failure.ACCESS_DENIED, "denied", "fix the policy"));

            assertThatThrownBy(() -> create(WEB)).isInstanceOf(CdnException.class);
            assertThat(sentAt).hasSize(1);
            assertThat(paced.createsPerSecond(WEB)).isEqualTo(0.5);
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

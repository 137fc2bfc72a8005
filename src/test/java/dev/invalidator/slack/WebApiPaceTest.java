package dev.invalidator.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class WebApiPaceTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final WebApiPace pace = new WebApiPace(now::get);

    @Test
    void posts_in_one_channel_go_two_at_once_then_a_little_over_a_second_apart() {
        assertThat(pace.reserve("chat.postMessage", "C0OPS")).isZero();
        assertThat(pace.reserve("chat.postMessage", "C0OPS")).isZero();

        assertThat(pace.reserve("chat.postMessage", "C0OPS"))
                .isBetween(Duration.ofMillis(1_110), Duration.ofMillis(1_112));
        assertThat(pace.reserve("chat.postMessage", "C0OPS"))
                .isBetween(Duration.ofMillis(2_221), Duration.ofMillis(2_223));
        assertThat(pace.reserve("chat.postMessage", "C0OTHER")).isZero();
    }

    @Test
    void each_tier_3_method_is_paced_per_workspace_at_45_a_minute() {
        for (int i = 0; i < WebApiPace.TIER_3_BURST; i++) {
            assertThat(pace.reserve("chat.update", "C0" + i)).isZero();
        }

        assertThat(pace.reserve("chat.update", "C0OPS")).isBetween(Duration.ofMillis(1_333), Duration.ofMillis(1_334));
        assertThat(pace.reserve("conversations.history", "C0OPS")).isZero();
    }

    @Test
    void a_429_moves_the_next_turn_of_every_caller_to_retry_after() {
        pace.rateLimited("chat.update", "C0OPS", Duration.ofSeconds(3));

        assertThat(pace.reserve("chat.update", "C0OTHER")).isEqualTo(Duration.ofSeconds(3));
        now.addAndGet(Duration.ofSeconds(3).toNanos());
        assertThat(pace.reserve("chat.update", "C0OPS")).isBetween(Duration.ofMillis(1_333), Duration.ofMillis(1_334));
    }

    @Test
    void methods_slack_does_not_limit_tightly_are_not_paced() {
        for (int i = 0; i < 100; i++) {
            assertThat(pace.reserve("auth.test", null)).isZero();
            assertThat(pace.reserve("chat.getPermalink", null)).isZero();
        }
    }
}

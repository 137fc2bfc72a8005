package dev.invalidator.cdn;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class AccountPaceTest {

    private static final Duration MINUTE = Duration.ofMinutes(1);

    private final AtomicLong nanos = new AtomicLong();
    private final AccountPace pace = new AccountPace(0.5, 5, nanos::get);

    @Test
    void a_burst_goes_at_once_and_each_create_after_it_waits_two_seconds_more() {
        List<Duration> waits = IntStream.range(0, 8)
                .mapToObj(i -> pace.reserve(MINUTE).orElseThrow())
                .toList();

        assertThat(waits)
                .containsExactly(
                        Duration.ZERO,
                        Duration.ZERO,
                        Duration.ZERO,
                        Duration.ZERO,
                        Duration.ZERO,
                        Duration.ofSeconds(2),
                        Duration.ofSeconds(4),
                        Duration.ofSeconds(6));
    }

    @Test
    void time_passing_gives_turns_back() {
        IntStream.range(0, 5).forEach(i -> pace.reserve(MINUTE));

        nanos.addAndGet(Duration.ofSeconds(2).toNanos());

        assertThat(pace.reserve(MINUTE)).contains(Duration.ZERO);
        assertThat(pace.reserve(MINUTE)).contains(Duration.ofSeconds(2));
    }

    @Test
    void a_turn_further_than_the_longest_wait_is_refused_and_reserves_nothing() {
        IntStream.range(0, 5).forEach(i -> pace.reserve(MINUTE));

        assertThat(pace.reserve(Duration.ofSeconds(1))).isEmpty();
        assertThat(pace.reserve(Duration.ofSeconds(2))).contains(Duration.ofSeconds(2));
    }

    @Test
    void throttling_empties_the_bucket_and_halves_the_rate() {
        pace.throttled();

        assertThat(pace.rate()).isEqualTo(0.25);
        assertThat(pace.reserve(MINUTE)).contains(Duration.ofSeconds(4));
    }

    @Test
    void the_rate_never_falls_below_a_sixteenth() {
        IntStream.range(0, 10).forEach(i -> pace.throttled());

        assertThat(pace.rate()).isEqualTo(0.5 / 16);
    }

    @Test
    void answered_creates_bring_the_rate_back_an_eighth_at_a_time_up_to_the_configured_one() {
        pace.throttled();

        pace.answered();
        assertThat(pace.rate()).isEqualTo(0.25 + 0.0625);
        IntStream.range(0, 10).forEach(i -> pace.answered());
        assertThat(pace.rate()).isEqualTo(0.5);
    }
}

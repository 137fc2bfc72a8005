package dev.invalidator.cdn;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class AccountPaceTest {

    private final AtomicLong nanos = new AtomicLong();
    private final AccountPace pace = new AccountPace(0.5, 5, nanos::get);

    @Test
    void a_burst_of_five_goes_at_once_and_the_sixth_has_no_token() {
        List<Boolean> taken = IntStream.range(0, 6).mapToObj(i -> pace.take()).toList();

        assertThat(taken).containsExactly(true, true, true, true, true, false);
        assertThat(pace.untilTurn()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void time_passing_gives_turns_back() {
        IntStream.range(0, 5).forEach(i -> pace.take());

        nanos.addAndGet(Duration.ofSeconds(2).toNanos());

        assertThat(pace.untilTurn()).isZero();
        assertThat(pace.take()).isTrue();
        assertThat(pace.untilTurn()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void a_refused_take_takes_nothing() {
        IntStream.range(0, 5).forEach(i -> pace.take());
        nanos.addAndGet(Duration.ofSeconds(1).toNanos());

        assertThat(pace.take()).isFalse();
        assertThat(pace.untilTurn()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void throttling_empties_the_bucket_and_halves_the_rate() {
        pace.throttled();

        assertThat(pace.rate()).isEqualTo(0.25);
        assertThat(pace.untilTurn()).isEqualTo(Duration.ofSeconds(4));
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

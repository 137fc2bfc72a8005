package dev.invalidator.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The schedule as pure logic: N busy distributions of one account, a budget of R polls a second. */
class PollScheduleTest {

    private static final PollSchedule DEFAULTS = new PollSchedule(Duration.ofSeconds(3), Duration.ofMillis(1500), 3);

    @Test
    void polls_first_when_invalidations_begin_to_complete_then_every_interval() {
        assertThat(DEFAULTS.firstWait(1)).isEqualTo(Duration.ofSeconds(3));
        assertThat(DEFAULTS.nextWait(1)).isEqualTo(Duration.ofMillis(1500));
    }

    @Test
    void a_few_busy_distributions_keep_the_interval() {
        assertThat(DEFAULTS.nextWait(4)).isEqualTo(Duration.ofMillis(1500));
    }

    @Test
    void many_busy_distributions_each_wait_their_share_of_the_budget() {
        assertThat(DEFAULTS.nextWait(30)).isEqualTo(Duration.ofSeconds(10));
        assertThat(DEFAULTS.firstWait(30)).isEqualTo(Duration.ofSeconds(10));
    }

    /** Round robin: every distribution re-polled after its wait, the waits read as the tracker reads them. */
    @ParameterizedTest(name = "{0} busy distributions, {1} polls a second")
    @CsvSource({"1, 3", "5, 3", "40, 3", "100, 3", "40, 0.75", "200, 7.5"})
    void keeps_within_the_budget_and_polls_every_distribution_at_least_every_n_over_r_seconds(
            int distributions, double pollsPerSecond) {
        PollSchedule schedule = new PollSchedule(Duration.ofSeconds(3), Duration.ofMillis(1500), pollsPerSecond);
        record Due(long atNanos, int distribution) {}
        PriorityQueue<Due> due = new PriorityQueue<>((a, b) -> Long.compare(a.atNanos(), b.atNanos()));
        for (int d = 0; d < distributions; d++) {
            // They become busy one after another, a tenth of a second apart.
            due.add(new Due(d * 100_000_000L + schedule.firstWait(d + 1).toNanos(), d));
        }
        long horizon = Duration.ofMinutes(10).toNanos();
        long warmUp = Duration.ofMinutes(1).toNanos();
        long[] last = new long[distributions];
        long longestGap = 0;
        List<Long> polls = new ArrayList<>();
        while (due.peek().atNanos() < horizon) {
            Due poll = due.poll();
            if (poll.atNanos() >= warmUp) {
                polls.add(poll.atNanos());
                longestGap = Math.max(longestGap, poll.atNanos() - last[poll.distribution()]);
            }
            last[poll.distribution()] = poll.atNanos();
            due.add(new Due(poll.atNanos() + schedule.nextWait(distributions).toNanos(), poll.distribution()));
        }

        double seconds = (horizon - warmUp) / 1e9;
        assertThat(polls.size() / seconds).isLessThanOrEqualTo(pollsPerSecond * 1.01);
        double fairGap = Math.max(1.5, distributions / pollsPerSecond);
        assertThat(longestGap / 1e9).isLessThanOrEqualTo(fairGap * 1.01);
    }

    @Test
    void refuses_a_budget_of_nothing() {
        assertThatThrownBy(() -> new PollSchedule(Duration.ofSeconds(3), Duration.ofSeconds(1), 0))
                .hasMessage("pollsPerSecond must be a positive number, was 0.0");
    }
}

package dev.invalidator.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invalidator.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class RateLimitsTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T10:00:00Z"));
    private final RateLimits limits = new RateLimits(2, 3, 4, clock);

    @Nested
    class PerPerson {

        @Test
        void lets_a_person_start_as_many_as_the_limit_per_minute() {
            assertThat(limits.acquire("U0ALICE", "E1WEB", "web")).isEmpty();
            assertThat(limits.acquire("U0ALICE", "E1WEB", "web")).isEmpty();
        }

        @Test
        void refuses_one_more_and_says_when_to_try_again() {
            limits.acquire("U0ALICE", "E1WEB", "web");
            clock.advance(Duration.ofSeconds(20));
            limits.acquire("U0ALICE", "E1WEB", "web");

            assertThat(limits.acquire("U0ALICE", "E1WEB", "web"))
                    .hasValueSatisfying(reason -> assertThat(reason)
                            .contains("2 invalidations in the last minute")
                            .contains("try again in 41 s"));
        }

        @Test
        void lets_the_person_go_on_once_the_minute_has_passed() {
            limits.acquire("U0ALICE", "E1WEB", "web");
            limits.acquire("U0ALICE", "E1WEB", "web");

            clock.advance(Duration.ofSeconds(60));

            assertThat(limits.acquire("U0ALICE", "E1WEB", "web")).isEmpty();
        }

        @Test
        void a_refused_request_does_not_count() {
            limits.acquire("U0ALICE", "E1WEB", "web");
            limits.acquire("U0ALICE", "E1WEB", "web");
            limits.acquire("U0ALICE", "E1WEB", "web");

            clock.advance(Duration.ofSeconds(60));

            assertThat(limits.acquire("U0ALICE", "E1WEB", "web")).isEmpty();
            assertThat(limits.acquire("U0ALICE", "E1WEB", "web")).isEmpty();
        }
    }

    @Nested
    class Reads {

        @Test
        void let_a_person_read_as_often_as_the_limit_per_minute_apart_from_invalidations() {
            limits.acquire("U0ALICE", "E1WEB", "web");
            limits.acquire("U0ALICE", "E1WEB", "web");
            for (int i = 0; i < 4; i++) {
                assertThat(limits.acquireRead("U0ALICE")).isEmpty();
            }
        }

        @Test
        void refuse_one_more_and_say_when_to_try_again() {
            for (int i = 0; i < 4; i++) {
                limits.acquireRead("U0ALICE");
            }
            clock.advance(Duration.ofSeconds(15));

            assertThat(limits.acquireRead("U0ALICE"))
                    .contains("You asked me for 4 answers in the last minute, the most one person may; try again in"
                            + " 46 s.");
            assertThat(limits.acquireRead("U0BOB")).isEmpty();
        }
    }

    @Nested
    class Memory {

        @Test
        void forgets_the_people_and_distributions_idle_for_a_minute_once_anyone_asks_again() {
            limits.acquire("U0ALICE", "E1WEB", "web");
            limits.acquireRead("U0BOB");
            clock.advance(Duration.ofSeconds(61));

            limits.acquireRead("U0CAROL");

            assertThat(limits.countsHeld())
                    .as("people and distributions with counts held")
                    .isEqualTo(1);
        }

        @Test
        void keeps_the_counts_of_the_last_minute_when_it_forgets_the_others() {
            limits.acquire("U0ALICE", "E1WEB", "web");
            limits.acquire("U0ALICE", "E1WEB", "web");
            clock.advance(Duration.ofSeconds(61));
            limits.acquireRead("U0CAROL");
            clock.advance(Duration.ofSeconds(39));
            limits.acquire("U0BOB", "E1WEB", "web");
            clock.advance(Duration.ofSeconds(25));

            limits.acquireRead("U0CAROL");

            assertThat(limits.acquire("U0BOB", "E1WEB", "web")).isEmpty();
            assertThat(limits.acquire("U0BOB", "E1WEB", "web"))
                    .hasValueSatisfying(reason -> assertThat(reason).contains("2 invalidations in the last minute"));
        }
    }

    @Nested
    class PerDistribution {

        @Test
        void refuses_a_fourth_request_on_one_distribution_from_anyone() {
            limits.acquire("U0ALICE", "E1WEB", "web");
            limits.acquire("U0BOB", "E1WEB", "web");
            limits.acquire("U0CAROL", "E1WEB", "web");

            assertThat(limits.acquire("U0DAVE", "E1WEB", "web"))
                    .hasValueSatisfying(
                            reason -> assertThat(reason).startsWith("`web` had 3 invalidations in the last minute"));
            assertThat(limits.acquire("U0DAVE", "E2IMG", "images")).isEmpty();
        }
    }
}

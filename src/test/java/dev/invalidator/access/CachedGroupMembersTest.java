package dev.invalidator.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.invalidator.testing.MutableClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class CachedGroupMembersTest {

    private static final Duration TTL = Duration.ofMinutes(5);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T09:00:00Z"));
    private final FakeGroups source =
            new FakeGroups().with("S0OPS", "U0ALICE", "U0BOB").with("S0WEB", "U0CAROL");
    private final CachedGroupMembers cached = new CachedGroupMembers(source, TTL, clock);

    @Nested
    class WithinTheTtl {

        @Test
        void answers_from_the_source() {
            assertThat(cached.membersOf("S0OPS")).containsExactlyInAnyOrder("U0ALICE", "U0BOB");
        }

        @Test
        void asks_the_source_once() {
            cached.membersOf("S0OPS");
            clock.advance(TTL.minusMillis(1));
            cached.membersOf("S0OPS");
            assertThat(source.calls()).isEqualTo(1);
        }

        @Test
        void keeps_each_group_apart() {
            cached.membersOf("S0OPS");
            assertThat(cached.membersOf("S0WEB")).containsExactly("U0CAROL");
        }

        @Test
        void asks_once_per_group() {
            cached.membersOf("S0OPS");
            cached.membersOf("S0WEB");
            cached.membersOf("S0OPS");
            cached.membersOf("S0WEB");
            assertThat(source.calls()).isEqualTo(2);
        }
    }

    @Nested
    class AfterTheTtl {

        @Test
        void asks_the_source_again() {
            cached.membersOf("S0OPS");
            clock.advance(TTL);
            cached.membersOf("S0OPS");
            assertThat(source.calls()).isEqualTo(2);
        }

        @Test
        void sees_the_new_members() {
            cached.membersOf("S0OPS");
            source.with("S0OPS", "U0BOB");
            clock.advance(TTL);
            assertThat(cached.membersOf("S0OPS")).containsExactly("U0BOB");
        }
    }

    @Nested
    class WhenTheSourceFails {

        @Test
        void passes_the_failure_on() {
            source.failing("S0OPS");
            assertThatThrownBy(() -> cached.membersOf("S0OPS"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("usergroups.users.list failed for S0OPS");
        }

        @Test
        void does_not_remember_the_failure() {
            source.failing("S0OPS");
            assertThatThrownBy(() -> cached.membersOf("S0OPS")).isInstanceOf(IllegalStateException.class);
            source.recover("S0OPS");
            assertThat(cached.membersOf("S0OPS")).contains("U0ALICE");
        }

        @Test
        void treats_a_null_answer_as_a_failure() {
            CachedGroupMembers nullAnswers = new CachedGroupMembers(groupId -> null, TTL, clock);
            assertThatThrownBy(() -> nullAnswers.membersOf("S0OPS")).isInstanceOf(NullPointerException.class);
        }
    }

    @Nested
    class Answers {

        @Test
        void cannot_be_changed_by_the_caller() {
            assertThatThrownBy(() -> cached.membersOf("S0OPS").add("U0MALLORY"))
                    .isInstanceOf(UnsupportedOperationException.class);
        }

        @Test
        void do_not_change_when_the_sources_set_does() {
            Set<String> live = new HashSet<>(Set.of("U0ALICE"));
            CachedGroupMembers overLive = new CachedGroupMembers(groupId -> live, TTL, clock);
            overLive.membersOf("S0OPS");
            live.add("U0MALLORY");
            assertThat(overLive.membersOf("S0OPS")).containsExactly("U0ALICE");
        }
    }

    @Nested
    class Construction {

        @Test
        void refuses_a_zero_ttl() {
            assertThatThrownBy(() -> new CachedGroupMembers(source, Duration.ZERO, Clock.systemUTC()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("ttl must be longer than zero: PT0S");
        }
    }

    @Nested
    class ConcurrentMisses {

        /** Blocks inside the lookup until released, so a second caller arrives while the first is in flight. */
        private final CountDownLatch lookupStarted = new CountDownLatch(1);

        private final CountDownLatch release = new CountDownLatch(1);
        private final AtomicInteger lookups = new AtomicInteger();
        private final CachedGroupMembers slow = new CachedGroupMembers(
                groupId -> {
                    lookups.incrementAndGet();
                    lookupStarted.countDown();
                    awaitUninterruptibly(release);
                    return Set.of("U0ALICE");
                },
                TTL,
                clock);

        @Test
        void share_one_lookup() throws Exception {
            ExecutorService threads = Executors.newFixedThreadPool(2);
            try {
                Future<Set<String>> first = threads.submit(() -> slow.membersOf("S0OPS"));
                assertThat(lookupStarted.await(10, TimeUnit.SECONDS)).isTrue();
                CompletableFuture<Thread> secondThread = new CompletableFuture<>();
                Future<Set<String>> second = threads.submit(() -> {
                    secondThread.complete(Thread.currentThread());
                    return slow.membersOf("S0OPS");
                });
                awaitParked(secondThread.get(10, TimeUnit.SECONDS));
                release.countDown();
                assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(second.get(10, TimeUnit.SECONDS));
                assertThat(lookups.get()).isEqualTo(1);
            } finally {
                release.countDown();
                threads.shutdownNow();
            }
        }

        // Waits (without sleeping) until the thread parks on the shared lookup, with a deadline.
        private void awaitParked(Thread thread) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (thread.getState() != Thread.State.WAITING && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertThat(thread.getState()).isEqualTo(Thread.State.WAITING);
        }

        private static void awaitUninterruptibly(CountDownLatch latch) {
            try {
                latch.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Nested
    class KnownMembers {

        @Test
        void are_empty_before_any_lookup_and_ask_no_one() {
            assertThat(cached.knownMembers("S0OPS")).isEmpty();
            assertThat(source.calls()).isZero();
        }

        @Test
        void are_the_last_answer_while_it_is_fresh() {
            cached.membersOf("S0OPS");
            clock.advance(TTL.minusMillis(1));

            assertThat(cached.knownMembers("S0OPS")).contains(Set.of("U0ALICE", "U0BOB"));
            assertThat(source.calls()).isEqualTo(1);
        }

        @Test
        void are_empty_once_the_answer_is_as_old_as_the_ttl() {
            cached.membersOf("S0OPS");
            clock.advance(TTL);

            assertThat(cached.knownMembers("S0OPS")).isEmpty();
        }
    }
}

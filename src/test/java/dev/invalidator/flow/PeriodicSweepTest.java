package dev.invalidator.flow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invalidator.testing.Await;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The schedule of sweeps: at once, then again and again, whatever one of them throws. */
class PeriodicSweepTest {

    private static final Duration OFTEN = Duration.ofMillis(20);

    @Test
    void sweeps_at_once_and_then_again_and_again() {
        AtomicInteger sweeps = new AtomicInteger();
        PeriodicSweep sweeping = PeriodicSweep.start(sweeps::incrementAndGet, OFTEN);

        Await.until("three sweeps", () -> sweeps.get() >= 3);
        sweeping.stop();
        sweeping.awaitStopped(Duration.ofSeconds(10));
    }

    @Test
    void a_sweep_that_throws_is_followed_by_the_next() {
        AtomicInteger sweeps = new AtomicInteger();
        PeriodicSweep sweeping = PeriodicSweep.start(
                () -> {
                    if (sweeps.incrementAndGet() == 1) {
                        throw new IllegalStateException("a bug in the first sweep");
                    }
                },
                OFTEN);

        Await.until("a sweep after the one that threw", () -> sweeps.get() >= 2);
        sweeping.stop();
        sweeping.awaitStopped(Duration.ofSeconds(10));
    }

    @Test
    void stopping_lets_the_sweep_in_hand_finish_and_starts_no_other() throws InterruptedException {
        CountDownLatch inHand = new CountDownLatch(1);
        CountDownLatch mayFinish = new CountDownLatch(1);
        AtomicInteger finished = new AtomicInteger();
        PeriodicSweep sweeping = PeriodicSweep.start(
                () -> {
                    inHand.countDown();
                    try {
                        mayFinish.await();
                        finished.incrementAndGet();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                OFTEN);
        inHand.await();

        sweeping.stop();
        mayFinish.countDown();
        sweeping.awaitStopped(Duration.ofSeconds(10));

        assertThat(finished).hasValue(1);
    }
}

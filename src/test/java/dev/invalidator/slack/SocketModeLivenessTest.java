package dev.invalidator.slack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invalidator.base.DaemonThreads;
import dev.invalidator.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** When the Socket Mode loop counts as stuck: the two things a restart mends. */
class SocketModeLivenessTest {

    private final ExecutorService dispatch = Executors.newSingleThreadExecutor(DaemonThreads.named("dispatch"));
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T10:00:00Z"));
    private final SocketModeLiveness liveness = new SocketModeLiveness(dispatch, clock);
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void stop() {
        release.countDown();
        dispatch.shutdownNow();
    }

    @Test
    void is_not_stuck_while_dispatch_runs_tasks_and_the_monitor_checks() {
        clock.advance(Duration.ofSeconds(55));
        liveness.monitorChecking();
        clock.advance(Duration.ofSeconds(55));

        assertThat(liveness.stuck()).isEmpty();
    }

    @Test
    void is_stuck_when_every_dispatch_thread_is_held() {
        dispatch.execute(() -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });

        assertThat(liveness.stuck())
                .contains("the Socket Mode dispatch threads ran no task within 2 s, so no command or click is acked");
    }

    @Test
    void is_stuck_when_the_dispatch_pool_is_shut_down() {
        dispatch.shutdown();

        assertThat(liveness.stuck()).get().asString().startsWith("the Socket Mode dispatch threads");
    }

    @Test
    void is_stuck_when_the_session_monitor_has_not_checked_for_more_than_a_minute() {
        clock.advance(Duration.ofSeconds(60));
        assertThat(liveness.stuck()).as("a minute exactly").isEmpty();

        clock.advance(Duration.ofSeconds(1));

        assertThat(liveness.stuck())
                .contains("the Socket Mode session monitor has not checked the connection for 61 s, so nothing"
                        + " reconnects it when it drops");
    }
}

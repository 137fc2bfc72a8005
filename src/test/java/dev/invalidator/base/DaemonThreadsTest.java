package dev.invalidator.base;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DaemonThreadsTest {

    private static void nothing() {}

    @Test
    void numbers_its_threads_from_1_in_the_order_it_makes_them() {
        ThreadFactory factory = DaemonThreads.named("refresh-check");

        List<String> names = List.of(
                        factory.newThread(DaemonThreadsTest::nothing),
                        factory.newThread(DaemonThreadsTest::nothing),
                        factory.newThread(DaemonThreadsTest::nothing))
                .stream()
                .map(Thread::getName)
                .toList();

        assertThat(names).containsExactly("refresh-check-1", "refresh-check-2", "refresh-check-3");
    }

    @Test
    void makes_daemon_threads() {
        assertThat(DaemonThreads.named("tracker")
                        .newThread(DaemonThreadsTest::nothing)
                        .isDaemon())
                .isTrue();
    }

    @Test
    void each_factory_counts_on_its_own() {
        ThreadFactory workers = DaemonThreads.named("worker");
        ThreadFactory health = DaemonThreads.named("health");
        workers.newThread(DaemonThreadsTest::nothing);

        assertThat(health.newThread(DaemonThreadsTest::nothing).getName()).isEqualTo("health-1");
        assertThat(workers.newThread(DaemonThreadsTest::nothing).getName()).isEqualTo("worker-2");
    }

    @Test
    void runs_the_task_it_was_given() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor(DaemonThreads.named("pool"));
        try {
            String ranOn = pool.submit(() -> Thread.currentThread().getName() + " daemon="
                            + Thread.currentThread().isDaemon())
                    .get(10, TimeUnit.SECONDS);

            assertThat(ranOn).isEqualTo("pool-1 daemon=true");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void a_pool_needs_a_name() {
        assertThatThrownBy(() -> DaemonThreads.named(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("name");
    }
}

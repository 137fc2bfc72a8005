package dev.invalidator.base;

import java.util.Objects;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads of every pool the bot and its simulators start: daemons, so that none of them keeps the JVM alive
 * once {@code main} and the shutdown hook are done, and named by pool and number, so that a thread dump or a log
 * line says whose work it is ({@code "tracker-3"}, {@code "worker-12"}).
 *
 * <pre>{@code
 * ExecutorService pool = Executors.newFixedThreadPool(4, DaemonThreads.named("refresh-check"));
 * // threads "refresh-check-1", "refresh-check-2", … as the pool starts them
 * }</pre>
 */
public final class DaemonThreads {

    private DaemonThreads() {}

    /**
     * A factory of daemon threads named {@code name-1}, {@code name-2}, … in the order it makes them. Each call
     * starts its own count: give each pool its own factory.
     */
    public static ThreadFactory named(String name) {
        Objects.requireNonNull(name, "name");
        AtomicInteger made = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, name + "-" + made.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}

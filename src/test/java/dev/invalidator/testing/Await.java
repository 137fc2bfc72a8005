package dev.invalidator.testing;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Waits for a condition with a deadline: tests synchronise on what happened, never on how long it usually takes. */
public final class Await {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(20);
    private static final long POLL_NANOS = Duration.ofMillis(10).toNanos();

    private Await() {}

    public static void until(String what, BooleanSupplier condition) {
        until(what, DEFAULT_TIMEOUT, condition);
    }

    public static void until(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out after " + timeout + " waiting for: " + what);
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
    }

    /** Polls {@code probe} until {@code done} accepts its value, and returns that value; fails with the last one seen. */
    public static <T> T until(String what, Duration timeout, Supplier<T> probe, Predicate<T> done) {
        return until(what, timeout, Duration.ofNanos(POLL_NANOS), probe, done);
    }

    /** As above, looking every {@code interval}: for probes too costly to run a hundred times a second. */
    public static <T> T until(String what, Duration timeout, Duration interval, Supplier<T> probe, Predicate<T> done) {
        long deadline = System.nanoTime() + timeout.toNanos();
        T last = probe.get();
        while (!done.test(last)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(
                        "Timed out after " + timeout + " waiting for " + what + "; last value: " + last);
            }
            LockSupport.parkNanos(interval.toNanos());
            last = probe.get();
        }
        return last;
    }

    /** Waits until {@code value} returns non-null and returns it. */
    public static <T> T value(String what, Supplier<T> value) {
        Object[] holder = new Object[1];
        until(what, () -> (holder[0] = value.get()) != null);
        @SuppressWarnings("unchecked")
        T result = (T) holder[0];
        return result;
    }
}

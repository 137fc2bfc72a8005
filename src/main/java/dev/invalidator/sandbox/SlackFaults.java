package dev.invalidator.sandbox;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Faults queued per Web API method, consumed first in, first out: each matching call takes one.
 * Thread-safe.
 */
final class SlackFaults {

    /**
     * One queued fault: either a 429 with {@code Retry-After} or an {@code ok:false} with {@code error}, given instead
     * of acting or, {@code afterCommit}, after acting.
     */
    record Fault(String error, int retryAfterSeconds, boolean afterCommit) {
        boolean isRateLimit() {
            return retryAfterSeconds > 0;
        }
    }

    private final Map<String, Deque<Fault>> queued = new HashMap<>();

    synchronized void rateLimit(String method, int times, int retryAfterSeconds) {
        if (retryAfterSeconds < 1) {
            throw new IllegalArgumentException("retryAfterSeconds must be at least 1");
        }
        add(method, times, new Fault("ratelimited", retryAfterSeconds, false));
    }

    synchronized void failNext(String method, String error, int times, boolean afterCommit) {
        if (error == null || error.isBlank()) {
            throw new IllegalArgumentException("error must not be blank");
        }
        add(method, times, new Fault(error, 0, afterCommit));
    }

    synchronized Optional<Fault> take(String method) {
        Deque<Fault> faults = queued.get(method);
        return Optional.ofNullable(faults == null ? null : faults.pollFirst());
    }

    private void add(String method, int times, Fault fault) {
        if (method == null || method.isBlank()) {
            throw new IllegalArgumentException("method must not be blank");
        }
        if (times < 1) {
            throw new IllegalArgumentException("times must be at least 1");
        }
        Deque<Fault> faults = queued.computeIfAbsent(method, m -> new ArrayDeque<>());
        for (int i = 0; i < times; i++) {
            faults.addLast(fault);
        }
    }
}

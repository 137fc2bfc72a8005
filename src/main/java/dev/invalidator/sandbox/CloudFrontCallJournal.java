package dev.invalidator.sandbox;

import dev.invalidator.sandbox.CloudFrontSimulator.Fault;
import dev.invalidator.sandbox.CloudFrontSimulator.Operation;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The record of arrived calls, of those the account's rate limit refused, and the per-operation queues of injected
 * faults. Thread-safe.
 */
final class CloudFrontCallJournal {

    private final List<CloudFrontCall> calls = new ArrayList<>();
    private final Map<Operation, Deque<Fault>> faults = new EnumMap<>(Operation.class);
    private final Map<Operation, Integer> rateLimited = new EnumMap<>(Operation.class);

    synchronized void record(Operation operation, String distributionId, Instant time) {
        calls.add(new CloudFrontCall(operation, distributionId, time));
    }

    synchronized void rateLimited(Operation operation) {
        rateLimited.merge(operation, 1, Integer::sum);
    }

    synchronized int rateLimitedCount(Operation operation) {
        return rateLimited.getOrDefault(operation, 0);
    }

    synchronized void injectFault(Operation operation, Fault fault, int times) {
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(fault, "fault");
        if (times < 0) {
            throw new IllegalArgumentException("times must be >= 0, was " + times);
        }
        if (fault == Fault.SERVICE_UNAVAILABLE_AFTER_COMMIT && !operation.creates()) {
            throw new IllegalArgumentException("SERVICE_UNAVAILABLE_AFTER_COMMIT applies to the creates only");
        }
        Deque<Fault> queue = faults.computeIfAbsent(operation, o -> new ArrayDeque<>());
        for (int i = 0; i < times; i++) {
            queue.addLast(fault);
        }
    }

    /** Takes the next queued fault for the operation, or {@code null}. */
    synchronized Fault takeFault(Operation operation) {
        Deque<Fault> queue = faults.get(operation);
        return queue == null ? null : queue.pollFirst();
    }

    synchronized int count(Operation operation) {
        return (int) calls.stream().filter(c -> c.operation() == operation).count();
    }

    synchronized int count(Operation operation, String distributionId) {
        return (int) calls.stream()
                .filter(c -> c.operation() == operation && Objects.equals(c.distributionId(), distributionId))
                .count();
    }

    synchronized List<CloudFrontCall> calls() {
        return List.copyOf(calls);
    }
}

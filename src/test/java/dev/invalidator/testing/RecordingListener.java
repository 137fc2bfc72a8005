package dev.invalidator.testing;

import dev.invalidator.cdn.Invalidation;
import dev.invalidator.tracking.InvalidationListener;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records what a tracker reports, for assertions; waits on conditions, not on time. */
public final class RecordingListener implements InvalidationListener {

    private final List<Invalidation> completed = new CopyOnWriteArrayList<>();
    private final Map<String, String> lost = new ConcurrentHashMap<>();

    @Override
    public void completed(Invalidation invalidation, Instant observedAt) {
        completed.add(invalidation);
    }

    @Override
    public void lost(Invalidation invalidation, String reason) {
        lost.put(invalidation.id(), reason);
    }

    public Invalidation awaitCompleted(String invalidationId) {
        return Await.value(
                "completion of " + invalidationId,
                () -> completed.stream()
                        .filter(invalidation -> invalidation.id().equals(invalidationId))
                        .findFirst()
                        .orElse(null));
    }

    public String awaitLost(String invalidationId) {
        return Await.value("loss of " + invalidationId, () -> lost.get(invalidationId));
    }

    public long completionsOf(String invalidationId) {
        return completed.stream()
                .filter(invalidation -> invalidation.id().equals(invalidationId))
                .count();
    }

    public int completions() {
        return completed.size();
    }
}

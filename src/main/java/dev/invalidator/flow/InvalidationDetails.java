package dev.invalidator.flow;

import dev.invalidator.cdn.Cdn;
import dev.invalidator.cdn.Invalidation;
import dev.invalidator.cdn.InvalidationSummary;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Paths and references of listed invalidations, which a list entry lacks (one GetInvalidation each). A completed
 * invalidation never changes, so it is fetched once and kept, within a bound.
 */
final class InvalidationDetails {

    private static final int KEPT = 1_000;

    private final Cdn cdn;
    /** Guarded by {@code this}; access order, so the least recently shown is dropped first. */
    private final Map<String, Invalidation> completed = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Invalidation> eldest) {
            return size() > KEPT;
        }
    };

    InvalidationDetails(Cdn cdn) {
        this.cdn = cdn;
    }

    Invalidation of(String distributionId, InvalidationSummary summary) {
        String key = distributionId + "/" + summary.id();
        synchronized (this) {
            Invalidation known = completed.get(key);
            if (known != null) {
                return known;
            }
        }
        Invalidation fetched = cdn.invalidation(distributionId, summary.id());
        if (fetched.completed()) {
            synchronized (this) {
                completed.put(key, fetched);
            }
        }
        return fetched;
    }
}

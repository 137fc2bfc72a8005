package dev.invalidator.cdn;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link Cdn} that asks CloudFront for each page of a distribution's invalidations and for each invalidation at
 * most once, and answers again from what it read: what the readers of one start-up share, so that a restart lists
 * each distribution once and reads each invalidation once, although recovery and this month's paths both need them.
 * An invalidation's paths and CallerReference never change; its status may have by the time a second reader asks, so
 * a reader that needs the status now asks the CDN itself, not this.
 *
 * <pre>{@code
 * Cdn once = new ReadOnce(reads);
 * tracker.recover(distributionIds, window, once);   // lists each distribution, reads the bot's candidates
 * monthToDate.readNow(once);                        // the same pages again from memory, and only the rest read
 * }</pre>
 *
 * <p>For one start-up, then dropped: it keeps everything it read.
 */
public final class ReadOnce implements Cdn {

    private final Cdn cdn;
    private final Map<PageKey, InvalidationPage> pages = new ConcurrentHashMap<>();
    private final Map<String, Invalidation> invalidations = new ConcurrentHashMap<>();

    private record PageKey(String distributionId, String marker, int maxItems) {}

    public ReadOnce(Cdn cdn) {
        this.cdn = Objects.requireNonNull(cdn, "cdn");
    }

    @Override
    public Distribution distribution(String distributionId) {
        return cdn.distribution(distributionId);
    }

    @Override
    public Tenant tenant(String tenantId) {
        return cdn.tenant(tenantId);
    }

    @Override
    public Optional<Tenant> tenantByDomain(String domain, String askingAs) {
        return cdn.tenantByDomain(domain, askingAs);
    }

    @Override
    public Invalidation create(String distributionId, String callerReference, List<String> paths) {
        return cdn.create(distributionId, callerReference, paths);
    }

    @Override
    public Invalidation invalidation(String distributionId, String invalidationId) {
        String key = distributionId + "/" + invalidationId;
        Invalidation known = invalidations.get(key);
        if (known != null) {
            return known;
        }
        Invalidation read = cdn.invalidation(distributionId, invalidationId);
        invalidations.put(key, read);
        return read;
    }

    @Override
    public InvalidationPage invalidations(String distributionId, String marker, int maxItems) {
        PageKey key = new PageKey(distributionId, marker, maxItems);
        InvalidationPage known = pages.get(key);
        if (known != null) {
            return known;
        }
        InvalidationPage read = cdn.invalidations(distributionId, marker, maxItems);
        pages.put(key, read);
        return read;
    }
}

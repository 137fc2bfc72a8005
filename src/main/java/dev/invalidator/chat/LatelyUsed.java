package dev.invalidator.chat;

import dev.invalidator.cdn.Invalidation;
import dev.invalidator.config.DistributionConfig;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The order in which the Home tab and {@code help} list a person's distributions: those invalidated most lately
 * first, then the rest in the config's order. With hundreds, the one a person just used is the one they look for.
 *
 * <pre>{@code
 * LatelyUsed.first(usable, LatelyUsed.latest(inProgress));   // the Home tab: what it shows in flight and done
 * LatelyUsed.first(usable, monthToDate.lastInvalidated());   // help: this month's invalidations as last read
 * }</pre>
 */
public final class LatelyUsed {

    private LatelyUsed() {}

    /** {@code distributions} reordered by the last invalidation of each, by distribution id; a stable sort. */
    public static List<DistributionConfig> first(
            Collection<DistributionConfig> distributions, Map<String, Instant> lastInvalidated) {
        List<DistributionConfig> ordered = new ArrayList<>(distributions);
        ordered.sort(Comparator.comparing(
                (DistributionConfig distribution) -> lastInvalidated.getOrDefault(distribution.id(), Instant.MIN),
                Comparator.reverseOrder()));
        return ordered;
    }

    /** When each distribution among {@code invalidations} was last invalidated, by distribution id. */
    public static Map<String, Instant> latest(Collection<Invalidation> invalidations) {
        Map<String, Instant> latest = new HashMap<>();
        invalidations.forEach(invalidation ->
                latest.merge(invalidation.distributionId(), invalidation.createTime(), (a, b) -> a.isAfter(b) ? a : b));
        return latest;
    }
}

package dev.invalidator.request;

import dev.invalidator.request.InvalidationPath.Kind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Leaves out items another item of the same request already invalidates: exact duplicates (after encoding;
 * tags compared case-insensitively, as CloudFront does) and paths covered by a wildcard. Each one would
 * still count against the limits and, past the free tier, cost money.
 *
 * <pre>{@code
 * Deduplication.of(items of "/c*", "/css/*", "/css/a.css", "/c*");
 * // kept: /c*; dropped: /css/* and /css/a.css "covered by /c*", the second /c* "duplicate of /c*"
 * }</pre>
 */
final class Deduplication {

    record Outcome(List<Reading.Item> kept, List<DroppedPath> dropped) {}

    private Deduplication() {}

    /** Keeps input order in both lists; of two equal items the first is kept. */
    static Outcome of(List<Reading.Item> items) {
        NavigableSet<String> broadest = broadestWildcardPrefixes(items);
        Map<String, InvalidationPath> seen = new HashMap<>();
        List<Reading.Item> kept = new ArrayList<>();
        List<DroppedPath> dropped = new ArrayList<>();
        for (Reading.Item item : items) {
            InvalidationPath path = item.path();
            InvalidationPath earlier = seen.putIfAbsent(identity(path), path);
            Optional<String> cover = coveringWildcard(path, broadest);
            if (earlier != null) {
                dropped.add(new DroppedPath(path.typed(), duplicateReason(path, earlier)));
            } else if (cover.isPresent()) {
                dropped.add(new DroppedPath(path.typed(), "covered by " + cover.get()));
            } else {
                kept.add(item);
            }
        }
        return new Outcome(List.copyOf(kept), List.copyOf(dropped));
    }

    private static String identity(InvalidationPath path) {
        return path.kind() == Kind.TAG ? path.value().toLowerCase(Locale.ROOT) : path.value();
    }

    private static String duplicateReason(InvalidationPath path, InvalidationPath earlier) {
        boolean caseOnly = path.kind() == Kind.TAG && !path.value().equals(earlier.value());
        return "duplicate of " + Wording.shorten(earlier.typed()) + (caseOnly ? " (cache tags ignore case)" : "");
    }

    /**
     * The prefixes of the wildcards no other wildcard covers. In sorted order every string that starts with a
     * prefix directly follows it, so one pass against the last prefix kept finds them all.
     */
    private static NavigableSet<String> broadestWildcardPrefixes(List<Reading.Item> items) {
        NavigableSet<String> sorted = new TreeSet<>();
        items.stream()
                .map(Reading.Item::path)
                .filter(path -> path.kind() == Kind.WILDCARD)
                .forEach(path -> sorted.add(prefixOf(path)));
        NavigableSet<String> broadest = new TreeSet<>();
        for (String prefix : sorted) {
            if (broadest.isEmpty() || !prefix.startsWith(broadest.last())) {
                broadest.add(prefix);
            }
        }
        return broadest;
    }

    /**
     * The broadest wildcard that covers the path, if any. Among prefix-free strings, the only candidate prefix
     * of a key is the greatest one not above it, so a single floor lookup decides.
     */
    private static Optional<String> coveringWildcard(InvalidationPath path, NavigableSet<String> broadest) {
        if (path.kind() == Kind.TAG) {
            return Optional.empty();
        }
        String key = path.kind() == Kind.WILDCARD ? prefixOf(path) : path.value();
        if (path.kind() == Kind.WILDCARD && broadest.contains(key)) {
            return Optional.empty();
        }
        String floor = broadest.floor(key);
        return floor != null && key.startsWith(floor) ? Optional.of(floor + "*") : Optional.empty();
    }

    private static String prefixOf(InvalidationPath wildcard) {
        return wildcard.value().substring(0, wildcard.value().length() - 1);
    }
}

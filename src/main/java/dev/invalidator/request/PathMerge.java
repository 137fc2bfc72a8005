package dev.invalidator.request;

import java.util.List;

/**
 * The paths of several requests on one distribution as one invalidation: deduplicated, and a wildcard covering the
 * files under it, as {@link Deduplication} does within one request.
 *
 * <pre>{@code
 * PathMerge.of(List.of(parsed("/css/*"), parsed("/css/a.css", "/index.html")));   // [/css/*, /index.html]
 * }</pre>
 */
public final class PathMerge {

    private PathMerge() {}

    /** The paths to send, in the order the requests and their paths came. */
    public static List<String> of(List<ParsedPaths> requests) {
        List<Reading.Item> items = requests.stream()
                .flatMap(parsed -> parsed.accepted().stream())
                .map(path -> new Reading.Item(path, path.value(), false))
                .toList();
        return Deduplication.of(items).kept().stream()
                .map(item -> item.path().value())
                .toList();
    }
}

package dev.invalidator.flow;

import java.util.ArrayList;
import java.util.List;

/**
 * A queued request's paths cut into parts for the thread replies that keep them: each part at most {@link #MAX_CHARS}
 * characters one per line (a path alone may be up to CloudFront's 4,000), well within what a message's metadata holds.
 *
 * <pre>{@code
 * PathParts.of(List.of("/a.html", "/b.html"));   // [[/a.html, /b.html]]
 * }</pre>
 */
final class PathParts {

    static final int MAX_CHARS = 8_000;

    private PathParts() {}

    static List<List<String>> of(List<String> paths) {
        List<List<String>> parts = new ArrayList<>();
        List<String> part = new ArrayList<>();
        int chars = 0;
        for (String path : paths) {
            if (!part.isEmpty() && chars + path.length() + 1 > MAX_CHARS) {
                parts.add(List.copyOf(part));
                part.clear();
                chars = 0;
            }
            part.add(path);
            chars += path.length() + 1;
        }
        if (!part.isEmpty()) {
            parts.add(List.copyOf(part));
        }
        return parts;
    }
}

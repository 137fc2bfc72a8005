package dev.invalidator.request;

import java.util.List;

/**
 * Everything the parser found in one request: what to send, what blocks it, what was left out and why, and
 * what deserves a second look. All problems are collected, so the user can fix them in one go.
 *
 * <pre>{@code
 * ParsedPaths parsed = parser.parse(List.of("/css/*", "/css/a.css"), hosts);
 * parsed.ok();          // true
 * parsed.accepted();    // [/css/*]
 * parsed.dropped();     // [/css/a.css: covered by /css/*]
 * }</pre>
 *
 * @param samples files named with {@code check:}: not invalidated, only asked for once the invalidation completes
 */
public record ParsedPaths(
        List<InvalidationPath> accepted,
        List<PathProblem> problems,
        List<DroppedPath> dropped,
        List<PathWarning> warnings,
        List<InvalidationPath> samples) {

    public ParsedPaths {
        accepted = List.copyOf(accepted);
        problems = List.copyOf(problems);
        dropped = List.copyOf(dropped);
        warnings = List.copyOf(warnings);
        samples = List.copyOf(samples);
    }

    /** A request without {@code check:} samples. */
    public ParsedPaths(
            List<InvalidationPath> accepted,
            List<PathProblem> problems,
            List<DroppedPath> dropped,
            List<PathWarning> warnings) {
        this(accepted, problems, dropped, warnings, List.of());
    }

    /** True when the request can be sent: nothing blocks it and there is something to invalidate. */
    public boolean ok() {
        return problems.isEmpty() && !accepted.isEmpty();
    }

    public int wildcardCount() {
        return (int) accepted.stream()
                .filter(path -> path.kind() == InvalidationPath.Kind.WILDCARD)
                .count();
    }

    /** The wildcards at the top level ({@link InvalidationPath#isWipe()}), in the order of the request. */
    public List<InvalidationPath> wipes() {
        return accepted.stream().filter(InvalidationPath::isWipe).toList();
    }

    public boolean containsWipe() {
        return accepted.stream().anyMatch(InvalidationPath::isWipe);
    }
}

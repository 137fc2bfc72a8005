package dev.invalidator.request;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Turns the tokens of a command into the items of one CloudFront invalidation batch, checking every rule
 * CloudFront applies (and a few it applies silently, such as encoding) before anything is sent.
 *
 * <p>Each token is read on its own: a path starting with {@code /} is taken as typed (so an image-proxy key
 * like {@code /https://config.example.com/files/*} stays verbatim), a {@code #tag} is a cache-tag item, and an
 * http(s) link on one of the distribution's domains becomes its path, and {@code check:} names a file to ask the
 * edge for after completion ({@link CheckSamples}). Then duplicates and paths covered by a
 * wildcard are dropped, the request's count limits are checked, and warnings are collected. Every problem of
 * the request is reported, never just the first, and no input makes this method throw.
 *
 * <pre>{@code
 * var parser = new PathParser(PathLimits.cloudFrontDefaults());
 * ParsedPaths parsed = parser.parse(
 *         List.of("/css/*", "/css/site.css", "https://www.example.com/café.html"),
 *         Set.of("d111111abcdef8.cloudfront.net", "www.example.com"));
 * // accepted: /css/* and /caf%C3%A9.html; dropped: /css/site.css (covered by /css/*)
 * }</pre>
 *
 * <p>Instances hold only their limits and may be shared between threads.
 */
public final class PathParser {

    private static final PathProblem NO_PATHS = new PathProblem(
            "",
            "No paths given. Add one or more after the distribution, separated by spaces or commas, "
                    + "e.g. /index.html /css/*");

    private final PathLimits limits;

    public PathParser(PathLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /**
     * Reads the path tokens of one command into one invalidation batch, with every problem and warning found.
     *
     * @param tokens what {@link Tokenizer#split} returned for the path part of a command (target already removed)
     * @param hosts  the distribution's domain names (e.g. "d111111abcdef8.cloudfront.net", "www.example.com"),
     *               compared case-insensitively; links to other hosts are rejected
     */
    public ParsedPaths parse(List<String> tokens, Set<String> hosts) {
        Objects.requireNonNull(tokens, "tokens");
        Objects.requireNonNull(hosts, "hosts");
        if (tokens.isEmpty()) {
            return new ParsedPaths(List.of(), List.of(NO_PATHS), List.of(), List.of());
        }
        TokenReader reader = new TokenReader(hosts);
        List<Reading.Item> items = new ArrayList<>();
        List<PathProblem> problems = new ArrayList<>();
        List<String> samples = new ArrayList<>();
        for (String token : tokens) {
            if (CheckSamples.isSample(token)) {
                samples.add(token);
                continue;
            }
            Reading reading = reader.read(token);
            if (reading instanceof Reading.Item item) {
                items.add(item);
            } else if (reading instanceof Reading.Rejected rejected) {
                problems.addAll(rejected.problems());
            }
        }
        Deduplication.Outcome unique = Deduplication.of(items);
        List<InvalidationPath> accepted =
                unique.kept().stream().map(Reading.Item::path).toList();
        problems.addAll(LimitCheck.problems(accepted, limits));
        CheckSamples.Outcome checked = CheckSamples.read(samples, reader, accepted);
        problems.addAll(checked.problems());
        List<DroppedPath> dropped = new ArrayList<>(unique.dropped());
        dropped.addAll(checked.dropped());
        return new ParsedPaths(accepted, problems, dropped, PathWarnings.of(unique.kept()), checked.kept());
    }
}

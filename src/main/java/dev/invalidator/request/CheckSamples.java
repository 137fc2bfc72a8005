package dev.invalidator.request;

import dev.invalidator.request.InvalidationPath.Kind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads {@code check:} tokens: files the bot asks the edge for once the invalidation completes, to show that it
 * really refreshed them. A sample is never invalidated; it is what proves a wildcard worked, so it must lie under
 * one of the request's paths — or miss one only by a slip ({@link NearMatch}), which the check then reports. A
 * request holding a cache tag takes any file: which files carry a tag only the origin knows.
 *
 * <pre>{@code
 * /invalidate web /img/* check:/img/logo.png
 * // invalidates /img/*; after completion asks the edge for /img/logo.png
 * }</pre>
 */
public final class CheckSamples {

    public static final String PREFIX = "check:";
    /** As many as the default number of URLs one verification asks for. */
    public static final int MAX_SAMPLES = 20;

    private static final String EXAMPLE = "/img/* check:/img/logo.png";

    /** The samples to keep, what blocks the request, and what was left out. */
    record Outcome(List<InvalidationPath> kept, List<PathProblem> problems, List<DroppedPath> dropped) {}

    private CheckSamples() {}

    static boolean isSample(String token) {
        return token.regionMatches(true, 0, PREFIX, 0, PREFIX.length());
    }

    /**
     * @param tokens   the tokens for which {@link #isSample} holds, in input order
     * @param accepted the items the request invalidates
     */
    static Outcome read(List<String> tokens, TokenReader reader, List<InvalidationPath> accepted) {
        List<String> paths = accepted.stream()
                .filter(item -> item.kind() != Kind.TAG)
                .map(InvalidationPath::value)
                .toList();
        boolean tagged = accepted.stream().anyMatch(item -> item.kind() == Kind.TAG);
        List<InvalidationPath> kept = new ArrayList<>();
        List<PathProblem> problems = new ArrayList<>();
        List<DroppedPath> dropped = new ArrayList<>();
        Map<String, String> firstTyped = new HashMap<>();
        for (String token : tokens) {
            if (token.length() == PREFIX.length()) {
                problems.add(new PathProblem(
                        token,
                        "check: needs the file to check right after it, without a space," + " e.g. " + EXAMPLE + "."));
                continue;
            }
            Reading reading = reader.read(token.substring(PREFIX.length()));
            if (reading instanceof Reading.Rejected rejected) {
                rejected.problems().forEach(rule -> problems.add(new PathProblem(token, rule.message())));
                continue;
            }
            InvalidationPath sample = ((Reading.Item) reading).path();
            problemWith(sample, paths, tagged)
                    .ifPresentOrElse(
                            problem -> problems.add(new PathProblem(token, problem)),
                            () -> keep(token, sample, paths, kept, dropped, firstTyped));
        }
        if (kept.size() > MAX_SAMPLES) {
            problems.add(new PathProblem(
                    kept.get(MAX_SAMPLES).typed(),
                    "At most " + MAX_SAMPLES + " files can be " + "checked per request; leave out the rest."));
        }
        return new Outcome(List.copyOf(kept), List.copyOf(problems), List.copyOf(dropped));
    }

    /** @param tagged whether the request holds a cache tag, which may cover any file: then any file may prove it */
    private static Optional<String> problemWith(InvalidationPath sample, List<String> paths, boolean tagged) {
        if (sample.kind() == Kind.TAG) {
            return Optional.of("A cache tag can't be checked: a sample is one file the bot asks the edge for, e.g. "
                    + EXAMPLE + ".");
        }
        if (sample.kind() == Kind.WILDCARD) {
            return Optional.of("A sample is one file, not a wildcard: the bot asks the edge for it once the "
                    + "invalidation completes, e.g. " + EXAMPLE + ".");
        }
        if (tagged) {
            return Optional.empty();
        }
        if (paths.isEmpty()) {
            return Optional.of("check: names a file to check after the invalidation, not one to invalidate: add the "
                    + "paths to invalidate too, e.g. " + EXAMPLE + ".");
        }
        if (NearMatch.find(sample.value(), paths).isEmpty()) {
            return Optional.of(Wording.shorten(sample.value()) + " is not under any path of this request, so "
                    + "checking it would prove nothing: name a file under one of the paths, e.g. " + EXAMPLE + ".");
        }
        return Optional.empty();
    }

    private static void keep(
            String token,
            InvalidationPath read,
            List<String> paths,
            List<InvalidationPath> kept,
            List<DroppedPath> dropped,
            Map<String, String> firstTyped) {
        String value = read.value();
        String earlier = firstTyped.putIfAbsent(value, token);
        if (earlier != null) {
            dropped.add(new DroppedPath(token, "duplicate of " + Wording.shorten(earlier)));
        } else if (paths.contains(value)) {
            dropped.add(new DroppedPath(token, Wording.shorten(value) + " is checked anyway, as one of the paths"));
        } else {
            kept.add(new InvalidationPath(token, value, Kind.FILE));
        }
    }

    /** {@code check:/img/logo.png} for a sample's value: how the bot writes a sample back into a request. */
    public static String token(String value) {
        return PREFIX + value;
    }
}

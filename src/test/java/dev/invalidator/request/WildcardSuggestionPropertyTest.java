package dev.invalidator.request;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invalidator.request.WildcardSuggestion.Suggestion;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.SortedSet;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Random requests, seeded so any failure can be replayed. Paths are drawn from a small vocabulary so that they
 * share directories, which is where suggestions happen; each request is checked against the rules written out
 * again here the slow, obvious way.
 */
class WildcardSuggestionPropertyTest {

    private static final long SEED = 0xC0FFEEL;
    private static final int REQUESTS = 20_000;
    /** Brute force tries every set of candidate directories, so only requests with few of them get that check. */
    private static final int MOST_CANDIDATES_TO_BRUTE_FORCE = 10;

    private static final String[] SEGMENTS = {"a", "b", "img", "css", "IMG", "caf%C3%A9", "", "x.y"};
    private static final String[] NAMES = {
        "index.html", "a.png", "b.png", "c.css", "d.js", "e", "", "f.png", "g.png", "h.png"
    };
    private static final String[] QUERIES = {"?v=1", "?v=2", "?next=/img/a", "?", "?a/b/"};
    private static final String[] OTHERS = {
        "#tag", "#Tag", "/*", "/img/*", "/img*", "/a/b/*", "img/a.png", "", "/img/a*?x"
    };

    private final Random random = new Random(SEED);

    @Test
    void random_requests_are_always_covered_never_wiped_never_longer_optimal_and_deterministic() {
        List<String> violations = new ArrayList<>();
        int suggested = 0;
        int bruteForced = 0;
        for (int i = 0; i < REQUESTS && violations.size() < 10; i++) {
            List<String> paths = request();
            int minimum = 2 + random.nextInt(6);
            try {
                Optional<Suggestion> suggestion = WildcardSuggestion.suggest(paths, minimum);
                List<String> found = new ArrayList<>();
                suggestion.ifPresentOrElse(
                        present -> checkSuggestion(paths, minimum, present, found),
                        () -> checkNothingWasWorthIt(paths, minimum, found));
                checkDeterminism(paths, minimum, suggestion, found);
                List<String> candidates = candidates(paths, minimum);
                if (candidates.size() <= MOST_CANDIDATES_TO_BRUTE_FORCE) {
                    checkFewestPaths(paths, candidates, suggestion, found);
                    bruteForced++;
                }
                suggested += suggestion.isPresent() ? 1 : 0;
                found.forEach(violation -> violations.add(violation + " for minimum " + minimum + " in " + paths));
            } catch (RuntimeException e) {
                violations.add(e + " for minimum " + minimum + " in " + paths);
            }
        }

        assertThat(violations).isEmpty();
        // The generator must exercise both outcomes and the oracle, or the checks above prove little.
        assertThat(suggested).as("requests with a suggestion").isBetween(REQUESTS / 10, REQUESTS * 9 / 10);
        assertThat(bruteForced).as("requests checked by brute force").isGreaterThan(REQUESTS / 2);
    }

    private static void checkSuggestion(List<String> paths, int minimum, Suggestion suggestion, List<String> found) {
        List<String> wildcards = suggestion.wildcards();
        if (!isSorted(wildcards) || !isSorted(suggestion.keptAsIs())) {
            found.add("unsorted lists " + suggestion);
        }
        for (String wildcard : wildcards) {
            String prefix = wildcard.substring(0, wildcard.length() - 1);
            if (!wildcard.endsWith("/*") || prefix.equals("/")) {
                found.add("not a directory wildcard, or the full wipe: " + wildcard);
            }
            if (!directoriesOf(paths).contains(prefix)) {
                found.add("wildcard for a directory no listed file names: " + wildcard);
            }
            long filesUnder = paths.stream()
                    .filter(path -> isFile(path) && pathPart(path).startsWith(prefix))
                    .count();
            if (filesUnder < minimum) {
                found.add(wildcard + " covers only " + filesUnder + " listed files");
            }
            wildcards.stream()
                    .filter(other -> !other.equals(wildcard) && other.startsWith(prefix))
                    .forEach(other -> found.add(other + " inside " + wildcard));
        }
        Map<String, Integer> uncovered = new HashMap<>();
        paths.stream()
                .filter(path -> !isFile(path)
                        || wildcards.stream()
                                .noneMatch(wildcard ->
                                        pathPart(path).startsWith(wildcard.substring(0, wildcard.length() - 1))))
                .forEach(path -> uncovered.merge(path, 1, Integer::sum));
        Map<String, Integer> kept = new HashMap<>();
        suggestion.keptAsIs().forEach(path -> kept.merge(path, 1, Integer::sum));
        if (!kept.equals(uncovered)) {
            found.add("kept " + kept + " but not covered " + uncovered);
        }
        int before = suggestion.pathsBefore();
        int after = suggestion.pathsAfter();
        if (before != paths.size()
                || after != wildcards.size() + suggestion.keptAsIs().size()) {
            found.add("miscounted " + suggestion);
        }
        if (after > before - (minimum - 1) || after >= before) {
            found.add("saves too little: " + before + " to " + after);
        }
    }

    /** Empty means no directory below the root holds the minimum: any that did would save paths. */
    private static void checkNothingWasWorthIt(List<String> paths, int minimum, List<String> found) {
        List<String> missed = candidates(paths, minimum);
        if (!missed.isEmpty()) {
            found.add("nothing suggested although " + missed + " hold enough files");
        }
    }

    private void checkDeterminism(
            List<String> paths, int minimum, Optional<Suggestion> suggestion, List<String> found) {
        List<String> shuffled = new ArrayList<>(paths);
        Collections.shuffle(shuffled, random);
        if (!WildcardSuggestion.suggest(shuffled, minimum).equals(suggestion)) {
            found.add("another order of the same request gave another suggestion");
        }
    }

    /** Every set of candidate directories none inside another: the fewest paths any of them sends. */
    private static void checkFewestPaths(
            List<String> paths, List<String> candidates, Optional<Suggestion> suggestion, List<String> found) {
        int fewest = paths.size();
        for (int set = 1; set < 1 << candidates.size(); set++) {
            List<String> chosen = new ArrayList<>();
            for (int i = 0; i < candidates.size(); i++) {
                if ((set & 1 << i) != 0) {
                    chosen.add(candidates.get(i));
                }
            }
            boolean nested = chosen.stream()
                    .anyMatch(outer ->
                            chosen.stream().anyMatch(inner -> !inner.equals(outer) && inner.startsWith(outer)));
            if (!nested) {
                long left = paths.stream()
                        .filter(path -> !isFile(path) || chosen.stream().noneMatch(pathPart(path)::startsWith))
                        .count();
                fewest = Math.min(fewest, chosen.size() + (int) left);
            }
        }
        int after = suggestion.map(Suggestion::pathsAfter).orElse(paths.size());
        if (after != fewest) {
            found.add("sends " + after + " paths where " + fewest + " would do");
        }
    }

    /** Directories below the root with at least the minimum of listed files in them or below. */
    private static List<String> candidates(List<String> paths, int minimum) {
        return directoriesOf(paths).stream()
                .filter(directory -> !directory.equals("/"))
                .filter(directory -> paths.stream()
                                .filter(path -> isFile(path) && pathPart(path).startsWith(directory))
                                .count()
                        >= minimum)
                .toList();
    }

    /** Every prefix ending in "/" of every listed file's path, the root included. */
    private static SortedSet<String> directoriesOf(List<String> paths) {
        TreeSet<String> directories = new TreeSet<>();
        paths.stream()
                .filter(WildcardSuggestionPropertyTest::isFile)
                .map(WildcardSuggestionPropertyTest::pathPart)
                .forEach(path -> {
                    for (int slash = path.indexOf('/'); slash >= 0; slash = path.indexOf('/', slash + 1)) {
                        directories.add(path.substring(0, slash + 1));
                    }
                });
        return directories;
    }

    private static boolean isFile(String path) {
        return path.startsWith("/") && !path.contains("*");
    }

    private static String pathPart(String path) {
        return path.split("\\?", 2)[0];
    }

    private static boolean isSorted(List<String> list) {
        return list.stream().sorted().toList().equals(list);
    }

    private List<String> request() {
        int size = random.nextInt(40);
        List<String> paths = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            int pick = random.nextInt(20);
            if (pick == 0 && !paths.isEmpty()) {
                paths.add(paths.get(random.nextInt(paths.size())));
            } else if (pick == 1) {
                paths.add(OTHERS[random.nextInt(OTHERS.length)]);
            } else {
                paths.add(file());
            }
        }
        return paths;
    }

    private String file() {
        StringBuilder path = new StringBuilder("/");
        int depth = random.nextInt(4);
        for (int level = 0; level < depth; level++) {
            path.append(SEGMENTS[random.nextInt(SEGMENTS.length)]).append('/');
        }
        path.append(NAMES[random.nextInt(NAMES.length)]);
        if (random.nextInt(8) == 0) {
            path.append(QUERIES[random.nextInt(QUERIES.length)]);
        }
        return path.toString();
    }
}

package dev.invalidator.request;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Suggests directory wildcards for a request that lists many files in the same directories: {@code /assets/img/*}
 * instead of twenty files in {@code /assets/img/} is one path instead of twenty, against the month's free paths
 * and, beyond them, the bill.
 *
 * <pre>{@code
 * WildcardSuggestion.suggest(List.of("/assets/img/1.png", ..., "/assets/img/20.png", "/index.html"), 5);
 * // Suggestion[wildcards=[/assets/img/*], keptAsIs=[/index.html], pathsBefore=21, pathsAfter=2]
 * }</pre>
 *
 * <p>It is a suggestion the user must accept, never a rewrite: a wildcard also removes every cached file under the
 * directory that was <em>not</em> listed, and each of those goes back to the origin on its next request.
 *
 * <p>The rules:
 * <ul>
 *   <li>Only directories the listed paths themselves name, ending in {@code /}: {@code /assets/img/a.png} may become
 *       {@code /assets/img/*} or {@code /assets/*}, never {@code /assets/im*}. A query string is not part of the
 *       directory: {@code /img/a.png?v=2} lies in {@code /img/}.
 *   <li>A directory becomes a wildcard only when at least {@code minimumFilesPerPrefix} listed files lie in it or
 *       below it: that keeps each wildcard in proportion to what the user asked for, and means any suggestion
 *       saves at least {@code minimumFilesPerPrefix - 1} paths.
 *   <li>Among the directories that qualify, the plan is the one that sends the fewest paths, and on a tie the one
 *       with the deeper wildcards (or none), as they remove fewer unlisted files. So three files in each of
 *       {@code /img/a/} and {@code /img/b/} become {@code /img/*} when five are needed; five in each become
 *       {@code /img/*} too, rather than {@code /img/a/*} and {@code /img/b/*}; five in {@code /img/a/} alone stay
 *       {@code /img/a/*}. Twenty in {@code /assets/img/} plus one in {@code /assets/css/} become {@code /assets/*}:
 *       one path instead of two, at the price of a broader sweep the user sees before clicking.
 *   <li>Never {@code /*}: emptying the whole cache must be asked for explicitly.
 *   <li>Items that are not plain file paths are kept as they are and never merged: {@code #tags}, wildcards the
 *       user typed (anything with a {@code *}), and anything not starting with {@code /}. A typed wildcard stays
 *       even when a suggested one covers it, as the parser drops it once the suggestion is accepted.
 * </ul>
 *
 * <p>Every item counts as one path, as CloudFront bills it; pass the items left after the parser dropped
 * duplicates ({@link ParsedPaths#accepted()}).
 */
public final class WildcardSuggestion {

    /**
     * What to send instead of the listed items. Every listed item is either under one of {@code wildcards} or in
     * {@code keptAsIs}.
     *
     * @param wildcards   directory wildcards such as {@code /assets/img/*}, none inside another; sorted
     * @param keptAsIs    the listed items no suggested wildcard covers, as they were listed; sorted
     * @param pathsBefore items in the request as listed
     * @param pathsAfter  items with the suggestion: the wildcards plus the items kept as they are
     */
    public record Suggestion(List<String> wildcards, List<String> keptAsIs, int pathsBefore, int pathsAfter) {

        public Suggestion {
            wildcards = List.copyOf(wildcards);
            keptAsIs = List.copyOf(keptAsIs);
        }
    }

    private WildcardSuggestion() {}

    /**
     * The suggestion for one request's items, or empty when no directory holds enough of them.
     *
     * @param minimumFilesPerPrefix fewest listed files a directory needs to become a wildcard; at least 2, as a
     *                              wildcard for a single file saves nothing
     */
    public static Optional<Suggestion> suggest(List<String> paths, int minimumFilesPerPrefix) {
        Objects.requireNonNull(paths, "paths");
        if (minimumFilesPerPrefix < 2) {
            throw new IllegalArgumentException(
                    "minimumFilesPerPrefix must be at least 2, was " + minimumFilesPerPrefix);
        }
        Tree tree = new Tree();
        paths.stream().filter(WildcardSuggestion::isFile).forEach(tree::add);
        tree.plan(minimumFilesPerPrefix);
        List<String> wildcards = tree.outermostWildcards();
        if (wildcards.isEmpty()) {
            return Optional.empty();
        }
        List<String> keptAsIs = paths.stream()
                .filter(path -> !isFile(path) || !tree.directoryOf(path).swept)
                .sorted()
                .toList();
        return Optional.of(new Suggestion(
                wildcards.stream().sorted().toList(), keptAsIs, paths.size(), wildcards.size() + keptAsIs.size()));
    }

    private static boolean isFile(String path) {
        return path.startsWith("/") && path.indexOf('*') < 0;
    }

    /**
     * The directories of the listed files, "/" at the root. Nodes are listed as they are created, so every parent
     * comes before its subdirectories: walking the list backwards plans children first, forwards passes a
     * parent's decision down. Neither walk recurses, so no path is too deep.
     */
    private static final class Tree {

        private final Directory root = new Directory(null, "/");
        private final List<Directory> parentsFirst = new ArrayList<>(List.of(root));
        private final Map<String, Directory> directoryOfFile = new HashMap<>();

        void add(String file) {
            int query = file.indexOf('?');
            String path = query < 0 ? file : file.substring(0, query);
            Directory directory = root;
            directory.files++;
            for (int start = 1, slash; (slash = path.indexOf('/', start)) >= 0; start = slash + 1) {
                directory = subdirectory(directory, path.substring(start, slash + 1));
                directory.files++;
            }
            directory.paths++;
            directoryOfFile.put(file, directory);
        }

        private Directory subdirectory(Directory parent, String name) {
            return parent.subdirectories.computeIfAbsent(name, created -> {
                Directory directory = new Directory(parent, created);
                parentsFirst.add(directory);
                return directory;
            });
        }

        /**
         * Decides each directory after its subdirectories, when {@code paths} holds what their plans send plus
         * the files right in it. Becoming a wildcard must send strictly fewer paths: on a tie the deeper plan
         * stays, as it removes fewer unlisted files.
         */
        void plan(int minimumFilesPerPrefix) {
            for (int i = parentsFirst.size() - 1; i >= 0; i--) {
                Directory directory = parentsFirst.get(i);
                directory.wildcard =
                        directory != root && directory.files >= minimumFilesPerPrefix && directory.paths > 1;
                if (directory.wildcard) {
                    directory.paths = 1;
                }
                if (directory != root) {
                    directory.parent.paths += directory.paths;
                }
            }
        }

        /** The wildcards to suggest: those not inside another, which sweeps them along. */
        List<String> outermostWildcards() {
            List<String> wildcards = new ArrayList<>();
            for (Directory directory : parentsFirst) {
                boolean insideWildcard = directory != root && directory.parent.swept;
                if (directory.wildcard && !insideWildcard) {
                    wildcards.add(directory.prefix() + "*");
                }
                directory.swept = directory.wildcard || insideWildcard;
            }
            return wildcards;
        }

        Directory directoryOf(String file) {
            return directoryOfFile.get(file);
        }
    }

    /** One directory, named by its own segment ("img/") so that deep paths don't copy their prefix at every level. */
    private static final class Directory {

        private final Directory parent;
        private final String name;
        private final Map<String, Directory> subdirectories = new HashMap<>();
        /** Listed files in this directory or below. */
        private int files;
        /** Paths the plan sends for those files; see {@link Tree#plan}. */
        private int paths;

        private boolean wildcard;
        /** In a suggested wildcard: this directory's own, or an ancestor's. */
        private boolean swept;

        Directory(Directory parent, String name) {
            this.parent = parent;
            this.name = name;
        }

        String prefix() {
            Deque<String> names = new ArrayDeque<>();
            for (Directory directory = this; directory != null; directory = directory.parent) {
                names.push(directory.name);
            }
            return String.join("", names);
        }
    }
}

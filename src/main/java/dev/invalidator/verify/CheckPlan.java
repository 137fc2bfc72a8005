package dev.invalidator.verify;

import dev.invalidator.request.NearMatch;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which paths of a completed invalidation the check asks the edge for: its file paths, then the {@code check:}
 * samples, at most {@code maxUrls} of them. Wildcards and cache tags name no URL; a wildcard is checked only
 * through the samples under it, a tag through any sample (which files carry it only the origin knows).
 *
 * <pre>{@code
 * CheckPlan.of(List.of("/index.html", "/img/*", "/css/*"), List.of("/img/logo.png"), 20);
 * // paths=[/index.html, /img/logo.png], leftOut=0, wildcardsWithoutSamples=[/css/*], tagsWithoutSamples=[]
 * }</pre>
 *
 * @param paths                   what to ask for, in this order
 * @param leftOut                 how many more there were than {@code maxUrls} allows
 * @param wildcardsWithoutSamples wildcards no checked sample lies under: nothing shows whether they worked
 * @param tagsWithoutSamples      cache tags of a request without samples: nothing shows whether they worked
 */
public record CheckPlan(
        List<String> paths, int leftOut, List<String> wildcardsWithoutSamples, List<String> tagsWithoutSamples) {

    public CheckPlan {
        paths = List.copyOf(paths);
        wildcardsWithoutSamples = List.copyOf(wildcardsWithoutSamples);
        tagsWithoutSamples = List.copyOf(tagsWithoutSamples);
    }

    /**
     * Plans the check of an invalidation: at most {@code maxUrls} of its file paths and samples.
     *
     * @param invalidated the paths the invalidation sent
     * @param samples     the {@code check:} samples of the request
     */
    public static CheckPlan of(List<String> invalidated, List<String> samples, int maxUrls) {
        Set<String> wanted = new LinkedHashSet<>();
        invalidated.stream().filter(path -> !isWildcard(path) && !isTag(path)).forEach(wanted::add);
        wanted.addAll(samples);
        List<String> paths = wanted.stream().limit(maxUrls).toList();
        List<String> unsampled = new ArrayList<>();
        for (String wildcard :
                invalidated.stream().filter(CheckPlan::isWildcard).toList()) {
            if (paths.stream()
                    .noneMatch(path -> NearMatch.find(path, List.of(wildcard)).isPresent())) {
                unsampled.add(wildcard);
            }
        }
        List<String> tags = samples.isEmpty()
                ? invalidated.stream().filter(CheckPlan::isTag).toList()
                : List.of();
        return new CheckPlan(paths, wanted.size() - paths.size(), unsampled, tags);
    }

    private static boolean isWildcard(String path) {
        return path.endsWith("*");
    }

    private static boolean isTag(String path) {
        return path.startsWith("#");
    }
}

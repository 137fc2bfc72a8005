package dev.invalidator.request;

import dev.invalidator.base.Numbers;
import dev.invalidator.request.InvalidationPath.Kind;
import java.util.ArrayList;
import java.util.List;

/**
 * The count limits of a whole request, checked on what is left after duplicates and covered paths are dropped.
 * A problem here names the request, not one input: its input is a summary such as "3,001 paths".
 *
 * <pre>{@code
 * LimitCheck.problems(accepted, new PathLimits(100, 2));   // e.g. [3 wildcard paths: "... at most 2 ..."]
 * }</pre>
 */
final class LimitCheck {

    private LimitCheck() {}

    static List<PathProblem> problems(List<InvalidationPath> accepted, PathLimits limits) {
        List<PathProblem> problems = new ArrayList<>();
        if (accepted.size() > limits.maxPaths()) {
            problems.add(new PathProblem(
                    Wording.count(accepted.size(), "path"),
                    String.format(
                            "This request has %s (files, wildcards and tags together); at most %s fit in one request. "
                                    + "Cover many files with one wildcard such as /css/*, or split the request.",
                            Wording.count(accepted.size(), "path"), Numbers.grouped(limits.maxPaths()))));
        }
        long wildcards =
                accepted.stream().filter(path -> path.kind() == Kind.WILDCARD).count();
        if (wildcards > limits.maxWildcards()) {
            String counted = Wording.count(wildcards, "wildcard path");
            problems.add(new PathProblem(
                    counted,
                    limits.maxWildcards() == 0
                            ? "This request has " + counted
                                    + ", and wildcards are not allowed here. List the files instead."
                            : String.format(
                                    "This request has %s; at most %s are allowed in one request. "
                                            + "Merge them into fewer, broader wildcards, or split the request.",
                                    counted, Numbers.grouped(limits.maxWildcards()))));
        }
        return problems;
    }
}

package dev.invalidator.request;

import java.util.List;

/** What one token turned into: an item to invalidate, or every rule it broke. */
sealed interface Reading {

    /**
     * A valid item.
     *
     * @param unencoded       the path before percent-encoding (for a tag, the tag item), which the warnings inspect
     * @param fragmentDropped whether a {@code #fragment} was left out, typed or in a link
     */
    record Item(InvalidationPath path, String unencoded, boolean fragmentDropped) implements Reading {}

    record Rejected(List<PathProblem> problems) implements Reading {}

    static Reading rejected(String input, List<String> messages) {
        return new Rejected(messages.stream()
                .map(message -> new PathProblem(input, message))
                .toList());
    }

    static Reading rejected(String input, String message) {
        return rejected(input, List.of(message));
    }
}

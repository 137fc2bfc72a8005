package dev.invalidator.request;

import java.util.Objects;

/**
 * Why an input cannot be sent: it blocks the whole request until fixed.
 *
 * <pre>{@code
 * new PathProblem("/a*b", "A * may only be the last character of a path: ... Use /a* ...");
 * }</pre>
 *
 * @param input   what the user typed, shortened to at most 80 characters (ending in "…") so a pasted novel
 *                cannot flood the reply; a summary such as "3,001 paths" for problems of the whole request;
 *                empty when nothing was typed
 * @param message the rule that was broken and what to do instead
 */
public record PathProblem(String input, String message) {

    public PathProblem {
        input = Wording.shorten(Objects.requireNonNull(input, "input"));
        Objects.requireNonNull(message, "message");
    }
}

package dev.invalidator.chat;

import java.util.List;

/**
 * The form behind a bare {@code /invalidate}: the distributions this person may use in this channel, a box for paths
 * and an optional note. The channel travels with the form, so the status message lands where the command was typed.
 */
public record RequestForm(String channel, List<Choice> distributions) {

    public static final String DISTRIBUTION_FIELD = "distribution";
    public static final String PATHS_FIELD = "paths";
    public static final String NOTE_FIELD = "note";

    /** @param label what the person sees, e.g. "web · E1WEBEXAMPLE · www.example.com" */
    public record Choice(String alias, String label) {
    }

    public RequestForm {
        distributions = List.copyOf(distributions);
    }
}

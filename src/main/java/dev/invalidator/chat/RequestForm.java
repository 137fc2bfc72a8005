package dev.invalidator.chat;

import java.util.List;
import java.util.Optional;

/**
 * The form behind a bare {@code /invalidate}: the distributions this person may use in this channel, a box for paths
 * and an optional note. The channel travels with the form, so the status message lands where the command was typed;
 * opened from the Home tab, the form asks for the channel instead.
 */
public record RequestForm(Optional<String> channel, List<Choice> distributions) {

    /** Asked only when the form is opened outside a channel (from the Home tab). */
    public static final String CHANNEL_FIELD = "channel";

    public static final String DISTRIBUTION_FIELD = "distribution";
    public static final String PATHS_FIELD = "paths";
    public static final String NOTE_FIELD = "note";

    /**
     * A distribution the person may pick in the form.
     *
     * @param label what the person sees, e.g. "web · E1WEBEXAMPLE · www.example.com"
     */
    public record Choice(String alias, String label) {}

    /** A distribution group's label in the menu: "sites · group of web, shop and docs". */
    public static String groupLabel(String group, List<String> members) {
        return group + " · group of " + Texts.and(members);
    }

    public RequestForm {
        distributions = List.copyOf(distributions);
    }

    /** The distributions the form's menu lists: a menu holds {@value Fit#OPTIONS}. */
    public List<Choice> listed() {
        return distributions.subList(0, Math.min(Fit.OPTIONS, distributions.size()));
    }

    /** Under the menu when it could not list them all: how to use the others. */
    public Optional<String> notListedHint() {
        return distributions.size() <= Fit.OPTIONS
                ? Optional.empty()
                : Optional.of("Only the first " + Fit.OPTIONS + " of the " + distributions.size()
                        + " distributions you may use are listed; for another one, type /invalidate <distribution>"
                        + " /path.");
    }
}

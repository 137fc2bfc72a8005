package dev.invalidator.chat;

import dev.invalidator.base.Numbers;
import java.util.List;
import java.util.Optional;

/**
 * The form behind a bare {@code /invalidate}: a picker of the targets this person may use in this channel, found by
 * typing (Slack asks the bot for the matches, however many there are), a box for paths and an optional note. The
 * channel travels with the form, so the status message lands where the command was typed; opened from the Home tab
 * or a direct message, the form asks for the channel instead.
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

    /** The target already chosen when there is only one to choose. */
    public Optional<Choice> only() {
        return distributions.size() == 1 ? Optional.of(distributions.get(0)) : Optional.empty();
    }

    /** Under the picker: how to find a target in it. */
    public String pickerHint() {
        return "Type part of a name, id or domain to find one of the " + Numbers.grouped(distributions.size())
                + (distributions.size() == 1 ? " target" : " targets") + " you may use"
                + (channel.isPresent() ? " here" : "") + ".";
    }

    /** In the picker before anything is typed. */
    public static String pickerPlaceholder() {
        return "Type a name, id or domain";
    }

    /** Above the channel picker, when the form asks for the channel. */
    public static String channelHint() {
        return "The status message and its thread go there; the target must be allowed in that channel.";
    }
}

package dev.invalidator.chat;

import static dev.invalidator.request.SlackText.escape;

import java.util.List;

/** What the bot answers, privately, about a request to a distribution group. */
public final class GroupReplies {

    private static final int MAX_REASON_CHARS = 300;

    private GroupReplies() {}

    /** Every member refused the request: each one named with its reason. */
    public static Message allRefused(String group, List<GroupCard.Refusal> refused) {
        String reasons = Fit.lines(
                refused.stream()
                        .map(refusal -> "• `" + escape(refusal.alias()) + "`: "
                                + Fit.escaped(refusal.reason(), MAX_REASON_CHARS))
                        .toList(),
                Fit.SECTION - 200,
                more -> "… and " + more + " more");
        return Replies.notice(
                ":no_entry:",
                "Nothing was invalidated: no member of the group `" + escape(group) + "` takes this request.\n"
                        + reasons + "\nFix what each line says, or name a distribution you may use.");
    }

    /** The person chose "Send nothing". */
    public static Message sentNothing(String group) {
        return Replies.notice(
                "",
                "Nothing was invalidated on the group `" + escape(group)
                        + "`. Send the command again if you still need it.");
    }

    /** The person chose to send to the members that may go. */
    public static Message sending(List<String> going, int pathsPerMember) {
        return Replies.notice(
                ":white_check_mark:",
                "Sending " + Texts.paths(pathsPerMember) + " to "
                        + Texts.and(going.stream()
                                .map(alias -> "`" + escape(alias) + "`")
                                .toList())
                        + ". Follow them in the group's status message in the channel: a line per distribution, the"
                        + " details in its thread.");
    }

    /**
     * The one notice of a group request, in its thread once every member has ended: it mentions the requester (an
     * edit notifies nobody) with the outcome of each member, and carries {@link #endedMarker}.
     */
    public static Message ended(GroupStatusCard card) {
        String lines = Fit.lines(
                card.lines().stream().map(line -> "• " + line.shown()).toList(),
                Fit.SECTION - 300,
                more -> "… and " + more + " more: see the group's message");
        return Replies.notice(
                ":checkered_flag:",
                "<@" + card.requester() + "> every distribution of the group `" + escape(card.group())
                        + "` has ended:\n" + lines);
    }

    /** What {@link #ended} puts in the text of its reply, to look for before replying again. */
    public static String endedMarker(String group) {
        return "every distribution of the group " + group + " has ended";
    }

    /** {@code status sites E123}: an invalidation belongs to one member. */
    public static Message nameTheMember(String group, List<String> members) {
        return Replies.notice(
                ":information_source:",
                "An invalidation id belongs to one distribution: name the member of `" + escape(group) + "` ("
                        + Texts.and(members.stream()
                                .map(alias -> "`" + escape(alias) + "`")
                                .toList())
                        + ") instead of the group, e.g. `/invalidate status " + escape(members.get(0)) + " <id>`.");
    }

    /** A click on a group's card that reached an instance other than the one holding the request. */
    public static Message heldElsewhere() {
        return Replies.notice(
                ":information_source:",
                "Only the instance of the bot that asked holds this group request, and your click reached another"
                        + " one. Nothing was invalidated. Click again (Slack hands each click to one of the"
                        + " instances); if this answer keeps coming, that instance has stopped: send the request"
                        + " again.");
    }
}

package dev.invalidator.chat;

import static dev.invalidator.request.SlackText.escape;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The one message a group request shows in the channel: what was asked, by whom, and a line per member that follows
 * the member's own status message, which is a reply in this message's thread. Its text says whether every member has
 * ended ({@link #isSettled}): a sweep reads the thread of an unsettled one only.
 *
 * <pre>{@code
 * new GroupStatusCard("sites", "U0ALICE", 1, Optional.empty(), List.of(
 *         GroupStatusCard.Line.of("web", "completed in 18 s"), GroupStatusCard.Line.waiting("shop")));
 * // "Invalidation of 1 path on the group sites: 1 of 2 ended"
 * // • `web` — completed in 18 s
 * // • `shop` — starting
 * }</pre>
 *
 * @param pathCount the paths sent to each member
 * @param lines     a line per member, in the group's order
 */
public record GroupStatusCard(String group, String requester, int pathCount, Optional<String> note, List<Line> lines) {

    private static final String SETTLED_ENDING = ": every member ended";
    private static final int MAX_NOTE_CHARS = 1_000;
    private static final int MAX_STATE_CHARS = 200;

    /**
     * A member's line.
     *
     * @param state what the member's status message says of it now; empty before it has one
     * @param ended whether the member's request has ended, whichever way
     */
    public record Line(String alias, Optional<String> state, boolean ended) {

        /** A member whose status message says {@code statusText}: its state is what follows its headline. */
        public static Line of(String alias, String statusText) {
            int colon = statusText.indexOf(": ");
            String state = colon < 0 ? statusText : statusText.substring(colon + 2);
            return new Line(alias, Optional.of(state), !StatusCard.isOpen(statusText));
        }

        /** A member whose status message is not in the thread yet. */
        public static Line waiting(String alias) {
            return new Line(alias, Optional.empty(), false);
        }

        /** A member that never got a status message: the requester was told why, privately. */
        public static Line notSent(String alias) {
            return new Line(alias, Optional.of("not sent"), true);
        }

        String shown() {
            return "`" + escape(alias) + "` — " + Fit.escaped(state.orElse("starting"), MAX_STATE_CHARS);
        }
    }

    public GroupStatusCard {
        lines = List.copyOf(lines);
    }

    /** Whether every member's request has ended. */
    public boolean settled() {
        return lines.stream().allMatch(Line::ended);
    }

    /** Whether a group message's text, as read back, says every member ended. */
    public static boolean isSettled(String text) {
        return text.endsWith(SETTLED_ENDING);
    }

    public GroupStatusCard withLines(List<Line> now) {
        return new GroupStatusCard(group, requester, pathCount, note, now);
    }

    public Message message() {
        long ended = lines.stream().filter(Line::ended).count();
        String text = "Invalidation of " + Texts.paths(pathCount) + " on the group " + group
                + (settled() ? SETTLED_ENDING : ": " + ended + " of " + lines.size() + " ended");
        String headline = (settled() ? ":white_check_mark: *Ended*" : ":arrows_counterclockwise: *In progress*")
                + ": invalidation of " + Texts.paths(pathCount) + " on each distribution of the group `"
                + escape(group) + "`, asked by <@" + requester + ">";
        String shown = Fit.lines(
                lines.stream().map(line -> "• " + line.shown()).toList(),
                Fit.SECTION - 100,
                more -> "… and " + more + " more: see the thread");
        List<Block> blocks = new ArrayList<>();
        blocks.add(new Block.Section(headline));
        note.ifPresent(words -> blocks.add(new Block.Section("> " + Fit.escaped(words, MAX_NOTE_CHARS))));
        if (!lines.isEmpty()) {
            blocks.add(new Block.Section(shown));
        }
        blocks.add(new Block.Context("Each distribution's status message, paths and checks are in the thread."));
        return new Message(text, blocks);
    }
}

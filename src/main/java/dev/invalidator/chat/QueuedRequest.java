package dev.invalidator.chat;

import static dev.invalidator.request.SlackText.escape;

import java.util.ArrayList;
import java.util.List;

/**
 * A request waiting for CloudFront, as {@code status}, {@code list} and the Home tab show it: who asked, how many
 * paths, and its place as its status message says it.
 *
 * <pre>{@code
 * new QueuedRequest("U0BOB", "web", 1, "next on `web`; CloudFront allows 15 wildcard paths in progress").line();
 * // "• ⏳ `web` 1 path · <@U0BOB> · next on `web`; CloudFront allows 15 wildcard paths in progress"
 * }</pre>
 *
 * @param place its place and why it waits, as the bot wrote it (escaped already)
 */
public record QueuedRequest(String requester, String alias, int pathCount, String place) {

    public String line() {
        return "• ⏳ `" + escape(alias) + "` " + Texts.paths(pathCount) + " · <@" + requester + ">"
                + (place.isEmpty() ? "" : " · " + place);
    }

    /** {@code answer} with the queued requests after it, when there are any. */
    public static Message after(Message answer, List<QueuedRequest> queued) {
        if (queued.isEmpty()) {
            return answer;
        }
        List<Block> blocks = new ArrayList<>(answer.blocks());
        String heading = "*Queued, waiting for CloudFront to have room*\n";
        blocks.add(new Block.Section(heading
                + Fit.lines(
                        queued.stream().map(QueuedRequest::line).toList(),
                        Fit.SECTION - heading.length(),
                        more -> "… and " + more + " more")));
        return new Message(answer.text() + "; " + queued.size() + " queued", blocks);
    }

    /** The place a queued status message's text shows, after its state. */
    public static String placeIn(String statusText) {
        int at = statusText.indexOf(StatusCard.QUEUED_PLACE_MARK);
        return at < 0 ? "" : statusText.substring(at + StatusCard.QUEUED_PLACE_MARK.length());
    }
}

package dev.invalidator.chat;

import dev.invalidator.request.SlackText;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A chat message as the bot composes it: a plain-text fallback (what notifications and screen readers show) and
 * blocks for the rich layout. Vendor-neutral: the Slack adapter turns blocks into Block Kit, the demo into text.
 *
 * <p>Every string that came from a person must already be escaped with {@code SlackText.escape} (or sit in a
 * {@link Block.Code} block, which the adapters escape) so that a path like {@code /<!channel>} can never ping anyone.
 *
 * <pre>{@code
 * new Message("Invalidation completed", List.of(new Block.Section("*Completed* in 42s")));
 * }</pre>
 */
public record Message(String text, List<Block> blocks) {

    public Message {
        blocks = List.copyOf(blocks);
    }

    public static Message of(String text, Block... blocks) {
        return new Message(text, List.of(blocks));
    }

    /**
     * The same words without layout, for when Slack refuses the blocks: the text of each block, one under the other,
     * in mrkdwn, which Slack applies to a message's text as well. Buttons can't be kept; a message of buttons alone
     * keeps its fallback text.
     */
    public Message withoutLayout() {
        List<String> parts = new ArrayList<>();
        for (Block block : blocks) {
            if (block instanceof Block.Section section) {
                parts.add(section.mrkdwn());
            } else if (block instanceof Block.Context context) {
                parts.add(context.mrkdwn());
            } else if (block instanceof Block.Header header) {
                parts.add("*" + SlackText.escape(header.text()) + "*");
            } else if (block instanceof Block.Code code) {
                parts.add(
                        "```" + code.lines().stream().map(SlackText::escape).collect(Collectors.joining("\n")) + "```");
            }
        }
        String words = parts.isEmpty() ? text : String.join("\n", parts);
        return new Message(Fit.lines(words.lines().toList(), Fit.TEXT, more -> "…"), List.of());
    }
}

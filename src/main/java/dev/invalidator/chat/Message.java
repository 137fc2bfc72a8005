package dev.invalidator.chat;

import java.util.List;

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
}

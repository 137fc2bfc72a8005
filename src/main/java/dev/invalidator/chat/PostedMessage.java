package dev.invalidator.chat;

import java.time.Instant;
import java.util.Optional;

/**
 * Where a message landed: its channel, its {@code ts}, and for a reply the {@code ts} of its thread's root. Slack threads
 * are one level deep: whatever replies "in the thread" of a reply goes to its root's thread, so a reply must know it.
 *
 * @param root the {@code ts} of the thread's first message when this one is a reply in it; empty for a message of the
 *     channel itself
 */
public record PostedMessage(String channel, String ts, Optional<String> root) {

    /** A message of the channel itself, not a reply. */
    public PostedMessage(String channel, String ts) {
        this(channel, ts, Optional.empty());
    }

    /** When the message was posted, to the second: a {@code ts} is seconds since the epoch with a sequence after the dot. */
    public Instant postedAt() {
        int dot = ts.indexOf('.');
        return Instant.ofEpochSecond(Long.parseLong(dot < 0 ? ts : ts.substring(0, dot)));
    }

    /** Whether it is a reply in another message's thread. */
    public boolean inThread() {
        return root.isPresent();
    }

    /** The {@code ts} of the thread it belongs to, which replies to it must name: its root's, or its own. */
    public String threadTs() {
        return root.orElse(ts);
    }

    /** The thread's first message: the root of a reply's thread, or the message itself. */
    public PostedMessage threadRoot() {
        return new PostedMessage(channel, threadTs());
    }
}

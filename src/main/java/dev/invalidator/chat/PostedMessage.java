package dev.invalidator.chat;

import java.time.Instant;

/** Where a message landed: its channel and its {@code ts}, which also names its thread. */
public record PostedMessage(String channel, String ts) {

    /** When the message was posted, to the second: a {@code ts} is seconds since the epoch with a sequence after the dot. */
    public Instant postedAt() {
        int dot = ts.indexOf('.');
        return Instant.ofEpochSecond(Long.parseLong(dot < 0 ? ts : ts.substring(0, dot)));
    }
}

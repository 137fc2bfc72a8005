package dev.invalidator.chat;

/** Where a message landed: its channel and its {@code ts}, which also names its thread. */
public record PostedMessage(String channel, String ts) {
}

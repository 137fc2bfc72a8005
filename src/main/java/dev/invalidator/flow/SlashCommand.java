package dev.invalidator.flow;

/** A slash command as the flow needs it: who, where, and the text as Slack delivered it. */
public record SlashCommand(String userId, String channelId, String text) {
}

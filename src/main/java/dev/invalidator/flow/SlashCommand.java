package dev.invalidator.flow;

/**
 * A slash command as the flow needs it: who, where, the text as Slack delivered it, and the trigger that lets the
 * bot open a form in reply.
 */
public record SlashCommand(String userId, String channelId, String text, String triggerId) {}

package dev.invalidator.chat;

/**
 * Answers the person who asked, and only them (an ephemeral message). For a slash command this goes through the
 * command's {@code response_url}, which works even in channels the bot has not joined.
 */
@FunctionalInterface
public interface Responder {

    void answer(Message message);
}

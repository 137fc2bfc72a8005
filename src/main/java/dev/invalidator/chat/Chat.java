package dev.invalidator.chat;

/**
 * The channel as the flow uses it: post the status message, edit it, reply in its thread.
 *
 * <p>Implemented over Slack's Web API by {@code slack.SlackChat}, which retries rate limits and transient errors
 * before it gives up with a {@link ChatException}.
 */
public interface Chat {

    PostedMessage post(String channel, Message message);

    void update(PostedMessage message, Message replacement);

    PostedMessage reply(PostedMessage parent, Message message);
}

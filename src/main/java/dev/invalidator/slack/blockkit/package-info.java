/**
 * Block Kit: the flow's vendor-neutral {@code chat.Message} and {@code chat.RequestForm} as Slack's blocks and modals.
 *
 * <pre>{@code
 * client.chatPostMessage(r -> r.channel(channel).text(message.text()).blocks(SlackMessages.blocks(message)));
 * client.viewsOpen(r -> r.triggerId(triggerId).view(RequestModal.form(form)));
 * }</pre>
 *
 * <p>Both {@code slack.SlackChat} and the listeners in {@code slack.listeners} render with it; keeping it apart from
 * {@code slack}, which registers the listeners, leaves no cycle between the two.
 */
package dev.invalidator.slack.blockkit;

/**
 * The channel as the flow sees it: the {@link Chat} port, and every message the bot writes, composed without any
 * vendor's types.
 *
 * <pre>{@code
 * StatusCard card = StatusCard.requesting("U0ALICE", "web", "E1WEBEXAMPLE", 3);
 * PostedMessage status = chat.post("C0OPS", card.message());
 * chat.update(status, card.inProgress("I2J0I21PCUYOIK", created).message());
 * chat.reply(status, RefreshReplies.report("U0ALICE", "web", report));   // in the thread
 * }</pre>
 *
 * <p>{@link StatusCard} is the status message in each of its states, rendered from facts the CallerReference and
 * CloudFront keep, so any instance can edit a message it did not post. {@link Replies} and {@link RefreshReplies} write
 * the answers and thread replies; {@link ConfirmationCard}, {@link RequestForm} and {@link HomeView} the question
 * before a risky request, the form and the Home tab; {@link Texts} the numbers and times they share.
 *
 * <p>A {@link Message} is a plain-text fallback plus a few {@link Block}s, which {@code slack.blockkit.SlackMessages} turns into
 * Block Kit. Nothing here knows Slack's SDK: the flow writes and sends through these types alone, and the one adapter,
 * {@code slack.SlackChat}, retries and then gives up with a {@link ChatException} that the flow words for the person
 * ({@link Replies#cannotPost}).
 */
package dev.invalidator.chat;

package dev.invalidator.chat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * The channel as the flow uses it: post the status message, edit it, reply in its thread.
 *
 * <p>Implemented over Slack's Web API by {@code slack.SlackChat}, which retries rate limits and transient errors
 * before it gives up with a {@link ChatException}.
 */
public interface Chat {

    PostedMessage post(String channel, Message message);

    /**
     * Posts a status message with {@code facts} kept alongside it (Slack message metadata), for a later edit — by
     * this process or another — to read back with {@link #factsOf}. Posted once: a retry after an answer that never
     * came goes on with the message the first attempt posted, if it did.
     */
    PostedMessage post(String channel, Message message, Map<String, String> facts);

    /**
     * {@link #post(String, Message, Map)} as a reply in the thread of {@code thread} (a group request's message): the
     * status message of one member of the group. The answer knows its thread's root, which replies to it must name.
     */
    PostedMessage post(PostedMessage thread, Message message, Map<String, String> facts);

    /**
     * The bot's status messages in the thread of {@code root}, the root first if it is one, then its replies oldest
     * first: how a group request's message finds its members' messages, which the channel's history leaves out.
     */
    List<StatusRecord> threadStatusMessages(PostedMessage root);

    /** The facts kept with a status message; empty when there are none or it can't be read. */
    Map<String, String> factsOf(PostedMessage status);

    /**
     * Replies {@code message} in the thread of {@code parent} unless the bot already replied there with {@code marker}
     * (what people or other apps write there doesn't count), looking as late as it can — when the reply's turn has
     * come — so that another replica's reply of the same has the most time to show. Two instances that look at the
     * same moment both reply; reading the thread back, each finds the earliest of the bot's replies with the marker,
     * and the one whose reply that is not takes its own back. True only for the instance whose reply stays: the one
     * that goes on.
     */
    boolean replyUnlessThreadHas(PostedMessage parent, String marker, Message message);

    /**
     * The bot's status messages in a channel since {@code oldest}, newest first, with their current text and facts:
     * every one, however many pages of history that takes, and only messages the bot posted itself, whatever metadata
     * other apps attach to theirs.
     */
    List<StatusRecord> statusMessages(String channel, Instant oldest);

    /** The channels the bot is a member of — the only ones it can have posted in — public and private. */
    List<String> memberChannels();

    /**
     * A status message as it stands now.
     *
     * @param approvalKey what its Approve button carries, while it has one: the request's ticket, or its id
     */
    record StatusRecord(PostedMessage message, String text, Map<String, String> facts, Optional<String> approvalKey) {

        public StatusRecord(PostedMessage message, String text, Map<String, String> facts) {
            this(message, text, facts, Optional.empty());
        }
    }

    /**
     * The status message as it stands now, read back from the channel — the state every instance of the bot shares;
     * empty when it is gone or is not one of the bot's status messages (another app's look-alike is not).
     */
    Optional<StatusRecord> status(PostedMessage message);

    /**
     * Replies in the thread of a status message with a decision on its request, marked with what was decided and by
     * whom so that {@link #firstDecision} finds it and nothing a person writes in the thread passes for one. Posted
     * once, like a status message.
     *
     * @param decider who approved or rejected; empty for an expiry
     */
    PostedMessage postDecision(
            PostedMessage status, Decision.Verdict verdict, Optional<String> decider, Message notice);

    /**
     * The earliest decision the bot posted in the thread of {@code status}: when two instances decide at once, the one
     * that counts, and whoever finds it not carried out yet carries it out. Another app's reply with the same metadata
     * is no decision.
     */
    Optional<Decision> firstDecision(PostedMessage status);

    /**
     * Replies in the thread of a queued request's status message with part {@code part} of {@code parts} of its paths,
     * kept exactly in the reply's metadata for whichever instance sends the request — this one, or another whose sweep
     * takes it over. Posted once, like a status message.
     */
    PostedMessage postQueuedPaths(PostedMessage status, int part, int parts, List<String> paths, Message notice);

    /**
     * The paths the bot kept in the thread of {@code status} with {@link #postQueuedPaths}, every part in order; empty
     * when there are none or a part is missing. Another app's reply with the same metadata is not read.
     */
    Optional<List<String>> queuedPaths(PostedMessage status);

    void update(PostedMessage message, Message replacement);

    /** Edits a status message and replaces the facts kept with it (see {@link #post(String, Message, Map)}). */
    void update(PostedMessage message, Message replacement, Map<String, String> facts);

    /**
     * {@link #update(PostedMessage, Message)} without waiting for the edit's turn within Slack's limits, for a caller
     * whose own work must not wait on Slack: the edit takes its place among the message's edits now — an edit of the
     * message asked for later replaces it or goes after it, never before it — and is sent when its turn comes.
     * Completes once it was sent or replaced by a newer one; exceptionally, with a {@link ChatException}, when Slack
     * refused it.
     */
    CompletionStage<Void> updateLater(PostedMessage message, Message replacement);

    /** {@link #updateLater(PostedMessage, Message)} of a status message, replacing the facts kept with it too. */
    CompletionStage<Void> updateLater(PostedMessage message, Message replacement, Map<String, String> facts);

    PostedMessage reply(PostedMessage parent, Message message);

    /**
     * {@link #reply} without waiting for the post's turn within Slack's limits: posted when it comes. Completes with the
     * reply; exceptionally, with a {@link ChatException}, when Slack refused it.
     */
    CompletionStage<PostedMessage> replyLater(PostedMessage parent, Message message);

    /** A message only {@code user} sees, in {@code channel}. */
    void whisper(String channel, String user, Message message);

    /** Shows {@code home} as the person's Home tab of the bot. */
    void publishHome(String user, Message home);

    /** A link to a message, for lists that point back to status messages; empty when Slack won't give one. */
    java.util.Optional<String> permalink(PostedMessage message);

    /** Opens the request form for the person whose action produced {@code triggerId} (valid for a few seconds). */
    void openRequestForm(String triggerId, RequestForm form);
}

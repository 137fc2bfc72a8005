package dev.invalidator.slack;

import static dev.invalidator.slack.OwnMessages.DECISION_BY;
import static dev.invalidator.slack.OwnMessages.DECISION_EVENT;
import static dev.invalidator.slack.OwnMessages.DECISION_STATUS;
import static dev.invalidator.slack.OwnMessages.DECISION_VERDICT;
import static dev.invalidator.slack.OwnMessages.FACTS_EVENT;
import static dev.invalidator.slack.OwnMessages.PART;
import static dev.invalidator.slack.OwnMessages.PARTS;
import static dev.invalidator.slack.OwnMessages.PATHS;
import static dev.invalidator.slack.OwnMessages.POST_ID;
import static dev.invalidator.slack.OwnMessages.QUEUED_PATHS_EVENT;
import static dev.invalidator.slack.SlackCalls.layout;

import com.slack.api.methods.MethodsClient;
import dev.invalidator.chat.Decision;
import dev.invalidator.chat.Message;
import dev.invalidator.chat.PostedMessage;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The bot's posts: messages, status messages with their facts, decisions, a queued request's paths and replies, each
 * with {@code chat.postMessage} in its turn ({@link SlackCalls}). A post of state carries a random id in its metadata,
 * so that a retry after a lost answer finds the post an earlier attempt made ({@link OwnMessages#posted}) instead of
 * posting it twice.
 *
 * <pre>{@code
 * SlackPosts posts = new SlackPosts(client, calls, own);
 * PostedMessage status = posts.post("C0OPS", card, facts);
 * }</pre>
 */
final class SlackPosts {

    private final MethodsClient client;
    private final SlackCalls calls;
    private final OwnMessages own;

    SlackPosts(MethodsClient client, SlackCalls calls, OwnMessages own) {
        this.client = client;
        this.calls = calls;
        this.own = own;
    }

    PostedMessage post(String channel, Message message) {
        var response = calls.send(
                "chat.postMessage",
                channel,
                message,
                message.withoutLayout(),
                m -> () -> client.chatPostMessage(
                        r -> r.channel(channel).text(m.text()).blocks(layout(m))));
        return new PostedMessage(response.getChannel(), response.getTs());
    }

    PostedMessage post(String channel, Message message, Map<String, String> facts) {
        return postWithFacts(
                channel,
                Optional.empty(),
                message,
                stateOnly(message),
                FACTS_EVENT,
                facts,
                () -> own.latest(channel),
                false);
    }

    PostedMessage post(PostedMessage thread, Message message, Map<String, String> facts) {
        return postWithFacts(
                thread.channel(),
                Optional.of(thread.threadTs()),
                message,
                stateOnly(message),
                FACTS_EVENT,
                facts,
                () -> own.replies(thread),
                false);
    }

    PostedMessage postDecision(
            PostedMessage status, Decision.Verdict verdict, Optional<String> decider, Message notice) {
        Map<String, Object> facts = new HashMap<>();
        facts.put(DECISION_VERDICT, verdict.name().toLowerCase(Locale.ROOT));
        decider.ifPresent(user -> facts.put(DECISION_BY, user));
        return postInThread(status, notice, DECISION_EVENT, facts);
    }

    /**
     * A reply in the thread of {@code status} whose metadata carries {@code facts} under {@code eventType}, with the
     * status message's ts.
     */
    private PostedMessage postInThread(
            PostedMessage status, Message notice, String eventType, Map<String, Object> facts) {
        Map<String, Object> payload = new HashMap<>(facts);
        payload.put(DECISION_STATUS, status.ts());
        return replyWithFacts(status, notice, eventType, payload, () -> own.replies(status), false);
    }

    /**
     * A reply in the thread of {@code parent} whose metadata carries {@code payload} under {@code eventType}, found
     * among what {@code thread} reads when an attempt's answer was lost. {@code hasTurn}: the caller waited for the
     * first attempt's turn already.
     */
    PostedMessage replyWithFacts(
            PostedMessage parent,
            Message message,
            String eventType,
            Map<String, ?> payload,
            Supplier<List<com.slack.api.model.Message>> thread,
            boolean hasTurn) {
        return postWithFacts(
                parent.channel(),
                Optional.of(parent.threadTs()),
                message,
                message.withoutLayout(),
                eventType,
                payload,
                thread,
                hasTurn);
    }

    /**
     * Posts {@code message} (in the thread {@code threadTs}, if any) with {@code payload} and a random id of the post
     * in its metadata under {@code eventType}: a retry after a lost answer looks for that id in what {@code readBack}
     * reads, and answers with the post found instead of posting twice. {@code fallback} goes when Slack refuses the
     * layout.
     */
    private PostedMessage postWithFacts(
            String channel,
            Optional<String> threadTs,
            Message message,
            Message fallback,
            String eventType,
            Map<String, ?> payload,
            Supplier<List<com.slack.api.model.Message>> readBack,
            boolean hasTurn) {
        String postId = UUID.randomUUID().toString();
        Map<String, Object> metadata = new HashMap<>(payload);
        metadata.put(POST_ID, postId);
        var response = calls.send(
                "chat.postMessage",
                channel,
                message,
                fallback,
                m -> () -> client.chatPostMessage(r -> r.channel(channel)
                        .threadTs(threadTs.orElse(null))
                        .text(m.text())
                        .blocks(layout(m))
                        .metadata(new com.slack.api.model.Message.Metadata(eventType, metadata))),
                () -> own.posted(channel, readBack.get(), eventType, postId),
                hasTurn);
        return new PostedMessage(response.getChannel(), response.getTs(), threadTs);
    }

    PostedMessage postQueuedPaths(PostedMessage status, int part, int parts, List<String> paths, Message notice) {
        Map<String, Object> facts = new HashMap<>();
        facts.put(PART, String.valueOf(part));
        facts.put(PARTS, String.valueOf(parts));
        // A path never holds a line break (PathParser refuses control characters), so one per line keeps them exactly.
        facts.put(PATHS, String.join("\n", paths));
        return postInThread(status, notice, QUEUED_PATHS_EVENT, facts);
    }

    PostedMessage reply(PostedMessage parent, Message message) {
        var response = calls.send(
                "chat.postMessage",
                parent.channel(),
                message,
                message.withoutLayout(),
                m -> () -> client.chatPostMessage(r -> r.channel(parent.channel())
                        .threadTs(parent.threadTs())
                        .text(m.text())
                        .blocks(layout(m))));
        return new PostedMessage(response.getChannel(), response.getTs(), Optional.of(parent.threadTs()));
    }

    void whisper(String channel, String user, Message message) {
        calls.send(
                "chat.postEphemeral",
                channel,
                message,
                message.withoutLayout(),
                m -> () -> client.chatPostEphemeral(
                        r -> r.channel(channel).user(user).text(m.text()).blocks(layout(m))));
    }

    /**
     * A status message without layout: its one line of state, which is what every instance reads back from it
     * ({@code StatusCard.awaitsApproval}), so the words of its blocks would not do.
     */
    static Message stateOnly(Message status) {
        return new Message(status.text(), List.of());
    }
}

package dev.invalidator.slack;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.model.ConversationType;
import com.slack.api.model.ResponseMetadata;
import dev.invalidator.chat.Chat;
import dev.invalidator.chat.ChatException;
import dev.invalidator.chat.ChatException.Reason;
import dev.invalidator.chat.Decision;
import dev.invalidator.chat.PostedMessage;
import dev.invalidator.chat.StatusCard;
import dev.invalidator.slack.blockkit.SlackMessages;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the bot reads back from Slack as state — status messages, decisions, a queued request's paths, notices, a post
 * whose answer was lost — and the metadata it writes them with. Only what this bot posted counts: any app in a channel
 * may post messages with the same metadata event types, and anyone may write in a thread, so a message counts only
 * when its {@code bot_id} is the bot's own, as {@code auth.test} names it.
 *
 * <pre>{@code
 * OwnMessages own = new OwnMessages(client, calls);
 * own.status(statusMessage);   // its record, unless another app posted it
 * }</pre>
 */
final class OwnMessages {

    private static final Logger log = LoggerFactory.getLogger(OwnMessages.class);

    /** The metadata event type of status messages. */
    static final String FACTS_EVENT = "invalidation_request";
    /** The metadata event type of the thread reply that records a decision on a request waiting for approval. */
    static final String DECISION_EVENT = "invalidation_decision";
    /** The metadata event type of the thread replies that keep a queued request's paths, in parts. */
    static final String QUEUED_PATHS_EVENT = "invalidation_queued_paths";
    /** The metadata event type of a notice of an end, which carries only the id of its post. */
    static final String NOTICE_EVENT = "invalidation_notice";

    static final String PART = "part";
    static final String PARTS = "parts";
    static final String PATHS = "paths";
    /**
     * The metadata key of a random id that every post of state (a status message, a decision) carries, so that a
     * retry can find the post an earlier attempt made although its answer was lost.
     */
    static final String POST_ID = "post_id";

    static final String DECISION_STATUS = "status_ts";
    static final String DECISION_VERDICT = "verdict";
    static final String DECISION_BY = "by";

    /** How far back a look for a post goes: a post whose answer was lost a moment ago is among the last messages. */
    private static final int LOOK_BACK = 200;
    /** Slack recommends no more than 200 messages a page of history. */
    private static final int HISTORY_PAGE = 200;

    private static final int CHANNELS_PAGE = 200;
    /** Where the bot posts: public and private channels (channels:read and groups:read). */
    private static final List<ConversationType> CHANNEL_TYPES =
            List.of(ConversationType.PUBLIC_CHANNEL, ConversationType.PRIVATE_CHANNEL);

    private final MethodsClient client;
    private final SlackCalls calls;
    private volatile String ownBotId;

    OwnMessages(MethodsClient client, SlackCalls calls) {
        this.client = client;
        this.calls = calls;
    }

    List<Chat.StatusRecord> threadStatusMessages(PostedMessage root) {
        List<Chat.StatusRecord> records = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        do {
            String page = cursor.orElse(null);
            var thread = calls.call(
                    "conversations.replies",
                    root.channel(),
                    () -> client.conversationsReplies(r -> r.channel(root.channel())
                            .ts(root.threadTs())
                            .limit(HISTORY_PAGE)
                            .cursor(page)
                            .includeAllMetadata(true)));
            thread.getMessages().stream()
                    .filter(message -> isOwn(message, FACTS_EVENT))
                    .map(message -> record(inThreadOf(root, message.getTs()), message))
                    .forEach(records::add);
            cursor = nextCursor(thread.isHasMore(), thread.getResponseMetadata());
        } while (cursor.isPresent());
        return records;
    }

    /** The message {@code ts} of the thread of {@code root}: the root itself, or a reply knowing its root. */
    private static PostedMessage inThreadOf(PostedMessage root, String ts) {
        return root.threadTs().equals(ts)
                ? root.threadRoot()
                : new PostedMessage(root.channel(), ts, Optional.of(root.threadTs()));
    }

    Map<String, String> factsOf(PostedMessage status) {
        try {
            return status(status).map(Chat.StatusRecord::facts).orElse(Map.of());
        } catch (ChatException e) {
            log.warn(
                    "Could not read the facts of status message {} in {}: {}",
                    status.ts(),
                    status.channel(),
                    e.getMessage());
            return Map.of();
        }
    }

    Optional<Chat.StatusRecord> status(PostedMessage message) {
        if (message.inThread()) {
            // A reply is not in the channel's history: its thread is where it is read back.
            return replies(message).stream()
                    .filter(found -> message.ts().equals(found.getTs()) && isOwn(found, FACTS_EVENT))
                    .findFirst()
                    .map(found -> record(message, found));
        }
        var history = calls.call(
                "conversations.history",
                message.channel(),
                () -> client.conversationsHistory(r -> r.channel(message.channel())
                        .latest(message.ts())
                        .inclusive(true)
                        .limit(1)
                        .includeAllMetadata(true)));
        return history.getMessages().stream()
                .filter(found -> message.ts().equals(found.getTs()) && isOwn(found, FACTS_EVENT))
                .findFirst()
                .map(found -> record(message, found));
    }

    private static Chat.StatusRecord record(PostedMessage where, com.slack.api.model.Message found) {
        return new Chat.StatusRecord(
                where,
                String.valueOf(found.getText()),
                facts(found.getMetadata()),
                SlackMessages.buttonValue(found.getBlocks(), StatusCard.APPROVE));
    }

    /**
     * The post among {@code messages} that an attempt whose answer was lost made after all, as the answer it would
     * have had.
     */
    Optional<ChatPostMessageResponse> posted(
            String channel, List<com.slack.api.model.Message> messages, String eventType, String postId) {
        return messages.stream()
                .filter(message -> isOwn(message, eventType)
                        && postId.equals(message.getMetadata().getEventPayload().get(POST_ID)))
                .findFirst()
                .map(message -> {
                    log.info("A chat.postMessage whose answer was lost had posted {} in {}", message.getTs(), channel);
                    ChatPostMessageResponse answer = new ChatPostMessageResponse();
                    answer.setOk(true);
                    answer.setChannel(channel);
                    answer.setTs(message.getTs());
                    return answer;
                });
    }

    List<com.slack.api.model.Message> latest(String channel) {
        return calls.call(
                        "conversations.history",
                        () -> client.conversationsHistory(
                                r -> r.channel(channel).limit(LOOK_BACK).includeAllMetadata(true)))
                .getMessages();
    }

    /**
     * The thread {@code parent} belongs to, its root first, then its replies oldest first: a reply's own thread is its
     * root's.
     */
    List<com.slack.api.model.Message> replies(PostedMessage parent) {
        return calls.call(
                        "conversations.replies",
                        () -> client.conversationsReplies(r -> r.channel(parent.channel())
                                .ts(parent.threadTs())
                                .limit(LOOK_BACK)
                                .includeAllMetadata(true)))
                .getMessages();
    }

    Optional<List<String>> queuedPaths(PostedMessage status) {
        Map<Integer, List<String>> parts = new TreeMap<>();
        int expected = -1;
        for (com.slack.api.model.Message reply : replies(status)) {
            if (status.ts().equals(reply.getTs()) || !isOwn(reply, QUEUED_PATHS_EVENT)) {
                continue;
            }
            Map<String, String> payload = facts(reply.getMetadata());
            if (!status.ts().equals(payload.get(DECISION_STATUS))) {
                continue;
            }
            try {
                int part = Integer.parseInt(payload.getOrDefault(PART, ""));
                int of = Integer.parseInt(payload.getOrDefault(PARTS, ""));
                if (expected != -1 && of != expected) {
                    return Optional.empty();
                }
                expected = of;
                parts.putIfAbsent(part, payload.getOrDefault(PATHS, "").lines().toList());
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        if (expected < 1 || parts.size() != expected || !parts.keySet().equals(rangeOf(expected))) {
            return Optional.empty();
        }
        return Optional.of(parts.values().stream().flatMap(List::stream).toList());
    }

    private static Set<Integer> rangeOf(int parts) {
        return IntStream.rangeClosed(1, parts).boxed().collect(Collectors.toSet());
    }

    Optional<Decision> firstDecision(PostedMessage status) {
        // Replies come oldest first. A decision without a verdict (written before decisions said what they were), or an
        // approval that names nobody, counts as none: the request is decided again, or expires.
        return replies(status).stream()
                .filter(reply -> !status.ts().equals(reply.getTs()) && isOwn(reply, DECISION_EVENT))
                .map(reply -> decision(status, reply))
                .flatMap(Optional::stream)
                .findFirst();
    }

    private static Optional<Decision> decision(PostedMessage status, com.slack.api.model.Message reply) {
        Map<String, String> payload = facts(reply.getMetadata());
        if (!status.ts().equals(payload.get(DECISION_STATUS))) {
            return Optional.empty();
        }
        return Arrays.stream(Decision.Verdict.values())
                .filter(verdict -> verdict.name().toLowerCase(Locale.ROOT).equals(payload.get(DECISION_VERDICT)))
                .findFirst()
                .filter(verdict -> verdict == Decision.Verdict.EXPIRED || payload.containsKey(DECISION_BY))
                .map(verdict -> new Decision(
                        new PostedMessage(status.channel(), reply.getTs(), Optional.of(status.threadTs())),
                        verdict,
                        Optional.ofNullable(payload.get(DECISION_BY))));
    }

    /** Posted by this bot, with metadata of {@code eventType}: another app's look-alike is not. */
    private boolean isOwn(com.slack.api.model.Message message, String eventType) {
        return isOwn(message)
                && message.getMetadata() != null
                && eventType.equals(message.getMetadata().getEventType());
    }

    boolean isOwn(com.slack.api.model.Message message) {
        return ownBotId().equals(message.getBotId());
    }

    /** The {@code bot_id} on every message this bot posts, from {@code auth.test} with its token, asked once. */
    private String ownBotId() {
        String known = ownBotId;
        if (known == null) {
            known = calls.call("auth.test", () -> client.authTest(r -> r)).getBotId();
            if (known == null || known.isBlank()) {
                throw new ChatException(
                        Reason.OTHER, "auth.test named no bot_id: SLACK_BOT_TOKEN is not a bot token", null);
            }
            ownBotId = known;
        }
        return known;
    }

    /**
     * Every message of the thread of {@code parent}, oldest first, however many pages: a notice may be past the first
     * page of a long thread, and an instance's own notice is its last. {@code hasTurn}: the first page's turn is taken.
     */
    List<com.slack.api.model.Message> wholeThread(PostedMessage parent, boolean hasTurn) {
        List<com.slack.api.model.Message> messages = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        boolean turnTaken = hasTurn;
        do {
            String page = cursor.orElse(null);
            var thread = calls.call(
                    "conversations.replies",
                    parent.channel(),
                    () -> client.conversationsReplies(r -> r.channel(parent.channel())
                            .ts(parent.threadTs())
                            .limit(HISTORY_PAGE)
                            .cursor(page)
                            .includeAllMetadata(true)),
                    Optional::empty,
                    turnTaken);
            turnTaken = false;
            messages.addAll(thread.getMessages());
            cursor = nextCursor(thread.isHasMore(), thread.getResponseMetadata());
        } while (cursor.isPresent());
        return messages;
    }

    List<Chat.StatusRecord> statusMessages(String channel, Instant oldest) {
        String since = oldest.getEpochSecond() + ".000000";
        List<Chat.StatusRecord> records = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        do {
            String page = cursor.orElse(null);
            var history = calls.call(
                    "conversations.history",
                    () -> client.conversationsHistory(r -> r.channel(channel)
                            .oldest(since)
                            .limit(HISTORY_PAGE)
                            .cursor(page)
                            .includeAllMetadata(true)));
            history.getMessages().stream()
                    .filter(message -> isOwn(message, FACTS_EVENT))
                    .map(message -> record(new PostedMessage(channel, message.getTs()), message))
                    .forEach(records::add);
            cursor = nextCursor(history.isHasMore(), history.getResponseMetadata());
        } while (cursor.isPresent());
        return records;
    }

    List<String> memberChannels() {
        List<String> channels = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        do {
            String page = cursor.orElse(null);
            var found = calls.call(
                    "users.conversations",
                    () -> client.usersConversations(r -> r.types(CHANNEL_TYPES)
                            .excludeArchived(true)
                            .limit(CHANNELS_PAGE)
                            .cursor(page)));
            found.getChannels().forEach(conversation -> channels.add(conversation.getId()));
            cursor = nextCursor(true, found.getResponseMetadata());
        } while (cursor.isPresent());
        return channels;
    }

    /** The cursor of the next page; Slack marks the last page with an empty one. */
    private static Optional<String> nextCursor(boolean hasMore, ResponseMetadata metadata) {
        return Optional.ofNullable(hasMore && metadata != null ? metadata.getNextCursor() : null)
                .filter(cursor -> !cursor.isBlank());
    }

    private static Map<String, String> facts(com.slack.api.model.Message.Metadata metadata) {
        return metadata.getEventPayload().entrySet().stream()
                .filter(entry -> !POST_ID.equals(entry.getKey()))
                .collect(Collectors.toMap(Map.Entry::getKey, entry -> String.valueOf(entry.getValue())));
    }
}

package dev.invalidator.slack;

import static dev.invalidator.slack.SlackCalls.layout;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.model.ConversationType;
import com.slack.api.model.ResponseMetadata;
import com.slack.api.model.view.View;
import dev.invalidator.base.DaemonThreads;
import dev.invalidator.chat.Chat;
import dev.invalidator.chat.ChatException;
import dev.invalidator.chat.ChatException.Reason;
import dev.invalidator.chat.Decision;
import dev.invalidator.chat.Message;
import dev.invalidator.chat.PostedMessage;
import dev.invalidator.chat.RequestForm;
import dev.invalidator.chat.StatusCard;
import dev.invalidator.slack.blockkit.RequestModal;
import dev.invalidator.slack.blockkit.SlackMessages;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Chat} over Slack's Web API with the synchronous {@link MethodsClient}.
 *
 * <p>Every call waits for its turn within Slack's rate limits and is retried ({@link SlackCalls}): a 429 delays what a
 * person sees, it does not fail it. Edits of one message that wait for their turn collapse into the latest
 * ({@link CollapsedEdits}).
 *
 * <p>What it reads back as state — status messages, decisions, completion notices — is only what this bot posted: any
 * app in a channel may post messages with the same metadata event types, and anyone may write in a thread, so a
 * message counts only when its {@code bot_id} is the bot's own, as {@code auth.test} names it.
 */
public final class SlackChat implements Chat {

    private static final Logger log = LoggerFactory.getLogger(SlackChat.class);

    /** The metadata event type of status messages. */
    static final String FACTS_EVENT = "invalidation_request";
    /** The metadata event type of the thread reply that records a decision on a request waiting for approval. */
    static final String DECISION_EVENT = "invalidation_decision";
    /** The metadata event type of the thread replies that keep a queued request's paths, in parts. */
    static final String QUEUED_PATHS_EVENT = "invalidation_queued_paths";
    /** The metadata event type of a notice of an end, which carries only the id of its post. */
    static final String NOTICE_EVENT = "invalidation_notice";

    private static final String PART = "part";
    private static final String PARTS = "parts";
    private static final String PATHS = "paths";
    /**
     * The metadata key of a random id that every post of state (a status message, a decision) carries, so that a
     * retry can find the post an earlier attempt made although its answer was lost.
     */
    static final String POST_ID = "post_id";

    /** How far back a look for a post goes: a post whose answer was lost a moment ago is among the last messages. */
    private static final int LOOK_BACK = 200;

    /**
     * How many times a notice just posted is looked for in its thread before it is taken as the first: whether Slack
     * shows a reply to the next read of its thread is not documented (reference slack.md says nothing of it).
     */
    private static final int READS_BACK = 4;
    /** The pause before the second read back, growing by as much before each next one. */
    private static final Duration READ_BACK_PAUSE = Duration.ofMillis(250);

    private static final String DECISION_STATUS = "status_ts";
    private static final String DECISION_VERDICT = "verdict";
    private static final String DECISION_BY = "by";
    /** Slack recommends no more than 200 messages a page of history. */
    private static final int HISTORY_PAGE = 200;

    private static final int CHANNELS_PAGE = 200;
    /** Where the bot posts: public and private channels (channels:read and groups:read). */
    private static final List<ConversationType> CHANNEL_TYPES =
            List.of(ConversationType.PUBLIC_CHANNEL, ConversationType.PRIVATE_CHANNEL);

    /** Threads of each pool that sends what {@link #updateLater} and {@link #replyLater} were given. */
    private static final int LATER_THREADS = 4;

    /** An edit of a status message: its new text and blocks, and its new facts when it changes them. */
    private record Edit(Message message, Optional<Map<String, String>> facts) {
        /** What stands for this edit waiting and {@code newer}: the newer one, keeping facts it leaves out. */
        Edit replacedBy(Edit newer) {
            return newer.facts.isPresent() ? newer : new Edit(newer.message, facts);
        }
    }

    private final MethodsClient client;
    private final SlackCalls calls;
    private final CollapsedEdits<Edit> edits = new CollapsedEdits<>(Edit::replacedBy);
    /**
     * Send the edits registered by {@link #updateLater}, each when its turn comes. Turns are reserved in the order
     * edits are registered, which is the order these threads take them in, so a few threads keep up with Slack's pace.
     */
    private final ThreadPoolExecutor laterEdits = laterPool("slack-edit");
    /** Post the replies of {@link #replyLater}: apart from the edits, so that a busy channel's posts hold up no edit. */
    private final ThreadPoolExecutor laterReplies = laterPool("slack-reply");

    private volatile String ownBotId;

    /**
     * @param maxAttempts attempts of a call that fails other than by a 429 (a network error, a 5xx)
     * @param maxWait     the longest single back-off after such a failure
     */
    public SlackChat(MethodsClient client, int maxAttempts, Duration maxWait) {
        this.client = client;
        this.calls = new SlackCalls(maxAttempts, maxWait);
    }

    /** The paced, retried calls of this chat, for the other adapters that call the Web API with the bot token. */
    SlackCalls calls() {
        return calls;
    }

    private static ThreadPoolExecutor laterPool(String name) {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(
                LATER_THREADS,
                LATER_THREADS,
                30,
                TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(),
                DaemonThreads.named(name));
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    /**
     * Calls waiting for their turn within Slack's rate limits now, edits and replies left for later included: for the
     * metrics.
     */
    public int waitingForTurn() {
        return calls.waitingForTurn()
                + edits.waiting()
                + laterReplies.getQueue().size();
    }

    @Override
    public PostedMessage post(String channel, Message message) {
        var response = calls.send(
                "chat.postMessage",
                channel,
                message,
                message.withoutLayout(),
                m -> () -> client.chatPostMessage(
                        r -> r.channel(channel).text(m.text()).blocks(layout(m))));
        return new PostedMessage(response.getChannel(), response.getTs());
    }

    @Override
    public PostedMessage post(String channel, Message message, Map<String, String> facts) {
        String postId = UUID.randomUUID().toString();
        Map<String, Object> payload = new HashMap<>(facts);
        payload.put(POST_ID, postId);
        var response = calls.send(
                "chat.postMessage",
                channel,
                message,
                stateOnly(message),
                m -> () -> client.chatPostMessage(r -> r.channel(channel)
                        .text(m.text())
                        .blocks(layout(m))
                        .metadata(new com.slack.api.model.Message.Metadata(FACTS_EVENT, payload))),
                () -> posted(channel, latest(channel), FACTS_EVENT, postId));
        return new PostedMessage(response.getChannel(), response.getTs());
    }

    @Override
    public PostedMessage post(PostedMessage thread, Message message, Map<String, String> facts) {
        String postId = UUID.randomUUID().toString();
        Map<String, Object> payload = new HashMap<>(facts);
        payload.put(POST_ID, postId);
        var response = calls.send(
                "chat.postMessage",
                thread.channel(),
                message,
                stateOnly(message),
                m -> () -> client.chatPostMessage(r -> r.channel(thread.channel())
                        .threadTs(thread.threadTs())
                        .text(m.text())
                        .blocks(layout(m))
                        .metadata(new com.slack.api.model.Message.Metadata(FACTS_EVENT, payload))),
                () -> posted(thread.channel(), replies(thread), FACTS_EVENT, postId));
        return new PostedMessage(response.getChannel(), response.getTs(), Optional.of(thread.threadTs()));
    }

    @Override
    public List<Chat.StatusRecord> threadStatusMessages(PostedMessage root) {
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

    @Override
    public Map<String, String> factsOf(PostedMessage status) {
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

    @Override
    public Optional<Chat.StatusRecord> status(PostedMessage message) {
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

    @Override
    public PostedMessage postDecision(
            PostedMessage status, Decision.Verdict verdict, Optional<String> decider, Message notice) {
        Map<String, Object> facts = new HashMap<>();
        facts.put(DECISION_VERDICT, verdict.name().toLowerCase(Locale.ROOT));
        decider.ifPresent(user -> facts.put(DECISION_BY, user));
        return postInThread(status, notice, DECISION_EVENT, facts);
    }

    /**
     * A reply in the thread of {@code status} whose metadata carries {@code facts} under {@code eventType}, with the
     * status message's ts and an id of the post: an attempt whose answer was lost is found by it, not posted twice.
     */
    private PostedMessage postInThread(
            PostedMessage status, Message notice, String eventType, Map<String, Object> facts) {
        String postId = UUID.randomUUID().toString();
        Map<String, Object> payload = new HashMap<>(facts);
        payload.put(DECISION_STATUS, status.ts());
        payload.put(POST_ID, postId);
        var response = calls.send(
                "chat.postMessage",
                status.channel(),
                notice,
                notice.withoutLayout(),
                m -> () -> client.chatPostMessage(r -> r.channel(status.channel())
                        .threadTs(status.threadTs())
                        .text(m.text())
                        .blocks(layout(m))
                        .metadata(new com.slack.api.model.Message.Metadata(eventType, payload))),
                () -> posted(status.channel(), replies(status), eventType, postId));
        return new PostedMessage(response.getChannel(), response.getTs(), Optional.of(status.threadTs()));
    }

    /**
     * The post among {@code messages} that an attempt whose answer was lost made after all, as the answer it would
     * have had.
     */
    private Optional<ChatPostMessageResponse> posted(
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

    private List<com.slack.api.model.Message> latest(String channel) {
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
    private List<com.slack.api.model.Message> replies(PostedMessage parent) {
        return calls.call(
                        "conversations.replies",
                        () -> client.conversationsReplies(r -> r.channel(parent.channel())
                                .ts(parent.threadTs())
                                .limit(LOOK_BACK)
                                .includeAllMetadata(true)))
                .getMessages();
    }

    @Override
    public PostedMessage postQueuedPaths(
            PostedMessage status, int part, int parts, List<String> paths, Message notice) {
        Map<String, Object> facts = new HashMap<>();
        facts.put(PART, String.valueOf(part));
        facts.put(PARTS, String.valueOf(parts));
        // A path never holds a line break (PathParser refuses control characters), so one per line keeps them exactly.
        facts.put(PATHS, String.join("\n", paths));
        return postInThread(status, notice, QUEUED_PATHS_EVENT, facts);
    }

    @Override
    public Optional<List<String>> queuedPaths(PostedMessage status) {
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

    @Override
    public Optional<Decision> firstDecision(PostedMessage status) {
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

    private boolean isOwn(com.slack.api.model.Message message) {
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

    @Override
    public boolean replyUnlessThreadHas(PostedMessage parent, String marker, Message message) {
        // Both turns first, then the look and the reply straight after it: waiting for a turn between the two would
        // leave another replica seconds to look, find nothing too, and reply the same.
        calls.awaitTurn("conversations.replies", parent.channel());
        calls.awaitTurn("chat.postMessage", parent.channel());
        if (FirstNotice.earliest(candidates(parent, wholeThread(parent, true)), marker)
                .isPresent()) {
            return false;
        }
        String postId = UUID.randomUUID().toString();
        Map<String, Object> payload = new HashMap<>();
        payload.put(POST_ID, postId);
        String mine = calls.send(
                        "chat.postMessage",
                        parent.channel(),
                        message,
                        message.withoutLayout(),
                        m -> () -> client.chatPostMessage(r -> r.channel(parent.channel())
                                .threadTs(parent.threadTs())
                                .text(m.text())
                                .blocks(layout(m))
                                .metadata(new com.slack.api.model.Message.Metadata(NOTICE_EVENT, payload))),
                        () -> posted(parent.channel(), wholeThread(parent, false), NOTICE_EVENT, postId),
                        true)
                .getTs();
        return stands(parent, marker, mine);
    }

    /**
     * Whether the notice {@code mine} is the one that stays: another instance may have looked at the same moment,
     * found nothing either and posted too. Every instance reads the thread back after posting and the earliest of the
     * bot's notices wins ({@link FirstNotice}); a later one is taken back. The winner never deletes anything, so a
     * delete that fails leaves a duplicate in sight but the decision as it was.
     */
    private boolean stands(PostedMessage parent, String marker, String mine) {
        for (int read = 1; read <= READS_BACK; read++) {
            switch (FirstNotice.of(candidates(parent, wholeThread(parent, false)), marker, mine)) {
                case WON -> {
                    return true;
                }
                case LOST -> {
                    takeBack(parent, mine);
                    return false;
                }
                case NOT_SEEN -> {
                    if (read < READS_BACK) {
                        SlackCalls.sleep(READ_BACK_PAUSE.multipliedBy(read));
                    }
                }
            }
        }
        // Unread, it cannot be decided: kept as the notice, so that the end goes on at worst twice, never not at all.
        log.warn(
                "The notice {} in {} did not show in its thread after {} reads; going on as if it were the first",
                mine,
                parent.channel(),
                READS_BACK);
        return true;
    }

    private void takeBack(PostedMessage parent, String mine) {
        try {
            calls.call(
                    "chat.delete",
                    parent.channel(),
                    () -> client.chatDelete(r -> r.channel(parent.channel()).ts(mine)));
            log.info("An earlier notice of the same end stands in {}; took back {}", parent.channel(), mine);
        } catch (ChatException e) {
            log.warn(
                    "An earlier notice of the same end stands in {}, but {} could not be taken back and stays: {}",
                    parent.channel(),
                    mine,
                    e.getMessage());
        }
    }

    /** The replies of the thread of {@code parent} that may be a notice: neither its root nor {@code parent}. */
    private List<FirstNotice.Reply> candidates(PostedMessage parent, List<com.slack.api.model.Message> thread) {
        return thread.stream()
                .filter(reply ->
                        !parent.threadTs().equals(reply.getTs()) && !parent.ts().equals(reply.getTs()))
                .map(reply -> new FirstNotice.Reply(reply.getTs(), isOwn(reply), String.valueOf(reply.getText())))
                .toList();
    }

    /**
     * Every message of the thread of {@code parent}, oldest first, however many pages: a notice may be past the first
     * page of a long thread, and an instance's own notice is its last. {@code hasTurn}: the first page's turn is taken.
     */
    private List<com.slack.api.model.Message> wholeThread(PostedMessage parent, boolean hasTurn) {
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

    @Override
    public List<Chat.StatusRecord> statusMessages(String channel, Instant oldest) {
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

    @Override
    public List<String> memberChannels() {
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

    @Override
    public void whisper(String channel, String user, Message message) {
        calls.send(
                "chat.postEphemeral",
                channel,
                message,
                message.withoutLayout(),
                m -> () -> client.chatPostEphemeral(
                        r -> r.channel(channel).user(user).text(m.text()).blocks(layout(m))));
    }

    @Override
    public void publishHome(String user, Message home) {
        calls.call(
                "views.publish",
                () -> client.viewsPublish(r -> r.userId(user)
                        .view(View.builder()
                                .type("home")
                                .blocks(SlackMessages.blocks(home))
                                .build())));
    }

    @Override
    public Optional<String> permalink(PostedMessage message) {
        try {
            return Optional.ofNullable(calls.call(
                            "chat.getPermalink",
                            () -> client.chatGetPermalink(
                                    r -> r.channel(message.channel()).messageTs(message.ts())))
                    .getPermalink());
        } catch (ChatException e) {
            return Optional.empty();
        }
    }

    @Override
    public void openRequestForm(String triggerId, RequestForm form) {
        calls.call(
                "views.open", () -> client.viewsOpen(r -> r.triggerId(triggerId).view(RequestModal.form(form))));
    }

    @Override
    public void update(PostedMessage target, Message replacement) {
        edit(target, new Edit(replacement, Optional.empty()));
    }

    @Override
    public void update(PostedMessage target, Message replacement, Map<String, String> facts) {
        edit(target, new Edit(replacement, Optional.of(Map.copyOf(facts))));
    }

    @Override
    public CompletionStage<Void> updateLater(PostedMessage target, Message replacement) {
        return editLater(target, new Edit(replacement, Optional.empty()));
    }

    @Override
    public CompletionStage<Void> updateLater(PostedMessage target, Message replacement, Map<String, String> facts) {
        return editLater(target, new Edit(replacement, Optional.of(Map.copyOf(facts))));
    }

    /** Registers {@code edit} of {@code target} in the message's order now, and sends it in its turn on another thread. */
    private CompletionStage<Void> editLater(PostedMessage target, Edit edit) {
        CollapsedEdits<Edit>.Ticket ticket = register(target, edit);
        CompletableFuture<Void> done = new CompletableFuture<>();
        Runnable send = () -> {
            try {
                sendInTurn(target, ticket);
                done.complete(null);
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        };
        try {
            laterEdits.execute(send);
        } catch (RejectedExecutionException closing) {
            send.run(); // on the caller's thread, as update does, once the bot is closing
        }
        return done;
    }

    @Override
    public CompletionStage<PostedMessage> replyLater(PostedMessage parent, Message message) {
        try {
            return CompletableFuture.supplyAsync(() -> reply(parent, message), laterReplies);
        } catch (RejectedExecutionException closing) {
            CompletableFuture<PostedMessage> done = new CompletableFuture<>();
            try {
                done.complete(reply(parent, message));
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
            return done;
        }
    }

    /**
     * Whether nothing given to {@link #updateLater} or {@link #replyLater} is still waiting to be sent, for {@code
     * Bot.idle}.
     */
    public boolean idle() {
        return laterEdits.getActiveCount() == 0
                && laterEdits.getQueue().isEmpty()
                && laterReplies.getActiveCount() == 0
                && laterReplies.getQueue().isEmpty();
    }

    /** Sends what {@link #updateLater} and {@link #replyLater} were given and still wait, for up to {@code grace}. */
    public void close(Duration grace) {
        laterEdits.shutdown();
        laterReplies.shutdown();
        try {
            long deadline = System.nanoTime() + grace.toNanos();
            laterEdits.awaitTermination(grace.toNanos(), TimeUnit.NANOSECONDS);
            laterReplies.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        laterEdits.shutdownNow();
        laterReplies.shutdownNow();
    }

    /**
     * Sends {@code edit} of {@code target} in its turn, or returns at once when a newer edit of the message supersedes
     * it while it waits: the newer one says what the message is to say now.
     */
    private void edit(PostedMessage target, Edit edit) {
        sendInTurn(target, register(target, edit));
    }

    private CollapsedEdits<Edit>.Ticket register(PostedMessage target, Edit edit) {
        return edits.register(messageKey(target), edit, () -> calls.reserve("chat.update", target.channel()));
    }

    private static String messageKey(PostedMessage target) {
        return target.channel() + " " + target.ts();
    }

    /** Waits for the turn of a registered edit and sends it, unless a newer edit of the message superseded it. */
    private void sendInTurn(PostedMessage target, CollapsedEdits<Edit>.Ticket ticket) {
        String message = messageKey(target);
        Optional<Edit> turn;
        try {
            turn = edits.await(ticket);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChatException(Reason.UNAVAILABLE, "interrupted while waiting to edit a message", e);
        }
        if (turn.isEmpty()) {
            log.debug(
                    "An edit of {} in {} was superseded by a newer one before its turn", target.ts(), target.channel());
            return;
        }
        Edit latest = turn.get();
        try {
            calls.send(
                    "chat.update",
                    target.channel(),
                    latest.message(),
                    stateOnly(latest.message()),
                    m -> () -> client.chatUpdate(r -> {
                        r.channel(target.channel())
                                .ts(target.ts())
                                .text(m.text())
                                .blocks(layout(m));
                        latest.facts()
                                .ifPresent(facts -> r.metadata(
                                        new com.slack.api.model.Message.Metadata(FACTS_EVENT, new HashMap<>(facts))));
                        return r;
                    }),
                    Optional::empty,
                    true);
        } finally {
            edits.sent(message);
        }
    }

    @Override
    public PostedMessage reply(PostedMessage parent, Message message) {
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

    /**
     * A status message without layout: its one line of state, which is what every instance reads back from it
     * ({@code StatusCard.awaitsApproval}), so the words of its blocks would not do.
     */
    private static Message stateOnly(Message status) {
        return new Message(status.text(), List.of());
    }
}

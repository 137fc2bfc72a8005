package dev.invalidator.slack;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.model.ConversationType;
import com.slack.api.model.ResponseMetadata;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.view.View;
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
import java.io.IOException;
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
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Chat} over Slack's Web API with the synchronous {@link MethodsClient}.
 *
 * <p>The synchronous client never retries by itself, so this adapter does, boundedly: a 429 waits the
 * {@code Retry-After} that Slack asked for (capped), network errors and 5xx back off exponentially. The calls run on
 * the bot's worker threads, after the Slack ack, so waiting here delays nobody's acknowledgement.
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

    private static final String DECISION_STATUS = "status_ts";
    private static final String DECISION_VERDICT = "verdict";
    private static final String DECISION_BY = "by";
    /** Slack recommends no more than 200 messages a page of history. */
    private static final int HISTORY_PAGE = 200;

    private static final int CHANNELS_PAGE = 200;
    /** Where the bot posts: public and private channels (channels:read and groups:read). */
    private static final List<ConversationType> CHANNEL_TYPES =
            List.of(ConversationType.PUBLIC_CHANNEL, ConversationType.PRIVATE_CHANNEL);

    private final MethodsClient client;
    private final int maxAttempts;
    private final Duration maxWait;
    private volatile String ownBotId;

    /** @param maxWait the longest single wait for a {@code Retry-After} or a back-off */
    public SlackChat(MethodsClient client, int maxAttempts, Duration maxWait) {
        this.client = client;
        this.maxAttempts = maxAttempts;
        this.maxWait = maxWait;
    }

    @Override
    public PostedMessage post(String channel, Message message) {
        var response = send(
                "chat.postMessage",
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
        var response = send(
                "chat.postMessage",
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
        var history = call(
                "conversations.history",
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
        String postId = UUID.randomUUID().toString();
        Map<String, Object> payload = new HashMap<>();
        payload.put(DECISION_STATUS, status.ts());
        payload.put(DECISION_VERDICT, verdict.name().toLowerCase(Locale.ROOT));
        decider.ifPresent(user -> payload.put(DECISION_BY, user));
        payload.put(POST_ID, postId);
        var response = send(
                "chat.postMessage",
                notice,
                notice.withoutLayout(),
                m -> () -> client.chatPostMessage(r -> r.channel(status.channel())
                        .threadTs(status.ts())
                        .text(m.text())
                        .blocks(layout(m))
                        .metadata(new com.slack.api.model.Message.Metadata(DECISION_EVENT, payload))),
                () -> posted(status.channel(), replies(status), DECISION_EVENT, postId));
        return new PostedMessage(response.getChannel(), response.getTs());
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
        return call(
                        "conversations.history",
                        () -> client.conversationsHistory(
                                r -> r.channel(channel).limit(LOOK_BACK).includeAllMetadata(true)))
                .getMessages();
    }

    /** The thread of {@code parent}, the parent first, then its replies oldest first. */
    private List<com.slack.api.model.Message> replies(PostedMessage parent) {
        return call(
                        "conversations.replies",
                        () -> client.conversationsReplies(r -> r.channel(parent.channel())
                                .ts(parent.ts())
                                .limit(LOOK_BACK)
                                .includeAllMetadata(true)))
                .getMessages();
    }

    @Override
    public PostedMessage postQueuedPaths(
            PostedMessage status, int part, int parts, List<String> paths, Message notice) {
        String postId = UUID.randomUUID().toString();
        Map<String, Object> payload = new HashMap<>();
        payload.put(DECISION_STATUS, status.ts());
        payload.put(PART, String.valueOf(part));
        payload.put(PARTS, String.valueOf(parts));
        // A path never holds a line break (PathParser refuses control characters), so one per line keeps them exactly.
        payload.put(PATHS, String.join("\n", paths));
        payload.put(POST_ID, postId);
        var response = send(
                "chat.postMessage",
                notice,
                notice.withoutLayout(),
                m -> () -> client.chatPostMessage(r -> r.channel(status.channel())
                        .threadTs(status.ts())
                        .text(m.text())
                        .blocks(layout(m))
                        .metadata(new com.slack.api.model.Message.Metadata(QUEUED_PATHS_EVENT, payload))),
                () -> posted(status.channel(), replies(status), QUEUED_PATHS_EVENT, postId));
        return new PostedMessage(response.getChannel(), response.getTs());
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
                        new PostedMessage(status.channel(), reply.getTs()),
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
            known = call("auth.test", () -> client.authTest(r -> r)).getBotId();
            if (known == null || known.isBlank()) {
                throw new ChatException(
                        Reason.OTHER, "auth.test named no bot_id: SLACK_BOT_TOKEN is not a bot token", null);
            }
            ownBotId = known;
        }
        return known;
    }

    @Override
    public boolean threadHas(PostedMessage parent, String marker) {
        return replies(parent).stream()
                .anyMatch(message -> !parent.ts().equals(message.getTs())
                        && isOwn(message)
                        && String.valueOf(message.getText()).contains(marker));
    }

    @Override
    public List<Chat.StatusRecord> statusMessages(String channel, Instant oldest) {
        String since = oldest.getEpochSecond() + ".000000";
        List<Chat.StatusRecord> records = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        do {
            String page = cursor.orElse(null);
            var history = call(
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
            var found = call(
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
        send(
                "chat.postEphemeral",
                message,
                message.withoutLayout(),
                m -> () -> client.chatPostEphemeral(
                        r -> r.channel(channel).user(user).text(m.text()).blocks(layout(m))));
    }

    @Override
    public void publishHome(String user, Message home) {
        call(
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
            return Optional.ofNullable(call(
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
        call("views.open", () -> client.viewsOpen(r -> r.triggerId(triggerId).view(RequestModal.form(form))));
    }

    @Override
    public void update(PostedMessage target, Message replacement) {
        send(
                "chat.update",
                replacement,
                stateOnly(replacement),
                m -> () -> client.chatUpdate(r -> r.channel(target.channel())
                        .ts(target.ts())
                        .text(m.text())
                        .blocks(layout(m))));
    }

    @Override
    public void update(PostedMessage target, Message replacement, Map<String, String> facts) {
        send(
                "chat.update",
                replacement,
                stateOnly(replacement),
                m -> () -> client.chatUpdate(r -> r.channel(target.channel())
                        .ts(target.ts())
                        .text(m.text())
                        .blocks(layout(m))
                        .metadata(new com.slack.api.model.Message.Metadata(FACTS_EVENT, new HashMap<>(facts)))));
    }

    @Override
    public PostedMessage reply(PostedMessage parent, Message message) {
        var response = send(
                "chat.postMessage",
                message,
                message.withoutLayout(),
                m -> () -> client.chatPostMessage(r -> r.channel(parent.channel())
                        .threadTs(parent.ts())
                        .text(m.text())
                        .blocks(layout(m))));
        return new PostedMessage(response.getChannel(), response.getTs());
    }

    private <T extends SlackApiTextResponse> T send(
            String method, Message message, Message fallback, Function<Message, WebApiCall<T>> request) {
        return send(method, message, fallback, request, Optional::empty);
    }

    /**
     * Sends {@code message} with {@code request}, as {@link #call(String, WebApiCall, Supplier)} does; when Slack
     * refuses its layout (a block too long, too much text), sends {@code fallback}, which has none, so that what the
     * message says still arrives. A refused message was not posted, so the fallback is no second post.
     */
    private <T extends SlackApiTextResponse> T send(
            String method,
            Message message,
            Message fallback,
            Function<Message, WebApiCall<T>> request,
            Supplier<Optional<T>> tookEffect) {
        try {
            return call(method, request.apply(message), tookEffect);
        } catch (ChatException e) {
            if (e.reason() != Reason.REFUSED) {
                throw e;
            }
            log.warn("Slack refused the layout of a message ({}); sending it as text", e.getMessage());
            return call(method, request.apply(fallback), tookEffect);
        }
    }

    /** The blocks of {@code message}, or none at all (not an empty list) for text alone. */
    private static List<LayoutBlock> layout(Message message) {
        return message.blocks().isEmpty() ? null : SlackMessages.blocks(message);
    }

    /**
     * A status message without layout: its one line of state, which is what every instance reads back from it
     * ({@code StatusCard.awaitsApproval}), so the words of its blocks would not do.
     */
    private static Message stateOnly(Message status) {
        return new Message(status.text(), List.of());
    }

    /** A Web API call that Slack may rate-limit or fail transiently. */
    @FunctionalInterface
    interface WebApiCall<T extends SlackApiTextResponse> {
        T call() throws IOException, SlackApiException;
    }

    <T extends SlackApiTextResponse> T call(String method, WebApiCall<T> call) {
        return call(method, call, Optional::empty);
    }

    /**
     * {@code call}, retried; before an attempt that follows one which may have taken effect although it failed — a
     * timeout or a dropped connection, a 5xx, {@code internal_error} — asks {@code tookEffect} whether it did, and if
     * so answers with that instead of making the call again. A 429 or another {@code ok:false} means Slack did nothing.
     */
    <T extends SlackApiTextResponse> T call(String method, WebApiCall<T> call, Supplier<Optional<T>> tookEffect) {
        Duration backoff = Duration.ofMillis(250);
        boolean maybeTookEffect = false;
        for (int attempt = 1; ; attempt++) {
            Optional<Duration> wait;
            String problem;
            try {
                T response = call.call();
                if (response.isOk()) {
                    return response;
                }
                problem = response.getError();
                if (!"ratelimited".equals(problem)
                        && !"internal_error".equals(problem)
                        && !"fatal_error".equals(problem)) {
                    throw new ChatException(reasonFor(problem), method + " failed: " + problem, null);
                }
                maybeTookEffect |= !"ratelimited".equals(problem);
                wait = Optional.of(backoff);
            } catch (SlackApiException e) {
                problem = "HTTP " + e.getResponse().code();
                wait = retryAfter(e)
                        .or(() -> e.getResponse().code() >= 500 ? Optional.of(Duration.ZERO) : Optional.empty())
                        .map(after -> after.isZero() ? Duration.ofMillis(250) : after);
                if (wait.isEmpty()) {
                    throw new ChatException(Reason.OTHER, method + " failed: " + problem, e);
                }
                maybeTookEffect |= e.getResponse().code() >= 500;
            } catch (IOException e) {
                problem = e.getClass().getSimpleName();
                wait = Optional.of(backoff);
                maybeTookEffect = true;
            }
            boolean last = attempt >= maxAttempts;
            if (!last) {
                Duration pause = wait.get().compareTo(maxWait) > 0 ? maxWait : wait.get();
                log.info(
                        "{} answered {}; retrying in {} ms (attempt {} of {})",
                        method,
                        problem,
                        pause.toMillis(),
                        attempt + 1,
                        maxAttempts);
                // The pause comes before the look, so that an attempt Slack is still acting on has time to show.
                sleep(pause);
                backoff = backoff.multipliedBy(2);
            }
            if (maybeTookEffect) {
                Optional<T> earlier = tookEffect.get();
                if (earlier.isPresent()) {
                    return earlier.get();
                }
            }
            if (last) {
                throw new ChatException(
                        Reason.UNAVAILABLE, method + " failed " + attempt + " times (last: " + problem + ")", null);
            }
        }
    }

    private static Optional<Duration> retryAfter(SlackApiException e) {
        if (e.getResponse().code() != 429) {
            return Optional.empty();
        }
        String header = e.getResponse().header("Retry-After");
        try {
            return Optional.of(Duration.ofSeconds(header == null ? 1 : Long.parseLong(header.trim())));
        } catch (NumberFormatException notANumber) {
            return Optional.of(Duration.ofSeconds(1));
        }
    }

    private static Reason reasonFor(String error) {
        return switch (error) {
            case "not_in_channel", "is_archived" -> Reason.NOT_IN_CHANNEL;
            case "channel_not_found" -> Reason.CHANNEL_NOT_FOUND;
            case "invalid_blocks", "invalid_blocks_format", "msg_blocks_too_long", "msg_too_long" -> Reason.REFUSED;
            default -> Reason.OTHER;
        };
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChatException(Reason.UNAVAILABLE, "interrupted while waiting to retry", e);
        }
    }
}

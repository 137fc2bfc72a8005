package dev.invalidator.slack;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import com.slack.api.model.ConversationType;
import com.slack.api.model.ResponseMetadata;
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
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Chat} over Slack's Web API with the synchronous {@link MethodsClient}.
 *
 * <p>The synchronous client never retries by itself, so this adapter does, boundedly: a 429 waits the
 * {@code Retry-After} that Slack asked for (capped), network errors and 5xx back off exponentially. The calls run on
 * the bot's worker threads, after the Slack ack, so waiting here delays nobody's acknowledgement.
 */
public final class SlackChat implements Chat {

    private static final Logger log = LoggerFactory.getLogger(SlackChat.class);

    /** The metadata event type of status messages. */
    static final String FACTS_EVENT = "invalidation_request";
    /** The metadata event type of the thread reply that records a decision on a request waiting for approval. */
    static final String DECISION_EVENT = "invalidation_decision";

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

    /** @param maxWait the longest single wait for a {@code Retry-After} or a back-off */
    public SlackChat(MethodsClient client, int maxAttempts, Duration maxWait) {
        this.client = client;
        this.maxAttempts = maxAttempts;
        this.maxWait = maxWait;
    }

    @Override
    public PostedMessage post(String channel, Message message) {
        var response = call(
                "chat.postMessage",
                () -> client.chatPostMessage(
                        r -> r.channel(channel).text(message.text()).blocks(SlackMessages.blocks(message))));
        return new PostedMessage(response.getChannel(), response.getTs());
    }

    @Override
    public PostedMessage post(String channel, Message message, Map<String, String> facts) {
        var response = call(
                "chat.postMessage",
                () -> client.chatPostMessage(r -> r.channel(channel)
                        .text(message.text())
                        .blocks(SlackMessages.blocks(message))
                        .metadata(new com.slack.api.model.Message.Metadata(FACTS_EVENT, new HashMap<>(facts)))));
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
                .filter(found -> message.ts().equals(found.getTs()) && isMarked(found, FACTS_EVENT))
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
        Map<String, Object> payload = new HashMap<>();
        payload.put(DECISION_STATUS, status.ts());
        payload.put(DECISION_VERDICT, verdict.name().toLowerCase(Locale.ROOT));
        decider.ifPresent(user -> payload.put(DECISION_BY, user));
        var response = call(
                "chat.postMessage",
                () -> client.chatPostMessage(r -> r.channel(status.channel())
                        .threadTs(status.ts())
                        .text(notice.text())
                        .blocks(SlackMessages.blocks(notice))
                        .metadata(new com.slack.api.model.Message.Metadata(DECISION_EVENT, payload))));
        return new PostedMessage(response.getChannel(), response.getTs());
    }

    @Override
    public Optional<Decision> firstDecision(PostedMessage status) {
        var replies = call(
                "conversations.replies",
                () -> client.conversationsReplies(r ->
                        r.channel(status.channel()).ts(status.ts()).limit(200).includeAllMetadata(true)));
        // Replies come oldest first; only the bot can attach metadata, so a person's reply never counts. A decision
        // without a verdict (written before decisions said what they were), or an approval that names nobody, counts
        // as none: the request is decided again, or expires.
        return replies.getMessages().stream()
                .filter(reply -> !status.ts().equals(reply.getTs()) && isMarked(reply, DECISION_EVENT))
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

    private static boolean isMarked(com.slack.api.model.Message message, String eventType) {
        return message.getMetadata() != null
                && eventType.equals(message.getMetadata().getEventType());
    }

    @Override
    public boolean threadHas(PostedMessage parent, String marker) {
        var replies = call(
                "conversations.replies",
                () -> client.conversationsReplies(
                        r -> r.channel(parent.channel()).ts(parent.ts()).limit(200)));
        return replies.getMessages().stream()
                .anyMatch(message -> !parent.ts().equals(message.getTs())
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
                    .filter(message -> isMarked(message, FACTS_EVENT))
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
                .collect(Collectors.toMap(Map.Entry::getKey, entry -> String.valueOf(entry.getValue())));
    }

    @Override
    public void whisper(String channel, String user, Message message) {
        call(
                "chat.postEphemeral",
                () -> client.chatPostEphemeral(
                        r -> r.channel(channel).user(user).text(message.text()).blocks(SlackMessages.blocks(message))));
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
        call(
                "chat.update",
                () -> client.chatUpdate(r -> r.channel(target.channel())
                        .ts(target.ts())
                        .text(replacement.text())
                        .blocks(SlackMessages.blocks(replacement))));
    }

    @Override
    public void update(PostedMessage target, Message replacement, Map<String, String> facts) {
        call(
                "chat.update",
                () -> client.chatUpdate(r -> r.channel(target.channel())
                        .ts(target.ts())
                        .text(replacement.text())
                        .blocks(SlackMessages.blocks(replacement))
                        .metadata(new com.slack.api.model.Message.Metadata(FACTS_EVENT, new HashMap<>(facts)))));
    }

    @Override
    public PostedMessage reply(PostedMessage parent, Message message) {
        var response = call(
                "chat.postMessage",
                () -> client.chatPostMessage(r -> r.channel(parent.channel())
                        .threadTs(parent.ts())
                        .text(message.text())
                        .blocks(SlackMessages.blocks(message))));
        return new PostedMessage(response.getChannel(), response.getTs());
    }

    /** A Web API call that Slack may rate-limit or fail transiently. */
    @FunctionalInterface
    interface WebApiCall<T extends SlackApiTextResponse> {
        T call() throws IOException, SlackApiException;
    }

    <T extends SlackApiTextResponse> T call(String method, WebApiCall<T> call) {
        Duration backoff = Duration.ofMillis(250);
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
                wait = Optional.of(backoff);
            } catch (SlackApiException e) {
                problem = "HTTP " + e.getResponse().code();
                wait = retryAfter(e)
                        .or(() -> e.getResponse().code() >= 500 ? Optional.of(Duration.ZERO) : Optional.empty())
                        .map(after -> after.isZero() ? Duration.ofMillis(250) : after);
                if (wait.isEmpty()) {
                    throw new ChatException(Reason.OTHER, method + " failed: " + problem, e);
                }
            } catch (IOException e) {
                problem = e.getClass().getSimpleName();
                wait = Optional.of(backoff);
            }
            if (attempt >= maxAttempts) {
                throw new ChatException(
                        Reason.UNAVAILABLE, method + " failed " + attempt + " times (last: " + problem + ")", null);
            }
            Duration pause = wait.get().compareTo(maxWait) > 0 ? maxWait : wait.get();
            log.info(
                    "{} answered {}; retrying in {} ms (attempt {} of {})",
                    method,
                    problem,
                    pause.toMillis(),
                    attempt + 1,
                    maxAttempts);
            sleep(pause);
            backoff = backoff.multipliedBy(2);
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

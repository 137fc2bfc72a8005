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
import com.slack.api.model.view.View;
import dev.invalidator.base.DaemonThreads;
import dev.invalidator.chat.Chat;
import dev.invalidator.chat.ChatException;
import dev.invalidator.chat.ChatException.Reason;
import dev.invalidator.chat.Decision;
import dev.invalidator.chat.Message;
import dev.invalidator.chat.PostedMessage;
import dev.invalidator.chat.RequestForm;
import dev.invalidator.slack.blockkit.RequestModal;
import dev.invalidator.slack.blockkit.SlackMessages;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
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
    private final OwnMessages own;
    private final CompletionNotice notice;
    private final CollapsedEdits<Edit> edits = new CollapsedEdits<>(Edit::replacedBy);
    /**
     * Send the edits registered by {@link #updateLater}, each when its turn comes. Turns are reserved in the order
     * edits are registered, which is the order these threads take them in, so a few threads keep up with Slack's pace.
     */
    private final ThreadPoolExecutor laterEdits = laterPool("slack-edit");
    /** Post the replies of {@link #replyLater}: apart from the edits, so that a busy channel's posts hold up no edit. */
    private final ThreadPoolExecutor laterReplies = laterPool("slack-reply");

    /**
     * @param maxAttempts attempts of a call that fails other than by a 429 (a network error, a 5xx)
     * @param maxWait     the longest single back-off after such a failure
     */
    public SlackChat(MethodsClient client, int maxAttempts, Duration maxWait) {
        this.client = client;
        this.calls = new SlackCalls(maxAttempts, maxWait);
        this.own = new OwnMessages(client, calls);
        this.notice = new CompletionNotice(client, calls, own);
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
                () -> own.posted(channel, own.latest(channel), FACTS_EVENT, postId));
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
                () -> own.posted(thread.channel(), own.replies(thread), FACTS_EVENT, postId));
        return new PostedMessage(response.getChannel(), response.getTs(), Optional.of(thread.threadTs()));
    }

    @Override
    public List<Chat.StatusRecord> threadStatusMessages(PostedMessage root) {
        return own.threadStatusMessages(root);
    }

    @Override
    public Map<String, String> factsOf(PostedMessage status) {
        return own.factsOf(status);
    }

    @Override
    public Optional<Chat.StatusRecord> status(PostedMessage message) {
        return own.status(message);
    }

    @Override
    public Optional<List<String>> queuedPaths(PostedMessage status) {
        return own.queuedPaths(status);
    }

    @Override
    public Optional<Decision> firstDecision(PostedMessage status) {
        return own.firstDecision(status);
    }

    @Override
    public List<Chat.StatusRecord> statusMessages(String channel, Instant oldest) {
        return own.statusMessages(channel, oldest);
    }

    @Override
    public List<String> memberChannels() {
        return own.memberChannels();
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
                () -> own.posted(status.channel(), own.replies(status), eventType, postId));
        return new PostedMessage(response.getChannel(), response.getTs(), Optional.of(status.threadTs()));
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
    public boolean replyUnlessThreadHas(PostedMessage parent, String marker, Message message) {
        return notice.replyUnlessThreadHas(parent, marker, message);
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

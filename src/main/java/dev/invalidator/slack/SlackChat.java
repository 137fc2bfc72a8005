package dev.invalidator.slack;

import com.slack.api.methods.MethodsClient;
import com.slack.api.model.view.View;
import dev.invalidator.base.DaemonThreads;
import dev.invalidator.chat.Chat;
import dev.invalidator.chat.ChatException;
import dev.invalidator.chat.Decision;
import dev.invalidator.chat.Message;
import dev.invalidator.chat.PostedMessage;
import dev.invalidator.chat.RequestForm;
import dev.invalidator.slack.blockkit.RequestModal;
import dev.invalidator.slack.blockkit.SlackMessages;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * {@link Chat} over Slack's Web API with the synchronous {@link MethodsClient}, composed of one class per job:
 * {@link SlackCalls} makes every call in its turn within Slack's rate limits and retries it (a 429 delays what a
 * person sees, it does not fail it); {@link SlackPosts} posts; {@link MessageEdits} collapses the edits of one message
 * waiting for their turn into the latest; {@link OwnMessages} reads back as state only what this bot posted;
 * {@link CompletionNotice} keeps one notice of an end per thread across replicas. This class owns the threads that send
 * what {@link #updateLater} and {@link #replyLater} were given, and their end.
 */
public final class SlackChat implements Chat {

    /** Threads of each pool that sends what {@link #updateLater} and {@link #replyLater} were given. */
    private static final int LATER_THREADS = 4;

    private final MethodsClient client;
    private final SlackCalls calls;
    private final OwnMessages own;
    private final CompletionNotice notice;
    private final SlackPosts posts;
    private final MessageEdits edits;
    /** Send the edits of {@link #updateLater} ({@link MessageEdits}). */
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
        this.posts = new SlackPosts(client, calls, own);
        this.notice = new CompletionNotice(client, calls, own, posts);
        this.edits = new MessageEdits(client, calls, laterEdits);
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
        return posts.post(channel, message);
    }

    @Override
    public PostedMessage post(String channel, Message message, Map<String, String> facts) {
        return posts.post(channel, message, facts);
    }

    @Override
    public PostedMessage post(PostedMessage thread, Message message, Map<String, String> facts) {
        return posts.post(thread, message, facts);
    }

    @Override
    public PostedMessage postDecision(
            PostedMessage status, Decision.Verdict verdict, Optional<String> decider, Message notice) {
        return posts.postDecision(status, verdict, decider, notice);
    }

    @Override
    public PostedMessage postQueuedPaths(
            PostedMessage status, int part, int parts, List<String> paths, Message notice) {
        return posts.postQueuedPaths(status, part, parts, paths, notice);
    }

    @Override
    public PostedMessage reply(PostedMessage parent, Message message) {
        return posts.reply(parent, message);
    }

    @Override
    public void whisper(String channel, String user, Message message) {
        posts.whisper(channel, user, message);
    }

    @Override
    public void update(PostedMessage target, Message replacement) {
        edits.update(target, replacement);
    }

    @Override
    public void update(PostedMessage target, Message replacement, Map<String, String> facts) {
        edits.update(target, replacement, facts);
    }

    @Override
    public CompletionStage<Void> updateLater(PostedMessage target, Message replacement) {
        return edits.updateLater(target, replacement);
    }

    @Override
    public CompletionStage<Void> updateLater(PostedMessage target, Message replacement, Map<String, String> facts) {
        return edits.updateLater(target, replacement, facts);
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
    public boolean replyUnlessThreadHas(PostedMessage parent, String marker, Message message) {
        return notice.replyUnlessThreadHas(parent, marker, message);
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
}

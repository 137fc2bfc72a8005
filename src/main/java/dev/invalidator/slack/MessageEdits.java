package dev.invalidator.slack;

import static dev.invalidator.slack.OwnMessages.FACTS_EVENT;
import static dev.invalidator.slack.SlackCalls.layout;

import com.slack.api.methods.MethodsClient;
import dev.invalidator.chat.ChatException;
import dev.invalidator.chat.ChatException.Reason;
import dev.invalidator.chat.Message;
import dev.invalidator.chat.PostedMessage;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Edits of the bot's messages with {@code chat.update}, each in its turn ({@link SlackCalls}), those of one message
 * waiting for their turn collapsed into the latest ({@link CollapsedEdits}): a message goes from what it said to what
 * it says now, never through a state that was out of date when its turn came.
 *
 * <pre>{@code
 * MessageEdits edits = new MessageEdits(client, calls, laterEdits);
 * edits.updateLater(status, card);   // registered now, sent in its turn on a thread of laterEdits
 * }</pre>
 */
final class MessageEdits {

    private static final Logger log = LoggerFactory.getLogger(MessageEdits.class);

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
     * Sends the edits registered by {@link #updateLater}, each when its turn comes. Turns are reserved in the order
     * edits are registered, which is the order these threads take them in, so a few threads keep up with Slack's pace.
     */
    private final Executor later;

    MessageEdits(MethodsClient client, SlackCalls calls, Executor later) {
        this.client = client;
        this.calls = calls;
        this.later = later;
    }

    /** Edits waiting for their turn now, {@link #updateLater}'s included. */
    int waiting() {
        return edits.waiting();
    }

    void update(PostedMessage target, Message replacement) {
        edit(target, new Edit(replacement, Optional.empty()));
    }

    void update(PostedMessage target, Message replacement, Map<String, String> facts) {
        edit(target, new Edit(replacement, Optional.of(Map.copyOf(facts))));
    }

    CompletionStage<Void> updateLater(PostedMessage target, Message replacement) {
        return editLater(target, new Edit(replacement, Optional.empty()));
    }

    CompletionStage<Void> updateLater(PostedMessage target, Message replacement, Map<String, String> facts) {
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
            later.execute(send);
        } catch (RejectedExecutionException closing) {
            send.run(); // on the caller's thread, as update does, once the bot is closing
        }
        return done;
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
                    SlackPosts.stateOnly(latest.message()),
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
}

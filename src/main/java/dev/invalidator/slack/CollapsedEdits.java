package dev.invalidator.slack;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BinaryOperator;
import java.util.function.Supplier;

/**
 * Edits of one message waiting for their turn collapse into the latest: while an edit waits, a newer edit of the same
 * message takes its place — and its turn — and the older one returns at once, superseded, without calling Slack. So a
 * status message goes from what it said to what it says now, never through a state that was already out of date when
 * its turn came, and never back: an edit waits, too, while an earlier one of the same message is being sent.
 *
 * <pre>{@code
 * Optional<Edit> turn = edits.awaitTurn(channel + " " + ts, edit, () -> pace.reserve("chat.update", channel));
 * if (turn.isPresent()) {
 *     try { send(turn.get()); } finally { edits.sent(channel + " " + ts); }
 * }   // else a newer edit of the message will be sent instead
 * }</pre>
 *
 * @param <E> an edit
 */
final class CollapsedEdits<E> {

    /** The edits of one message: at most one being sent and one waiting, the latest asked. */
    private final class Message {
        boolean sending;
        E edit;
        /** The waiting edit's number: a caller whose number is no longer this one was superseded. */
        long latest;

        boolean waiting;
        long turnAtNanos;
    }

    private final Map<String, Message> messages = new HashMap<>();
    private final BinaryOperator<E> replace;
    private int waiting;

    /** @param replace the edit that stands for a waiting edit and a newer one: the newer, and what it leaves out */
    CollapsedEdits(BinaryOperator<E> replace) {
        this.replace = replace;
    }

    /**
     * Waits for the turn of {@code edit} of {@code message}, reserving one with {@code reserve} unless a waiting edit of
     * the message already has one, which {@code edit} then replaces. The edit to send now, after which the caller calls
     * {@link #sent}; or empty when a newer edit superseded this one.
     */
    synchronized Optional<E> awaitTurn(String message, E edit, Supplier<Duration> reserve) throws InterruptedException {
        Message edits = messages.computeIfAbsent(message, m -> new Message());
        if (edits.waiting) {
            edits.edit = replace.apply(edits.edit, edit);
        } else {
            edits.waiting = true;
            edits.edit = edit;
            edits.turnAtNanos = System.nanoTime() + reserve.get().toNanos();
        }
        long mine = ++edits.latest;
        waiting++;
        notifyAll();
        try {
            while (true) {
                if (edits.latest != mine) {
                    return Optional.empty();
                }
                long remaining = edits.turnAtNanos - System.nanoTime();
                if (remaining <= 0 && !edits.sending) {
                    edits.waiting = false;
                    edits.sending = true;
                    E latest = edits.edit;
                    edits.edit = null;
                    return Optional.of(latest);
                }
                if (remaining > 0) {
                    wait(Math.max(1, remaining / 1_000_000));
                } else {
                    wait();
                }
            }
        } finally {
            waiting--;
        }
    }

    /** The edit whose turn came was sent, or failed: the next one of the message may go. */
    synchronized void sent(String message) {
        Message edits = messages.get(message);
        edits.sending = false;
        if (!edits.waiting) {
            messages.remove(message);
        }
        notifyAll();
    }

    /** Edits waiting for their turn now, superseded ones not yet returned included. */
    synchronized int waiting() {
        return waiting;
    }
}

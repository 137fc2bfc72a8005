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
 * <p>A caller that must not wait registers its edit ({@link #register}) and lets another thread {@link #await} its
 * turn: the edit's place among the message's edits is then the moment it was registered.
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

    /** An edit registered in its message's order, whose turn {@link #await} waits for. */
    final class Ticket {
        /** The edits of its message, held so that a superseded edit finds out although they were sent since. */
        private final Message edits;
        /** Its number among them: a caller whose number is no longer the latest was superseded. */
        private final long number;

        private Ticket(Message edits, long number) {
            this.edits = edits;
            this.number = number;
        }
    }

    /**
     * Waits for the turn of {@code edit} of {@code message}, reserving one with {@code reserve} unless a waiting edit of
     * the message already has one, which {@code edit} then replaces. The edit to send now, after which the caller calls
     * {@link #sent}; or empty when a newer edit superseded this one.
     */
    Optional<E> awaitTurn(String message, E edit, Supplier<Duration> reserve) throws InterruptedException {
        return await(register(message, edit, reserve));
    }

    /**
     * Puts {@code edit} of {@code message} in its place now, as {@link #awaitTurn} does, without waiting for its turn:
     * an edit of the message registered later replaces it or waits behind it, never goes before it. Every ticket is
     * awaited once, by whichever thread sends the edit.
     */
    synchronized Ticket register(String message, E edit, Supplier<Duration> reserve) {
        Message edits = messages.computeIfAbsent(message, m -> new Message());
        if (edits.waiting) {
            edits.edit = replace.apply(edits.edit, edit);
        } else {
            edits.waiting = true;
            edits.edit = edit;
            edits.turnAtNanos = System.nanoTime() + reserve.get().toNanos();
        }
        waiting++;
        notifyAll();
        return new Ticket(edits, ++edits.latest);
    }

    /** Waits for the turn of a registered edit: the edit to send now, or empty when a newer one superseded it. */
    synchronized Optional<E> await(Ticket ticket) throws InterruptedException {
        Message edits = ticket.edits;
        long mine = ticket.number;
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

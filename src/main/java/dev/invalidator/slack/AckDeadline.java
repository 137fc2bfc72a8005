package dev.invalidator.slack;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Nothing is done for an envelope whose ack left late: the work a listener hands over starts only once its envelope's
 * ack has left, and is dropped when that ack left more than the budget after the envelope arrived, or never left. By
 * then Slack has shown the person an error (a timeout on the command, the click or the form), so doing the work anyway
 * would do what they were told failed, and their second try would do it twice.
 *
 * <p>A dispatch thread {@linkplain #answer answers} one envelope at a time. Work passed to {@link #workers} on that
 * thread is queued at once — so a full queue still turns it away there and then, and the listener can say so in its
 * ack — and on its worker waits for the envelope's ack, which leaves a moment later on the dispatch thread.
 *
 * <pre>{@code
 * AckDeadline deadline = new AckDeadline(Duration.ofSeconds(2), System::nanoTime);
 * Executor afterAck = deadline.workers(workerPool);           // what the listeners hand their work to
 * AckDeadline.Envelope envelope = deadline.arrived();           // on the WebSocket's reader thread
 * deadline.answer(envelope, () -> {                              // on a dispatch thread
 *     afterAck.execute(work);                                    // queued; runs only if…
 *     sendAck();
 *     envelope.acked();                                          // …this happens within the budget
 * });
 * }</pre>
 */
final class AckDeadline {

    private static final Logger log = LoggerFactory.getLogger(AckDeadline.class);
    /** The envelope each dispatch thread is answering: one at a time per thread, whichever bot it serves. */
    private static final ThreadLocal<Envelope> ANSWERING = new ThreadLocal<>();

    private final Duration budget;
    private final LongSupplier nanoTime;

    /**
     * @param budget   the longest an ack may take from the envelope's arrival for its work to be done
     * @param nanoTime a monotonic clock ({@code System::nanoTime}); tests pass one they move by hand
     */
    AckDeadline(Duration budget, LongSupplier nanoTime) {
        this.budget = budget;
        this.nanoTime = nanoTime;
    }

    /** An envelope that arrives now: call it where the WebSocket hands the message over, before any queue. */
    Envelope arrived() {
        return new Envelope(nanoTime.getAsLong());
    }

    /**
     * Runs {@code answering} on this thread as the answer to {@code envelope}; when it ends, an envelope whose ack did
     * not leave counts as never acked.
     */
    void answer(Envelope envelope, Runnable answering) {
        ANSWERING.set(envelope);
        try {
            answering.run();
        } finally {
            ANSWERING.remove();
            envelope.outcome.complete(false);
        }
    }

    /** The envelope this thread is answering, if it is answering one. */
    Optional<Envelope> answering() {
        return Optional.ofNullable(ANSWERING.get());
    }

    /** {@code pool} as the listeners use it: work handed over while answering an envelope waits for its ack. */
    Executor workers(Executor pool) {
        return work -> {
            Envelope envelope = ANSWERING.get();
            pool.execute(envelope == null ? work : () -> envelope.afterAck(work));
        };
    }

    /** One envelope, from its arrival to its ack. */
    final class Envelope {

        private final long arrivedAt;
        /** True once the ack left within the budget; false when it left late or never. */
        private final CompletableFuture<Boolean> outcome = new CompletableFuture<>();

        private Envelope(long arrivedAt) {
            this.arrivedAt = arrivedAt;
        }

        /** The ack has just left, this long after its envelope arrived. */
        Duration acked() {
            Duration took = Duration.ofNanos(nanoTime.getAsLong() - arrivedAt);
            boolean inTime = took.compareTo(budget) <= 0;
            if (!inTime) {
                log.warn(
                        "An ack left {} ms after its envelope arrived, past the {} ms budget: Slack has shown an"
                                + " error for it, so nothing it asked for is done",
                        took.toMillis(),
                        budget.toMillis());
            }
            outcome.complete(inTime);
            return took;
        }

        private void afterAck(Runnable work) {
            if (outcome.join()) {
                work.run();
            }
        }
    }
}

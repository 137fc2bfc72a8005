package dev.invalidator.chat;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A decision on a request waiting for approval, as the bot recorded it in the thread of the request's status message.
 * The earliest one in the thread is the request's fate, whichever instance of the bot carries it out.
 *
 * <pre>{@code
 * Decision first = chat.firstDecision(status).orElseThrow();
 * first.verdict();   // Verdict.APPROVED
 * first.decider();   // Optional[U0BOB]; empty for an expiry
 * }</pre>
 *
 * @param message the thread reply that records it
 * @param decider who approved or rejected; empty when nobody did in time
 */
public record Decision(PostedMessage message, Verdict verdict, Optional<String> decider) {

    /** What was decided. */
    public enum Verdict {
        APPROVED,
        REJECTED,
        EXPIRED
    }

    public Decision {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(decider, "decider");
    }

    /** When it was recorded, to the second. */
    public Instant recordedAt() {
        return message.postedAt();
    }
}

package dev.invalidator.slack;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Which notice of one end stands when several instances posted it: the earliest of the bot's own replies carrying the
 * marker. Slack has no compare-and-set, but every instance reads the same thread, and a message's {@code ts} orders it
 * within its channel, so every instance that reads the thread after posting reaches the same answer.
 *
 * <pre>{@code
 * FirstNotice.of(thread, "(I2J0I21PCUYOIK)", "1700000000.000200")   // LOST when 1700000000.000100 carries it too
 * }</pre>
 */
final class FirstNotice {

    /** A reply of the thread as the decision needs it; {@code own}: the bot posted it. */
    record Reply(String ts, boolean own, String text) {}

    /** What the thread says of the instance's own notice. */
    enum Outcome {
        /** It is the earliest: it stays, and its instance goes on. */
        WON,
        /** An earlier one stands: its instance takes its own back and goes no further. */
        LOST,
        /** The thread as read does not show it yet: read again. */
        NOT_SEEN
    }

    private FirstNotice() {}

    /** The {@code ts} of the bot's earliest reply in {@code thread} that carries {@code marker}. */
    static Optional<String> earliest(List<Reply> thread, String marker) {
        return thread.stream()
                .filter(reply -> reply.own() && reply.text().contains(marker))
                .map(Reply::ts)
                .min(Comparator.comparing(BigDecimal::new));
    }

    /** What {@code thread} says of the notice {@code mine} (its {@code ts}) an instance posted with {@code marker}. */
    static Outcome of(List<Reply> thread, String marker, String mine) {
        boolean seen =
                thread.stream().anyMatch(reply -> reply.own() && reply.ts().equals(mine));
        if (!seen) {
            return Outcome.NOT_SEEN;
        }
        return earliest(thread, marker).filter(mine::equals).isPresent() ? Outcome.WON : Outcome.LOST;
    }
}

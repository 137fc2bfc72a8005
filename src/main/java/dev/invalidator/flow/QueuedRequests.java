package dev.invalidator.flow;

import dev.invalidator.chat.Chat;
import dev.invalidator.chat.ChatException;
import dev.invalidator.chat.QueuedRequest;
import dev.invalidator.chat.StatusCard;
import dev.invalidator.config.DistributionConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The requests queued on a distribution in a channel, as their status messages say — whichever instance holds them —
 * for {@code status} and {@code list}.
 *
 * <pre>{@code
 * QueuedRequests queued = QueuedRequests.readFrom(chat, config.queue().expiresAfter(), clock);
 * queued.in("C0OPS", web);   // oldest first
 * }</pre>
 */
@FunctionalInterface
interface QueuedRequests {

    /** Oldest first; none when Slack can't tell right now. */
    List<QueuedRequest> in(String channel, DistributionConfig distribution);

    /**
     * Read from the channel's status messages back to {@code queuedAtMost} ({@code queue.expiresAfter}: no request
     * waits longer), the bot's own only.
     */
    static QueuedRequests readFrom(Chat chat, Duration queuedAtMost, Clock clock) {
        return (channel, distribution) -> {
            try {
                List<QueuedRequest> queued = new ArrayList<>();
                for (Chat.StatusRecord record :
                        StatusMessages.in(chat, channel, clock.instant().minus(queuedAtMost))) {
                    if (!StatusCard.isQueued(record.text())) {
                        continue;
                    }
                    StatusFacts.card(record.facts())
                            .filter(card -> card.distributionId().equals(distribution.id()))
                            .ifPresent(card -> queued.add(
                                    0,
                                    new QueuedRequest(
                                            card.requester(),
                                            distribution.alias(),
                                            card.pathCount(),
                                            QueuedRequest.placeIn(record.text()))));
                }
                return queued;
            } catch (ChatException e) {
                return List.of();
            }
        };
    }
}

package dev.invalidator.flow;

import dev.invalidator.chat.Chat;
import dev.invalidator.chat.ChatException;
import dev.invalidator.chat.PostedMessage;
import dev.invalidator.chat.StatusCard;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which queued requests about to be sent were cancelled on another instance: a Cancel click may reach an instance that
 * doesn't hold the request, which can't take it out of the holder's memory and shows the message cancelled instead.
 * Read back from the status messages with one read of a channel's history for all of them, not one read each — Slack
 * allows about 50 reads a minute in a workspace — and kept for {@link #FRESH_FOR}, so that the requests of the channel
 * that go within that time cost no read either. Only a message that says cancelled counts: what the queue shows is
 * edited in Slack's time, so a request may go while its message still says requesting. When Slack can't tell, the
 * request goes: one nobody cancelled must not wait on Slack.
 *
 * <pre>{@code
 * Set<PostedMessage> cancelled = readBack.cancelled(List.of(first.status, second.status));
 * readBack.forget(channel);   // this instance showed a request of the channel cancelled
 * }</pre>
 */
final class QueuedReadBack {

    /** How long a read of a channel answers for its queued requests: a Cancel made elsewhere since may be missed. */
    static final Duration FRESH_FOR = Duration.ofSeconds(5);

    private static final Logger log = LoggerFactory.getLogger(QueuedReadBack.class);

    /** A read of a channel's status messages posted since {@code since}: the ts of those that say cancelled. */
    private record Read(Instant at, BigDecimal since, Set<String> cancelled) {}

    private final Chat chat;
    private final Clock clock;
    /** Guarded by {@code this}: the latest read of each channel. */
    private final Map<String, Read> reads = new HashMap<>();

    QueuedReadBack(Chat chat, Clock clock) {
        this.chat = chat;
        this.clock = clock;
    }

    /**
     * Those of {@code statuses}, status messages of requests this instance queued, that say cancelled. Reads each of
     * their channels at most once, and not at all when a read of it is fresh.
     */
    synchronized Set<PostedMessage> cancelled(List<PostedMessage> statuses) {
        Map<String, List<PostedMessage>> byChannel = statuses.stream()
                .collect(Collectors.groupingBy(PostedMessage::channel, LinkedHashMap::new, Collectors.toList()));
        return byChannel.entrySet().stream()
                .flatMap(channel -> cancelledIn(channel.getKey(), channel.getValue()).stream())
                .collect(Collectors.toSet());
    }

    /** The channel was read before this instance showed one of its requests cancelled: read it again next time. */
    synchronized void forget(String channel) {
        reads.remove(channel);
    }

    private List<PostedMessage> cancelledIn(String channel, List<PostedMessage> statuses) {
        // A group's member is read through its group's message, which is older.
        BigDecimal oldest = statuses.stream()
                .map(status -> new BigDecimal(status.threadTs()))
                .min(BigDecimal::compareTo)
                .orElseThrow();
        Read read = reads.get(channel);
        boolean fresh = read != null
                && read.since().compareTo(oldest) < 0
                && clock.instant().isBefore(read.at().plus(FRESH_FOR));
        Optional<Read> known = fresh ? Optional.of(read) : read(channel, oldest);
        // A message the read didn't find (deleted, or not the bot's) can't tell: it goes.
        return known.map(now -> statuses.stream()
                        .filter(status -> now.cancelled().contains(status.ts()))
                        .toList())
                .orElse(List.of());
    }

    /** The channel's status messages from a second before {@code oldest}; empty when Slack can't tell. */
    private Optional<Read> read(String channel, BigDecimal oldest) {
        Instant at = clock.instant();
        BigDecimal since = new BigDecimal(oldest.longValue() - 1);
        try {
            Set<String> cancelled = StatusMessages.in(chat, channel, Instant.ofEpochSecond(since.longValue())).stream()
                    .filter(record -> StatusCard.isCancelled(record.text()))
                    .map(record -> record.message().ts())
                    .collect(Collectors.toSet());
            Read read = new Read(at, since, cancelled);
            reads.put(channel, read);
            return Optional.of(read);
        } catch (ChatException e) {
            log.warn("Couldn't read back the queued requests of {} before sending them: {}", channel, e.getMessage());
            return Optional.empty();
        }
    }
}

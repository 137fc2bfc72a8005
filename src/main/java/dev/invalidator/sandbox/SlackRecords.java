package dev.invalidator.sandbox;

import dev.invalidator.sandbox.SlackSimulator.ApiCall;
import dev.invalidator.sandbox.SlackSimulator.ChannelMessage;
import dev.invalidator.sandbox.SlackSimulator.Ephemeral;
import dev.invalidator.sandbox.SlackSimulator.Listener;
import dev.invalidator.sandbox.SlackSimulator.OpenedView;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

/**
 * Everything that happened: Web API calls, channel timelines, ephemerals and views. Thread-safe; every
 * mutation is made under this object's monitor, listeners are told afterwards outside of it.
 */
final class SlackRecords {

    /**
     * A stored message; replaced (never mutated) when edited. {@code threadTs} is null for a top-level message;
     * {@code botId} and {@code appId} are null for a person's message.
     */
    record Stored(
            String channel,
            String ts,
            String threadTs,
            String userId,
            String botId,
            String appId,
            String text,
            String blocksJson,
            String metadataJson,
            List<String> previousTexts,
            String editedTs,
            boolean broadcast,
            boolean deleted) {

        boolean isReply() {
            return threadTs != null;
        }

        Stored edited(String newText, String newBlocks, String newMetadata, String editTs) {
            List<String> history = new ArrayList<>(previousTexts);
            history.add(text);
            return new Stored(
                    channel,
                    ts,
                    threadTs,
                    userId,
                    botId,
                    appId,
                    newText,
                    newBlocks,
                    newMetadata,
                    List.copyOf(history),
                    editTs,
                    broadcast,
                    deleted);
        }

        Stored asDeleted() {
            return new Stored(
                    channel,
                    ts,
                    threadTs,
                    userId,
                    botId,
                    appId,
                    text,
                    blocksJson,
                    metadataJson,
                    previousTexts,
                    editedTs,
                    broadcast,
                    true);
        }

        ChannelMessage toPublic() {
            return new ChannelMessage(channel, ts, threadTs, userId, text, blocksJson, metadataJson, previousTexts);
        }
    }

    private final Clock clock;
    private final List<ApiCall> calls = new ArrayList<>();
    private final Map<String, List<Stored>> channels = new HashMap<>();
    private final Map<String, List<Ephemeral>> ephemerals = new HashMap<>();
    private final List<OpenedView> views = new ArrayList<>();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private long lastTsMicros;

    SlackRecords(Clock clock) {
        this.clock = clock;
    }

    void addListener(Listener listener) {
        listeners.add(listener);
    }

    /** A Slack-style message timestamp ("1700000000.000100"): unique and increasing, close to the wall clock. */
    synchronized String nextTs() {
        long nowMicros = clock.millis() * 1000;
        lastTsMicros = Math.max(lastTsMicros + 1, nowMicros);
        return String.format("%d.%06d", lastTsMicros / 1_000_000, lastTsMicros % 1_000_000);
    }

    // ---- Web API calls

    synchronized void recordCall(ApiCall call) {
        calls.add(call);
    }

    synchronized List<ApiCall> calls(String methodOrNull) {
        return calls.stream()
                .filter(c -> methodOrNull == null || c.method().equals(methodOrNull))
                .toList();
    }

    // ---- channel timelines

    Stored post(
            String channel,
            String userId,
            String botId,
            String appId,
            String text,
            String blocksJson,
            String metadataJson,
            String threadTs,
            boolean broadcast) {
        Stored stored;
        synchronized (this) {
            stored = new Stored(
                    channel,
                    nextTs(),
                    threadTs,
                    userId,
                    botId,
                    appId,
                    text,
                    blocksJson,
                    metadataJson,
                    List.of(),
                    null,
                    broadcast,
                    false);
            channels.computeIfAbsent(channel, c -> new ArrayList<>()).add(stored);
        }
        ChannelMessage message = stored.toPublic();
        listeners.forEach(l -> l.onMessage(message));
        return stored;
    }

    /** Replaces the message with {@code ts} by {@code change}'s result; empty when there is no such message. */
    Optional<Stored> replace(String channel, String ts, UnaryOperator<Stored> change) {
        Stored updated;
        synchronized (this) {
            List<Stored> timeline = channels.getOrDefault(channel, List.of());
            int index = indexOf(timeline, ts);
            if (index < 0) {
                return Optional.empty();
            }
            updated = change.apply(timeline.get(index));
            timeline.set(index, updated);
        }
        ChannelMessage message = updated.toPublic();
        listeners.forEach(l -> l.onMessage(message));
        return Optional.of(updated);
    }

    synchronized Optional<Stored> find(String channel, String ts) {
        List<Stored> timeline = channels.getOrDefault(channel, List.of());
        int index = indexOf(timeline, ts);
        return index < 0 ? Optional.empty() : Optional.of(timeline.get(index));
    }

    /** What the channel shows: top-level messages and broadcast replies, oldest first, without deleted ones. */
    synchronized List<Stored> channelView(String channel) {
        return channels.getOrDefault(channel, List.of()).stream()
                .filter(m -> !m.deleted() && (!m.isReply() || m.broadcast()))
                .toList();
    }

    /** Replies of one thread, oldest first. */
    synchronized List<Stored> replies(String channel, String threadTs) {
        return channels.getOrDefault(channel, List.of()).stream()
                .filter(m -> !m.deleted() && threadTs.equals(m.threadTs()))
                .toList();
    }

    private static int indexOf(List<Stored> timeline, String ts) {
        for (int i = 0; i < timeline.size(); i++) {
            if (timeline.get(i).ts().equals(ts)) {
                return i;
            }
        }
        return -1;
    }

    // ---- ephemerals and views

    void recordEphemeral(Ephemeral ephemeral) {
        synchronized (this) {
            ephemerals
                    .computeIfAbsent(ephemeral.userId(), u -> new ArrayList<>())
                    .add(ephemeral);
        }
        listeners.forEach(l -> l.onEphemeral(ephemeral));
    }

    synchronized List<Ephemeral> ephemerals(String userId) {
        return List.copyOf(ephemerals.getOrDefault(userId, List.of()));
    }

    synchronized Optional<Ephemeral> ephemeral(String userId, String ts) {
        return ephemerals.getOrDefault(userId, List.of()).stream()
                .filter(e -> e.ts().equals(ts))
                .findFirst();
    }

    void recordView(OpenedView view) {
        synchronized (this) {
            views.add(view);
        }
        listeners.forEach(l -> l.onView(view));
    }

    synchronized List<OpenedView> views(String userId) {
        return views.stream().filter(v -> Objects.equals(v.userId(), userId)).toList();
    }
}

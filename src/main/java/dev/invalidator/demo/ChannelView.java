package dev.invalidator.demo;

import dev.invalidator.demo.BlockKitText.Button;
import dev.invalidator.demo.BlockKitText.Rendered;
import dev.invalidator.sandbox.SlackSimulator;
import dev.invalidator.sandbox.SlackSimulator.ChannelMessage;
import dev.invalidator.sandbox.SlackSimulator.Ephemeral;
import dev.invalidator.sandbox.SlackSimulator.OpenedView;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Predicate;

/**
 * What the simulated Slack shows, written to the terminal as it happens: each message the bot posts gets a number
 * ({@code #1}), an edit is shown as an edit of that number, a thread reply indented under it, an ephemeral marked as
 * seen only by its person. It also remembers what a person can click, and lets the chat wait for the bot's answer.
 *
 * <p>Told by the simulator on the thread of the Web API call that caused it; everything here happens under this
 * object's monitor, so numbers and lines come out in the order Slack recorded them.
 */
final class ChannelView implements SlackSimulator.Listener {

    /** Status messages carry their request as metadata of this type (see {@code SlackChat}). */
    private static final String STATUS_METADATA = "invalidation_request";
    /**
     * The endings of a status message's notification text while it is on its way; any other is final (or waits for
     * a person). See {@code StatusCard#message}.
     */
    private static final List<String> ON_ITS_WAY = List.of(": requesting", ": in progress");

    private static final String INDENT = "   ";
    private static final String THREAD_INDENT = "      ";

    enum Kind {
        POST,
        EDIT,
        REPLY,
        EPHEMERAL,
        VIEW
    }

    /**
     * Something Slack showed. {@code user} is who alone sees it (ephemerals, views), null for channel messages;
     * {@code view} is set for views only.
     */
    record Seen(Kind kind, String channel, String user, String ts, OpenedView view) {

        /** Whether this answers something {@code person} did in {@code where}: a word to them, or news there. */
        boolean answers(String person, String where) {
            return person.equals(user) || (user == null && where.equals(channel));
        }
    }

    /** A button someone can click: on message {@code ts} ({@code number}) in {@code channel}. */
    record Target(String channel, String ts, int number, Button button) {}

    /** A message on screen; {@code owner} is the one person who sees it, null when the channel does. */
    private record Shown(
            int number,
            String channel,
            String ts,
            String owner,
            List<Button> buttons,
            boolean status,
            String text,
            String headline) {

        Shown withButtons(List<Button> newButtons) {
            return new Shown(number, channel, ts, owner, newButtons, status, text, headline);
        }
    }

    private final Terminal terminal;
    private final Names names;
    private final BlockKitText blockKit;
    private final List<Seen> seen = new ArrayList<>();
    private final Map<String, Shown> shown = new HashMap<>();
    /** Per person, the ephemeral they clicked last: an answer that replaces the original replaces that one. */
    private final Map<String, String> clickedEphemeral = new HashMap<>();

    private int lastNumber;

    ChannelView(Terminal terminal, Names names) {
        this.terminal = terminal;
        this.names = names;
        this.blockKit = new BlockKitText(names);
    }

    @Override
    public synchronized void onMessage(ChannelMessage message) {
        Rendered rendered = blockKit.render(message.blocksJson(), message.text());
        String where = "#" + names.channel(message.channel());
        String author = names.user(message.userId());
        boolean reply = message.threadTs() != null && !message.threadTs().equals(message.ts());
        Shown before = shown.get(message.ts());
        List<String> lines = new ArrayList<>();
        Kind kind;
        int number;
        if (reply) {
            Shown parent = shown.get(message.threadTs());
            number = 0;
            lines.add(INDENT + where + " · thread of " + (parent == null ? "a message" : "#" + parent.number()) + " · "
                    + author + (before == null ? "" : " (edited)"));
            rendered.lines().forEach(line -> lines.add(THREAD_INDENT + line));
            kind = Kind.REPLY;
        } else {
            number = before == null ? ++lastNumber : before.number();
            lines.add(where + " · #" + number + (before == null ? " · " + author : " edited"));
            rendered.lines().forEach(line -> lines.add(INDENT + line));
            kind = before == null ? Kind.POST : Kind.EDIT;
        }
        shown.put(
                message.ts(),
                new Shown(
                        number,
                        message.channel(),
                        message.ts(),
                        null,
                        rendered.buttons(),
                        isStatus(message),
                        message.text(),
                        rendered.lines().isEmpty() ? "" : rendered.lines().get(0)));
        terminal.show(lines);
        record(new Seen(kind, message.channel(), null, message.ts(), null));
    }

    @Override
    public synchronized void onEphemeral(Ephemeral ephemeral) {
        Rendered rendered = blockKit.render(ephemeral.blocksJson(), ephemeral.text());
        String replaced = "";
        if (ephemeral.replaceOriginal()) {
            Shown original = shown.get(clickedEphemeral.remove(ephemeral.userId()));
            if (original != null) {
                shown.put(original.ts(), original.withButtons(List.of()));
                replaced = " · replaces #" + original.number();
            }
        }
        int number = showOnlyTo(ephemeral.userId(), ephemeral.channel(), rendered, replaced);
        shown.put(
                ephemeral.ts(),
                new Shown(
                        number,
                        ephemeral.channel(),
                        ephemeral.ts(),
                        ephemeral.userId(),
                        rendered.buttons(),
                        false,
                        ephemeral.text(),
                        ""));
        record(new Seen(Kind.EPHEMERAL, ephemeral.channel(), ephemeral.userId(), ephemeral.ts(), null));
    }

    /** Views are not shown here: the chat turns them into a form to fill in. */
    @Override
    public synchronized void onView(OpenedView view) {
        record(new Seen(Kind.VIEW, null, view.userId(), null, view));
    }

    /**
     * The words of a command's acknowledgement, which Slack shows to the person at once; they are not the bot's answer,
     * which comes after (or, when the bot says it is too busy, never).
     */
    synchronized void onAcknowledgementText(String channel, String user, String text) {
        showOnlyTo(user, channel, blockKit.render(null, text), "");
    }

    /** Shows a message only {@code user} sees, under a new number, and returns the number. */
    private int showOnlyTo(String user, String channel, Rendered rendered, String replaced) {
        int number = ++lastNumber;
        List<String> lines = new ArrayList<>();
        lines.add("#" + names.channel(channel) + " · #" + number + " · only @" + names.user(user) + " can see this"
                + replaced);
        rendered.lines().forEach(line -> lines.add(INDENT + line));
        terminal.show(lines);
        return number;
    }

    private void record(Seen event) {
        seen.add(event);
        notifyAll();
    }

    /** Where the record stands now, to wait for what comes after it. */
    synchronized int mark() {
        return seen.size();
    }

    /** The first event after {@code mark} that {@code wanted} accepts, waiting for it up to {@code timeout}. */
    synchronized Optional<Seen> awaitAfter(int mark, Predicate<Seen> wanted, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int next = mark;
        while (true) {
            for (; next < seen.size(); next++) {
                if (wanted.test(seen.get(next))) {
                    return Optional.of(seen.get(next));
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return Optional.empty();
            }
            wait(Math.max(1, Duration.ofNanos(left).toMillis()));
        }
    }

    /**
     * The newest button {@code person} can see in {@code channel} that {@code typed} names, on message {@code number}
     * if given.
     */
    synchronized Optional<Target> button(String person, String channel, String typed, OptionalInt number) {
        return shown.values().stream()
                .filter(message -> message.channel().equals(channel))
                .filter(message -> message.owner() == null || message.owner().equals(person))
                .filter(message -> number.isEmpty() || message.number() == number.getAsInt())
                .sorted(Comparator.comparingInt(Shown::number).reversed())
                .flatMap(message -> message.buttons().stream()
                        .filter(button -> button.isNamed(typed))
                        .map(button -> new Target(message.channel(), message.ts(), message.number(), button)))
                .findFirst();
    }

    /** Every button {@code person} can see in {@code channel}, newest message first, as {@code #3 [Confirm]}. */
    synchronized List<String> buttons(String person, String channel) {
        return shown.values().stream()
                .filter(message ->
                        message.channel().equals(channel) && !message.buttons().isEmpty())
                .filter(message -> message.owner() == null || message.owner().equals(person))
                .sorted(Comparator.comparingInt(Shown::number).reversed())
                .map(message -> "#" + message.number() + " " + BlockKitText.shown(message.buttons()))
                .toList();
    }

    /** The person is about to click a button of {@code target}; an answer replacing an ephemeral replaces that one. */
    synchronized void clicking(String person, Target target) {
        Shown message = shown.get(target.ts());
        if (message != null && message.owner() != null) {
            clickedEphemeral.put(person, target.ts());
        }
    }

    /** How many status messages are still on their way to a final state. */
    synchronized long statusesOnTheirWay() {
        return statuses().stream()
                .filter(status -> ON_ITS_WAY.stream().anyMatch(status.text()::endsWith))
                .count();
    }

    /** Each status message as it stands, by its headline: {@code #ops · #1 ✅ Completed in 3s: …}. */
    synchronized List<String> statusLines() {
        return statuses().stream()
                .map(status ->
                        "#" + names.channel(status.channel()) + " · #" + status.number() + " " + status.headline())
                .toList();
    }

    private List<Shown> statuses() {
        return shown.values().stream()
                .filter(Shown::status)
                .sorted(Comparator.comparingInt(Shown::number))
                .toList();
    }

    private static boolean isStatus(ChannelMessage message) {
        return message.metadataJson() != null && message.metadataJson().contains(STATUS_METADATA);
    }
}

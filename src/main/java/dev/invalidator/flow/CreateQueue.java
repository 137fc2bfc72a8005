package dev.invalidator.flow;

import dev.invalidator.cdn.CreateTurns;
import dev.invalidator.cdn.Invalidation;
import dev.invalidator.chat.Chat;
import dev.invalidator.chat.PostedMessage;
import dev.invalidator.chat.QueueReason;
import dev.invalidator.chat.QueuedRequest;
import dev.invalidator.chat.Replies;
import dev.invalidator.chat.StatusCard;
import dev.invalidator.config.QueueConfig;
import dev.invalidator.metrics.QueueMeters;
import dev.invalidator.request.PathLimits;
import dev.invalidator.request.PathMerge;
import dev.invalidator.tracking.Tracker;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The requests this instance accepted that CloudFront can't take yet: the AWS account has no create turn now, or the
 * distribution's paths in progress plus the request's would go over CloudFront's limits (3,000 file paths, 15
 * wildcard paths), or CloudFront said so itself (TooManyInvalidationsInProgress, trusted over the count). Each waits
 * in its status message, "⏳ Queued" with its place and why, and is sent as soon as capacity frees: when the tracker
 * sees an invalidation of its distribution end ({@link #freed}), or when the account's next turn is due (a timer, so
 * no thread waits). First queued, first sent, per distribution; the account's turns go round the distributions that
 * wait, so one busy distribution doesn't starve the others.
 *
 * <pre>{@code
 * queue.offer(new CreateQueue.Entry(request, card, status, clock.instant()));   // sent now, or queued visibly
 * queue.freed("E1WEBEXAMPLE");                                                    // an invalidation there ended
 * }</pre>
 */
final class CreateQueue {

    /** How soon a distribution CloudFront called full is tried again when the bot sees none of its ends. */
    static final Duration RETRY_WHEN_FULL = Duration.ofSeconds(20);

    /** The most often a waiting request's status message is touched only to say its holder is alive. */
    private static final Duration SHORTEST_TOUCH = Duration.ofMillis(200);

    /**
     * The edits a minute the queue spends on its waiting requests beyond their first "queued": touches that say their
     * holder is alive, and moves to a new place. A fifth of Slack's Tier 3 for {@code chat.update} ("50+ per minute"
     * per workspace, shared reference slack.md §9), so that the edits users wait for — in progress, completed — keep
     * the rest.
     */
    static final int QUEUE_EDITS_PER_MINUTE = 10;

    /** The queue's edits in a burst: a few moves near the head of a line shown at once. */
    private static final int QUEUE_EDIT_BURST = 3;

    /**
     * The longest a holder promises between two touches of one request, however many it holds; a sweep trusts no
     * longer promise ({@link StatusFacts#touchDue}).
     */
    static final Duration LONGEST_TOUCH_INTERVAL = Duration.ofMinutes(15);

    private static final Logger log = LoggerFactory.getLogger(CreateQueue.class);
    private static final PathLimits IN_PROGRESS = PathLimits.cloudFrontDefaults();

    /** What became of one send. */
    enum Sent {
        /** Created, or ended for good (failed, cancelled elsewhere): it leaves the queue. */
        DONE,
        /** The account had no turn, or CloudFront throttled it: back to the head of its line. */
        NO_TURN,
        /** CloudFront said the distribution has too many invalidations in progress: back to the head of its line. */
        FULL
    }

    /**
     * Sends requests of one distribution to CloudFront as one invalidation, with the first one's CallerReference, and
     * shows what came of it in each status message.
     */
    @FunctionalInterface
    interface Sender {
        Sent send(List<Entry> batch);
    }

    /** One accepted request on its way to CloudFront. */
    static final class Entry {
        final PreparedRequest request;
        final StatusCard card;
        final PostedMessage status;
        final Instant queuedAt;
        /**
         * Its paths in the invalidations it goes out in, in order: one unless it holds more than CloudFront allows in
         * progress, when it is split and each batch goes as soon as the one before it completes.
         */
        final List<List<String>> batches;
        /** Guarded by {@code this}: how many of its batches went to CloudFront. */
        private int sent;
        /** Guarded by {@code this}: the place last shown, empty until it was shown queued. */
        private Optional<String> shown = Optional.empty();
        /** Guarded by {@code this}: sent or cancelled, so its status message is no longer the queue's to edit. */
        private boolean left;
        /**
         * Guarded by {@code this}: the keeping of its paths in its thread, for whichever instance sends it, once begun;
         * done with whether they are there.
         */
        private CompletableFuture<Boolean> pathsKept;
        /** Guarded by {@code this}: by when its status message said its holder touches it again. */
        private Instant touchDue = Instant.MIN;

        Entry(PreparedRequest request, StatusCard card, PostedMessage status, Instant queuedAt) {
            this.request = request;
            this.card = card;
            this.status = status;
            this.queuedAt = queuedAt;
            this.batches = IN_PROGRESS.batches(request.values());
        }

        /** Whether it goes out in several invalidations, one after another; never coalesced with others then. */
        boolean split() {
            return batches.size() > 1;
        }

        /** Which batch goes next, from 1. */
        synchronized int nextBatch() {
            return sent + 1;
        }

        /** The paths that go in its next invalidation: all of them unless it is split. */
        synchronized List<String> nextPaths() {
            return batches.get(Math.min(sent, batches.size() - 1));
        }

        /** Whether a batch of it went already: its message shows that batch in progress, not a place in the queue. */
        synchronized boolean underway() {
            return sent > 0;
        }

        /** One more batch went; whether another is left to send. */
        synchronized boolean batchSent() {
            sent++;
            return sent < batches.size();
        }

        /**
         * A request another instance queued and left, taken over by a sweep: its thread keeps its paths already, and it
         * shows its place again here at once.
         */
        static Entry takenOver(PreparedRequest request, StatusCard card, PostedMessage status, Instant queuedAt) {
            Entry entry = new Entry(request, card, status, queuedAt);
            synchronized (entry) {
                entry.pathsKept = CompletableFuture.completedFuture(true);
                // Shown queued by the instance that left it: sent, it says how long it waited; shown, it is touched.
                entry.shown = Optional.of("");
            }
            return entry;
        }

        /**
         * A split request another instance left after sending {@code sent} of its batches, the last of them completed:
         * the rest go from here, each under its own reference, so none is sent twice.
         */
        static Entry resumed(
                PreparedRequest request, StatusCard card, PostedMessage status, Instant queuedAt, int sent) {
            Entry entry = takenOver(request, card, status, queuedAt);
            synchronized (entry) {
                entry.sent = sent;
            }
            return entry;
        }

        /** Whether its paths are in its thread already, so that sending it lists them no second time. */
        synchronized boolean pathsKept() {
            return pathsKept != null;
        }

        String distributionId() {
            return request.distribution().id();
        }

        /** Whether its status message ever said "queued": then it says how long it waited once sent. */
        synchronized boolean wasShownQueued() {
            return shown.isPresent();
        }
    }

    private final CreateTurns turns;
    private final Tracker tracker;
    private final Chat chat;
    private final Clock clock;
    private final ScheduledExecutorService timer;
    private final Executor workers;
    private final AuditLog audit;
    /** The touch interval of a holder of a few requests: a third of {@code polling.abandonedAfter}. */
    private final Duration touchEvery;

    private final QueueConfig limits;
    private final QueueMeters meters;
    /** The distribution whose in-progress limits a target's invalidations count against (a tenant's parent). */
    private final UnaryOperator<String> limitScope;

    private Sender sender = batch -> Sent.DONE;

    /** Guarded by {@code this}: each distribution's line, the distributions in the order their turn comes. */
    private final Map<String, Deque<Entry>> lines = new LinkedHashMap<>();
    /** Guarded by {@code this}: why the head of each line waits. */
    private final Map<String, QueueReason> reasons = new HashMap<>();
    /** Guarded by {@code this}: the paths of the creates on their way, per distribution, until CloudFront answers. */
    private final Map<String, List<Entry>> sending = new HashMap<>();
    /**
     * Guarded by {@code this}: by limit scope ({@code limitScope}), distributions CloudFront called full, until one of their invalidations ends or, when the
     * bot sees none end (the console's, another tool's), until the time given.
     */
    private final Map<String, Instant> fullUntil = new HashMap<>();
    /** Guarded by {@code this}. */
    private ScheduledFuture<?> wake;
    /** Guarded by {@code this}. */
    private Instant wakeAt = Instant.MAX;

    /** Keeps the place edits of one instance in the order the queue changed. */
    private final Object shownLock = new Object();
    /** The calls of {@link #showPlaces} not yet served by a pass over the lines. */
    private final AtomicInteger showRequests = new AtomicInteger();
    /** Guarded by {@code shownLock}: the edits {@link #QUEUE_EDITS_PER_MINUTE} allows now, and when that was counted. */
    private double queueEdits = QUEUE_EDIT_BURST;

    private Instant queueEditsCounted;

    CreateQueue(
            CreateTurns turns,
            Tracker tracker,
            Chat chat,
            Clock clock,
            ScheduledExecutorService timer,
            Executor workers,
            AuditLog audit,
            Duration abandonedAfter,
            QueueConfig limits,
            QueueMeters meters,
            UnaryOperator<String> limitScope) {
        this.turns = turns;
        this.limitScope = limitScope;
        this.tracker = tracker;
        this.chat = chat;
        this.clock = clock;
        this.timer = timer;
        this.workers = workers;
        this.audit = audit;
        Duration third = abandonedAfter.dividedBy(3);
        this.touchEvery = third.compareTo(SHORTEST_TOUCH) < 0 ? SHORTEST_TOUCH : third;
        this.limits = limits;
        this.meters = meters;
        this.queueEditsCounted = clock.instant();
    }

    /** Set once, by whoever sends: {@link SubmitInvalidation}, which needs this queue to be built first. */
    void sendWith(Sender sender) {
        this.sender = sender;
    }

    /** Sends the request now if CloudFront has room and nothing on its distribution waits before it; queues it else. */
    void offer(Entry entry) {
        synchronized (this) {
            lines.computeIfAbsent(entry.distributionId(), id -> new ArrayDeque<>())
                    .addLast(entry);
        }
        dispatch();
    }

    /**
     * Queues requests a sweep took over from instances that are gone, among those waiting on their distribution in the
     * order of their status messages' ts, which is the order they were queued in; then sends what may go, together.
     */
    void takeOver(List<Entry> entries) {
        synchronized (this) {
            entries.forEach(this::insertInOrder);
        }
        dispatch();
    }

    /** Guarded by {@code this}. */
    private void insertInOrder(Entry entry) {
        Deque<Entry> line = lines.computeIfAbsent(entry.distributionId(), id -> new ArrayDeque<>());
        List<Entry> ordered = new ArrayList<>(line);
        int at = 0;
        while (at < ordered.size() && earlier(ordered.get(at).status, entry.status)) {
            at++;
        }
        ordered.add(at, entry);
        line.clear();
        line.addAll(ordered);
    }

    /** Whether {@code one} was posted before {@code other}: Slack's ts, seconds and a sequence, in order. */
    private static boolean earlier(PostedMessage one, PostedMessage other) {
        return new BigDecimal(one.ts()).compareTo(new BigDecimal(other.ts())) < 0;
    }

    /** Whether this instance holds the request of {@code status}: waiting here, or being sent. */
    synchronized boolean holds(PostedMessage status) {
        return lines.values().stream().flatMap(Deque::stream).anyMatch(entry -> entry.status.equals(status))
                || sending.values().stream().flatMap(List::stream).anyMatch(entry -> entry.status.equals(status));
    }

    /** An invalidation of {@code distributionId} ended: what waited for room there may go. */
    void freed(String distributionId) {
        boolean waiting;
        synchronized (this) {
            String scope = limitScope.apply(distributionId);
            fullUntil.remove(scope);
            waiting = lines.keySet().stream()
                    .anyMatch(line -> limitScope.apply(line).equals(scope));
        }
        if (waiting) {
            later();
        }
    }

    /**
     * Takes the request of {@code status} out of the queue, if this instance holds it and has not sent it yet.
     *
     * @return the request taken out, to be shown cancelled; empty when it is not waiting here
     */
    Optional<Entry> cancel(PostedMessage status) {
        Entry found = null;
        synchronized (this) {
            for (Deque<Entry> line : lines.values()) {
                for (Entry entry : line) {
                    if (entry.status.equals(status)) {
                        found = entry;
                    }
                }
                if (found != null) {
                    line.remove(found);
                    break;
                }
            }
            lines.values().removeIf(Deque::isEmpty);
        }
        if (found == null) {
            return Optional.empty();
        }
        synchronized (found) {
            found.left = true;
        }
        showPlaces();
        return Optional.of(found);
    }

    /**
     * How many requests wait here on {@code distributionId} when that is {@code queue.maxPerDistribution} or more: a
     * new one is refused before anything is posted.
     */
    synchronized Optional<Integer> full(String distributionId) {
        int waiting =
                Optional.ofNullable(lines.get(distributionId)).map(Deque::size).orElse(0);
        return waiting >= limits.maxPerDistribution() ? Optional.of(waiting) : Optional.empty();
    }

    /**
     * The requests waiting here on these distributions, oldest first, with the places they show; not a split request
     * between its batches, which shows its latest batch in progress.
     */
    List<QueuedRequest> waiting(Set<String> distributionIds) {
        List<Entry> waiting;
        synchronized (this) {
            waiting = lines.entrySet().stream()
                    .filter(line -> distributionIds.contains(line.getKey()))
                    .flatMap(line -> line.getValue().stream())
                    .filter(entry -> !entry.underway()) // in progress, shown as its batch
                    .toList();
        }
        List<QueuedRequest> shown = new ArrayList<>();
        for (Entry entry : waiting) {
            synchronized (entry) {
                shown.add(new QueuedRequest(
                        entry.request.requester(),
                        entry.request.distribution().alias(),
                        entry.request.paths().accepted().size(),
                        entry.shown.orElse("")));
            }
        }
        return shown;
    }

    /** How many requests wait here, for the metrics. */
    synchronized int size() {
        return lines.values().stream().mapToInt(Deque::size).sum();
    }

    /** Sends every request that may go now, in turn, then shows the places of those still waiting. */
    void dispatch() {
        expireTheOld();
        while (true) {
            List<Entry> batch;
            synchronized (this) {
                batch = pick();
                if (batch.isEmpty()) {
                    break;
                }
                sending.computeIfAbsent(batch.get(0).distributionId(), id -> new ArrayList<>())
                        .addAll(batch);
            }
            for (Entry member : batch) {
                synchronized (member) {
                    member.left = true;
                }
            }
            Sent sent = Sent.DONE;
            boolean more = false;
            try {
                sent = sender.send(batch);
                if (sent == Sent.DONE && batch.size() == 1 && batch.get(0).split()) {
                    more = batch.get(0).batchSent();
                }
                if (sent == Sent.DONE && !more) {
                    Instant now = clock.instant();
                    batch.stream()
                            .filter(Entry::wasShownQueued)
                            .forEach(member -> meters.waited(Duration.between(member.queuedAt, now)));
                }
            } catch (RuntimeException e) {
                log.error("Sending the request of {} failed unexpectedly", batch.get(0).status, e);
            }
            synchronized (this) {
                String distributionId = batch.get(0).distributionId();
                sending.get(distributionId).removeAll(batch);
                if (sending.get(distributionId).isEmpty()) {
                    sending.remove(distributionId);
                }
                if (more) {
                    // Its next batch waits at the head of the line for the room this one takes to free.
                    lines.computeIfAbsent(distributionId, id -> new ArrayDeque<>())
                            .addFirst(batch.get(0));
                }
                if (sent != Sent.DONE) {
                    Deque<Entry> line = lines.computeIfAbsent(distributionId, id -> new ArrayDeque<>());
                    for (int i = batch.size() - 1; i >= 0; i--) {
                        line.addFirst(batch.get(i));
                    }
                    if (sent == Sent.FULL) {
                        fullUntil.put(
                                limitScope.apply(distributionId),
                                clock.instant().plus(RETRY_WHEN_FULL));
                        reasons.put(distributionId, QueueReason.CLOUDFRONT_FULL);
                    } else {
                        reasons.put(distributionId, QueueReason.ACCOUNT_TURN);
                    }
                }
            }
            if (sent != Sent.DONE || more) {
                for (Entry member : batch) {
                    synchronized (member) {
                        member.left = false;
                    }
                }
            }
        }
        scheduleWake();
        showPlaces();
    }

    /**
     * The head of the first line, in turn order, that may go now, with the requests behind it that fit in the same
     * invalidation (coalesced: one create, fewer paths in progress) — taken out of the line, the line moved to the back
     * of the turn order — or empty. Notes why each line passed over waits.
     */
    private List<Entry> pick() {
        for (Map.Entry<String, Deque<Entry>> line : new ArrayList<>(lines.entrySet())) {
            String distributionId = line.getKey();
            Entry head = line.getValue().peekFirst();
            if (head == null) {
                lines.remove(distributionId);
                continue;
            }
            List<String> inProgress = inProgress(distributionId);
            Optional<QueueReason> blocked = blocker(distributionId, inProgress, head.nextPaths());
            if (blocked.isPresent()) {
                reasons.put(distributionId, blocked.get());
                continue;
            }
            List<Entry> batch = new ArrayList<>(List.of(line.getValue().removeFirst()));
            while (!batch.get(0).split()
                    && !line.getValue().isEmpty()
                    && !line.getValue().peekFirst().split()) {
                List<Entry> wider = new ArrayList<>(batch);
                wider.add(line.getValue().peekFirst());
                List<String> merged = merged(wider);
                if (wildcards(merged) > IN_PROGRESS.maxWildcards()
                        || files(merged) > IN_PROGRESS.maxPaths()
                        || wildcards(inProgress) + wildcards(merged) > IN_PROGRESS.maxWildcards()
                        || files(inProgress) + files(merged) > IN_PROGRESS.maxPaths()) {
                    break;
                }
                batch.add(line.getValue().removeFirst());
            }
            lines.remove(distributionId);
            if (!line.getValue().isEmpty()) {
                lines.put(distributionId, line.getValue());
            }
            return batch;
        }
        return List.of();
    }

    /** The paths of {@code batch} as one invalidation: deduplicated, wildcards covering the files under them. */
    static List<String> merged(List<Entry> batch) {
        return PathMerge.of(batch.stream().map(entry -> entry.request.paths()).toList());
    }

    /**
     * The paths in progress within the distribution's limits: what the tracker follows, and the creates on their way,
     * of every target counted with it (a tenant's parent and its other tenants).
     */
    private List<String> inProgress(String distributionId) {
        String scope = limitScope.apply(distributionId);
        List<String> inProgress = new ArrayList<>();
        tracker.following().stream()
                .filter(invalidation ->
                        limitScope.apply(invalidation.distributionId()).equals(scope))
                .map(Invalidation::paths)
                .forEach(inProgress::addAll);
        sending.forEach((target, entries) -> {
            if (limitScope.apply(target).equals(scope)) {
                entries.forEach(entry -> inProgress.addAll(entry.nextPaths()));
            }
        });
        return inProgress;
    }

    private Optional<QueueReason> blocker(String distributionId, List<String> inProgress, List<String> wanted) {
        String scope = limitScope.apply(distributionId);
        Instant until = fullUntil.get(scope);
        if (until != null && clock.instant().isBefore(until)) {
            return Optional.of(QueueReason.CLOUDFRONT_FULL);
        }
        fullUntil.remove(scope);
        if (wildcards(inProgress) + wildcards(wanted) > IN_PROGRESS.maxWildcards()) {
            return Optional.of(QueueReason.WILDCARDS);
        }
        if (files(inProgress) + files(wanted) > IN_PROGRESS.maxPaths()) {
            return Optional.of(QueueReason.FILES);
        }
        if (!turns.untilTurn(distributionId).isZero()) {
            return Optional.of(QueueReason.ACCOUNT_TURN);
        }
        return Optional.empty();
    }

    private static long wildcards(List<String> paths) {
        return paths.stream().filter(path -> path.endsWith("*")).count();
    }

    private static long files(List<String> paths) {
        return paths.size() - wildcards(paths);
    }

    /** A waiting request's place now, and how many are ahead of it. */
    private record Place(Entry entry, String text, int ahead) {}

    /**
     * Shows each newly queued request queued, and then — nearest the heads of their lines first, as far as {@link
     * #QUEUE_EDITS_PER_MINUTE} allows — the new place of those that moved; a move not shown now is shown by a later
     * call (every dispatch and every {@link #touchTheQuiet}). Places only shrink while a request waits, so a place
     * shown late is one it has already left behind.
     */
    private void showPlaces() {
        // One thread shows at a time, the others leave it a pass more to make: none of them waits for Slack.
        if (showRequests.getAndIncrement() > 0) {
            return;
        }
        try {
            int asked;
            do {
                asked = showRequests.get();
                showPlacesNow();
            } while (showRequests.addAndGet(-asked) > 0);
        } catch (RuntimeException e) {
            showRequests.set(0); // a bug in one pass must not stop every later one
            throw e;
        }
    }

    private void showPlacesNow() {
        synchronized (shownLock) {
            List<Place> places = new ArrayList<>();
            synchronized (this) {
                lines.forEach((distributionId, line) -> {
                    QueueReason reason = reasons.getOrDefault(distributionId, QueueReason.ACCOUNT_TURN);
                    int limit = reason == QueueReason.FILES ? IN_PROGRESS.maxPaths() : IN_PROGRESS.maxWildcards();
                    double rate = turns.createsPerSecond(distributionId);
                    int ahead = sending.getOrDefault(distributionId, List.of()).size();
                    for (Entry entry : line) {
                        places.add(new Place(
                                entry,
                                reason.place(ahead, entry.request.distribution().alias(), limit, rate),
                                ahead));
                        ahead++;
                    }
                });
            }
            places.sort(Comparator.comparingInt(Place::ahead));
            Duration interval = touchInterval();
            places.forEach(place -> show(place, interval));
        }
    }

    /**
     * Called holding {@code shownLock}, never the entry's across a call to Slack: its create may go meanwhile, and
     * must not wait for Slack's pace.
     */
    private void show(Place place, Duration touchInterval) {
        Entry entry = place.entry();
        synchronized (entry) {
            if (entry.left || entry.underway() || entry.shown.equals(Optional.of(place.text()))) {
                return;
            }
            boolean first = entry.shown.isEmpty();
            if (!first && !takeQueueEdit()) {
                return;
            }
            entry.shown = Optional.of(place.text());
            if (!first) {
                touch(entry, place.text(), touchInterval);
                return;
            }
            audit.record(AuditEntry.of(AuditEntry.Decision.QUEUED, entry.request, place.text()));
        }
        keepPaths(entry);
        synchronized (entry) {
            // Sent while its paths were being kept: its message shows it on its way, not queued.
            if (!entry.left && !entry.underway()) {
                touch(entry, entry.shown.orElseThrow(), touchInterval);
            }
        }
    }

    /**
     * Takes one of the queue's edits; whether there was one now. A touch that is due takes one all the same (the
     * allowance goes below nothing, a little), so that touches and moves together keep within it.
     */
    private boolean takeQueueEdit() {
        Instant now = clock.instant();
        double earned = Duration.between(queueEditsCounted, now).toMillis() * QUEUE_EDITS_PER_MINUTE / 60_000.0;
        queueEdits = Math.min(QUEUE_EDIT_BURST, queueEdits + Math.max(0, earned));
        queueEditsCounted = now;
        boolean allowed = queueEdits >= 1;
        queueEdits = Math.max(-QUEUE_EDIT_BURST, queueEdits - 1);
        return allowed;
    }

    /**
     * Keeps the request's paths in its thread, exactly and in parts small enough for a reply's metadata, before its
     * status message says queued: a sweep that finds it queued finds them.
     */
    void keepPaths(Entry entry) {
        CompletableFuture<Boolean> mine = new CompletableFuture<>();
        CompletableFuture<Boolean> keeping;
        synchronized (entry) {
            if (entry.pathsKept == null) {
                entry.pathsKept = mine;
            }
            keeping = entry.pathsKept;
        }
        if (keeping != mine) {
            keeping.join(); // another thread posts them: they are kept when it is done
            return;
        }
        List<List<String>> parts = PathParts.of(entry.request.values());
        boolean kept = false;
        try {
            kept = Quietly.show("the paths of a queued request", () -> {
                for (int part = 1; part <= parts.size(); part++) {
                    chat.postQueuedPaths(
                            entry.status,
                            part,
                            parts.size(),
                            parts.get(part - 1),
                            Replies.queuedPaths(part, parts.size(), entry.request.paths()));
                }
            });
        } finally {
            mine.complete(kept); // whatever happened, no thread waits on it for ever
        }
    }

    /**
     * Shows the entry's place, and in its facts that its holder is alive now and touches it again within {@code
     * touchInterval}. Called holding the entry's lock (so not the queue's): the edit takes its place among the
     * message's edits at once, before any edit of its create can, and is sent in its turn without the lock.
     */
    private void touch(Entry entry, String place, Duration touchInterval) {
        Instant now = clock.instant();
        Instant due = now.plus(touchInterval);
        entry.touchDue = due;
        Quietly.showLater(
                "the place of a queued request",
                () -> chat.updateLater(
                                entry.status,
                                entry.card.queued(place).message(),
                                StatusFacts.queued(entry.request, entry.queuedAt, now, due))
                        .whenComplete((sent, failed) -> {
                            if (failed != null) {
                                synchronized (entry) {
                                    entry.touchDue = Instant.MIN; // touched again at the next look
                                }
                            }
                        }));
    }

    /**
     * How long a holder may go between two touches of one request: a third of {@code polling.abandonedAfter} while it
     * holds a few, longer the more it holds, so that its touches of all of them together stay within {@link
     * #QUEUE_EDITS_PER_MINUTE}; never longer than {@link #LONGEST_TOUCH_INTERVAL}.
     */
    private Duration touchInterval() {
        Duration spread = Duration.ofMillis(60_000L * size() / QUEUE_EDITS_PER_MINUTE);
        Duration interval = spread.compareTo(touchEvery) > 0 ? spread : touchEvery;
        return interval.compareTo(LONGEST_TOUCH_INTERVAL) > 0 ? LONGEST_TOUCH_INTERVAL : interval;
    }

    /**
     * Ends every request that waited longer than {@code queue.expiresAfter}: expired, nothing sent, its requester told
     * in the thread.
     */
    private void expireTheOld() {
        Instant now = clock.instant();
        List<Entry> expired = new ArrayList<>();
        synchronized (this) {
            for (Deque<Entry> line : lines.values()) {
                line.removeIf(entry -> {
                    boolean old = !entry.underway()
                            && !entry.queuedAt.plus(limits.expiresAfter()).isAfter(now);
                    if (old) {
                        expired.add(entry);
                    }
                    return old;
                });
            }
            lines.values().removeIf(Deque::isEmpty);
        }
        for (Entry entry : expired) {
            synchronized (entry) {
                entry.left = true;
            }
            Duration waited = Duration.between(entry.queuedAt, now);
            audit.record(AuditEntry.of(AuditEntry.Decision.EXPIRED, entry.request, "queued for " + waited));
            Quietly.show("the expiry of a queued request", () -> {
                chat.update(entry.status, entry.card.expiredInQueue(waited).message());
                chat.reply(entry.status, Replies.queueExpiredNotice(entry.request.requester(), waited));
            });
        }
        if (!expired.isEmpty()) {
            showPlaces();
        }
    }

    /**
     * Touches every waiting request whose promised touch is due, so that no sweep takes this live instance for gone,
     * then shows the moves there was no room to show before.
     */
    private void touchTheQuiet() {
        expireTheOld();
        List<Entry> waiting;
        synchronized (this) {
            waiting = lines.values().stream().flatMap(Deque::stream).toList();
        }
        Instant now = clock.instant();
        Duration interval = touchInterval();
        synchronized (shownLock) {
            for (Entry entry : waiting) {
                synchronized (entry) {
                    if (!entry.left && !entry.underway() && entry.shown.isPresent() && !entry.touchDue.isAfter(now)) {
                        // Due: it goes whatever the allowance, which it uses up for the moves.
                        takeQueueEdit();
                        touch(entry, entry.shown.get(), interval);
                    }
                }
            }
        }
        showPlaces();
    }

    /**
     * Starts touching waiting requests when due, and showing the moves left unshown, as often as the queue's edits
     * allow one more; until then nothing is touched but on a change of place.
     */
    // FutureReturnValueIgnored: the touches run until the timer stops with the bot; nothing cancels them.
    @SuppressWarnings("FutureReturnValueIgnored")
    void keepTouching() {
        Duration oneEdit = Duration.ofMillis(60_000L / QUEUE_EDITS_PER_MINUTE);
        Duration every = touchEvery.compareTo(oneEdit) < 0 ? touchEvery : oneEdit;
        timer.scheduleAtFixedRate(
                () -> {
                    try {
                        workers.execute(this::touchTheQuiet);
                    } catch (RejectedExecutionException e) {
                        log.warn("The workers are too busy to touch the queued requests; trying again soon");
                    }
                },
                every.toMillis(),
                every.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** Wakes up when the earliest account turn a waiting line needs is due, or to try a full distribution again. */
    private void scheduleWake() {
        Duration delay = null;
        synchronized (this) {
            for (String distributionId : lines.keySet()) {
                Instant until = fullUntil.get(limitScope.apply(distributionId));
                Duration wait =
                        until != null ? Duration.between(clock.instant(), until) : turns.untilTurn(distributionId);
                if (reasons.get(distributionId) == QueueReason.FILES
                        || reasons.get(distributionId) == QueueReason.WILDCARDS) {
                    continue; // a completion the tracker sees frees it: freed() dispatches then
                }
                if (delay == null || wait.compareTo(delay) < 0) {
                    delay = wait;
                }
            }
            Optional<Instant> firstExpiry = lines.values().stream()
                    .flatMap(Deque::stream)
                    .filter(entry -> !entry.underway())
                    .map(entry -> entry.queuedAt.plus(limits.expiresAfter()))
                    .min(Instant::compareTo);
            if (firstExpiry.isPresent()) {
                Duration untilExpiry = Duration.between(clock.instant(), firstExpiry.get());
                if (delay == null || untilExpiry.compareTo(delay) < 0) {
                    delay = untilExpiry.isNegative() ? Duration.ZERO : untilExpiry;
                }
            }
            if (delay == null) {
                return;
            }
            Instant at = clock.instant().plus(delay);
            if (wake != null && !wake.isDone() && !wakeAt.isAfter(at)) {
                return;
            }
            if (wake != null) {
                wake.cancel(false);
            }
            wakeAt = at;
            wake = timer.schedule(this::later, Math.max(1, delay.toMillis()), TimeUnit.MILLISECONDS);
        }
    }

    /** A dispatch on a worker, never on the timer's thread or the tracker's. */
    private void later() {
        try {
            workers.execute(this::dispatch);
        } catch (RejectedExecutionException e) {
            log.warn("The workers are too busy to send what waits in the queue; trying again in a second");
            synchronized (this) {
                wakeAt = clock.instant().plusSeconds(1);
                wake = timer.schedule(this::later, 1, TimeUnit.SECONDS);
            }
        }
    }
}

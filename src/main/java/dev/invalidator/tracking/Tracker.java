package dev.invalidator.tracking;

import dev.invalidator.base.DaemonThreads;
import dev.invalidator.cdn.CallerReference;
import dev.invalidator.cdn.Cdn;
import dev.invalidator.cdn.CdnException;
import dev.invalidator.cdn.CdnException.Failure;
import dev.invalidator.cdn.Invalidation;
import dev.invalidator.cdn.InvalidationPage;
import dev.invalidator.cdn.InvalidationStatus;
import dev.invalidator.cdn.InvalidationSummary;
import dev.invalidator.cdn.ReadBudget;
import dev.invalidator.metrics.InvalidationMeters;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows in-flight invalidations until CloudFront reports them completed, and tells the listener exactly once each.
 *
 * <p>Polling is per <em>distribution</em>, not per invalidation: one ListInvalidations call answers for all of a
 * distribution's recent invalidations, so the cost grows with the number of busy distributions rather than with the
 * number of invalidations. Pages are followed only as far back as the oldest followed invalidation; one that is still
 * not found costs one GetInvalidation. A distribution is first polled when invalidations begin to complete, then at
 * a steady interval, and every busy distribution of an AWS account waits longer alike when together they would poll
 * more than the account's share of its read budget ({@link PollSchedule}); every read waits for its turn in that
 * budget ({@link ReadBudget}). One scheduler serves all distributions.
 *
 * <pre>{@code
 * Tracker tracker = new Tracker(reads, new PollSchedule(ofSeconds(3), ofMillis(1500), reads.pollsPerSecond()),
 *         listener, Clock.systemUTC(), metrics.invalidations());
 * tracker.recover(List.of("E1WEBEXAMPLE"), Duration.ofHours(24), new ReadOnce(reads));
 * tracker.follow(cdn.create("E1WEBEXAMPLE", reference, paths));
 * }</pre>
 */
public final class Tracker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Tracker.class);
    private static final int PAGE_SIZE = 100;
    private static final int MAX_PAGES_PER_POLL = 10;
    private static final int MAX_RECOVERY_PAGES = 10;
    private static final int REMEMBERED_COMPLETIONS = 10_000;
    /** CreateTime comes from CloudFront's clock; allow for it when comparing with a page's oldest entry. */
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(1);

    private static final int SCHEDULER_THREADS = 4;
    /** How many of the longest poll intervals an adopted invalidation's creator gets to report its end first. */
    private static final int POLLS_OF_GRACE_FOR_THE_CREATOR = 3;

    private final ReadBudget cdn;
    private final PollSchedule schedule;
    private final InvalidationListener listener;
    private final Clock clock;
    private final InvalidationMeters meters;
    private final ScheduledExecutorService scheduler;

    /** Guarded by {@code this}. */
    private final Map<String, Watch> watches = new HashMap<>();
    /** Guarded by {@code this}: keeps a completion from being reported twice when recovery and a create race. */
    private final Map<String, Boolean> reported = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED_COMPLETIONS;
        }
    };
    /** Guarded by {@code this}: invalidations found by recovery, whose creator may be a live replica. */
    private final Set<String> adopted = new HashSet<>();

    private boolean closed;

    /** The invalidations of one distribution that are being followed, and when it is polled next. */
    private static final class Watch {
        final Map<String, Invalidation> inFlight = new LinkedHashMap<>();
        final String account;
        ScheduledFuture<?> nextPoll;

        Watch(String account) {
            this.account = account;
        }
    }

    /**
     * @param cdn    every read of the tracker waits for its turn in this budget, and its accounts share the polls
     * @param meters times each completion this tracker sees happen, from CloudFront's create time
     */
    public Tracker(
            ReadBudget cdn,
            PollSchedule schedule,
            InvalidationListener listener,
            Clock clock,
            InvalidationMeters meters) {
        this.cdn = cdn;
        this.schedule = schedule;
        this.listener = listener;
        this.clock = clock;
        this.meters = meters;
        this.scheduler = Executors.newScheduledThreadPool(SCHEDULER_THREADS, DaemonThreads.named("tracker"));
    }

    /** Starts following an invalidation; one that is already followed or already reported is ignored. */
    public void follow(Invalidation invalidation) {
        if (invalidation.completed()) {
            scheduler.execute(() -> report(invalidation));
            return;
        }
        synchronized (this) {
            if (closed || reported.containsKey(key(invalidation))) {
                return;
            }
            Watch watch = watches.get(invalidation.distributionId());
            if (watch == null) {
                watch = new Watch(cdn.accountOf(invalidation.distributionId()));
                watches.put(invalidation.distributionId(), watch);
                watch.inFlight.put(invalidation.id(), invalidation);
                schedulePoll(
                        invalidation.distributionId(), watch, schedule.firstWait(busyDistributions(watch.account)));
            } else {
                // A busy distribution is already polled at least as often as a new invalidation needs.
                watch.inFlight.putIfAbsent(invalidation.id(), invalidation);
            }
        }
    }

    /** How many invalidations are being followed right now. */
    public synchronized int inFlight() {
        return watches.values().stream()
                .mapToInt(watch -> watch.inFlight.size())
                .sum();
    }

    /** The invalidations being followed right now, oldest first per distribution. */
    public synchronized List<Invalidation> following() {
        return watches.values().stream()
                .flatMap(watch -> watch.inFlight.values().stream())
                .toList();
    }

    /**
     * Finds the bot's own invalidations among each distribution's recent ones (those created within {@code window},
     * and any still in progress on the pages read): resumes following those in progress and reports those that
     * completed while nobody was following them. ListInvalidations has no CallerReference, so each candidate costs
     * one GetInvalidation. Reads through {@code source}: the start-up's shared reads ({@code cdn.ReadOnce}), whose
     * pages and invalidations this month's paths then use again, or the tracker's own budget.
     */
    public Recovery recover(Collection<String> distributionIds, Duration window, Cdn source) {
        Instant since = clock.instant().minus(window);
        int resumed = 0;
        int completed = 0;
        List<String> unreachable = new ArrayList<>();
        for (String distributionId : distributionIds) {
            try {
                for (InvalidationSummary summary : recoveryCandidates(source, distributionId, since)) {
                    if (isKnown(distributionId, summary.id())) {
                        continue;
                    }
                    Invalidation invalidation = source.invalidation(distributionId, summary.id());
                    if (CallerReference.decode(invalidation.callerReference()).isEmpty()) {
                        continue;
                    }
                    if (invalidation.completed()) {
                        completed++;
                    } else {
                        resumed++;
                    }
                    adopt(invalidation);
                }
            } catch (CdnException e) {
                log.warn("Recovery could not read distribution {}: {}", distributionId, e.getMessage());
                unreachable.add(distributionId + ": " + e.getMessage());
            }
        }
        log.info(
                "Recovery: {} invalidation(s) resumed, {} completed while down, {} distribution(s) unreachable",
                resumed,
                completed,
                unreachable.size());
        return new Recovery(resumed, completed, unreachable);
    }

    /**
     * Follows an invalidation another instance created and may still be following: its end is reported after a few
     * polls of grace, so that a live creator speaks first.
     */
    public void adopt(Invalidation invalidation) {
        synchronized (this) {
            adopted.add(key(invalidation));
        }
        follow(invalidation);
    }

    private static List<InvalidationSummary> recoveryCandidates(Cdn source, String distributionId, Instant since) {
        List<InvalidationSummary> candidates = new ArrayList<>();
        int pages = 0;
        for (InvalidationPage page : source.invalidationPages(distributionId, PAGE_SIZE)) {
            pages++;
            for (InvalidationSummary summary : page.items()) {
                if (!summary.completed() || !summary.createTime().isBefore(since)) {
                    candidates.add(summary);
                }
            }
            boolean pastWindow = page.items().stream()
                    .anyMatch(summary -> summary.createTime().isBefore(since));
            if (pastWindow || pages == MAX_RECOVERY_PAGES) {
                break;
            }
        }
        return candidates;
    }

    private synchronized boolean isKnown(String distributionId, String invalidationId) {
        Watch watch = watches.get(distributionId);
        return reported.containsKey(distributionId + "/" + invalidationId)
                || (watch != null && watch.inFlight.containsKey(invalidationId));
    }

    private void poll(String distributionId) {
        Map<String, Invalidation> pending;
        synchronized (this) {
            Watch watch = watches.get(distributionId);
            if (closed || watch == null) {
                return;
            }
            pending = new HashMap<>(watch.inFlight);
        }
        Map<String, InvalidationStatus> statuses = new HashMap<>();
        Map<String, String> lost = new HashMap<>();
        try {
            readStatuses(distributionId, pending, statuses, lost);
        } catch (CdnException e) {
            if (e.failure() == Failure.NO_SUCH_DISTRIBUTION || e.failure() == Failure.NO_SUCH_TENANT) {
                pending.keySet().forEach(id -> lost.put(id, e.getMessage()));
            } else {
                log.warn("Polling distribution {} failed; will try again: {}", distributionId, e.getMessage());
            }
        } catch (RuntimeException e) {
            log.error("Polling distribution {} failed unexpectedly; will try again", distributionId, e);
        }
        List<Invalidation> done = new ArrayList<>();
        List<Invalidation> gone = new ArrayList<>();
        synchronized (this) {
            Watch watch = watches.get(distributionId);
            pending.forEach((id, invalidation) -> {
                if (statuses.get(id) == InvalidationStatus.COMPLETED) {
                    done.add(invalidation.withStatus(InvalidationStatus.COMPLETED));
                } else if (lost.containsKey(id)) {
                    gone.add(invalidation);
                }
            });
            done.forEach(invalidation -> watch.inFlight.remove(invalidation.id()));
            gone.forEach(invalidation -> watch.inFlight.remove(invalidation.id()));
            if (watch.inFlight.isEmpty()) {
                watches.remove(distributionId);
            } else if (!closed) {
                schedulePoll(distributionId, watch, schedule.nextWait(busyDistributions(watch.account)));
            }
        }
        // Only here, where the invalidation was seen in progress before: one found already completed (by recovery,
        // after a restart) completed at a time nobody saw.
        Instant seen = clock.instant();
        done.forEach(
                invalidation -> meters.completed(distributionId, Duration.between(invalidation.createTime(), seen)));
        done.forEach(this::report);
        gone.forEach(invalidation -> notifyLost(invalidation, lost.get(invalidation.id())));
    }

    /** Newest-first pages until every pending id is seen or the pages are older than the oldest one. */
    private void readStatuses(
            String distributionId,
            Map<String, Invalidation> pending,
            Map<String, InvalidationStatus> statuses,
            Map<String, String> lost) {
        Instant oldest = pending.values().stream()
                .map(Invalidation::createTime)
                .min(Comparator.naturalOrder())
                .orElseThrow()
                .minus(CLOCK_SKEW);
        int pages = 0;
        for (InvalidationPage page : cdn.invalidationPages(distributionId, PAGE_SIZE)) {
            pages++;
            page.items().stream()
                    .filter(summary -> pending.containsKey(summary.id()))
                    .forEach(summary -> statuses.put(summary.id(), summary.status()));
            boolean pastOldest = page.items().isEmpty() || page.endsBefore(oldest);
            if (statuses.size() == pending.size() || pastOldest || pages == MAX_PAGES_PER_POLL) {
                break;
            }
        }
        for (String id : pending.keySet()) {
            if (!statuses.containsKey(id)) {
                try {
                    statuses.put(id, cdn.invalidation(distributionId, id).status());
                } catch (CdnException e) {
                    if (e.failure() != Failure.NO_SUCH_INVALIDATION) {
                        throw e;
                    }
                    lost.put(id, e.getMessage());
                }
            }
        }
    }

    /** Guarded by {@code this}: the distributions of {@code account} being polled, which share its polls. */
    private int busyDistributions(String account) {
        return (int) watches.values().stream()
                .filter(watch -> watch.account.equals(account))
                .count();
    }

    private void schedulePoll(String distributionId, Watch watch, Duration delay) {
        watch.nextPoll = scheduler.schedule(() -> poll(distributionId), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void report(Invalidation invalidation) {
        tell(invalidation, listener -> listener.completed(invalidation, clock.instant()));
    }

    private void notifyLost(Invalidation invalidation, String reason) {
        tell(invalidation, listener -> listener.lost(invalidation, reason));
    }

    /**
     * Tells the listener about an invalidation's end at most once, whoever noticed it first. An adopted invalidation
     * may also be followed by the live replica that created it: that one is told at once, the adopter only after a few
     * polls of grace, so that the creator's report is already in the thread when the adopter's reporter looks there.
     */
    // FutureReturnValueIgnored: deliver() logs the listener's failures itself, and a delayed delivery is never
    // cancelled (close() drops it with the scheduler), so the ScheduledFuture has nothing to tell.
    @SuppressWarnings("FutureReturnValueIgnored")
    private void tell(Invalidation invalidation, Consumer<InvalidationListener> message) {
        boolean wasAdopted;
        Duration slowestPoll;
        synchronized (this) {
            if (reported.put(key(invalidation), Boolean.TRUE) != null) {
                return;
            }
            wasAdopted = adopted.remove(key(invalidation));
            slowestPoll = schedule.slowestWait(busyDistributions(cdn.accountOf(invalidation.distributionId())) + 1);
        }
        if (wasAdopted) {
            Duration grace = slowestPoll.multipliedBy(POLLS_OF_GRACE_FOR_THE_CREATOR);
            scheduler.schedule(() -> deliver(invalidation, message), grace.toMillis(), TimeUnit.MILLISECONDS);
        } else {
            deliver(invalidation, message);
        }
    }

    private void deliver(Invalidation invalidation, Consumer<InvalidationListener> message) {
        try {
            message.accept(listener);
        } catch (RuntimeException e) {
            log.error("The listener failed for invalidation {}", invalidation.id(), e);
        }
    }

    private static String key(Invalidation invalidation) {
        return invalidation.distributionId() + "/" + invalidation.id();
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            watches.values().forEach(watch -> {
                if (watch.nextPoll != null) {
                    watch.nextPoll.cancel(false);
                }
            });
        }
        scheduler.shutdownNow();
    }
}

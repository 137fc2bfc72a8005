package dev.invalidator.cost;

import dev.invalidator.base.DaemonThreads;
import dev.invalidator.cdn.Cdn;
import dev.invalidator.cdn.CdnException;
import dev.invalidator.cdn.Invalidation;
import dev.invalidator.cdn.InvalidationPage;
import dev.invalidator.cdn.InvalidationSummary;
import dev.invalidator.config.BotConfig;
import dev.invalidator.config.DistributionConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How many invalidation paths each AWS account has used in the current UTC calendar month, read from CloudFront
 * itself (no local state survives a restart, none is needed). CloudFront's first 1,000 paths a month are free per
 * AWS account, counted across all its distributions; a wildcard path and a tag item count as one path each.
 *
 * <pre>{@code
 * MonthToDatePaths used = new MonthToDatePaths(config, cdn, Clock.systemUTC());
 * used.countThisMonth("E1WEBEXAMPLE");  // 840 within 5 s, web and images together (the bot's own account):
 *                                       // a MonthCount fresh, as of some time ago, or not known yet
 * used.countThisMonthByAccount(List.of("E1WEBEXAMPLE"));   // {default=840}: only the accounts of these
 * used.record(cdn.create(id, reference, paths)); // counted at once, no extra call
 * used.knownCount("E1WEBEXAMPLE");      // the same from memory, never waiting: for a form's answer
 * used.knownThisMonthOfAccount("default");   // Optional[840] from memory, however old: for the metrics
 * used.readNow(new ReadOnce(reads));    // at start-up, sharing recovery's reads
 * used.keepReading(Duration.ofMinutes(5), timer, workers);   // follows what others invalidate
 * used.close();                         // at shutdown: no more reads; answers give what is known
 * }</pre>
 *
 * <p><b>Accounts.</b> A distribution with a {@code roleArn} belongs to the account in that ARN
 * ({@code arn:aws:iam::111122223333:role/…} → {@code "111122223333"}); every distribution without one belongs to
 * the bot's own account, keyed {@value #DEFAULT_ACCOUNT} (the bot does not ask STS who it is). A role that points
 * back into the bot's own account is therefore counted apart from {@value #DEFAULT_ACCOUNT}: each figure is then
 * lower than the account's true total, which the config can avoid by giving those distributions the same role.
 *
 * <p><b>Cost of an answer.</b> Per distribution, ListInvalidations pages of 100, newest first, until a page ends
 * before the month start; then one GetInvalidation for each invalidation of the month not seen before (its path
 * count is remembered for good: an invalidation's paths never change). Remembered counts older than the month
 * start are dropped, so memory holds at most one month of invalidation ids.
 *
 * <p><b>Freshness.</b> An answer younger than the freshness window (default {@link #DEFAULT_FRESHNESS}) is given
 * again without any call. Within that window an invalidation created by someone else (the console, a CI job,
 * another replica) is not counted yet; ones this bot creates are, through {@link #record}. A guard that may be
 * a few paths short for half a minute is the price of not listing a distribution on every keystroke.
 *
 * <p><b>A person never waits long.</b> Counting afresh an account with hundreds of distributions and tenants takes
 * minutes at the account's read pace. What a person is told therefore goes through {@link #countThisMonth}: it waits
 * at most {@link #LONGEST_WAIT} — for a fresh count of an account of at most {@link #FRESH_COUNT_MAX_TARGETS} targets,
 * or for a count nobody has finished yet — and answers a larger account's known count at once with its age, reading it
 * again in the background. One read per account is in progress at a time, and every answer (and start-up's
 * {@link #readNow}, once {@link #announceReadNow announced}) shares it.
 *
 * <p><b>While nobody asks.</b> {@link #keepReading} reads CloudFront now and then, so that what is known from memory
 * follows what the console or a CI job invalidates even when no request asks the bot.
 *
 * <p><b>Closing.</b> {@link #close} ends the reads in the background; answers after it give what is known, at once.
 *
 * <p>Thread-safe. Each distribution is read under its own lock, so threads that ask about the same distribution
 * at once wait for one refresh and then share its answer (while it is fresh) instead of repeating the calls;
 * different distributions never wait for each other. {@link #knownCount} waits for nobody: it reads the count each
 * distribution published last.
 */
public final class MonthToDatePaths implements AutoCloseable {

    /** The key of the bot's own AWS account: distributions configured without a {@code roleArn}. */
    public static final String DEFAULT_ACCOUNT = DistributionConfig.OWN_ACCOUNT;
    /** How long an answer is used again without asking CloudFront. */
    public static final Duration DEFAULT_FRESHNESS = Duration.ofSeconds(30);

    /**
     * The longest a person waits for a count: a fresh one when it is cheap, or one nobody has finished yet (just after
     * start-up). Past it, the answer is the count as of when it was last read, or that it is not known yet.
     */
    public static final Duration LONGEST_WAIT = Duration.ofSeconds(5);
    /**
     * Past this many distributions and tenants in an account, a known count is answered at once and read again in the
     * background: a fresh count lists each of them (a ListInvalidations at least) at the account's read pace, about 4
     * a second, which is within {@link #LONGEST_WAIT} only for a few.
     */
    public static final int FRESH_COUNT_MAX_TARGETS = 10;

    private static final int PAGE_SIZE = 100;
    private static final Logger log = LoggerFactory.getLogger(MonthToDatePaths.class);

    private final Cdn cdn;
    private final Clock clock;
    private final Duration freshness;
    private final Duration longestWait;
    /** By distribution id, upper case. */
    private final Map<String, Ledger> ledgers;
    /** Account key → its distribution ids, in config order. */
    private final Map<String, List<String>> distributionsByAccount;

    private final Map<String, String> accountByDistribution;
    /** Account key → the read of its distributions in progress, which every answer that wants one joins. */
    private final Map<String, CompletableFuture<Void>> reading = new ConcurrentHashMap<>();
    /** Where an answer's read goes on when the answer stops waiting for it; shut down by {@link #close}. */
    private final ExecutorService background = Executors.newCachedThreadPool(DaemonThreads.named("month-to-date"));

    /** With the {@link #DEFAULT_FRESHNESS default freshness window}. */
    public MonthToDatePaths(BotConfig config, Cdn cdn, Clock clock) {
        this(config, cdn, clock, DEFAULT_FRESHNESS);
    }

    /**
     * @param clock     the month is the UTC calendar month of {@code clock.instant()}; tests pass a clock they move
     * @param freshness how long an answer is reused without any CloudFront call; zero lists on every call
     */
    MonthToDatePaths(BotConfig config, Cdn cdn, Clock clock, Duration freshness) {
        this(config, cdn, clock, freshness, LONGEST_WAIT);
    }

    /**
     * With a wait other than {@link #LONGEST_WAIT}: for tests of what an answer does once it stops waiting, and for
     * tests of what is counted, which wait as long as a read takes on however busy a machine.
     */
    MonthToDatePaths(BotConfig config, Cdn cdn, Clock clock, Duration freshness, Duration longestWait) {
        this.longestWait = Objects.requireNonNull(longestWait, "longestWait");
        Objects.requireNonNull(config, "config");
        this.cdn = Objects.requireNonNull(cdn, "cdn");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.freshness = Objects.requireNonNull(freshness, "freshness");
        if (freshness.isNegative()) {
            throw new IllegalArgumentException("freshness must not be negative: " + freshness);
        }
        Map<String, Ledger> ledgers = new HashMap<>();
        Map<String, List<String>> byAccount = new LinkedHashMap<>();
        Map<String, String> accountOf = new HashMap<>();
        for (DistributionConfig distribution : config.distributions().values()) {
            String account = distribution.account();
            // Keyed as looked up, in upper case; a tenant's id (dt_…) has both cases.
            ledgers.put(normalize(distribution.id()), new Ledger(distribution.id()));
            byAccount.computeIfAbsent(account, key -> new ArrayList<>()).add(distribution.id());
            accountOf.put(normalize(distribution.id()), account);
        }
        this.ledgers = Map.copyOf(ledgers);
        byAccount.replaceAll((account, ids) -> List.copyOf(ids));
        this.distributionsByAccount = Collections.unmodifiableMap(byAccount);
        this.accountByDistribution = Map.copyOf(accountOf);
    }

    /** The accounts of these distributions, in config order. */
    private Set<String> accountsOf(Collection<String> distributionIds) {
        Set<String> accounts = new HashSet<>();
        distributionIds.forEach(id -> accounts.add(accountOf(id)));
        Set<String> inConfigOrder = new LinkedHashSet<>(distributionsByAccount.keySet());
        inConfigOrder.retainAll(accounts);
        return inConfigOrder;
    }

    /**
     * This month's paths of this distribution's account for a person, within {@link #LONGEST_WAIT}: a fresh count when
     * the last one is fresh, or when the account is small enough ({@link #FRESH_COUNT_MAX_TARGETS}) to count again in
     * that time; otherwise the last count with its age, read again in the background; when nothing is known yet, the
     * count if one in progress (start-up's) ends within the wait, else {@link MonthCount#notKnown()}.
     *
     * @throws CdnException             when the read waited for failed: nothing is made up
     * @throws IllegalArgumentException when the distribution is not in the config
     */
    public MonthCount countThisMonth(String distributionId) {
        return countOf(accountOf(distributionId));
    }

    /**
     * {@link #countThisMonth} for the accounts these distributions belong to, and no other, in config order; the
     * accounts' reads go on side by side, so the whole answer waits {@link #LONGEST_WAIT} at most once.
     *
     * @throws CdnException             when a read waited for failed
     * @throws IllegalArgumentException when a distribution is not in the config
     */
    public Map<String, MonthCount> countThisMonthByAccount(Collection<String> distributionIds) {
        Set<String> accounts = accountsOf(distributionIds);
        Map<String, CompletableFuture<MonthCount>> counts = new LinkedHashMap<>();
        for (String account : accounts) {
            counts.put(account, CompletableFuture.supplyAsync(() -> countOf(account), this::sideBySide));
        }
        Map<String, MonthCount> counted = new LinkedHashMap<>();
        counts.forEach((account, count) -> counted.put(account, joined(count)));
        return Collections.unmodifiableMap(counted);
    }

    /**
     * What is known of this distribution's account this month, at once and without any call — for an answer that must
     * not wait (a form's, in Slack's acknowledgement) — with a read started in the background when it is not fresh.
     *
     * @throws IllegalArgumentException when the distribution is not in the config
     */
    public MonthCount knownCount(String distributionId) {
        String account = accountOf(distributionId);
        MonthCount known = known(account, clock.instant());
        if (!known.fresh()) {
            var unused = read(account);
        }
        return known;
    }

    /**
     * Starts a read of this distribution's account in the background unless its count is fresh or a read is in
     * progress: for the form, which the person fills in meanwhile.
     *
     * @throws IllegalArgumentException when the distribution is not in the config
     */
    public void readSoon(String distributionId) {
        var unused = knownCount(distributionId);
    }

    /** What an answer about an account's month does, given what is known of it. */
    enum Plan {
        /** The count is fresh: answered from memory. */
        ANSWER,
        /** Known but not fresh, and a fresh count would take long: answered from memory with its age, read again. */
        ANSWER_AND_READ,
        /** A fresh count is cheap, or nothing is known: wait for a read up to {@link #LONGEST_WAIT}. */
        WAIT_FOR_READ
    }

    static Plan plan(MonthCount known, int targets) {
        if (known.fresh()) {
            return Plan.ANSWER;
        }
        return known.known() && targets > FRESH_COUNT_MAX_TARGETS ? Plan.ANSWER_AND_READ : Plan.WAIT_FOR_READ;
    }

    private MonthCount countOf(String account) {
        MonthCount known = known(account, clock.instant());
        Plan plan = plan(known, distributionsByAccount.get(account).size());
        if (plan == Plan.ANSWER) {
            return known;
        }
        CompletableFuture<Void> read = read(account);
        if (plan == Plan.ANSWER_AND_READ) {
            return known;
        }
        try {
            read.get(longestWait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException stillReading) {
            return known(account, clock.instant());
        } catch (ExecutionException e) {
            if (background.isShutdown()) {
                // Closed: the read never started or was let go of; what is known is all there is.
                return known(account, clock.instant());
            }
            throw e.getCause() instanceof RuntimeException failure ? failure : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return known(account, clock.instant());
        }
        // Every distribution of the account was listed since the read began: as fresh as a count gets.
        return known(account, clock.instant()).paths().map(MonthCount::fresh).orElseGet(MonthCount::notKnown);
    }

    /**
     * Where one answer counts its accounts side by side; once closed, on the caller's thread, as an answer then waits
     * for no read.
     */
    private void sideBySide(Runnable count) {
        try {
            background.execute(count);
        } catch (RejectedExecutionException closed) {
            count.run();
        }
    }

    private static MonthCount joined(CompletableFuture<MonthCount> count) {
        try {
            return count.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException failure ? failure : e;
        }
    }

    /**
     * The account's read in progress, or one started now in the background: one at a time per account, so that
     * people asking at once share it, and an answer that stops waiting leaves it to finish for the next.
     */
    private CompletableFuture<Void> read(String account) {
        CompletableFuture<Void> started = new CompletableFuture<>();
        CompletableFuture<Void> inProgress = reading.putIfAbsent(account, started);
        if (inProgress != null) {
            return inProgress;
        }
        try {
            background.execute(() -> {
                try {
                    usedBy(account, clock.instant());
                    reading.remove(account, started);
                    started.complete(null);
                } catch (RuntimeException e) {
                    reading.remove(account, started);
                    started.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException e) {
            reading.remove(account, started);
            started.completeExceptionally(e);
        }
        return started;
    }

    /** The account's count as last read, with its age (that of its oldest listing); not known until each is read. */
    private MonthCount known(String account, Instant now) {
        Month month = Month.of(now);
        int used = 0;
        Instant oldest = null;
        for (String id : distributionsByAccount.get(account)) {
            Known known = ledgers.get(normalize(id)).known;
            if (known == null || !known.month().equals(month)) {
                return MonthCount.notKnown();
            }
            used += known.paths();
            if (oldest == null || known.readAt().isBefore(oldest)) {
                oldest = known.readAt();
            }
        }
        if (oldest == null || now.isBefore(oldest.plus(freshness))) {
            return MonthCount.fresh(used);
        }
        return MonthCount.asOf(used, Duration.between(oldest, now));
    }

    /**
     * When each configured distribution was last invalidated this UTC month, as last read (by anyone: the bot, the
     * console, a CI job), by distribution id as configured; from memory, never a call. A distribution not read yet
     * this month, or not invalidated, is missing.
     */
    public Map<String, Instant> lastInvalidated() {
        Month month = Month.of(clock.instant());
        Map<String, Instant> latest = new HashMap<>();
        for (Ledger ledger : ledgers.values()) {
            Known known = ledger.known;
            if (known != null && known.month().equals(month)) {
                known.latest().ifPresent(time -> latest.put(ledger.distributionId, time));
            }
        }
        return latest;
    }

    /** Every account key the config spans, in config order. */
    public List<String> accounts() {
        return List.copyOf(distributionsByAccount.keySet());
    }

    /**
     * What was last counted for {@code account} this UTC month, however old, without asking CloudFront and without
     * waiting for a listing in progress: for the metrics. Empty until each of the account's distributions has been
     * read once this month.
     *
     * @throws IllegalArgumentException when the account is not one of {@link #accounts()}
     */
    public Optional<Integer> knownThisMonthOfAccount(String account) {
        List<String> distributionIds = distributionsByAccount.get(account);
        if (distributionIds == null) {
            throw new IllegalArgumentException("not an account of the config: " + account);
        }
        Month month = Month.of(clock.instant());
        int used = 0;
        for (String id : distributionIds) {
            Known known = ledgers.get(normalize(id)).known;
            if (known == null || !known.month().equals(month)) {
                return Optional.empty();
            }
            used += known.paths();
        }
        return Optional.of(used);
    }

    /**
     * Reads every account each {@code interval} from one {@code interval} from now (the first read is start-up's,
     * {@link #readNow}), on {@code workers} ({@code timer} only hands the read over). A read that fails, or finds the
     * workers too busy, is logged and made again at the next turn.
     */
    public void keepReading(Duration interval, ScheduledExecutorService timer, Executor workers) {
        // Runs until the timer is shut down; the task catches what it could throw, which would end the schedule.
        var unused = timer.scheduleWithFixedDelay(
                () -> {
                    try {
                        workers.execute(this::readEveryAccount);
                    } catch (RejectedExecutionException busy) {
                        log.debug("The workers are busy; this month's paths are read at the next turn");
                    }
                },
                interval.toNanos(),
                interval.toNanos(),
                TimeUnit.NANOSECONDS);
    }

    /**
     * Reads every account now through {@code source}, whatever the freshness window says: at start-up, the reads that
     * recovery made ({@code cdn.ReadOnce}), so that only what recovery did not read is asked of CloudFront. A read
     * that fails is logged and made again at the next turn of {@link #keepReading}.
     */
    public void readNow(Cdn source) {
        Instant now = clock.instant();
        Month month = Month.of(now);
        for (String account : distributionsByAccount.keySet()) {
            CompletableFuture<Void> announced = reading.get(account);
            try {
                for (String distributionId : distributionsByAccount.get(account)) {
                    ledgers.get(normalize(distributionId)).readNow(source, now, month);
                }
                finished(account, announced, null);
            } catch (RuntimeException e) {
                log.warn("Could not read this month's invalidation paths of account {}: {}", account, e.getMessage());
                finished(account, announced, e);
            }
        }
    }

    /**
     * Says that {@link #readNow} is coming (start-up queues it behind recovery): until it has read an account, an
     * answer about that account waits for it, within {@link #LONGEST_WAIT}, rather than list the same distributions
     * again beside it.
     */
    public void announceReadNow() {
        distributionsByAccount.keySet().forEach(account -> reading.putIfAbsent(account, new CompletableFuture<>()));
    }

    private void finished(String account, CompletableFuture<Void> announced, RuntimeException failure) {
        if (announced == null) {
            return;
        }
        reading.remove(account, announced);
        if (failure == null) {
            announced.complete(null);
        } else {
            announced.completeExceptionally(failure);
        }
    }

    private void readEveryAccount() {
        for (String account : distributionsByAccount.keySet()) {
            try {
                read(account).join();
            } catch (CompletionException e) {
                if (background.isShutdown()) {
                    // Closed: the next start reads every account again.
                    return;
                }
                log.warn(
                        "Could not read this month's invalidation paths of account {}: {}",
                        account,
                        e.getCause().getMessage());
            }
        }
    }

    /**
     * Starts no read any more and lets go of whoever waits for one in progress: an answer then gives what is known (as
     * of when it was last read, or not known) at once, and a turn of {@link #keepReading} ends. For the bot's shutdown,
     * whose workers must be free within its grace however long a read of hundreds of distributions takes.
     */
    @Override
    public void close() {
        background.shutdownNow();
        // The interrupt does not end a call already sent, which waits for CloudFront's answer: nobody waits with it.
        reading.values().forEach(read -> read.completeExceptionally(new RejectedExecutionException("closed")));
    }

    /**
     * The account key a configured distribution is counted under.
     *
     * @throws IllegalArgumentException when the distribution is not in the config
     */
    public String accountOf(String distributionId) {
        Objects.requireNonNull(distributionId, "distributionId");
        String account = accountByDistribution.get(normalize(distributionId));
        if (account == null) {
            throw new IllegalArgumentException("not a configured distribution: " + distributionId);
        }
        return account;
    }

    /**
     * Counts an invalidation the bot has just created, so the next answer includes it without waiting for the
     * freshness window, and the next refresh needs no GetInvalidation for it. Recording one twice counts it once.
     *
     * @throws IllegalArgumentException when its distribution is not in the config
     */
    public void record(Invalidation created) {
        Objects.requireNonNull(created, "created");
        Ledger ledger = ledgers.get(normalize(created.distributionId()));
        if (ledger == null) {
            throw new IllegalArgumentException("not a configured distribution: " + created.distributionId());
        }
        ledger.record(created.id(), created.createTime(), created.paths().size(), Month.of(clock.instant()));
    }

    private int usedBy(String account, Instant now) {
        Month month = Month.of(now);
        int used = 0;
        for (String distributionId : distributionsByAccount.get(account)) {
            used += ledgers.get(normalize(distributionId)).used(now, month);
        }
        return used;
    }

    private static String normalize(String distributionId) {
        return distributionId.toUpperCase(Locale.ROOT);
    }

    /** A UTC calendar month as the half-open interval [start, end). */
    private record Month(Instant start, Instant end) {

        static Month of(Instant now) {
            YearMonth month = YearMonth.from(now.atOffset(ZoneOffset.UTC));
            return new Month(
                    month.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC),
                    month.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC));
        }

        boolean contains(Instant time) {
            return !time.isBefore(start) && time.isBefore(end);
        }
    }

    /** What is known of one invalidation: when it was created and how many paths it holds. */
    private record Counted(Instant createTime, int paths) {}

    /**
     * A distribution's paths in {@code month}, as last counted, when its latest invalidation of it was made, and when
     * the listing the count rests on began.
     */
    private record Known(Month month, int paths, Optional<Instant> latest, Instant readAt) {}

    /** One distribution's invalidations of the month; every method holds the ledger's monitor. */
    private final class Ledger {

        private final String distributionId;
        /** By invalidation id; nothing older than the month start of the last refresh. */
        private final Map<String, Counted> counted = new HashMap<>();

        private Instant refreshedAt;
        private Month refreshedMonth;
        /** The last count, published for readers that must not wait for the monitor (a listing holds it). */
        private volatile Known known;

        Ledger(String distributionId) {
            this.distributionId = distributionId;
        }

        synchronized int used(Instant now, Month month) {
            if (!fresh(now, month)) {
                readNow(cdn, now, month);
            }
            return count(month);
        }

        synchronized void readNow(Cdn source, Instant now, Month month) {
            refresh(source, month);
            // Counted from when the listing started: anything created after that is not in it.
            refreshedAt = now;
            refreshedMonth = month;
            count(month);
        }

        synchronized void record(String invalidationId, Instant createTime, int paths, Month month) {
            if (!createTime.isBefore(month.start())) {
                counted.putIfAbsent(invalidationId, new Counted(createTime, paths));
            }
            if (month.equals(refreshedMonth)) {
                count(month);
            }
        }

        /** The paths counted in {@code month}, published as {@link #known}; only for a month listed already. */
        private int count(Month month) {
            int used = 0;
            Instant latest = null;
            for (Counted invalidation : counted.values()) {
                if (month.contains(invalidation.createTime())) {
                    used += invalidation.paths();
                    if (latest == null || invalidation.createTime().isAfter(latest)) {
                        latest = invalidation.createTime();
                    }
                }
            }
            known = new Known(month, used, Optional.ofNullable(latest), refreshedAt);
            return used;
        }

        private boolean fresh(Instant now, Month month) {
            return refreshedAt != null && month.equals(refreshedMonth) && now.isBefore(refreshedAt.plus(freshness));
        }

        /**
         * Lists the month's invalidations and counts the paths of those not seen before. A failure leaves what was
         * already counted in place (it is still true) and the ledger not fresh, so the next call tries again.
         */
        private void refresh(Cdn source, Month month) {
            counted.values().removeIf(invalidation -> invalidation.createTime().isBefore(month.start()));
            for (InvalidationPage page : source.invalidationPages(distributionId, PAGE_SIZE)) {
                for (InvalidationSummary summary : page.items()) {
                    if (month.contains(summary.createTime()) && !counted.containsKey(summary.id())) {
                        int paths = source.invalidation(distributionId, summary.id())
                                .paths()
                                .size();
                        counted.put(summary.id(), new Counted(summary.createTime(), paths));
                    }
                }
                if (page.endsBefore(month.start())) {
                    break;
                }
            }
        }
    }
}

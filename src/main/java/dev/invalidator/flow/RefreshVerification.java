package dev.invalidator.flow;

import dev.invalidator.base.DaemonThreads;
import dev.invalidator.cdn.CdnException;
import dev.invalidator.cdn.DistributionCatalog;
import dev.invalidator.cdn.Invalidation;
import dev.invalidator.chat.Chat;
import dev.invalidator.chat.Message;
import dev.invalidator.chat.PostedMessage;
import dev.invalidator.chat.RefreshReplies;
import dev.invalidator.chat.StatusCard;
import dev.invalidator.config.BotConfig;
import dev.invalidator.config.DistributionConfig;
import dev.invalidator.config.VerifyConfig;
import dev.invalidator.metrics.InvalidationMeters;
import dev.invalidator.verify.CheckPlan;
import dev.invalidator.verify.EdgeProbe;
import dev.invalidator.verify.RefreshCheck;
import dev.invalidator.verify.RefreshReport;
import java.net.URI;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Proves the refresh: once an invalidation has completed and its notice is in the thread, asks the edge for each
 * invalidated file and {@code check:} sample ({@link RefreshCheck}), replies once in the thread with what it found,
 * and marks the status message "verified" or "N stale". The mark is kept in the message's facts, so a later edit —
 * by a restarted bot or another replica — shows it again.
 *
 * <p>It starts only after the completion edit and notice (the {@link CompletionReporter} calls it then, and only in
 * the instance that posted the notice), runs on its own few threads — never the tracker's or the command workers' —
 * and every request gives up after {@code verify.timeout}, so it is bounded in time and delays nothing else.
 */
public final class RefreshVerification implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RefreshVerification.class);
    /** Requests to the edge at once, across all checks: polite to the site, and enough for 20 URLs in seconds. */
    private static final int CONCURRENT_REQUESTS = 4;

    private static final int QUEUED_URLS = 1_000;

    private final BotConfig config;
    private final DistributionCatalog catalog;
    private final Chat chat;
    private final ThreadPoolExecutor pool;
    private final RefreshCheck check;
    private final AtomicInteger checking = new AtomicInteger();
    private final InvalidationMeters meters;

    /** @param meters counts each URL checked by what the edge served */
    public RefreshVerification(
            BotConfig config,
            DistributionCatalog catalog,
            EdgeProbe edge,
            Chat chat,
            Clock clock,
            InvalidationMeters meters) {
        this.config = config;
        this.catalog = catalog;
        this.chat = chat;
        this.meters = meters;
        this.pool = new ThreadPoolExecutor(
                CONCURRENT_REQUESTS,
                CONCURRENT_REQUESTS,
                30,
                TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(QUEUED_URLS),
                DaemonThreads.named("refresh-check"));
        this.pool.allowCoreThreadTimeOut(true);
        this.check = new RefreshCheck(edge, clock, pool);
    }

    /**
     * Starts the check of a completed invalidation and returns at once.
     *
     * @param completed the status message as the completion edit rendered it, to add the mark to
     * @param facts     the facts kept with the status message: the samples, and what to keep on the next edit
     * @return completes once the check is over, with how many URLs it found stale; empty when none was checked
     */
    CompletionStage<OptionalInt> completed(
            Invalidation invalidation, PostedMessage status, StatusCard completed, Map<String, String> facts) {
        VerifyConfig.Settings settings = config.verify().forDistribution(invalidation.distributionId());
        Optional<DistributionConfig> distribution = config.byId(invalidation.distributionId());
        if (!settings.enabled() || distribution.isEmpty()) {
            return CompletableFuture.completedFuture(OptionalInt.empty());
        }
        CheckPlan plan = CheckPlan.of(invalidation.paths(), StatusFacts.samples(facts), settings.maxUrls());
        CompletableFuture<OptionalInt> over = new CompletableFuture<>();
        checking.incrementAndGet();
        try {
            pool.execute(() -> {
                try {
                    start(invalidation, distribution.get(), status, completed, facts, settings, plan)
                            .whenComplete((stale, failure) -> {
                                checking.decrementAndGet();
                                over.complete(failure == null ? stale : OptionalInt.empty());
                            })
                            .exceptionally(failure -> {
                                log.error("The refresh check of invalidation {} failed", invalidation.id(), failure);
                                return OptionalInt.empty();
                            });
                } catch (RuntimeException e) {
                    checking.decrementAndGet();
                    over.complete(OptionalInt.empty());
                    throw e;
                }
            });
        } catch (RejectedExecutionException e) {
            checking.decrementAndGet();
            log.warn("Too many refresh checks queued; invalidation {} is not checked", invalidation.id());
            over.complete(OptionalInt.empty());
        }
        return over;
    }

    /** Whether no check is running or waiting: its reply and mark, if any, are in Slack. */
    public boolean idle() {
        return checking.get() == 0;
    }

    private CompletableFuture<OptionalInt> start(
            Invalidation invalidation,
            DistributionConfig distribution,
            PostedMessage status,
            StatusCard completed,
            Map<String, String> facts,
            VerifyConfig.Settings settings,
            CheckPlan plan) {
        if (plan.paths().isEmpty()) {
            showReply(status, completed.alias(), RefreshReplies.nothingChecked(completed.alias(), plan));
            return CompletableFuture.completedFuture(OptionalInt.empty());
        }
        URI baseUrl;
        try {
            // https://<first alternate domain name, else the cloudfront.net name>, unless the config names another.
            baseUrl = settings.baseUrl()
                    .orElseGet(() -> URI.create(
                            "https://" + catalog.details(distribution).viewerHost()));
        } catch (CdnException e) {
            meters.refreshChecked(
                    invalidation.distributionId(), 0, 0, plan.paths().size());
            showReply(status, completed.alias(), RefreshReplies.domainsUnreadable(e));
            return CompletableFuture.completedFuture(OptionalInt.empty());
        }
        return check.run(baseUrl, plan, invalidation.paths(), invalidation.createTime())
                .thenApply(report -> {
                    publish(invalidation, status, completed, facts, report);
                    return OptionalInt.of(report.stale().size());
                });
    }

    private void publish(
            Invalidation invalidation,
            PostedMessage status,
            StatusCard completed,
            Map<String, String> facts,
            RefreshReport report) {
        log.info(
                "Refresh check of invalidation {} on {}: {} fresh, {} stale, {} not checked",
                invalidation.id(),
                invalidation.distributionId(),
                report.freshCount(),
                report.stale().size(),
                report.unchecked().size());
        meters.refreshChecked(
                invalidation.distributionId(),
                report.freshCount(),
                report.stale().size(),
                report.unchecked().size());
        showReply(status, completed.alias(), RefreshReplies.report(completed.requester(), completed.alias(), report));
        report.mark()
                .ifPresent(mark -> Quietly.show(
                        "invalidation " + invalidation.id() + " marked " + mark,
                        () -> chat.update(
                                status,
                                completed.withRefreshMark(report.mark()).message(),
                                StatusFacts.withRefreshMark(facts, mark))));
    }

    /** The check's reply in the thread: in a group's thread, where every member replies, it names its distribution. */
    private void showReply(PostedMessage status, String alias, Message reply) {
        Message shown = status.inThread() ? RefreshReplies.ofMember(alias, reply) : reply;
        Quietly.show("the refresh check", () -> chat.reply(status, shown));
    }

    /** Abandons the checks in progress: they are a courtesy after the fact, and nothing waits for them. */
    @Override
    public void close() {
        pool.shutdownNow();
    }
}

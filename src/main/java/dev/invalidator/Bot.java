package dev.invalidator;

import com.slack.api.Slack;
import com.slack.api.methods.MethodsClient;
import dev.invalidator.access.AccessPolicy;
import dev.invalidator.access.CachedGroupMembers;
import dev.invalidator.aws.AwsClients;
import dev.invalidator.base.DaemonThreads;
import dev.invalidator.cdn.Cdn;
import dev.invalidator.cdn.DistributionCatalog;
import dev.invalidator.cdn.PacedCdn;
import dev.invalidator.cdn.ReadBudget;
import dev.invalidator.cdn.ReadOnce;
import dev.invalidator.cdn.cloudfront.CloudFrontCdn;
import dev.invalidator.config.BotConfig;
import dev.invalidator.config.DistributionConfig;
import dev.invalidator.cost.MonthToDatePaths;
import dev.invalidator.cost.Pricing;
import dev.invalidator.flow.BatchMembers;
import dev.invalidator.flow.CommandHandler;
import dev.invalidator.flow.CompletionReporter;
import dev.invalidator.flow.FreedCapacity;
import dev.invalidator.flow.GroupLines;
import dev.invalidator.flow.PeriodicSweep;
import dev.invalidator.flow.RefreshVerification;
import dev.invalidator.flow.StepOutcomes;
import dev.invalidator.health.CloudFrontHealth;
import dev.invalidator.health.Liveness;
import dev.invalidator.health.Readiness;
import dev.invalidator.metrics.BotMetrics;
import dev.invalidator.slack.SlackBot;
import dev.invalidator.slack.SlackChat;
import dev.invalidator.slack.SlackGroupMembers;
import dev.invalidator.slack.SlackTokens;
import dev.invalidator.slack.SlackWorkflowSteps;
import dev.invalidator.slack.SlackWorkspace;
import dev.invalidator.tracking.PollSchedule;
import dev.invalidator.tracking.Tracker;
import dev.invalidator.verify.http.HttpEdgeProbe;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The object graph of a running bot, built by hand: the composition root shared by {@code Main}, the end-to-end
 * tests and the demo, so that all three run exactly the same wiring against different endpoints.
 */
public final class Bot implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Bot.class);
    private static final int WORKERS = 8;
    private static final int QUEUED_COMMANDS = 1_000;
    /** How often this month's paths are read again while no request asks: a few ListInvalidations each time. */
    private static final Duration MONTH_TO_DATE_READS = Duration.ofMinutes(5);

    private static final Duration DISTRIBUTION_DETAILS_TTL = Duration.ofMinutes(10);
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(20);

    private final ThreadPoolExecutor workers;
    private final ScheduledExecutorService timer;
    private final PeriodicSweep sweeps;
    private final Tracker tracker;
    private final SlackBot slackBot;
    private final RefreshVerification verification;
    private final SlackChat chat;
    private final GroupLines groupLines;
    private final MonthToDatePaths monthToDate;
    private final CloudFrontHealth cloudFrontHealth;
    private final BotMetrics metrics;

    private Bot(
            ThreadPoolExecutor workers,
            ScheduledExecutorService timer,
            PeriodicSweep sweeps,
            Tracker tracker,
            SlackBot slackBot,
            RefreshVerification verification,
            SlackChat chat,
            GroupLines groupLines,
            MonthToDatePaths monthToDate,
            CloudFrontHealth cloudFrontHealth,
            BotMetrics metrics) {
        this.workers = workers;
        this.timer = timer;
        this.sweeps = sweeps;
        this.tracker = tracker;
        this.slackBot = slackBot;
        this.verification = verification;
        this.chat = chat;
        this.groupLines = groupLines;
        this.monthToDate = monthToDate;
        this.cloudFrontHealth = cloudFrontHealth;
        this.metrics = metrics;
    }

    /**
     * Builds everything, connects to Slack, recovers in-flight invalidations in the background and starts sweeping
     * for what other instances left.
     */
    public static Bot start(BotConfig config, Slack slack, SlackTokens tokens, AwsClients aws, Clock clock) {
        ThreadPoolExecutor workers = workers();
        // Two aliases may name one distribution: its figures go under the first.
        BotMetrics metrics = BotMetrics.withJvm(config.distributions().values().stream()
                .collect(
                        Collectors.toMap(DistributionConfig::id, DistributionConfig::alias, (first, second) -> first)));
        Map<String, String> roles = config.distributions().values().stream()
                .filter(distribution -> distribution.roleArn().isPresent())
                .collect(Collectors.toMap(
                        DistributionConfig::id,
                        distribution -> distribution.roleArn().orElseThrow()));
        Map<String, String> distributionIds = new LinkedHashMap<>();
        config.distributions().forEach((name, distribution) -> distributionIds.put(name, distribution.id()));
        CloudFrontHealth cloudFrontHealth = new CloudFrontHealth(distributionIds);
        CloudFrontCdn cdn = new CloudFrontCdn(aws, roles, cloudFrontHealth.andThen(metrics.cloudFront()));
        metrics.watchWorkerQueue(workers.getQueue());
        Slack counted = SlackBot.countingCalls(slack, metrics.slack());
        MethodsClient methods = counted.methods(tokens.botToken());
        SlackChat chat = new SlackChat(methods, 5, Duration.ofSeconds(30));
        metrics.slack().watchWaitingCalls(chat::waitingForTurn);
        AccessPolicy policy = new AccessPolicy(
                new CachedGroupMembers(
                        new SlackGroupMembers(methods, chat), config.groups().cacheTtl(), clock),
                new SlackWorkspace(methods, chat, config.groups().cacheTtl(), clock));
        // Every read waits for its AWS account's turn, on a worker or a tracker thread; creates have their own pace.
        ReadBudget reads = new ReadBudget(cdn, config);
        DistributionCatalog catalog = new DistributionCatalog(config, reads, DISTRIBUTION_DETAILS_TTL, clock);
        SlackWorkflowSteps workflowSteps = new SlackWorkflowSteps(counted, tokens.botToken());
        StepOutcomes steps = new StepOutcomes(workflowSteps, chat, workers);
        // The flow's Chat: a group request's message follows its members' messages, whoever edits them.
        GroupLines flowChat = new GroupLines(
                chat,
                steps,
                id -> config.byId(id).isPresent()
                        && config.verify().forDistribution(id).enabled());
        RefreshVerification verification = new RefreshVerification(
                config,
                catalog,
                new HttpEdgeProbe(config.verify().timeout()),
                flowChat,
                clock,
                metrics.invalidations());
        FreedCapacity freed = new FreedCapacity();
        BatchMembers members = new BatchMembers();
        Tracker tracker = new Tracker(
                reads,
                new PollSchedule(
                        config.polling().initialInterval(), config.polling().maxInterval(), reads.pollsPerSecond()),
                new CompletionReporter(
                        config, flowChat, workers, verification, clock, metrics.invalidations(), freed, members, steps),
                clock,
                metrics.invalidations());
        metrics.invalidations().watchInFlight(tracker::following, clock);
        MonthToDatePaths monthToDate = new MonthToDatePaths(config, reads, clock);
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("timer"));
        // Reads wait for the account's read turn (ReadBudget); a create goes only in a turn its account has now.
        PacedCdn pacedCdn = new PacedCdn(reads, config);
        CommandHandler handler = new CommandHandler(
                config,
                catalog,
                policy,
                pacedCdn,
                flowChat,
                tracker,
                monthToDate,
                clock,
                timer,
                metrics.requests(),
                pacedCdn,
                workers,
                freed,
                members,
                metrics.queue(),
                steps,
                flowChat);
        SlackBot slackBot;
        try {
            slackBot = SlackBot.start(counted, tokens, handler, workers, clock, metrics.slack(), workflowSteps);
        } catch (RuntimeException e) {
            tracker.close();
            verification.close();
            monthToDate.close();
            timer.shutdownNow();
            workers.shutdownNow();
            metrics.close();
            throw e;
        }
        metrics.slack().watchConnection(slackBot::isConnected);
        workers.execute(catalog::warmUp);
        // The next month-to-date reads follow what the console or a CI job invalidates, for the metrics; the first is
        // start-up's, below.
        monthToDate.keepReading(MONTH_TO_DATE_READS, timer, workers);
        metrics.cloudFront()
                .watchPathsThisMonth(
                        monthToDate.accounts(), monthToDate::knownThisMonthOfAccount, Pricing.FREE_PATHS_PER_MONTH);
        // One pass over each distribution's invalidations, shared: recovery reads the pages and its candidates first,
        // so that what was in flight is followed again soonest; this month's paths then cost only the pages and
        // invalidations recovery did not read (a GetInvalidation each, paid now rather than inside a form's answer).
        // Answers about the month wait for this read (a while at most) rather than list the same distributions beside
        // it.
        monthToDate.announceReadNow();
        workers.execute(() -> {
            Cdn once = new ReadOnce(reads);
            try {
                tracker.recover(
                        config.distributions().values().stream()
                                .map(DistributionConfig::id)
                                .toList(),
                        config.polling().recoveryWindow(),
                        once);
            } finally {
                // Whatever recovery did: the answers announced to wait for it must not wait for ever.
                monthToDate.readNow(once);
            }
        });
        PeriodicSweep sweeps =
                PeriodicSweep.start(handler::sweep, config.polling().sweepInterval());
        return new Bot(
                workers,
                timer,
                sweeps,
                tracker,
                slackBot,
                verification,
                chat,
                flowChat,
                monthToDate,
                cloudFrontHealth,
                metrics);
    }

    private static ThreadPoolExecutor workers() {
        return new ThreadPoolExecutor(
                WORKERS,
                WORKERS,
                60,
                TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(QUEUED_COMMANDS),
                DaemonThreads.named("worker"));
    }

    /** How many invalidations the bot is following now. */
    public int inFlight() {
        return tracker.inFlight();
    }

    /** For {@code /health/live}: whether the Socket Mode loop still responds, which a restart would mend. */
    public Liveness liveness() {
        return slackBot.stuck().map(Liveness::stuck).orElse(Liveness.OK);
    }

    /** For {@code /health/ready}: the Socket Mode connection, and CloudFront's last answer about each distribution. */
    public Readiness readiness() {
        return new Readiness(slackBot.isConnected(), cloudFrontHealth.distributions());
    }

    /** For {@code GET /metrics}: what this bot has counted, and the JVM it runs in. */
    public BotMetrics metrics() {
        return metrics;
    }

    /**
     * Whether no command, click, report or refresh check is being handled or waiting. Once Slack has the bot's first
     * answer to something, this turns true when the bot has done all it does about it (the demo reads its next line
     * then).
     */
    public boolean idle() {
        return workers.getActiveCount() == 0 && workers.getQueue().isEmpty() && verification.idle() && chat.idle();
    }

    /** Stops taking commands and sweeping, lets the work in hand finish (bounded), then lets go of everything. */
    @Override
    public void close() {
        slackBot.close();
        sweeps.stop();
        // A read of this month's paths over hundreds of distributions takes minutes: the work in hand answers from what
        // is known rather than let such a read (keepReading's, on a worker) hold the grace the edits below share.
        monthToDate.close();
        workers.shutdown();
        long deadline = System.nanoTime() + SHUTDOWN_GRACE.toNanos();
        try {
            if (!workers.awaitTermination(SHUTDOWN_GRACE.toSeconds(), TimeUnit.SECONDS)) {
                log.warn("Stopped with work still queued; the next start recovers it from CloudFront");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // The sweep in hand shares the workers' grace: what it leaves, the next sweep of any instance finishes.
        sweeps.awaitStopped(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        // Edits and replies the work in hand left to send later share the same grace, group messages' first.
        groupLines.close(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        chat.close(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        timer.shutdownNow();
        tracker.close();
        verification.close();
        metrics.close();
    }
}

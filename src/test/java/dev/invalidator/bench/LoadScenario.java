package dev.invalidator.bench;

import dev.invalidator.chat.ConfirmationCard;
import dev.invalidator.sandbox.CloudFrontLimits;
import dev.invalidator.sandbox.CloudFrontSimulator;
import dev.invalidator.sandbox.CloudFrontSimulator.Operation;
import dev.invalidator.sandbox.CompletionTimes;
import dev.invalidator.sandbox.SlackSimulator.ApiCall;
import dev.invalidator.sandbox.SlackSimulator.ChannelMessage;
import dev.invalidator.sandbox.SlackSimulator.Envelope;
import dev.invalidator.sandbox.SlackSimulator.Ephemeral;
import dev.invalidator.testing.Await;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * Issue 15's load: {@link LoadWorkload} sent to the bot against CloudFront's and Slack's real limits, people clicking
 * Confirm where the bot asks (a costly or large request), and at the same moments to the {@link PeerReference}, which
 * sends each request straight to an account of its own. For each side: how many requests reached completed and how
 * many failed, and the time from asking to completed — for the bot until its status message says so, for the
 * reference until CloudFront completed (kinder to the reference: a peer tool would notice later). The times go into a
 * chart, {@code target/bench/load.svg}.
 */
final class LoadScenario {

    /** How one side did: requests completed, failed, neither in time; request → completed in milliseconds. */
    record Side(int completed, int failed, int unfinished, Percentiles requestToCompletedMillis) {}

    /**
     * @param creates           CreateInvalidation calls the bot's account received, throttled ones included
     * @param throttledCreates  of those, answered {@code Throttling}
     * @param invalidations     invalidations made for the bot's requests
     * @param slackRateLimited  HTTP 429s Slack answered the bot
     * @param completionP95Millis the simulated completion time's P95: the target is the bot's p95 within twice that
     * @param requestToClearedMillis of the bot's requests, request → CloudFront completed the last invalidation holding
     *     its paths: when the cache was clear, whatever Slack showed yet
     */
    record Load(
            int requests,
            double withinSeconds,
            int distributions,
            int people,
            int channels,
            long wildcards,
            long manyFiles,
            Side bot,
            Side reference,
            int creates,
            int throttledCreates,
            int invalidations,
            int slackRateLimited,
            double completionP95Millis,
            Percentiles requestToClearedMillis,
            String chart) {}

    private static final String COMPLETED_EDIT = ": completed in";
    private static final List<String> OPEN_ENDINGS = List.of(": requesting", ": in progress", ": awaiting approval");
    private static final String QUEUED = "queued";
    private static final String FAILED = ": failed";
    private static final Duration LOOK_EVERY = Duration.ofSeconds(1);
    private static final Duration CLICK_EVERY = Duration.ofMillis(200);
    private static final long COMPLETION_SEED = 15;

    private final Harness harness;
    private final Plan plan;

    LoadScenario(Harness harness, Plan plan) {
        this.harness = harness;
        this.plan = plan;
    }

    @SuppressWarnings("try") // the bot is a resource only to be stopped: it works on its own, watched through Slack
    Load run() {
        try (BenchWorld world = new BenchWorld(
                        plan.load().distributions(),
                        plan.load().people(),
                        plan.load().channels());
                CloudFrontSimulator peerAccount = CloudFrontSimulator.start();
                BotProcess bot = harness.startReady(world, "load");
                PeerReference reference =
                        new PeerReference(peerAccount, plan.load().requests())) {
            LoadWorkload workload = LoadWorkload.of(plan, world);
            List<Duration> completions = completionTimes(workload.requests().size());
            Function<List<String>, Duration> completion =
                    paths -> completions.get(LoadWorkload.requestIn(paths.get(0)));
            world.cloudFront.completionDelay(completion);
            peerAccount.limits(CloudFrontLimits.strict());
            world.distributionIds()
                    .forEach(id -> peerAccount.addDistribution(id, id.toLowerCase(Locale.ROOT) + ".cloudfront.net"));
            peerAccount.completionDelay(completion);

            Instant start = Instant.now().plusSeconds(1);
            reference.send(workload, world.distributionIds(), start);
            Map<Integer, Instant> asked = new ConcurrentHashMap<>();
            ScheduledExecutorService people = Executors.newScheduledThreadPool(2);
            try {
                List<Future<?>> tasks = new ArrayList<>();
                for (LoadWorkload.Request request : workload.requests()) {
                    long delay = Duration.between(Instant.now(), start.plus(request.at()))
                            .toMillis();
                    tasks.add(people.schedule(
                            () -> ask(world, request, asked), Math.max(0, delay), TimeUnit.MILLISECONDS));
                }
                Set<String> clicked = new HashSet<>();
                tasks.add(people.scheduleWithFixedDelay(
                        () -> confirmAll(world, clicked), 0, CLICK_EVERY.toMillis(), TimeUnit.MILLISECONDS));
                Duration patience = plan.load().within().plus(plan.load().patience());
                Map<Integer, StatusMessage> statuses =
                        settled(world, workload.requests().size(), patience);
                Map<Integer, PeerReference.Outcome> outcomes =
                        reference.outcomes(workload.requests().size(), patience);
                failIfAnyFailed(tasks);
                Side botSide = botSide(workload, asked, statuses);
                Map<Integer, Double> peerTimes = new HashMap<>();
                Side referenceSide = referenceSide(workload, world.distributionIds(), reference, outcomes, peerTimes);
                Path chart = harness.workDir().resolve("load.svg");
                LoadChart.write(chart, workload, botTimes(asked, statuses), peerTimes, outcomes.keySet());
                return new Load(
                        workload.requests().size(),
                        plan.load().within().toMillis() / 1000.0,
                        plan.load().distributions(),
                        plan.load().people(),
                        plan.load().channels(),
                        workload.count(LoadWorkload.Kind.WILDCARD),
                        workload.count(LoadWorkload.Kind.MANY_FILES),
                        botSide,
                        referenceSide,
                        world.cloudFront.calls(Operation.CREATE_INVALIDATION),
                        world.cloudFront.throttledCalls(Operation.CREATE_INVALIDATION),
                        world.distributionIds().stream()
                                .mapToInt(
                                        id -> world.cloudFront.invalidations(id).size())
                                .sum(),
                        world.slack.rateLimitedCount(),
                        Percentiles.of(completions).p95(),
                        cleared(world, asked),
                        chart.toString());
            } finally {
                people.shutdownNow();
            }
        } catch (Exception e) {
            throw new IllegalStateException("the load scenario failed", e);
        }
    }

    /** A person who could not type or click would make the figures meaningless: that fails the scenario. */
    static void failIfAnyFailed(List<Future<?>> tasks) throws ExecutionException, InterruptedException {
        for (Future<?> task : tasks) {
            if (task.isDone() && !task.isCancelled()) {
                task.get();
            }
        }
    }

    /** CloudFront's completion times since April 2026, one per request, the same for the bot and the reference. */
    private static List<Duration> completionTimes(int requests) {
        Function<List<String>, Duration> draw = CompletionTimes.since2026(COMPLETION_SEED);
        return IntStream.range(0, requests).mapToObj(i -> draw.apply(List.of())).toList();
    }

    private static void ask(BenchWorld world, LoadWorkload.Request request, Map<Integer, Instant> asked) {
        Envelope envelope =
                world.invalidate(request.user(), request.channel(), request.distribution(), request.paths());
        asked.put(request.number(), envelope.sentAt());
    }

    /** Clicks Confirm on every question the bot has asked and nobody has answered, as its requester. */
    private static void confirmAll(BenchWorld world, Set<String> clicked) {
        for (String user : world.users()) {
            for (Ephemeral question : world.slack.ephemerals(user)) {
                if (question.blocksJson() != null
                        && question.blocksJson().contains(ConfirmationCard.CONFIRM)
                        && clicked.add(question.channel() + "/" + question.ts())) {
                    world.slack.clickButton(user, question.channel(), question.ts(), ConfirmationCard.CONFIRM);
                }
            }
        }
    }

    /** A status message of the bot's: where it is, what it says now, when it first said completed. */
    private record StatusMessage(String channel, String ts, String text, Optional<Instant> completedAt) {

        boolean open() {
            String state = text.lines().findFirst().orElse("");
            return OPEN_ENDINGS.stream().anyMatch(state::contains)
                    || state.toLowerCase(Locale.ROOT).contains(QUEUED);
        }
    }

    /** Waits until every request's status message has settled, or patience runs out; the messages by request. */
    private static Map<Integer, StatusMessage> settled(BenchWorld world, int requests, Duration patience) {
        try {
            return Await.until(
                    "every request settled",
                    patience,
                    LOOK_EVERY,
                    () -> statusMessages(world),
                    found -> found.size() >= requests && found.values().stream().noneMatch(StatusMessage::open));
        } catch (AssertionError timedOut) {
            return statusMessages(world);
        }
    }

    /** The bot's status messages by the request each belongs to, read from the paths listed in its thread. */
    private static Map<Integer, StatusMessage> statusMessages(BenchWorld world) {
        Map<String, Instant> completions = new HashMap<>();
        for (ApiCall call : world.slack.calls("chat.update")) {
            if (call.params().getOrDefault("text", "").contains(COMPLETED_EDIT)) {
                completions.putIfAbsent(
                        call.params().get("channel") + "/" + call.params().get("ts"), call.at());
            }
        }
        Map<Integer, StatusMessage> byRequest = new HashMap<>();
        for (String channel : world.channels()) {
            for (ChannelMessage message : world.slack.messages(channel)) {
                if (message.threadTs() != null || message.metadataJson() == null) {
                    continue;
                }
                int request = world.slack.thread(channel, message.ts()).stream()
                        .mapToInt(reply -> LoadWorkload.requestIn(reply.text() + " " + reply.blocksJson()))
                        .filter(number -> number >= 0)
                        .findFirst()
                        .orElse(-1);
                if (request >= 0) {
                    byRequest.put(
                            request,
                            new StatusMessage(
                                    channel,
                                    message.ts(),
                                    message.text(),
                                    Optional.ofNullable(completions.get(channel + "/" + message.ts()))));
                }
            }
        }
        return byRequest;
    }

    private static Map<Integer, Double> botTimes(Map<Integer, Instant> asked, Map<Integer, StatusMessage> statuses) {
        Map<Integer, Double> times = new HashMap<>();
        statuses.forEach((request, status) -> status.completedAt()
                .filter(at -> asked.containsKey(request))
                .ifPresent(at -> times.put(request, seconds(asked.get(request), at))));
        return times;
    }

    private static Side botSide(
            LoadWorkload workload, Map<Integer, Instant> asked, Map<Integer, StatusMessage> statuses) {
        List<Duration> times = new ArrayList<>();
        int completed = 0;
        int failed = 0;
        for (LoadWorkload.Request request : workload.requests()) {
            StatusMessage status = statuses.get(request.number());
            if (status != null && status.completedAt().isPresent() && asked.containsKey(request.number())) {
                completed++;
                times.add(Duration.between(
                        asked.get(request.number()), status.completedAt().get()));
            } else if (status != null && status.text().contains(FAILED)) {
                failed++;
            }
        }
        return new Side(completed, failed, workload.requests().size() - completed - failed, Percentiles.of(times));
    }

    private static Side referenceSide(
            LoadWorkload workload,
            List<String> distributionIds,
            PeerReference reference,
            Map<Integer, PeerReference.Outcome> outcomes,
            Map<Integer, Double> times) {
        List<Duration> durations = new ArrayList<>();
        int failed = 0;
        for (LoadWorkload.Request request : workload.requests()) {
            PeerReference.Outcome outcome = outcomes.get(request.number());
            if (outcome == null) {
                continue;
            }
            if (outcome.error().isPresent()) {
                failed++;
                continue;
            }
            Optional<Instant> completedAt = reference.completedAt(
                    distributionIds, outcome.invalidationId().get());
            completedAt.ifPresent(at -> {
                durations.add(Duration.between(outcome.sentAt(), at));
                times.put(request.number(), seconds(outcome.sentAt(), at));
            });
        }
        int completed = durations.size();
        return new Side(completed, failed, workload.requests().size() - completed - failed, Percentiles.of(durations));
    }

    /**
     * Request → the end of the last invalidation that held one of its paths, for each request whose every
     * invalidation completed: the workload's paths name their request ({@link LoadWorkload#requestIn}), whether they
     * went alone, with others or in batches.
     */
    private static Percentiles cleared(BenchWorld world, Map<Integer, Instant> asked) {
        Map<Integer, Instant> lastEnd = new HashMap<>();
        Set<Integer> open = new HashSet<>();
        Instant now = Instant.now();
        world.distributionIds().stream()
                .flatMap(id -> world.cloudFront.invalidations(id).stream())
                .forEach(invalidation -> invalidation.paths().stream()
                        .map(LoadWorkload::requestIn)
                        .distinct()
                        .forEach(request -> {
                            if (!invalidation.completedAt(now)) {
                                open.add(request);
                            } else {
                                lastEnd.merge(request, invalidation.completeTime(), (a, b) -> a.isAfter(b) ? a : b);
                            }
                        }));
        List<Duration> times = new ArrayList<>();
        lastEnd.forEach((request, end) -> {
            if (!open.contains(request) && asked.containsKey(request)) {
                times.add(Duration.between(asked.get(request), end));
            }
        });
        return Percentiles.of(times);
    }

    private static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toMillis() / 1000.0;
    }
}

package dev.invalidator.bench;

import dev.invalidator.cdn.CallerReference;
import dev.invalidator.sandbox.CloudFrontCall;
import dev.invalidator.sandbox.CloudFrontSimulator.Operation;
import dev.invalidator.sandbox.SimulatedInvalidation;
import dev.invalidator.sandbox.SlackSimulator.ApiCall;
import dev.invalidator.sandbox.SlackSimulator.Envelope;
import dev.invalidator.testing.Await;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Invalidations with CloudFront's completion times since April 2026 ({@code Plan.lagDelays}), created by the bot from
 * slash commands: for each, the time from CloudFront reporting it Completed (the first moment any
 * GetInvalidation or ListInvalidations could say so) to the bot's {@code chat.update} that says so, and the
 * CloudFront calls spent following them. In the same run the {@link WaiterReference} follows the same
 * invalidations the way {@code aws cloudfront wait invalidation-completed} does.
 */
final class CompletionLagScenario {

    /** How one way of following did: lag from Completed to noticing it, and CloudFront calls. */
    record Follower(Percentiles lagMillis, int calls, double callsPerInvalidation) {}

    /**
     * @param noticed      invalidations whose completion the bot wrote into their status message
     * @param lagRatio     waiter ÷ bot, of the median lags
     * @param callRatio    waiter ÷ bot, of the calls
     * @param waiterDelaySeconds the waiter's pause between calls
     */
    record Lag(
            int invalidations,
            int distributions,
            int noticed,
            Follower bot,
            Follower waiter,
            double lagRatio,
            double callRatio,
            double waiterDelaySeconds) {}

    private static final String COMPLETED_EDIT = ": completed in";
    private static final Duration PROGRESS_CHECK = Duration.ofMillis(500);

    private final Harness harness;
    private final Plan plan;

    CompletionLagScenario(Harness harness, Plan plan) {
        this.harness = harness;
        this.plan = plan;
    }

    @SuppressWarnings("try") // the bot is a resource only to be stopped: it works on its own, watched through Slack
    Lag run() {
        int count = plan.lagInvalidations();
        List<Duration> delays = plan.lagDelays();
        // This scenario measures completion → edit, not the limits: its burst of creates would be paced over minutes
        // (a minute's worth, then refused), and the waiter alone spends CloudFront's whole read rate. The load
        // scenario of issue 15 measures the bot under the real rates.
        try (BenchWorld world = new BenchWorld(plan.lagDistributions(), 5, 5, BenchWorld.Lift.CREATES_AND_READS);
                BotProcess bot = harness.startReady(world, "lag");
                WaiterReference waiter = new WaiterReference(
                        world.cloudFront,
                        world.distributionIds(),
                        plan.waiterDelay(),
                        plan.waiterMaxAttempts(),
                        count)) {
            world.cloudFront.completionDelay(paths -> delays.get(BenchWorld.commandOf(paths.get(0))));
            Instant begin = Instant.now();
            List<Envelope> sent = new ArrayList<>();
            for (int command = 0; command < count; command++) {
                sent.add(world.invalidate(command));
            }
            for (Envelope envelope : sent) {
                envelope.ack().get(30, TimeUnit.SECONDS);
            }
            waiter.followNew(count, Duration.ofSeconds(60));

            Duration patience = Collections.max(delays).plus(Duration.ofSeconds(60));
            List<SimulatedInvalidation> invalidations = invalidations(world);
            Map<String, Instant> edits = Await.until(
                    "the bot's completion edits",
                    patience,
                    PROGRESS_CHECK,
                    () -> completionEdits(world),
                    found -> found.size() >= invalidations.size());
            Map<String, WaiterReference.Detection> detections = waiter.detections(patience);

            List<Duration> botLags = new ArrayList<>();
            List<Duration> waiterLags = new ArrayList<>();
            int waiterCalls = 0;
            for (SimulatedInvalidation invalidation : invalidations) {
                Instant edited = edits.get(messageOf(invalidation));
                if (edited != null) {
                    botLags.add(Duration.between(invalidation.completeTime(), edited));
                }
                WaiterReference.Detection detection = detections.get(invalidation.id());
                if (detection != null) {
                    waiterLags.add(Duration.between(invalidation.completeTime(), detection.at()));
                    waiterCalls += detection.calls();
                }
            }
            int botCalls = followingCalls(world, begin) - waiterCalls;
            // Commands that came together may have gone as one invalidation: the invalidations are what is followed.
            int followed = invalidations.size();
            Follower botFollower = new Follower(Percentiles.of(botLags), botCalls, (double) botCalls / followed);
            Follower waiterFollower =
                    new Follower(Percentiles.of(waiterLags), waiterCalls, (double) waiterCalls / followed);
            return new Lag(
                    followed,
                    plan.lagDistributions(),
                    botLags.size(),
                    botFollower,
                    waiterFollower,
                    waiterFollower.lagMillis().p50() / botFollower.lagMillis().p50(),
                    (double) waiterCalls / botCalls,
                    plan.waiterDelay().toMillis() / 1000.0);
        } catch (Exception e) {
            throw new IllegalStateException("the completion-lag scenario failed", e);
        }
    }

    private static List<SimulatedInvalidation> invalidations(BenchWorld world) {
        return world.distributionIds().stream()
                .flatMap(id -> world.cloudFront.invalidations(id).stream())
                .toList();
    }

    /** The status message an invalidation belongs to, {@code channel/ts}, from its CallerReference. */
    private static String messageOf(SimulatedInvalidation invalidation) {
        CallerReference reference =
                CallerReference.decode(invalidation.callerReference()).orElseThrow();
        return reference.channel() + "/" + reference.messageTs();
    }

    /** The first edit of each status message that says completed, by {@code channel/ts}. */
    private static Map<String, Instant> completionEdits(BenchWorld world) {
        Map<String, Instant> edits = new HashMap<>();
        for (ApiCall call : world.slack.calls("chat.update")) {
            if (call.params().getOrDefault("text", "").contains(COMPLETED_EDIT)) {
                edits.putIfAbsent(
                        call.params().get("channel") + "/" + call.params().get("ts"), call.at());
            }
        }
        return edits;
    }

    /** Every CloudFront call since {@code begin} except the creates: what following costs. */
    private static int followingCalls(BenchWorld world, Instant begin) {
        return (int) world.cloudFront.recordedCalls().stream()
                .filter(call -> !call.time().isBefore(begin))
                .map(CloudFrontCall::operation)
                .filter(operation -> operation != Operation.CREATE_INVALIDATION)
                .count();
    }
}

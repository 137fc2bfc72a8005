package dev.invalidator.bench;

import dev.invalidator.sandbox.SlackLimits;
import dev.invalidator.sandbox.SlackSimulator.Ack;
import dev.invalidator.sandbox.SlackSimulator.Envelope;
import dev.invalidator.testing.Await;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Bursts of {@code /invalidate} sent as fast as the socket takes them, from several people in several channels to
 * several distributions: how long each waits for its ack, and whether every one became a status message and an
 * invalidation. Each burst size gets a fresh Slack, CloudFront and bot, warmed up first with {@code help} commands
 * (acked the same way, creating nothing), so a burst meets a bot that has been running, and so the account's 1,000
 * free paths of the month are never crossed — a request past them would wait for a Confirm click.
 */
final class AckLatencyScenario {

    /**
     * The result of one burst. A command the bot turned away (its worker queue full) is acked, with an apology, but
     * makes neither a status message nor an invalidation.
     *
     * @param sent the commands whose path reached CloudFront: commands that came together may share an invalidation
     */
    record Burst(int commands, Percentiles ackMillis, int acked, int statusMessages, int sent, double rssAfterMib) {}

    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration PROGRESS_CHECK = Duration.ofMillis(200);

    private final Harness harness;
    private final Plan plan;

    AckLatencyScenario(Harness harness, Plan plan) {
        this.harness = harness;
        this.plan = plan;
    }

    List<Burst> run() {
        List<Burst> bursts = new ArrayList<>();
        for (int size : plan.bursts()) {
            bursts.add(burst(size));
        }
        return bursts;
    }

    private Burst burst(int size) {
        // This scenario measures acks, and that every command becomes a status message and an invalidation: at
        // CloudFront's create rate a burst of 1,000 would take over half an hour to create. The load scenario of issue
        // 15 measures the bot under the real rates.
        try (BenchWorld world = new BenchWorld(
                        plan.burstDistributions(),
                        plan.burstUsers(),
                        plan.burstChannels(),
                        BenchWorld.Lift.CREATES_AND_READS);
                BotProcess bot = harness.startReady(world, "burst-" + size)) {
            // CloudFront takes minutes; keep completions out of the burst so only the commands are measured.
            world.cloudFront.holdCompletions(true);
            warmUp(world);

            List<Envelope> sent = new ArrayList<>(size);
            for (int command = 0; command < size; command++) {
                sent.add(world.invalidate(command));
            }
            List<Duration> latencies = new ArrayList<>(size);
            for (Envelope envelope : sent) {
                Ack ack = ackOf(envelope);
                if (ack != null) {
                    latencies.add(Duration.between(envelope.sentAt(), ack.receivedAt()));
                }
            }
            Counts counts = awaitCounts(world, size, plan.burstChannels());
            return new Burst(
                    size,
                    Percentiles.of(latencies),
                    latencies.size(),
                    counts.statusMessages(),
                    counts.sent(),
                    bot.rssMib());
        }
    }

    private void warmUp(BenchWorld world) {
        List<Envelope> sent = new ArrayList<>();
        for (int command = 0; command < plan.warmUpCommands(); command++) {
            sent.add(world.help(command));
        }
        sent.forEach(AckLatencyScenario::ackOf);
        Await.until(
                "answers to the warm-up commands",
                Duration.ofSeconds(60),
                PROGRESS_CHECK,
                world::privateAnswers,
                answered -> answered >= plan.warmUpCommands());
    }

    private static Ack ackOf(Envelope envelope) {
        try {
            return envelope.ack().get(ACK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception noAck) {
            return null;
        }
    }

    private record Counts(int statusMessages, int sent) {}

    /**
     * Waits (bounded) until {@code expected} status messages and invalidations exist; returns what there is. Slack
     * takes about one post a second per channel, so the bound grows with the posts each channel must take: half as
     * long again as Slack's own pace, and 30 s more.
     */
    private static Counts awaitCounts(BenchWorld world, int expected, int channels) {
        long atSlacksPace = (long) Math.ceil(expected / (channels * SlackLimits.POSTS_PER_SECOND_PER_CHANNEL));
        try {
            return Await.until(
                    "status messages and invalidations",
                    Duration.ofSeconds(30 + atSlacksPace * 3 / 2),
                    PROGRESS_CHECK,
                    () -> counts(world),
                    counts -> counts.statusMessages() >= expected && counts.sent() >= expected);
        } catch (AssertionError notAll) {
            return counts(world);
        }
    }

    private static Counts counts(BenchWorld world) {
        int statusMessages = (int) world.slack.calls("chat.postMessage").stream()
                .filter(call -> !call.params().containsKey("thread_ts"))
                .count();
        int sent = world.distributionIds().stream()
                .flatMap(id -> world.cloudFront.invalidations(id).stream())
                .mapToInt(invalidation -> invalidation.paths().size())
                .sum();
        return new Counts(statusMessages, sent);
    }
}

package dev.invalidator.bench;

import dev.invalidator.sandbox.SlackSimulator.Envelope;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * Process start → Socket Mode connection open (Slack has sent {@code hello}): the time a restarted bot is deaf.
 * Then the first command's ack, which shows the bot is not only connected but answering, and the resident memory
 * at hello. Each start is a new process against the same simulators, after the previous one has left Slack.
 */
final class StartupScenario {

    /** One start: milliseconds from process start to hello and to the first ack, and RSS at hello. */
    record Start(double helloMillis, double firstAckMillis, double rssAtHelloMib) {}

    /** The medians over all starts, and every start. */
    record Startup(double helloMillis, double firstAckMillis, double rssAtHelloMib, List<Start> starts) {}

    private final Harness harness;
    private final Plan plan;

    StartupScenario(Harness harness, Plan plan) {
        this.harness = harness;
        this.plan = plan;
    }

    Startup run() {
        List<Start> starts = new ArrayList<>();
        try (BenchWorld world = new BenchWorld(5, 1, 1)) {
            for (int i = 0; i < plan.starts(); i++) {
                starts.add(start(world, i));
                world.slack.awaitConnections(0, Harness.READY_TIMEOUT);
            }
        }
        return new Startup(
                median(starts, Start::helloMillis),
                median(starts, Start::firstAckMillis),
                median(starts, Start::rssAtHelloMib),
                starts);
    }

    private Start start(BenchWorld world, int number) {
        try (BotProcess bot = harness.start(world, "startup-" + number)) {
            Harness.awaitReady(world, bot);
            long hello = System.nanoTime();
            double rss = bot.rssMib();
            Envelope first = world.help(0);
            first.ack().get(Harness.READY_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            long firstAck = System.nanoTime();
            return new Start(millis(hello - bot.startedNanos()), millis(firstAck - bot.startedNanos()), rss);
        } catch (Exception e) {
            throw new IllegalStateException("start " + number + " failed", e);
        }
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }

    private static double median(List<Start> starts, ToDoubleFunction<Start> value) {
        List<Double> sorted = starts.stream()
                .map(value::applyAsDouble)
                .sorted(Comparator.naturalOrder())
                .toList();
        return sorted.get((sorted.size() - 1) / 2);
    }
}

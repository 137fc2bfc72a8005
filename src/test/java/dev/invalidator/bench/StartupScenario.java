package dev.invalidator.bench;

import dev.invalidator.sandbox.CloudFrontCall;
import dev.invalidator.sandbox.CloudFrontSimulator.Operation;
import dev.invalidator.sandbox.SlackSimulator.Envelope;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * Process start → Socket Mode connection open (Slack has sent {@code hello}): the time a restarted bot is deaf.
 * Then the first command's ack, which shows the bot is not only connected but answering, and the resident memory
 * at hello. Each start is a new process against the same simulators, after the previous one has left Slack.
 *
 * <p>The same again with a config of {@value #LARGE_DISTRIBUTIONS} distributions and {@value #LARGE_TENANTS} tenants
 * (issue 19), at CloudFront's real limits: the file loaded and checked, and then the CloudFront calls the bot made
 * before hello — none per target: it reads their details after connecting, within its read budget — and the calls
 * CloudFront throttled by the first ack.
 */
final class StartupScenario {

    static final int LARGE_DISTRIBUTIONS = 500;
    static final int LARGE_TENANTS = 2_000;

    /**
     * One start: milliseconds from process start to hello and to the first ack, RSS at hello, the CloudFront calls
     * made before hello and those CloudFront throttled by the first ack.
     */
    record Start(
            double helloMillis, double firstAckMillis, double rssAtHelloMib, int callsBeforeHello, int throttled) {}

    /** The medians over all starts, and every start; {@code large} the same with the large config. */
    record Startup(double helloMillis, double firstAckMillis, double rssAtHelloMib, List<Start> starts, Large large) {}

    /** Medians with the large config; the calls before hello and the throttled calls at their most. */
    record Large(double helloMillis, double firstAckMillis, int callsBeforeHello, int throttled, List<Start> starts) {}

    private final Harness harness;
    private final Plan plan;

    StartupScenario(Harness harness, Plan plan) {
        this.harness = harness;
        this.plan = plan;
    }

    Startup run() {
        List<Start> starts = starts(new BenchWorld(5, 1, 1), "startup-");
        List<Start> large = starts(
                new BenchWorld(LARGE_DISTRIBUTIONS, LARGE_TENANTS, 1, 1, BenchWorld.Lift.NOTHING), "startup-large-");
        return new Startup(
                median(starts, Start::helloMillis),
                median(starts, Start::firstAckMillis),
                median(starts, Start::rssAtHelloMib),
                starts,
                new Large(
                        median(large, Start::helloMillis),
                        median(large, Start::firstAckMillis),
                        large.stream().mapToInt(Start::callsBeforeHello).max().orElse(0),
                        large.stream().mapToInt(Start::throttled).max().orElse(0),
                        large));
    }

    private List<Start> starts(BenchWorld created, String name) {
        List<Start> starts = new ArrayList<>();
        try (BenchWorld world = created) {
            for (int i = 0; i < plan.starts(); i++) {
                starts.add(start(world, name + i));
                world.slack.awaitConnections(0, Harness.READY_TIMEOUT);
            }
        }
        return starts;
    }

    private Start start(BenchWorld world, String name) {
        int callsBefore = world.cloudFront.recordedCalls().size();
        int throttledBefore = throttled(world);
        try (BotProcess bot = harness.start(world, name)) {
            Harness.awaitReady(world, bot);
            long hello = System.nanoTime();
            Instant helloAt = Instant.now();
            double rss = bot.rssMib();
            Envelope first = world.help(0);
            first.ack().get(Harness.READY_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            long firstAck = System.nanoTime();
            List<CloudFrontCall> calls = world.cloudFront.recordedCalls();
            // The connection is seen open a little after hello: a call counted here may have followed it.
            int beforeHello = (int) calls.subList(callsBefore, calls.size()).stream()
                    .filter(call -> call.time().isBefore(helloAt))
                    .count();
            return new Start(
                    millis(hello - bot.startedNanos()),
                    millis(firstAck - bot.startedNanos()),
                    rss,
                    beforeHello,
                    throttled(world) - throttledBefore);
        } catch (Exception e) {
            throw new IllegalStateException("start " + name + " failed", e);
        }
    }

    private static int throttled(BenchWorld world) {
        return Arrays.stream(Operation.values())
                .mapToInt(world.cloudFront::throttledCalls)
                .sum();
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

package dev.invalidator.bench;

import dev.invalidator.cdn.CallerReference;
import dev.invalidator.sandbox.CloudFrontCall;
import dev.invalidator.testing.Await;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Many invalidations in flight at once over many distributions, none completing: what following them costs — the
 * CloudFront calls per minute, the bot's CPU and its resident memory.
 *
 * <p>They exist before the bot starts, as after a restart, and the bot finds them by their CallerReference. (Made
 * through slash commands instead, all but the first thousand paths of the month would wait for a Confirm click,
 * because they would be charged.) So the run also shows what a restart with that many in flight costs, before the
 * measured window of steady following begins.
 *
 * @see dev.invalidator.tracking.Tracker#recover
 */
final class ScaleScenario {

    /**
     * @param recoverySeconds   process start → the bot has found every invalidation in flight
     * @param recoveryCalls     CloudFront calls until then
     * @param callsPerMinute    CloudFront calls per minute during the window
     * @param distributionsPolled distributions the bot called CloudFront about during the window
     * @param cpuPercent        the bot's CPU time over the window's wall time (100 = one core busy)
     * @param rssMib            the largest resident set size seen during the window
     */
    record Scale(
            int inFlight,
            int distributions,
            double recoverySeconds,
            int recoveryCalls,
            double windowSeconds,
            double callsPerMinute,
            int distributionsPolled,
            double cpuPercent,
            double rssMib) {}

    static final String RECOVERED = "Recovery: ";
    private static final Duration SAMPLE_EVERY = Duration.ofSeconds(1);

    private final Harness harness;
    private final Plan plan;

    ScaleScenario(Harness harness, Plan plan) {
        this.harness = harness;
        this.plan = plan;
    }

    Scale run() {
        // This scenario measures CPU, memory and a restart's calls with 10,000 in flight, reads lifted in the simulator
        // and the bot's read budget alike: at the real rate the restart alone would take 42 minutes (a GetInvalidation
        // each at 4 a second), and RestartReadsEndToEndTest holds a restart to the real rate.
        try (BenchWorld world = new BenchWorld(plan.scaleDistributions(), 5, 5, BenchWorld.Lift.READS)) {
            seed(world);
            try (BotProcess bot = harness.startReady(world, "scale")) {
                Await.until(
                        "the bot's recovery",
                        Duration.ofMinutes(10),
                        SAMPLE_EVERY,
                        () -> bot.logged(RECOVERED),
                        Boolean::booleanValue);
                double recoverySeconds = (System.nanoTime() - bot.startedNanos()) / 1e9;
                int recoveryCalls = world.cloudFront.recordedCalls().size();
                // Measured time, not a wait for a condition: the polling settles, then a fixed window is measured.
                Thread.sleep(plan.scaleSettle().toMillis());

                Instant opened = Instant.now();
                long openedNanos = System.nanoTime();
                Duration cpuBefore = bot.cpuTime();
                double rss = 0;
                while (System.nanoTime() - openedNanos < plan.scaleWindow().toNanos()) {
                    Thread.sleep(SAMPLE_EVERY.toMillis());
                    rss = Math.max(rss, bot.rssMib());
                }
                Duration cpu = bot.cpuTime().minus(cpuBefore);
                double windowSeconds = (System.nanoTime() - openedNanos) / 1e9;
                List<CloudFrontCall> calls = world.cloudFront.recordedCalls().stream()
                        .filter(call -> !call.time().isBefore(opened))
                        .toList();
                int polled = (int) calls.stream()
                        .map(CloudFrontCall::distributionId)
                        .distinct()
                        .count();
                return new Scale(
                        plan.scaleInvalidations(),
                        plan.scaleDistributions(),
                        recoverySeconds,
                        recoveryCalls,
                        windowSeconds,
                        calls.size() * 60 / windowSeconds,
                        polled,
                        cpu.toNanos() / 1e9 / windowSeconds * 100,
                        rss);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** In flight, created over the last minutes, each with the reference the bot gives its status message's. */
    private void seed(BenchWorld world) {
        Instant now = Instant.now();
        int count = plan.scaleInvalidations();
        for (int i = 0; i < count; i++) {
            Instant created = now.minusMillis((count - i) * 10L);
            String ts = String.format("%d.%06d", created.getEpochSecond(), i);
            String reference = new CallerReference(world.channel(i), ts, world.user(i)).encode();
            world.cloudFront.seedInvalidation(
                    world.distributionId(i), List.of(BenchWorld.path(i)), created, false, reference);
        }
    }
}

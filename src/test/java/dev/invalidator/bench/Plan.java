package dev.invalidator.bench;

import dev.invalidator.sandbox.CompletionTimes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * How big each scenario is: the full benchmark of issue 8, or the smoke that CI runs to keep the harness working.
 *
 * @param starts                bot starts measured (the median is reported)
 * @param bursts                burst sizes, each against a fresh bot
 * @param burstDistributions    distributions, people and channels the bursts come from and go to
 * @param warmUpCommands        {@code help} commands a bot answers before its burst
 * @param lagDistributions      distributions the followed invalidations are spread over
 * @param lagDelays             the simulated completion time of each invalidation followed, by command number
 * @param waiterDelay           the reference waiter's pause between GetInvalidation calls (botocore: 20 s)
 * @param waiterMaxAttempts     the reference waiter's attempts (botocore: 30)
 * @param scaleInvalidations    invalidations in flight at once
 * @param scaleDistributions    distributions they are spread over
 * @param scaleSettle           pause after the bot has found them, so its polling has backed off to its ceiling
 * @param scaleWindow           how long the following is measured after that
 * @param load                  the load scenario's size
 */
record Plan(
        int starts,
        List<Integer> bursts,
        int burstDistributions,
        int burstUsers,
        int burstChannels,
        int warmUpCommands,
        int lagDistributions,
        List<Duration> lagDelays,
        Duration waiterDelay,
        int waiterMaxAttempts,
        int scaleInvalidations,
        int scaleDistributions,
        Duration scaleSettle,
        Duration scaleWindow,
        Load load) {

    /**
     * Issue 15's load: {@code requests} from {@code people} in {@code channels} on {@code distributions} of one
     * account, sent within {@code within}, a few of them of {@code manyFiles} files; results are read once every
     * request has settled or {@code patience} after the last was sent.
     */
    record Load(
            int requests,
            Duration within,
            int manyFiles,
            int distributions,
            int people,
            int channels,
            Duration patience) {}

    static Plan full() {
        return new Plan(
                5,
                List.of(1, 200, 1_000),
                5,
                10,
                3,
                200,
                5,
                since2026(100),
                Duration.ofSeconds(20),
                30,
                10_000,
                100,
                Duration.ofSeconds(10),
                Duration.ofSeconds(60),
                new Load(200, Duration.ofSeconds(60), 600, 5, 20, 3, Duration.ofMinutes(10)));
    }

    /** Every scenario at a size that takes seconds: for CI, which checks only that the counts add up. */
    static Plan smoke() {
        return new Plan(
                1,
                List.of(20),
                2,
                3,
                2,
                10,
                2,
                spread(6, Duration.ofSeconds(1), Duration.ofSeconds(3)),
                Duration.ofSeconds(1),
                30,
                100,
                5,
                Duration.ofSeconds(2),
                Duration.ofSeconds(3),
                new Load(20, Duration.ofSeconds(10), 120, 2, 4, 2, Duration.ofMinutes(3)));
    }

    int lagInvalidations() {
        return lagDelays.size();
    }

    /** CloudFront's completion times since April 2026 (median 8 s, P95 25 s), drawn with a fixed seed so runs compare. */
    private static List<Duration> since2026(int count) {
        Function<List<String>, Duration> draw = CompletionTimes.since2026(8);
        return IntStream.range(0, count).mapToObj(i -> draw.apply(List.of())).toList();
    }

    /** Evenly spread from the shortest to the longest, in an order fixed by a seed: seconds, not minutes, for CI. */
    private static List<Duration> spread(int count, Duration shortest, Duration longest) {
        long span = longest.toMillis() - shortest.toMillis();
        List<Duration> delays = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            delays.add(Duration.ofMillis(shortest.toMillis() + (count == 1 ? 0 : span * i / (count - 1))));
        }
        Collections.shuffle(delays, new Random(8));
        return List.copyOf(delays);
    }
}

package dev.invalidator.bench;

import java.time.Duration;
import java.util.List;

/**
 * How big each scenario is: the full benchmark of issue 8, or the smoke that CI runs to keep the harness working.
 *
 * @param starts                bot starts measured (the median is reported)
 * @param bursts                burst sizes, each against a fresh bot
 * @param burstDistributions    distributions, people and channels the bursts come from and go to
 * @param warmUpCommands        {@code help} commands a bot answers before its burst
 * @param lagInvalidations      invalidations followed to completion
 * @param lagDistributions      distributions they are spread over
 * @param lagShortest           the quickest simulated completion
 * @param lagLongest            the slowest simulated completion
 * @param waiterDelay           the reference waiter's pause between GetInvalidation calls (botocore: 20 s)
 * @param waiterMaxAttempts     the reference waiter's attempts (botocore: 30)
 * @param scaleInvalidations    invalidations in flight at once
 * @param scaleDistributions    distributions they are spread over
 * @param scaleSettle           pause after the bot has found them, so its polling has backed off to its ceiling
 * @param scaleWindow           how long the following is measured after that
 */
record Plan(
        int starts,
        List<Integer> bursts,
        int burstDistributions,
        int burstUsers,
        int burstChannels,
        int warmUpCommands,
        int lagInvalidations,
        int lagDistributions,
        Duration lagShortest,
        Duration lagLongest,
        Duration waiterDelay,
        int waiterMaxAttempts,
        int scaleInvalidations,
        int scaleDistributions,
        Duration scaleSettle,
        Duration scaleWindow) {

    static Plan full() {
        return new Plan(
                5,
                List.of(1, 200, 1_000),
                5,
                10,
                3,
                200,
                100,
                5,
                Duration.ofSeconds(5),
                Duration.ofSeconds(180),
                Duration.ofSeconds(20),
                30,
                10_000,
                100,
                Duration.ofSeconds(10),
                Duration.ofSeconds(60));
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
                6,
                2,
                Duration.ofSeconds(1),
                Duration.ofSeconds(3),
                Duration.ofSeconds(1),
                30,
                100,
                5,
                Duration.ofSeconds(2),
                Duration.ofSeconds(3));
    }
}

package dev.invalidator.flow;

import static dev.invalidator.testing.BotFixture.IMAGES;
import static dev.invalidator.testing.BotFixture.OPS;
import static dev.invalidator.testing.BotFixture.SHOP;
import static dev.invalidator.testing.BotFixture.WEB;
import static org.assertj.core.api.Assertions.assertThat;

import dev.invalidator.Bot;
import dev.invalidator.cdn.CallerReference;
import dev.invalidator.sandbox.CloudFrontSimulator.Operation;
import dev.invalidator.sandbox.SlackSimulator;
import dev.invalidator.testing.Await;
import dev.invalidator.testing.BotFixture;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A new instance picks up many invalidations in flight under CloudFront's real read rate, which nobody lifts here:
 * one ListInvalidations pass per distribution that recovery and this month's paths share, one GetInvalidation per
 * invalidation, every read in its turn.
 */
class RestartReadsEndToEndTest {

    private static final int PER_DISTRIBUTION = 16;
    private static final List<String> DISTRIBUTIONS = List.of(WEB, IMAGES, SHOP);
    /** No poll within the test, so that every ListInvalidations it counts is start-up's. */
    private static final String NOT_POLLING_YET =
            BotFixture.CONFIG.replace("initialInterval: 50ms", "initialInterval: 5m");

    private final BotFixture world = new BotFixture();

    @AfterEach
    void stop() {
        world.close();
    }

    @Test
    void reads_each_page_and_each_invalidation_once_and_is_never_throttled() {
        long ts = Instant.now().getEpochSecond();
        int sequence = 0;
        for (String distributionId : DISTRIBUTIONS) {
            for (int i = 0; i < PER_DISTRIBUTION; i++) {
                String reference = new CallerReference(
                                OPS, ts + "." + String.format("%06d", ++sequence), SlackSimulator.ALICE)
                        .encode();
                world.cloudFront.simulator.seedInvalidation(
                        distributionId, List.of("/page-" + i + ".html"), Instant.now(), false, reference);
            }
        }
        int inFlight = DISTRIBUTIONS.size() * PER_DISTRIBUTION;

        Bot bot = world.startBot(BotFixture.config(NOT_POLLING_YET));

        Await.until("every invalidation to be followed again", () -> bot.inFlight() == inFlight);
        assertThat(world.cloudFront.simulator.calls(Operation.LIST_INVALIDATIONS))
                .as("one page of each distribution's invalidations, listed once")
                .isEqualTo(DISTRIBUTIONS.size());
        assertThat(world.cloudFront.simulator.calls(Operation.GET_INVALIDATION))
                .as("each invalidation read once, for recovery and this month's paths alike")
                .isEqualTo(inFlight);
        for (Operation operation : Operation.values()) {
            assertThat(world.cloudFront.simulator.throttledCalls(operation))
                    .as(operation + " answered Throttling")
                    .isZero();
        }
    }
}

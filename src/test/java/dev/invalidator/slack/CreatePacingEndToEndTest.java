package dev.invalidator.slack;

import static dev.invalidator.testing.BotFixture.CAROL;
import static dev.invalidator.testing.BotFixture.DAVE;
import static dev.invalidator.testing.BotFixture.OPS;
import static dev.invalidator.testing.BotFixture.WEB;
import static org.assertj.core.api.Assertions.assertThat;

import dev.invalidator.sandbox.CloudFrontSimulator.Operation;
import dev.invalidator.sandbox.SlackSimulator;
import dev.invalidator.testing.Await;
import dev.invalidator.testing.BotFixture;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A burst of requests against CloudFront's real create rate (the simulator's default: 0.5 a second per account,
 * bursts of 5): the bot paces itself, so every request goes through in its turn — those that waited together — and none
 * is answered "Rate exceeded".
 */
class CreatePacingEndToEndTest {

    private static final List<String> PEOPLE = List.of(SlackSimulator.ALICE, SlackSimulator.BOB, CAROL, DAVE);
    private static final int REQUESTS = 8;

    private BotFixture world;

    @BeforeEach
    void start() {
        world = new BotFixture();
        world.startBot();
    }

    @AfterEach
    void stop() {
        world.close();
    }

    @Test
    void a_burst_beyond_the_accounts_rate_is_created_in_turn_without_a_throttled_call() {
        IntStream.range(0, REQUESTS)
                .forEach(i -> world.type(PEOPLE.get(i % PEOPLE.size()), OPS, "web /page-" + i + ".html"));

        Await.until(
                "every request to be in progress",
                () -> world.slack.messages(OPS).stream()
                                .filter(message -> message.text().endsWith(": in progress"))
                                .count()
                        == REQUESTS);

        // Those that waited for a turn went together: fewer invalidations, every path in one of them, once.
        assertThat(world.cloudFront.simulator.invalidations(WEB).stream()
                        .flatMap(invalidation -> invalidation.paths().stream()))
                .containsExactlyInAnyOrderElementsOf(IntStream.range(0, REQUESTS)
                        .mapToObj(i -> "/page-" + i + ".html")
                        .toList());
        assertThat(world.slack.messages(OPS))
                .noneMatch(message -> message.text().contains("failed"));
        assertThat(world.cloudFront.simulator.throttledCalls(Operation.CREATE_INVALIDATION))
                .isZero();
    }
}

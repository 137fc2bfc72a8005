package dev.invalidator.slack;

import static dev.invalidator.testing.BotFixture.OPS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.invalidator.sandbox.SlackSimulator;
import dev.invalidator.testing.BotFixture;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Socket Mode connection comes back after the drops and refusals Slack may answer with. */
class ReconnectEndToEndTest {

    /**
     * The client's session monitor looks every 5 s and waits 10 s after a failed reconnect: two rounds and a margin.
     */
    private static final Duration TWO_ROUNDS = Duration.ofSeconds(60);

    private final BotFixture world = new BotFixture();

    @AfterEach
    void stop() {
        world.close();
    }

    @Test
    void reconnects_after_apps_connections_open_answers_ok_false_once() {
        world.startBot();
        world.slack.failNext("apps.connections.open", "internal_error", 1);

        world.slack.dropAllConnections();
        world.slack.awaitConnections(0, TWO_ROUNDS);

        world.slack.awaitConnections(1, TWO_ROUNDS);
        assertThat(world.type(SlackSimulator.ALICE, OPS, "help").ack()).isCompleted();
    }
}

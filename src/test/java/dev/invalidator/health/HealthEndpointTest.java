package dev.invalidator.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invalidator.Bot;
import dev.invalidator.sandbox.CallHold;
import dev.invalidator.testing.Await;
import dev.invalidator.testing.BotFixture;
import dev.invalidator.testing.HealthProbe;
import dev.invalidator.testing.HealthProbe.Answer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The health endpoint of a running bot, over HTTP, while the simulator's Socket Mode connection drops and returns. */
class HealthEndpointTest {

    /** The client's session monitor looks every 5 s, from 5 s after the client was built. */
    private static final Duration MONITOR = Duration.ofSeconds(30);

    private static final String HEALTHY = "{\"status\":\"ok\",\"slack\":\"connected\",\"cloudfront\":\"ok\"}";

    private final BotFixture world = new BotFixture();
    private HealthServer server;
    private HealthProbe probe;

    @BeforeEach
    void start() {
        server = HealthServer.listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        probe = new HealthProbe(server.port());
        Bot bot = world.startBot();
        server.report(bot::health);
    }

    @AfterEach
    void stop() {
        server.close();
        world.close();
    }

    @Test
    void answers_200_while_connected_503_while_the_socket_is_down_and_200_again_after_the_reconnect() {
        // The simulator counts the connection when it accepts it; the client's side opens a moment later.
        Await.until("healthy once connected", () -> probe.get(HealthServer.PATH).equals(new Answer(200, HEALTHY)));

        // The client's reconnect waits in the simulator, so the bot stays disconnected until the test lets it go on.
        CallHold reconnect = world.slack.holdNext("apps.connections.open", CallHold.Point.BEFORE_COMMIT);
        world.slack.dropAllConnections();
        reconnect.awaitReached(MONITOR);

        assertThat(probe.get(HealthServer.PATH))
                .isEqualTo(
                        new Answer(503, "{\"status\":\"unhealthy\",\"slack\":\"disconnected\",\"cloudfront\":\"ok\"}"));

        reconnect.release();
        world.slack.awaitConnections(1, MONITOR);
        Await.until("healthy again", () -> probe.get(HealthServer.PATH).equals(new Answer(200, HEALTHY)));
    }
}

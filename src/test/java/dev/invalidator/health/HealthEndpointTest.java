package dev.invalidator.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.invalidator.Bot;
import dev.invalidator.sandbox.CallHold;
import dev.invalidator.sandbox.CloudFrontSimulator.Operation;
import dev.invalidator.sandbox.SlackSimulator;
import dev.invalidator.testing.Await;
import dev.invalidator.testing.BotFixture;
import dev.invalidator.testing.HealthProbe;
import dev.invalidator.testing.HealthProbe.Answer;
import dev.invalidator.testing.MutableClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The health endpoint of a running bot, over HTTP: what restarts it (liveness) and what only says it is not ready
 * (readiness), while the Socket Mode connection drops, the session monitor hangs, or CloudFront refuses one
 * distribution.
 */
class HealthEndpointTest {

    /** The client's session monitor looks every 5 s, from 5 s after the client was built. */
    private static final Duration MONITOR = Duration.ofSeconds(30);

    private static final String GONE = "E9GONEEXAMPLE";

    /**
     * The bot's distributions, one CloudFront no longer has (deleted, or in an account the bot lost), and one whose
     * role can't be assumed: the simulators speak no STS, so AssumeRole is refused, as for a role whose trust policy no
     * longer names the bot.
     */
    private static final String WITH_BROKEN_DISTRIBUTIONS = BotFixture.CONFIG.replace("""
            polling:
            """, """
              legacy:
                id: E9GONEEXAMPLE
                channels: [C0OPS]
                users: ["*"]
              partner:
                id: E4PARTNEREXAMPLE
                channels: [C0OPS]
                users: ["*"]
                roleArn: arn:aws:iam::111122223333:role/invalidator
            polling:
            """);

    private final BotFixture world = new BotFixture();
    private HealthServer server;
    private HealthProbe probe;
    private Bot bot;

    @BeforeEach
    void listen() {
        server = HealthServer.listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        probe = new HealthProbe(server.port());
    }

    @AfterEach
    void stop() {
        server.close();
        world.close();
    }

    private void start(Clock clock) {
        bot = world.startBot(BotFixture.config(WITH_BROKEN_DISTRIBUTIONS), clock);
        server.report(bot::liveness, bot::readiness);
    }

    private static JsonNode json(Answer answer) {
        try {
            return new ObjectMapper().readTree(answer.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void ready_answers_503_while_the_socket_is_down_and_200_after_the_reconnect_while_live_stays_200() {
        start(Clock.systemUTC());
        // The simulator counts the connection when it accepts it; the client's side opens a moment later.
        Await.until("ready once connected", () -> probe.get(HealthServer.READY).status() == 200);

        // The client's reconnect waits in the simulator, so the bot stays disconnected until the test lets it go on.
        CallHold reconnect = world.slack.holdNext("apps.connections.open", CallHold.Point.BEFORE_COMMIT);
        world.slack.dropAllConnections();
        reconnect.awaitReached(MONITOR);

        Answer down = probe.get(HealthServer.READY);
        assertThat(down.status()).isEqualTo(503);
        assertThat(json(down).path("slack").asText()).isEqualTo("disconnected");
        assertThat(probe.get(HealthServer.LIVE))
                .as("nothing a restart would mend")
                .isEqualTo(new Answer(200, "{\"status\":\"ok\"}"));

        reconnect.release();
        world.slack.awaitConnections(1, MONITOR);
        Await.until("ready again", () -> probe.get(HealthServer.READY).status() == 200);
    }

    @Test
    void distributions_cloudfront_refuses_leave_the_bot_live_and_ready_and_are_named_in_the_body() {
        start(Clock.systemUTC());
        world.type(SlackSimulator.ALICE, BotFixture.OPS, "status legacy");
        Await.until(
                "the status query reached CloudFront",
                () -> world.cloudFront.simulator.calls(Operation.LIST_INVALIDATIONS, GONE) > 0);
        Await.until("the bot is idle", bot::idle);

        Answer alias = probe.get("/health");
        assertThat(alias.status()).as("/health: %s", alias.body()).isEqualTo(200);
        assertThat(probe.get("/health/live").status()).as("/health/live").isEqualTo(200);
        Answer ready = probe.get("/health/ready");
        assertThat(ready).as("/health, the same as /health/ready").isEqualTo(alias);
        JsonNode distributions = json(ready).path("distributions");
        assertThat(distributions.path("web").path("cloudfront").asText()).isEqualTo("ok");
        assertThat(distributions.path("legacy").path("id").asText()).isEqualTo(GONE);
        assertThat(distributions.path("legacy").path("cloudfront").asText()).isEqualTo("failing");
        assertThat(distributions.path("legacy").path("error").asText()).isEqualTo("no_such_distribution");
        assertThat(distributions.path("partner").path("cloudfront").asText()).isEqualTo("failing");
        assertThat(distributions.path("partner").path("error").asText()).isEqualTo("access_denied");
    }

    @Test
    void live_answers_503_once_the_session_monitor_has_hung_for_a_minute_and_200_once_it_checks_again() {
        MutableClock clock = new MutableClock(Instant.now());
        start(clock);
        Await.until("ready once connected", () -> probe.get(HealthServer.READY).status() == 200);
        // The monitor's reconnect waits in the simulator: it hangs there until the test lets it go on.
        CallHold reconnect = world.slack.holdNext("apps.connections.open", CallHold.Point.BEFORE_COMMIT);
        world.slack.dropAllConnections();
        reconnect.awaitReached(MONITOR);
        assertThat(probe.get(HealthServer.LIVE).status())
                .as("hanging for no time yet")
                .isEqualTo(200);

        clock.advance(Duration.ofSeconds(61));

        assertThat(probe.get(HealthServer.LIVE))
                .isEqualTo(new Answer(
                        503,
                        "{\"status\":\"stuck\",\"error\":\"the Socket Mode session monitor has not checked the"
                                + " connection for 61 s, so nothing reconnects it when it drops\"}"));
        reconnect.release();
        Await.until("live again", () -> probe.get(HealthServer.LIVE).status() == 200);
    }
}

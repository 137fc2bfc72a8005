package dev.invalidator.sandbox;

import static dev.invalidator.sandbox.SlackSimulator.ALICE;
import static dev.invalidator.sandbox.SlackSimulator.GENERAL;
import static org.assertj.core.api.Assertions.assertThat;

import dev.invalidator.sandbox.SlackSimulator.Ack;
import dev.invalidator.sandbox.SlackSimulator.Envelope;
import dev.invalidator.testing.Await;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** How Bolt's Socket Mode client (Java-WebSocket backend) copes with disconnects, drops and replicas. */
class SlackReconnectTest {

    /** The client's session monitor checks every 5 s, starting 5 s after the client is built. */
    private static final Duration MONITOR = Duration.ofSeconds(20);

    private SlackSimulator sim;
    private final List<SlackBolt> bolts = new ArrayList<>();

    @BeforeEach
    void start() {
        sim = SlackSimulator.start();
    }

    @AfterEach
    void stop() {
        bolts.forEach(SlackBolt::close);
        sim.close();
    }

    private SlackBolt connectedApp(AtomicInteger handled) throws Exception {
        SlackBolt bolt = new SlackBolt(sim);
        bolts.add(bolt);
        bolt.app.command("/invalidate", (req, ctx) -> {
            handled.incrementAndGet();
            return ctx.ack();
        });
        return bolt.start(sim);
    }

    private Ack commandAcked() throws Exception {
        Envelope envelope = sim.slashCommand(ALICE, GENERAL, "/invalidate", "web /");
        return envelope.ack().get(10, TimeUnit.SECONDS);
    }

    @Test
    void a_disconnect_message_makes_the_client_open_a_new_connection() throws Exception {
        connectedApp(new AtomicInteger());
        sim.awaitConnections(1, Duration.ofSeconds(10));
        int opensBefore = sim.calls("apps.connections.open").size();

        sim.disconnectAll("refresh_requested");

        Await.until(
                "a new connection is requested",
                () -> sim.calls("apps.connections.open").size() > opensBefore);
        sim.awaitConnections(1, Duration.ofSeconds(10));
        assertThat(sim.calls("apps.connections.open")).hasSize(opensBefore + 1);
        assertThat(commandAcked()).isNotNull();
    }

    @Test
    void pings_are_answered_and_an_abrupt_drop_is_noticed_by_the_session_monitor() throws Exception {
        connectedApp(new AtomicInteger());
        sim.awaitConnections(1, Duration.ofSeconds(10));
        int opensBefore = sim.calls("apps.connections.open").size();

        Await.until("the session monitor pings", MONITOR, () -> sim.pingsReceived() > 0);
        assertThat(commandAcked()).isNotNull();
        assertThat(sim.calls("apps.connections.open"))
                .as("pong received: no reconnect")
                .hasSize(opensBefore);

        sim.dropAllConnections();
        assertThat(sim.openConnections()).isZero();
        sim.awaitConnections(1, MONITOR);
        assertThat(sim.calls("apps.connections.open")).hasSize(opensBefore + 1);
        assertThat(commandAcked()).isNotNull();
    }

    @Test
    void with_two_replicas_each_envelope_is_acked_exactly_once() throws Exception {
        AtomicInteger first = new AtomicInteger();
        AtomicInteger second = new AtomicInteger();
        connectedApp(first);
        connectedApp(second);
        sim.awaitConnections(2, Duration.ofSeconds(10));

        List<Envelope> envelopes = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            envelopes.add(sim.slashCommand(ALICE, GENERAL, "/invalidate", "web /" + i));
        }
        for (Envelope e : envelopes) {
            e.ack().get(10, TimeUnit.SECONDS);
        }

        assertThat(sim.acks())
                .extracting(Ack::envelopeId)
                .containsExactlyInAnyOrderElementsOf(
                        envelopes.stream().map(Envelope::envelopeId).toList());
        assertThat(first.get() + second.get()).isEqualTo(10);
        assertThat(first.get()).as("round robin").isEqualTo(5);
    }
}

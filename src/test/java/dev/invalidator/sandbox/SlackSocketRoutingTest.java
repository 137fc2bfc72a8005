package dev.invalidator.sandbox;

import static dev.invalidator.sandbox.SlackSimulator.ALICE;
import static dev.invalidator.sandbox.SlackSimulator.GENERAL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An app with several Socket Mode connections gets each envelope on one of them; a test can choose which, so that a
 * click reaches the instance that did not ask.
 */
class SlackSocketRoutingTest {

    private static final Duration CONNECT = Duration.ofSeconds(10);

    private final Queue<String> handledBy = new ConcurrentLinkedQueue<>();
    private SlackSimulator sim;
    private SlackBolt first;
    private SlackBolt second;

    @BeforeEach
    void start() throws Exception {
        sim = SlackSimulator.start();
        first = instance("first", 1);
        second = instance("second", 2);
    }

    @AfterEach
    void stop() {
        if (first != null) {
            first.close();
        }
        second.close();
        sim.close();
    }

    private SlackBolt instance(String name, int connections) throws Exception {
        SlackBolt bolt = new SlackBolt(sim);
        bolt.app.command("/invalidate", (request, context) -> {
            handledBy.add(name);
            return context.ack();
        });
        bolt.start(sim);
        sim.awaitConnections(connections, CONNECT);
        return bolt;
    }

    private void command() throws Exception {
        sim.slashCommand(ALICE, GENERAL, "/invalidate", "web /").ack().get(10, TimeUnit.SECONDS);
    }

    @Test
    void connections_are_numbered_in_the_order_they_opened() {
        assertThat(sim.connections()).containsExactly(1, 2);
    }

    @Test
    void every_envelope_goes_to_the_chosen_connection_until_the_routing_is_set_again() throws Exception {
        sim.deliverTo(2);
        command();
        command();
        sim.deliverTo(1);
        command();
        sim.routing(SlackSimulator.Routing.ROUND_ROBIN);
        command();
        command();

        List<String> handled = List.copyOf(handledBy);
        assertThat(handled.subList(0, 3)).containsExactly("second", "second", "first");
        assertThat(handled.subList(3, 5)).containsExactlyInAnyOrder("first", "second");
    }

    @Test
    void a_chosen_connection_that_closed_fails_the_delivery_instead_of_choosing_another() throws Exception {
        sim.deliverTo(1);
        first.close();
        first = null;
        sim.awaitConnections(1, CONNECT);

        assertThatThrownBy(this::command)
                .isInstanceOf(ExecutionException.class)
                .hasMessageContaining("dispatch_failed");
        assertThat(handledBy).isEmpty();
    }
}

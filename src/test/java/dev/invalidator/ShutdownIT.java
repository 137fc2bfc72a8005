package dev.invalidator;

import static dev.invalidator.sandbox.SlackSimulator.ALICE;
import static dev.invalidator.testing.BotFixture.OPS;
import static dev.invalidator.testing.BotFixture.WEB;
import static org.assertj.core.api.Assertions.assertThat;

import dev.invalidator.sandbox.CallHold;
import dev.invalidator.sandbox.CloudFrontSimulator.Operation;
import dev.invalidator.sandbox.SlackSimulator.ChannelMessage;
import dev.invalidator.testing.Await;
import dev.invalidator.testing.BotFixture;
import dev.invalidator.testing.BotProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM, as a container engine sends it: the bot lets go of Slack first (no new commands), finishes the create it
 * has in hand, and exits (143, as any JVM stopped by SIGTERM); the next start follows what it created to the end.
 */
class ShutdownIT {

    private final BotFixture world = new BotFixture();
    private BotProcess first;
    private BotProcess second;
    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        for (BotProcess bot : new BotProcess[] {first, second}) {
            if (bot != null) {
                bot.close();
            }
        }
        world.close();
    }

    @Test
    void sigterm_stops_taking_commands_finishes_the_create_in_flight_and_exits() {
        first = BotProcess.startConnected(world, dir, BotFixture.CONFIG);
        CallHold creating = world.cloudFront.simulator.holdNext(Operation.CREATE_INVALIDATION,
                CallHold.Point.BEFORE_COMMIT);
        world.type(ALICE, OPS, "web /index.html");
        creating.awaitReached(Duration.ofSeconds(30));

        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(first::terminate);
        world.slack.awaitConnections(0, Duration.ofSeconds(30));
        assertThat(first.isAlive()).as("still finishing the create in hand").isTrue();
        creating.release();

        assertThat(exit.join()).as("exit status").isEqualTo(BotProcess.EXIT_ON_SIGTERM);
        ChannelMessage status = onlyStatusMessage();
        assertThat(status.text()).endsWith(": in progress");
        assertThat(world.cloudFront.simulator.invalidations(WEB)).hasSize(1);

        second = BotProcess.startConnected(world, dir, BotFixture.CONFIG);
        world.cloudFront.simulator.complete(world.cloudFront.simulator.invalidations(WEB).get(0).id());
        world.awaitMessage(OPS, message -> message.text().contains(": completed"), "the completed status");
        Await.until("the completion notice", () -> world.slack.thread(OPS, status.ts()).stream()
                .anyMatch(reply -> reply.text().contains("(" + world.cloudFront.simulator.invalidations(WEB).get(0).id()
                        + ")")));
    }

    private ChannelMessage onlyStatusMessage() {
        assertThat(world.slack.messages(OPS)).hasSize(1);
        return world.slack.messages(OPS).get(0);
    }
}

package dev.invalidator;

import static dev.invalidator.sandbox.SlackSimulator.ALICE;
import static dev.invalidator.testing.BotFixture.OPS;
import static dev.invalidator.testing.BotFixture.WEB;
import static org.assertj.core.api.Assertions.assertThat;

import dev.invalidator.sandbox.SimulatedInvalidation;
import dev.invalidator.sandbox.SlackSimulator.ChannelMessage;
import dev.invalidator.sandbox.SlackSimulator.Routing;
import dev.invalidator.testing.Await;
import dev.invalidator.testing.BotFixture;
import dev.invalidator.testing.BotLogsOnFailure;
import dev.invalidator.testing.BotProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several instances of the bot (real jar processes) on one Slack app, as a Deployment with replicas runs them: Slack
 * hands each command to one of them; one is killed mid-flight and replaced. Nothing may happen twice.
 */
@ExtendWith(BotLogsOnFailure.class)
class ReplicasIT {

    private static final int COMMANDS = 4;

    private final BotFixture world = new BotFixture();
    private final List<BotProcess> replicas = new ArrayList<>();

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        replicas.forEach(BotProcess::close);
        world.close();
    }

    private BotProcess startReplica() {
        BotProcess replica = BotProcess.startConnected(world, dir, BotFixture.CONFIG);
        replicas.add(replica);
        return replica;
    }

    @Test
    void one_replica_killed_mid_flight_and_replaced_each_request_ends_once() {
        world.slack.routing(Routing.ROUND_ROBIN);
        BotProcess doomed = startReplica();
        startReplica();
        for (int i = 1; i <= COMMANDS; i++) {
            world.type(ALICE, OPS, "web /page-" + i + ".html");
        }
        Await.until(
                "every request in progress",
                () -> world.slack.messages(OPS).stream()
                                .filter(message -> message.text().endsWith(": in progress"))
                                .count()
                        == COMMANDS);

        doomed.kill();
        startReplica();
        Await.until(
                "the replacement has adopted every invalidation in flight",
                () -> world.slack.calls("conversations.history").size() >= 3);
        world.cloudFront
                .simulator
                .invalidations(WEB)
                .forEach(invalidation -> world.cloudFront.simulator.complete(invalidation.id()));

        // The replacement starts a JVM, connects, reads what is in flight and polls within CloudFront's read rate,
        // which the survivor shares; its edits wait their turn at Slack's ~50 a minute with the survivor's.
        Await.until(
                "every status message completed",
                Duration.ofSeconds(60),
                () -> world.slack.messages(OPS).stream()
                                .filter(message -> message.text().contains(": completed"))
                                .count()
                        == COMMANDS);
        // Requests one replica queued (its turn, CloudFront's answer) may have gone together: each path once.
        assertThat(world.cloudFront.simulator.invalidations(WEB).stream()
                        .flatMap(invalidation -> invalidation.paths().stream()))
                .as("paths invalidated")
                .containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, COMMANDS)
                        .mapToObj(i -> "/page-" + i + ".html")
                        .toList());
        Await.until(
                "a notice under every status message",
                () -> world.slack.messages(OPS).stream().allMatch(status -> completionNotices(status) >= 1));
        // The survivor reports its own requests; the replacement adopted all of them and looks at every thread.
        Await.until(
                "every follower looked at the threads",
                () -> world.slack.calls("conversations.replies").size() >= COMMANDS + COMMANDS / 2);
        for (ChannelMessage status : world.slack.messages(OPS)) {
            assertThat(completionNotices(status))
                    .as("completion notices under " + status.text())
                    .isEqualTo(1);
        }
    }

    @Test
    void two_live_replicas_following_one_invalidation_post_one_notice() {
        startReplica();
        world.type(ALICE, OPS, "web /index.html");
        world.awaitMessage(OPS, message -> message.text().endsWith(": in progress"), "the invalidation in progress");
        startReplica();
        Await.until(
                "the second replica follows it too",
                () -> world.slack.calls("conversations.history").size() >= 2);
        SimulatedInvalidation invalidation =
                world.cloudFront.simulator.invalidations(WEB).get(0);
        Await.until(
                "both replicas poll the distribution",
                () -> world.cloudFront.simulator.recordedCalls().stream()
                                .filter(call -> WEB.equals(call.distributionId()))
                                .count()
                        >= 4);

        world.cloudFront.simulator.complete(invalidation.id());

        ChannelMessage completed =
                world.awaitMessage(OPS, message -> message.text().contains(": completed"), "the completed status");
        Await.until("a notice in the thread", () -> completionNotices(completed) >= 1);
        Await.until(
                "both replicas looked at the thread before replying",
                () -> world.slack.calls("conversations.replies").size() >= 2);
        assertThat(completionNotices(completed)).as("completion notices").isEqualTo(1);
    }

    @Test
    void two_replicas_with_queued_requests_send_each_once() {
        world.slack.routing(Routing.ROUND_ROBIN);
        startReplica();
        startReplica();
        world.type(ALICE, OPS, "web " + BotFixture.FIFTEEN_WILDCARDS);
        world.awaitInvalidation(WEB);
        for (int i = 1; i <= COMMANDS; i++) {
            world.type(ALICE, OPS, "web /late-" + i + "/*");
        }
        Await.until(
                "every late request queued behind the wildcards in progress",
                () -> world.slack.messages(OPS).stream()
                                .filter(message -> message.text().contains("⏳ Queued"))
                                .count()
                        == COMMANDS);

        Await.until("every request completed", Duration.ofMinutes(2), () -> {
            world.cloudFront.simulator.invalidations(WEB).stream()
                    .filter(invalidation -> !invalidation.completedAt(Instant.now()))
                    .forEach(invalidation -> world.cloudFront.simulator.complete(invalidation.id()));
            return world.slack.messages(OPS).stream()
                            .filter(message -> message.text().contains(": completed"))
                            .count()
                    == COMMANDS + 1;
        });
        for (int i = 1; i <= COMMANDS; i++) {
            String path = "/late-" + i + "/*";
            assertThat(world.cloudFront.simulator.invalidations(WEB))
                    .as("invalidations of " + path)
                    .filteredOn(invalidation -> invalidation.paths().contains(path))
                    .hasSize(1);
        }
    }

    private int completionNotices(ChannelMessage status) {
        return (int) world.slack.thread(OPS, status.ts()).stream()
                .filter(reply -> world.cloudFront.simulator.invalidations(WEB).stream()
                        .anyMatch(invalidation -> reply.text().contains("(" + invalidation.id() + ")")))
                .count();
    }
}

package dev.invalidator.flow;

import static dev.invalidator.testing.BotFixture.CAROL;
import static dev.invalidator.testing.BotFixture.DAVE;
import static dev.invalidator.testing.BotFixture.IMAGES;
import static dev.invalidator.testing.BotFixture.OPS;
import static dev.invalidator.testing.BotFixture.WEB;
import static org.assertj.core.api.Assertions.assertThat;

import dev.invalidator.chat.StatusCard;
import dev.invalidator.sandbox.SimulatedInvalidation;
import dev.invalidator.sandbox.SlackSimulator;
import dev.invalidator.testing.Await;
import dev.invalidator.testing.BotFixture;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Slack calls a request costs when it leaves the queue, against the simulators' default limits — Slack's (about 50
 * reads and 50 edits a minute in a workspace, a post a second in a channel) and CloudFront's: a create waits for no
 * Slack call of the one before it, and the queued requests of a channel are read back together.
 */
class SlackCallsPerRequestEndToEndTest {

    private static final List<String> PEOPLE = List.of(SlackSimulator.ALICE, SlackSimulator.BOB, CAROL, DAVE);

    private final BotFixture world = new BotFixture();

    @AfterEach
    void stop() {
        world.close();
    }

    @Test
    void a_create_waits_for_none_of_the_slack_calls_of_the_create_before_it() {
        world.startBot();
        // Another tool's fifteen wildcards in progress on each distribution, which the bot doesn't follow: CloudFront
        // refuses both requests, which wait 20 s (CreateQueue.RETRY_WHEN_FULL) and then go one right after the other.
        List<SimulatedInvalidation> others = List.of(WEB, IMAGES).stream()
                .map(distribution -> world.cloudFront.simulator.seedInvalidation(
                        distribution, List.of(BotFixture.FIFTEEN_WILDCARDS.split(" ")), Instant.now(), false, null))
                .toList();
        world.type(SlackSimulator.BOB, OPS, "web /late/*");
        world.type(SlackSimulator.ALICE, OPS, "images /late/*");
        Await.until("both requests queued, their paths kept", Duration.ofSeconds(60), () -> queuedWithPathsKept() == 2);
        others.forEach(other -> world.cloudFront.simulator.complete(other.id()));
        // Slack makes the channel's next post wait 20 s: the first reply after a create waits for it.
        world.slack.rateLimit("chat.postMessage", 1, 20);

        Instant web = createdAt(WEB);
        Instant images = createdAt(IMAGES);

        assertThat(Duration.between(web, images).abs())
                .as("the time between the two creates, both free to go within a few seconds of each other")
                .isLessThan(Duration.ofSeconds(10));
    }

    /** When the invalidation of {@code /late/*} on the distribution was created. */
    private Instant createdAt(String distributionId) {
        return Await.until(
                        "the queued request on " + distributionId + " to be created",
                        Duration.ofSeconds(90),
                        () -> world.cloudFront.simulator.invalidations(distributionId).stream()
                                .filter(invalidation -> invalidation.paths().contains("/late/*"))
                                .findFirst(),
                        Optional::isPresent)
                .orElseThrow()
                .createTime();
    }

    @Test
    void queued_requests_of_one_channel_sent_together_are_read_back_in_one_read() {
        world.startBot();
        int queued = 6;
        world.type(SlackSimulator.ALICE, OPS, "web " + BotFixture.FIFTEEN_WILDCARDS);
        SimulatedInvalidation first = world.awaitInvalidation(WEB);
        IntStream.range(0, queued)
                .forEach(i -> world.type(PEOPLE.get(i % PEOPLE.size()), OPS, "web /late-" + i + "/*"));
        Await.until(
                "every request queued, its paths kept", Duration.ofSeconds(60), () -> queuedWithPathsKept() == queued);
        int readsBefore = world.slack.calls("conversations.history").size();

        world.cloudFront.simulator.complete(first.id());

        Await.until(
                "every queued request in progress",
                Duration.ofSeconds(60),
                () -> world.slack.messages(OPS).stream()
                                .filter(message -> message.text().endsWith(": in progress"))
                                .count()
                        == queued);
        assertThat(world.cloudFront.simulator.invalidations(WEB)).hasSize(2);
        assertThat(world.slack.calls("conversations.history").size() - readsBefore)
                .as("conversations.history calls from the completion to every request in progress")
                .isLessThanOrEqualTo(2);
    }

    private long queuedWithPathsKept() {
        return world.slack.messages(OPS).stream()
                .filter(message -> StatusCard.isQueued(message.text()))
                .filter(message -> world.slack.thread(OPS, message.ts()).stream()
                        .anyMatch(reply -> reply.text().contains("to send to CloudFront")))
                .count();
    }
}

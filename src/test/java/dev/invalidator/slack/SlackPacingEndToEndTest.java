package dev.invalidator.slack;

import static dev.invalidator.testing.BotFixture.CAROL;
import static dev.invalidator.testing.BotFixture.DAVE;
import static dev.invalidator.testing.BotFixture.OPS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.invalidator.sandbox.CloudFrontLimits;
import dev.invalidator.sandbox.SimulatedInvalidation;
import dev.invalidator.sandbox.SlackSimulator;
import dev.invalidator.sandbox.SlackSimulator.ChannelMessage;
import dev.invalidator.testing.Await;
import dev.invalidator.testing.BotFixture;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The bot against Slack's real rate limits (the simulator's default): a burst of requests in one channel waits its
 * turn for posts and edits, and every status message still reaches its final state.
 */
class SlackPacingEndToEndTest {

    private static final List<String> PEOPLE = List.of(SlackSimulator.ALICE, SlackSimulator.BOB, CAROL, DAVE);
    private static final int REQUESTS = 30;

    /** Thirty requests from four people in a minute: the bot's own per-person and per-distribution limits allow them. */
    private static final String CONFIG = BotFixture.CONFIG + """
            limits:
              requestsPerUserPerMinute: 10
              requestsPerDistributionPerMinute: 30
            """;

    private BotFixture world;

    @BeforeEach
    void start() {
        world = new BotFixture();
        // This test is about Slack's limits: thirty creates at CloudFront's 0.5 a second would add a minute to it.
        world.cloudFront.simulator.limits(CloudFrontLimits.strict().withCreateRate(100, 100));
        world.cloudFront.simulator.holdCompletions(false);
    }

    @AfterEach
    void stop() {
        world.close();
    }

    @Test
    void thirty_requests_in_one_channel_at_once_all_reach_completed_with_few_429s() {
        world.startBot(BotFixture.config(CONFIG));

        IntStream.range(0, REQUESTS)
                .forEach(i -> world.type(PEOPLE.get(i % PEOPLE.size()), OPS, "web /page-" + i + ".html"));

        List<ChannelMessage> statuses = Await.until(
                "every status message to say completed",
                Duration.ofMinutes(5),
                Duration.ofMillis(500),
                () -> world.slack.messages(OPS),
                messages -> messages.stream()
                                .filter(message -> message.text().contains("completed"))
                                .count()
                        == REQUESTS);
        int received = world.slack.rateLimitedCount();
        assertThat(statuses).noneMatch(message -> message.text().contains("failed"));
        assertThat(received)
                .as(
                        "429s Slack answered the bot (chat.postMessage %s, chat.update %s, conversations.history %s,"
                                + " conversations.replies %s)",
                        world.slack.rateLimitedCount("chat.postMessage"),
                        world.slack.rateLimitedCount("chat.update"),
                        world.slack.rateLimitedCount("conversations.history"),
                        world.slack.rateLimitedCount("conversations.replies"))
                .isLessThanOrEqualTo(3);
    }

    @Test
    void a_storm_of_429s_on_the_completed_edit_delays_it_and_the_status_message_still_ends_completed() {
        world.cloudFront.simulator.holdCompletions(true);
        world.startBot();
        world.type(SlackSimulator.ALICE, OPS, "web /index.html");
        world.awaitMessage(OPS, message -> message.text().contains("in progress"), "the status in progress");
        SimulatedInvalidation invalidation = world.awaitInvalidation(BotFixture.WEB);

        world.slack.rateLimit("chat.update", 5, 1);
        world.cloudFront.simulator.complete(invalidation.id());

        ChannelMessage status = world.awaitMessage(
                OPS, message -> message.text().contains("completed"), "the status message completed");
        assertThat(status.text()).doesNotContain("failed");
        assertThat(world.slack.rateLimitedCount("chat.update")).isEqualTo(5);
    }
}

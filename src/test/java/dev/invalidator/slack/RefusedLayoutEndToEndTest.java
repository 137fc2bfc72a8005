package dev.invalidator.slack;

import static dev.invalidator.testing.BotFixture.OPS;
import static dev.invalidator.testing.BotFixture.WEB;
import static org.assertj.core.api.Assertions.assertThat;

import dev.invalidator.sandbox.SimulatedInvalidation;
import dev.invalidator.sandbox.SlackSimulator;
import dev.invalidator.sandbox.SlackSimulator.ChannelMessage;
import dev.invalidator.sandbox.SlackSimulator.Ephemeral;
import dev.invalidator.testing.BotFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * When Slack refuses a message as laid out ({@code invalid_blocks}, {@code msg_blocks_too_long}), the bot sends the
 * same words as text: what was accepted goes on, and the person still reads what the bot had to say.
 */
class RefusedLayoutEndToEndTest {

    private static final String ALICE = SlackSimulator.ALICE;

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
    void a_refused_status_message_is_posted_as_its_line_of_state_and_the_request_goes_on() {
        world.slack.failNext("chat.postMessage", "invalid_blocks", 1);

        world.type(ALICE, OPS, "web /index.html");

        assertThat(world.awaitInvalidation(WEB).paths()).containsExactly("/index.html");
        ChannelMessage status =
                world.awaitMessage(OPS, message -> message.text().contains("in progress"), "the status message");
        assertThat(status.previousTexts()).first().asString().endsWith(": requesting");
        assertThat(status.metadataJson()).contains("invalidation_request");
    }

    @Test
    void a_refused_thread_reply_is_posted_as_text_with_its_words() {
        world.type(ALICE, OPS, "web /index.html");
        SimulatedInvalidation invalidation = world.awaitInvalidation(WEB);
        ChannelMessage status =
                world.awaitMessage(OPS, message -> message.text().contains("in progress"), "the status message");
        world.awaitReply(status, reply -> reply.text().contains("sent to CloudFront"), "the path list");
        world.slack.failNext("chat.postMessage", "msg_blocks_too_long", 1);

        world.cloudFront.simulator.complete(invalidation.id());

        ChannelMessage notice =
                world.awaitReply(status, reply -> reply.text().contains("done"), "the completion notice");
        assertThat(notice.blocksJson()).isNull();
        assertThat(notice.text()).contains("<@" + ALICE + ">").contains(invalidation.id());
    }

    @Test
    void a_refused_private_answer_comes_again_as_text_with_its_words() {
        world.slack.failNext(SlackSimulator.RESPONSE_URL, "invalid_blocks", 1);

        world.type(ALICE, OPS, "nosuch /index.html");

        Ephemeral answer = world.awaitEphemeral(ALICE, "the answer");
        assertThat(answer.source()).isEqualTo(Ephemeral.FROM_RESPONSE_URL);
        assertThat(answer.blocksJson()).isNull();
        assertThat(answer.text()).contains("I don't know a distribution called `nosuch`");
    }
}

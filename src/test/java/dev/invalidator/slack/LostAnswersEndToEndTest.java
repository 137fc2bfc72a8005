package dev.invalidator.slack;

import static dev.invalidator.testing.BotFixture.OPS;
import static dev.invalidator.testing.BotFixture.SHOP;
import static dev.invalidator.testing.BotFixture.WEB;
import static org.assertj.core.api.Assertions.assertThat;

import dev.invalidator.chat.ConfirmationCard;
import dev.invalidator.chat.StatusCard;
import dev.invalidator.sandbox.CallHold;
import dev.invalidator.sandbox.SimulatedInvalidation;
import dev.invalidator.sandbox.SlackSimulator;
import dev.invalidator.sandbox.SlackSimulator.ChannelMessage;
import dev.invalidator.sandbox.SlackSimulator.Ephemeral;
import dev.invalidator.testing.Await;
import dev.invalidator.testing.BotFixture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A {@code chat.postMessage} that went through at Slack but whose answer never reached the bot (a timeout, a dropped
 * connection) or was an {@code internal_error} is retried: the retry carries on with the message the first attempt posted, so a request never gets a
 * second status message or a second decision — which would make two invalidations, or none.
 */
class LostAnswersEndToEndTest {

    private static final String ALICE = SlackSimulator.ALICE;
    private static final String BOB = SlackSimulator.BOB;
    private static final Duration HELD = Duration.ofSeconds(20);

    private final BotFixture world = new BotFixture();

    @BeforeEach
    void start() {
        world.startBot();
    }

    @AfterEach
    void stop() {
        world.close();
    }

    /** Slack posts the next message of {@code action}, then closes the connection instead of answering. */
    private void loseTheAnswerOfTheNextPost(Runnable action) {
        CallHold posted = world.slack.holdNext("chat.postMessage", CallHold.Point.AFTER_COMMIT);
        action.run();
        posted.awaitReached(HELD);
        posted.abandon();
    }

    private void click(String user, String channel, String ts, String action) {
        world.slack
                .clickButton(user, channel, ts, action)
                .ack()
                .orTimeout(10, TimeUnit.SECONDS)
                .join();
    }

    private SimulatedInvalidation awaitTheInvalidation(String distribution) {
        return Await.value(
                "the invalidation",
                () -> world.cloudFront.simulator.invalidations(distribution).stream()
                        .findFirst()
                        .orElse(null));
    }

    @Test
    void a_status_message_whose_answer_was_lost_goes_on_and_is_not_posted_again() {
        loseTheAnswerOfTheNextPost(() -> world.type(ALICE, OPS, "web /index.html"));

        SimulatedInvalidation invalidation = awaitTheInvalidation(WEB);
        ChannelMessage status =
                world.awaitMessage(OPS, message -> message.text().endsWith(": in progress"), "the status moved on");
        assertThat(world.slack.messages(OPS)).containsExactly(status);
        assertThat(invalidation.callerReference()).contains(status.ts());
        assertThat(world.cloudFront.simulator.invalidations(WEB)).hasSize(1);
    }

    @Test
    void a_status_message_answered_with_internal_error_after_it_was_posted_goes_on_and_is_not_posted_again() {
        world.slack.failNextAfterCommit("chat.postMessage", "internal_error", 1);

        world.type(ALICE, OPS, "web /index.html");

        SimulatedInvalidation invalidation = awaitTheInvalidation(WEB);
        ChannelMessage status =
                world.awaitMessage(OPS, message -> message.text().endsWith(": in progress"), "the status moved on");
        assertThat(world.slack.messages(OPS)).containsExactly(status);
        assertThat(invalidation.callerReference()).contains(status.ts());
    }

    @Test
    void a_confirmed_request_whose_status_answer_was_lost_still_creates_its_invalidation() {
        world.type(ALICE, OPS, "web /*");
        Ephemeral confirmation = Await.value(
                "the confirmation",
                () -> world.slack.ephemerals(ALICE).stream()
                        .filter(e -> e.blocksJson() != null && e.blocksJson().contains(ConfirmationCard.CONFIRM))
                        .findFirst()
                        .orElse(null));

        loseTheAnswerOfTheNextPost(
                () -> click(ALICE, confirmation.channel(), confirmation.ts(), ConfirmationCard.CONFIRM));

        SimulatedInvalidation invalidation = awaitTheInvalidation(WEB);
        ChannelMessage status =
                world.awaitMessage(OPS, message -> message.text().endsWith(": in progress"), "the status moved on");
        assertThat(world.slack.messages(OPS)).containsExactly(status);
        assertThat(invalidation.callerReference()).contains(status.ts());
    }

    @Test
    void a_decision_whose_answer_was_lost_still_counts_and_is_recorded_once() {
        world.type(ALICE, OPS, "shop /index.html");
        ChannelMessage waiting = world.awaitMessage(
                OPS,
                message -> message.blocksJson() != null
                        && message.blocksJson().contains("\"action_id\":\"" + StatusCard.APPROVE + "\""),
                "the waiting request with its buttons");
        world.awaitReply(waiting, reply -> reply.text().contains("<@" + BOB + ">"), "the call for an approver");

        loseTheAnswerOfTheNextPost(() -> click(BOB, OPS, waiting.ts(), StatusCard.APPROVE));

        SimulatedInvalidation invalidation = awaitTheInvalidation(SHOP);
        assertThat(invalidation.callerReference()).contains(waiting.ts());
        world.awaitMessage(OPS, message -> message.text().endsWith(": in progress"), "the status moved on");
        assertThat(world.slack.thread(OPS, waiting.ts()))
                .filteredOn(reply -> reply.metadataJson() != null)
                .singleElement()
                .satisfies(reply -> assertThat(reply.text()).contains("approved"));
    }
}

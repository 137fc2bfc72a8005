package dev.invalidator.flow;

import static dev.invalidator.testing.BotFixture.OPS;
import static dev.invalidator.testing.BotFixture.WEB;
import static org.assertj.core.api.Assertions.assertThat;

import dev.invalidator.Bot;
import dev.invalidator.chat.ConfirmationCard;
import dev.invalidator.sandbox.CloudFrontSimulator.Operation;
import dev.invalidator.sandbox.SimulatedInvalidation;
import dev.invalidator.sandbox.SlackSimulator;
import dev.invalidator.sandbox.SlackSimulator.ChannelMessage;
import dev.invalidator.sandbox.SlackSimulator.Ephemeral;
import dev.invalidator.testing.Await;
import dev.invalidator.testing.BotFixture;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A request over CloudFront's in-progress limits (3,000 file paths, 15 wildcards per distribution) goes out in
 * successive invalidations under one status message, each sent as soon as the one before it completes.
 */
class SplitEndToEndTest {

    /** Requests up to 10,000 paths; a confirmation is asked anyway, as 7,000 paths go past the free tier. */
    private static final String LARGE_REQUESTS =
            BotFixture.CONFIG.replace("polling:\n", "limits:\n  maxPathsPerRequest: 10000\npolling:\n");

    /** A sweep takes over a request left for a second; short, so the test need not wait two minutes. */
    private static final String QUICK_TAKE_OVER = LARGE_REQUESTS.replace(
            "  maxInterval: 200ms\n", "  maxInterval: 200ms\n  abandonedAfter: 1s\n  sweepInterval: 1s\n");

    /** 7,000 files in as many folders, so that no wildcard is offered instead. */
    private static final List<String> PATHS =
            IntStream.range(0, 7000).mapToObj(i -> "/p" + i + "/i.html").toList();

    private final BotFixture world = new BotFixture();

    @AfterEach
    void stop() {
        world.close();
    }

    @Test
    void seven_thousand_paths_go_out_in_three_batches_under_one_status_message_completed_after_the_last() {
        world.startBot(BotFixture.config(LARGE_REQUESTS));
        List<String> paths =
                IntStream.range(0, 7000).mapToObj(i -> "/p" + i + "/i.html").toList();

        world.type(SlackSimulator.ALICE, OPS, "web " + String.join(" ", paths));
        Ephemeral confirmation = Await.value(
                "the confirmation",
                () -> world.slack.ephemerals(SlackSimulator.ALICE).stream()
                        .filter(e -> e.blocksJson() != null && e.blocksJson().contains(ConfirmationCard.CONFIRM))
                        .findFirst()
                        .orElse(null));
        world.slack
                .clickButton(SlackSimulator.ALICE, confirmation.channel(), confirmation.ts(), ConfirmationCard.CONFIRM)
                .ack()
                .orTimeout(10, TimeUnit.SECONDS)
                .join();

        ChannelMessage status = world.awaitMessage(
                OPS, message -> message.text().contains("batch 1 of 3: in progress"), "batch 1 in progress");
        for (int batch = 1; batch <= 3; batch++) {
            int sent = batch;
            SimulatedInvalidation current = Await.value(
                    "batch " + sent + " at CloudFront",
                    () -> world.cloudFront.simulator.invalidations(WEB).size() == sent
                            ? world.cloudFront.simulator.invalidations(WEB).get(0)
                            : null);
            Await.until(
                    "the status to show batch " + sent + " of 3",
                    () -> statusOf(status).contains("batch " + sent + " of 3: in progress"));
            assertThat(world.cloudFront.simulator.invalidations(WEB)).hasSize(sent);
            world.cloudFront.simulator.complete(current.id());
        }

        Await.until("the request to be completed", () -> statusOf(status).contains(": completed in"));
        List<SimulatedInvalidation> sent = world.cloudFront.simulator.invalidations(WEB).stream()
                .sorted(Comparator.comparing(SimulatedInvalidation::createTime))
                .toList();
        assertThat(sent)
                .extracting(SimulatedInvalidation::callerReference)
                .allMatch(reference -> reference.startsWith("invalidator/1/" + OPS + "/" + status.ts() + "/"))
                .extracting(reference -> reference.substring(reference.lastIndexOf('/') + 1))
                .containsExactly("b1of3", "b2of3", "b3of3");
        assertThat(sent)
                .allSatisfy(invalidation -> assertThat(invalidation.paths()).hasSizeLessThanOrEqualTo(3000));
        assertThat(sent.stream().flatMap(invalidation -> invalidation.paths().stream()))
                .containsExactlyElementsOf(paths);
        assertThat(world.cloudFront.simulator.calls(Operation.CREATE_INVALIDATION))
                .as("three creates, none refused with TooManyInvalidationsInProgress or Throttling")
                .isEqualTo(3);
        assertThat(world.slack.messages(OPS)).hasSize(1);
        Await.until(
                "the completion notice",
                () -> world.slack.thread(OPS, status.ts()).stream()
                        .anyMatch(reply -> reply.text().contains("completed")));
        assertThat(world.slack.thread(OPS, status.ts()).stream()
                        .filter(reply -> reply.text().contains(sent.get(2).id()))
                        .count())
                .as("one completion notice, for the last batch")
                .isEqualTo(1);
        assertThat(world.slack.thread(OPS, status.ts()))
                .noneMatch(reply -> reply.text().contains(sent.get(0).id())
                        || reply.text().contains(sent.get(1).id()));
    }

    @Test
    void when_its_instance_dies_after_batch_one_another_sends_batches_two_and_three_once_each_and_completes_it() {
        Bot first = world.startBot(BotFixture.config(QUICK_TAKE_OVER));
        askAndConfirm();
        ChannelMessage status = world.awaitMessage(
                OPS, message -> message.text().contains("batch 1 of 3: in progress"), "batch 1 in progress");
        SimulatedInvalidation batchOne = world.awaitInvalidation(WEB);
        world.stop(first);

        world.startBot(BotFixture.config(QUICK_TAKE_OVER));
        world.cloudFront.simulator.complete(batchOne.id());
        for (int batch = 2; batch <= 3; batch++) {
            int sent = batch;
            SimulatedInvalidation current = Await.value(
                    "batch " + sent + " sent by the other instance",
                    () -> world.cloudFront.simulator.invalidations(WEB).size() == sent
                            ? world.cloudFront.simulator.invalidations(WEB).get(0)
                            : null);
            Await.until(
                    "the status to show batch " + sent + " of 3",
                    () -> statusOf(status).contains("batch " + sent + " of 3: in progress"));
            world.cloudFront.simulator.complete(current.id());
        }

        Await.until("the request to be completed", () -> statusOf(status).contains(": completed in"));
        assertThat(world.cloudFront.simulator.invalidations(WEB))
                .extracting(SimulatedInvalidation::callerReference)
                .extracting(reference -> reference.substring(reference.lastIndexOf('/') + 1))
                .containsExactlyInAnyOrder("b1of3", "b2of3", "b3of3");
        assertThat(world.cloudFront.simulator.invalidations(WEB).stream()
                        .sorted(Comparator.comparing(SimulatedInvalidation::createTime))
                        .flatMap(invalidation -> invalidation.paths().stream()))
                .containsExactlyElementsOf(PATHS);
        assertThat(world.slack.messages(OPS)).hasSize(1);
    }

    /** Alice asks for {@link #PATHS} on web and confirms the cost. */
    private void askAndConfirm() {
        world.type(SlackSimulator.ALICE, OPS, "web " + String.join(" ", PATHS));
        Ephemeral confirmation = Await.value(
                "the confirmation",
                () -> world.slack.ephemerals(SlackSimulator.ALICE).stream()
                        .filter(e -> e.blocksJson() != null && e.blocksJson().contains(ConfirmationCard.CONFIRM))
                        .findFirst()
                        .orElse(null));
        world.slack
                .clickButton(SlackSimulator.ALICE, confirmation.channel(), confirmation.ts(), ConfirmationCard.CONFIRM)
                .ack()
                .orTimeout(10, TimeUnit.SECONDS)
                .join();
    }

    private String statusOf(ChannelMessage message) {
        return world.slack.messages(OPS).stream()
                .filter(m -> m.ts().equals(message.ts()))
                .findFirst()
                .orElseThrow()
                .text();
    }
}

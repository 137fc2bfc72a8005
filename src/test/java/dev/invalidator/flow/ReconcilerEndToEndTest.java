package dev.invalidator.flow;

import static dev.invalidator.testing.BotFixture.OPS;
import static dev.invalidator.testing.BotFixture.WEB;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.invalidator.cdn.CallerReference;
import dev.invalidator.cdn.Invalidation;
import dev.invalidator.chat.GroupStatusCard;
import dev.invalidator.chat.PostedMessage;
import dev.invalidator.chat.StatusCard;
import dev.invalidator.config.BotConfig;
import dev.invalidator.sandbox.CloudFrontSimulator.Operation;
import dev.invalidator.sandbox.SlackSimulator;
import dev.invalidator.sandbox.SlackSimulator.ChannelMessage;
import dev.invalidator.slack.SlackBot;
import dev.invalidator.slack.SlackChat;
import dev.invalidator.testing.AuditLines;
import dev.invalidator.testing.Await;
import dev.invalidator.testing.BotFixture;
import dev.invalidator.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A bot that stopped between posting a status message and creating its invalidation: the next one settles the
 * message from what CloudFront knows. The crash state is made exactly as the bot makes it — the same adapter posts
 * the same "requesting" message with the same metadata — and then no bot goes on with it.
 */
class ReconcilerEndToEndTest {

    private static final String ALICE = SlackSimulator.ALICE;
    private static final String DEPLOYS = "C0DEPLOYS";
    private static final String SWEEPING_OFTEN =
            BotFixture.CONFIG.replace("  maxInterval: 200ms\n", "  maxInterval: 200ms\n  sweepInterval: 200ms\n");

    private final BotFixture world = new BotFixture();

    @AfterEach
    void stop() {
        world.close();
    }

    private PostedMessage leftAtRequesting() {
        return leftAtRequesting(OPS, ALICE);
    }

    /** The bot's own adapter, to leave messages exactly as an instance of the bot leaves them. */
    private SlackChat botChat() {
        return new SlackChat(
                SlackBot.slack(world.slack.apiUrl()).methods(world.slack.botToken()), 3, Duration.ofSeconds(1));
    }

    /** A status message as the bot posts it, whose request then went nowhere. */
    private PostedMessage leftAtRequesting(String channel, String requester) {
        return left(channel, requester, StatusCard.requesting(ALICE, "web", WEB, 1));
    }

    /** A status message its instance showed queued, then stopped with before its paths were kept in the thread. */
    private PostedMessage leftQueuedWithoutItsPaths() {
        return left(OPS, ALICE, StatusCard.requesting(ALICE, "web", WEB, 1).queued("1st in line"));
    }

    private PostedMessage left(String channel, String requester, StatusCard card) {
        return botChat()
                .post(
                        channel,
                        card.message(),
                        Map.of(
                                StatusFacts.REQUESTER,
                                requester,
                                StatusFacts.DISTRIBUTION,
                                WEB,
                                StatusFacts.ALIAS,
                                "web",
                                StatusFacts.PATHS,
                                "1"));
    }

    private ChannelMessage awaitSettled(PostedMessage orphan) {
        return world.awaitMessage(
                orphan.channel(),
                m -> m.ts().equals(orphan.ts()) && m.text().endsWith(": failed"),
                "the orphan to be settled");
    }

    private void startBotMinutesLater(int minutes) {
        startBotMinutesLater(minutes, BotFixture.config());
    }

    private void startBotMinutesLater(int minutes, BotConfig config) {
        world.startBot(config, new MutableClock(Instant.now().plus(Duration.ofMinutes(minutes))));
    }

    @Test
    void a_message_whose_create_never_happened_is_recorded_as_failed_saying_why() {
        try (AuditLines audit = AuditLines.capture()) {
            PostedMessage orphan = leftAtRequesting();

            startBotMinutesLater(3);

            awaitSettled(orphan);
            JsonNode failed = audit.await("failed", WEB);
            assertThat(failed.path("user").asText()).isEqualTo(ALICE);
            assertThat(failed.path("reason").asText()).isEqualTo("the bot stopped before it sent this to CloudFront");
        }
    }

    @Test
    void a_queued_message_whose_thread_does_not_keep_its_paths_is_recorded_as_failed_saying_why() {
        try (AuditLines audit = AuditLines.capture()) {
            PostedMessage orphan = leftQueuedWithoutItsPaths();

            startBotMinutesLater(3);

            awaitSettled(orphan);
            assertThat(audit.await("failed", WEB).path("reason").asText())
                    .contains("its thread doesn't keep its paths");
            assertThat(world.cloudFront.simulator.calls(Operation.CREATE_INVALIDATION))
                    .isZero();
        }
    }

    @Test
    void a_split_request_whose_thread_no_longer_keeps_the_rest_of_its_paths_fails_saying_what_went() {
        try (AuditLines audit = AuditLines.capture()) {
            PostedMessage split = botChat()
                    .post(
                            OPS,
                            StatusCard.requesting(ALICE, "web", WEB, 7000)
                                    .inProgress("I1FIRSTBATCH", Instant.now())
                                    .inBatch(1, 3)
                                    .message(),
                            Map.of(
                                    StatusFacts.REQUESTER, ALICE,
                                    StatusFacts.DISTRIBUTION, WEB,
                                    StatusFacts.ALIAS, "web",
                                    StatusFacts.PATHS, "7000",
                                    StatusFacts.BATCHES, "3"));
            world.cloudFront.simulator.seedInvalidation(
                    WEB,
                    List.of("/p0/i.html"),
                    Instant.now(),
                    true,
                    StatusReferences.of(split, ALICE, 1, 3).encode());

            startBotMinutesLater(3);

            ChannelMessage settled = awaitSettled(split);
            assertThat(settled.blocksJson())
                    .contains("batch 1 of 3 reached CloudFront")
                    .contains("were not sent");
            world.awaitReply(
                    settled,
                    reply -> reply.text().contains("<@" + ALICE + ">")
                            && reply.text().contains("only part of it was invalidated"),
                    "the notice to the requester");
            assertThat(audit.await("failed", WEB).path("reason").asText())
                    .isEqualTo("the bot stopped after batch 1 of 3, and its thread doesn't keep the rest of its paths");
            assertThat(world.cloudFront.simulator.calls(Operation.CREATE_INVALIDATION))
                    .isZero();
        }
    }

    @Test
    void a_message_whose_create_never_happened_says_nothing_was_invalidated() {
        PostedMessage orphan = leftAtRequesting();

        startBotMinutesLater(3);

        ChannelMessage settled = world.awaitMessage(
                OPS, m -> m.ts().equals(orphan.ts()) && m.text().contains("failed"), "the orphan to be settled");
        assertThat(settled.blocksJson()).contains("nothing was invalidated").contains("Send the command again");
        world.awaitReply(settled, reply -> reply.text().contains("<@" + ALICE + ">"), "the notice to the requester");
        assertThat(world.cloudFront.simulator.calls(Operation.CREATE_INVALIDATION))
                .isZero();
    }

    @Test
    void a_group_members_message_left_at_requesting_in_the_groups_thread_is_settled_and_the_group_ends() {
        SlackChat chat = botChat();
        GroupStatusCard card =
                new GroupStatusCard("sites", ALICE, 1, Optional.empty(), List.of(GroupStatusCard.Line.waiting("web")));
        PostedMessage group = chat.post(OPS, card.message(), GroupFacts.of(card, List.of("web"), List.of()));
        PostedMessage left = chat.post(
                group,
                StatusCard.requesting(ALICE, "web", WEB, 1).message(),
                Map.of(
                        StatusFacts.REQUESTER,
                        ALICE,
                        StatusFacts.DISTRIBUTION,
                        WEB,
                        StatusFacts.ALIAS,
                        "web",
                        StatusFacts.PATHS,
                        "1"));

        startBotMinutesLater(3);

        ChannelMessage shown = world.awaitMessage(OPS, m -> m.ts().equals(group.ts()), "the group's message");
        world.awaitReply(
                shown, m -> m.ts().equals(left.ts()) && m.text().endsWith(": failed"), "the member to be settled");
        world.awaitMessage(
                OPS,
                m -> m.ts().equals(group.ts()) && m.text().endsWith("every member ended"),
                "the group's message to end");
        assertThat(world.awaitReply(
                                shown,
                                reply -> reply.text().contains("every distribution of the group sites has ended"),
                                "the group's notice")
                        .text())
                .contains("<@" + ALICE + ">");
        assertThat(world.slack.messages(OPS)).hasSize(1);
    }

    @Test
    void a_message_whose_create_went_through_is_moved_on_and_followed_to_completion() {
        PostedMessage orphan = leftAtRequesting();
        String reference = new CallerReference(OPS, orphan.ts(), ALICE).encode();
        Invalidation created = world.cloudFront.cdn.create(WEB, reference, List.of("/index.html"));

        startBotMinutesLater(3);
        world.awaitMessage(OPS, m -> m.ts().equals(orphan.ts()) && m.text().contains("in progress"), "the move on");
        world.cloudFront.simulator.complete(created.id());

        world.awaitMessage(OPS, m -> m.ts().equals(orphan.ts()) && m.text().contains("completed"), "the completion");
        assertThat(world.cloudFront.simulator.invalidations(WEB)).hasSize(1);
    }

    @Test
    void a_message_in_a_channel_reached_only_through_a_wildcard_distribution_is_settled() {
        world.slack.addChannel(DEPLOYS, "deploys", true);
        PostedMessage orphan = leftAtRequesting(DEPLOYS, ALICE);

        startBotMinutesLater(
                3, BotFixture.config(BotFixture.CONFIG.replaceFirst("channels: \\[C0OPS\\]", "channels: [\"*\"]")));

        awaitSettled(orphan);
    }

    @Test
    void a_message_behind_more_than_a_page_of_newer_ones_is_settled() {
        PostedMessage orphan = leftAtRequesting();
        for (int i = 0; i < 250; i++) {
            world.slack.userPosts(ALICE, OPS, "chatter " + i, null);
        }

        startBotMinutesLater(3);

        awaitSettled(orphan);
    }

    @Test
    void a_status_message_whose_facts_make_no_sense_does_not_stop_the_others_being_settled() {
        PostedMessage orphan = leftAtRequesting();
        leftAtRequesting(OPS, "not a user id");

        startBotMinutesLater(3);

        awaitSettled(orphan);
    }

    @Test
    void a_message_too_young_at_start_up_is_settled_by_a_later_sweep() {
        PostedMessage orphan = leftAtRequesting();
        MutableClock clock = new MutableClock(Instant.now());
        world.startBot(BotFixture.config(SWEEPING_OFTEN), clock);
        Await.until(
                "every look at the channel that start-up makes",
                () -> world.slack.calls("conversations.history").stream()
                                .filter(call -> OPS.equals(call.params().get("channel")))
                                .count()
                        >= 2);
        assertThat(world.slack.messages(OPS))
                .filteredOn(m -> m.ts().equals(orphan.ts()))
                .singleElement()
                .satisfies(m -> assertThat(m.text()).endsWith(": requesting"));

        clock.advance(BotFixture.config().polling().abandonedAfter().plusSeconds(1));

        awaitSettled(orphan);
    }

    @Test
    void an_invalidation_left_in_progress_by_an_instance_that_stopped_is_reported_by_another_ones_sweep() {
        MutableClock clock = new MutableClock(Instant.now());
        world.startBot(BotFixture.config(SWEEPING_OFTEN), clock);
        Await.until(
                "start-up's look at the channel",
                () -> !world.slack.calls("conversations.history").isEmpty());
        // Another instance posted the message, created the invalidation, moved the message on and stopped; the running
        // one never saw it at start-up, and no instance starts again.
        PostedMessage left = leftAtRequesting();
        Invalidation created = world.cloudFront.cdn.create(
                WEB, new CallerReference(OPS, left.ts(), ALICE).encode(), List.of("/index.html"));
        botChat()
                .update(
                        left,
                        StatusCard.requesting(ALICE, "web", WEB, 1)
                                .inProgress(created.id(), created.createTime())
                                .message());
        world.cloudFront.simulator.complete(created.id());

        // The bot's clock stood still while the message was posted by Slack's: past abandonedAfter from either.
        clock.advance(BotFixture.config().polling().abandonedAfter().plusMinutes(1));

        world.awaitMessage(
                OPS, m -> m.ts().equals(left.ts()) && m.text().contains("completed"), "the completion, reported");
        world.awaitReply(
                world.awaitMessage(OPS, m -> m.ts().equals(left.ts()), "the status message"),
                reply -> reply.text().contains("<@" + ALICE + ">"),
                "the notice to the requester");
    }

    @Test
    void a_message_too_young_to_be_an_orphan_is_left_to_whoever_is_creating_it() {
        PostedMessage fresh = leftAtRequesting();

        world.startBot();
        Await.until(
                "the reconciliation to read the channel",
                () -> !world.slack.calls("conversations.history").isEmpty());

        assertThat(world.slack.messages(OPS))
                .filteredOn(m -> m.ts().equals(fresh.ts()))
                .singleElement()
                .satisfies(m -> assertThat(m.text()).endsWith(": requesting"));
    }
}

package dev.invalidator.slack;

import static dev.invalidator.testing.BotFixture.IMAGES;
import static dev.invalidator.testing.BotFixture.OPS;
import static dev.invalidator.testing.BotFixture.SHOP;
import static dev.invalidator.testing.BotFixture.WEB;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.invalidator.Bot;
import dev.invalidator.chat.StatusCard;
import dev.invalidator.sandbox.CallHold;
import dev.invalidator.sandbox.CloudFrontSimulator.Operation;
import dev.invalidator.sandbox.SimulatedEdge;
import dev.invalidator.sandbox.SimulatedInvalidation;
import dev.invalidator.sandbox.SlackSimulator;
import dev.invalidator.sandbox.SlackSimulator.ChannelMessage;
import dev.invalidator.sandbox.SlackSimulator.StepCompletion;
import dev.invalidator.sandbox.SlackSimulator.StepExecution;
import dev.invalidator.testing.AuditLines;
import dev.invalidator.testing.Await;
import dev.invalidator.testing.BotFixture;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The custom step with a distribution group as its target: the same flow as a typed group request — one group message
 * in the channel, each member a reply in its thread — all or nothing before anything is posted, and the step completed
 * once for the whole group when the group's members have ended.
 */
class WorkflowGroupStepEndToEndTest {

    private static final String ALICE = SlackSimulator.ALICE;
    private static final String BOB = SlackSimulator.BOB;
    private static final String ENDED = "every distribution of the group ";
    private static final String DOCS = "E4DOCSEXAMPLE";

    private static final String GROUPS = """
            distributionGroups:
              sites: [web, images]
              gated: [web, shop]
            """;
    private static final String CONFIG = BotFixture.CONFIG + GROUPS;
    private static final String SWEEPING = CONFIG.replace(
            "  maxInterval: 200ms\n", "  maxInterval: 200ms\n  abandonedAfter: 1s\n  sweepInterval: 1s\n");

    private final BotFixture world = new BotFixture();

    @AfterEach
    void stop() {
        world.close();
    }

    private Bot startBot(String config) {
        return world.startBot(BotFixture.config(config));
    }

    private StepExecution run(String target, String paths, String user, boolean wait) {
        return world.runStep(target, paths, user, OPS, wait);
    }

    private ChannelMessage awaitShopWaiting(ChannelMessage group) {
        return world.awaitReply(
                group,
                reply -> reply.text().contains(" on shop: ")
                        && reply.blocksJson().contains("\"action_id\":\"" + StatusCard.APPROVE + "\""),
                "shop waiting with its buttons");
    }

    private List<ChannelMessage> notices(ChannelMessage group) {
        return world.slack.thread(OPS, group.ts()).stream()
                .filter(reply -> reply.text().contains(ENDED))
                .toList();
    }

    @Test
    void a_waiting_step_to_a_group_completes_once_with_every_members_id_the_stale_urls_summed_and_the_group_message() {
        SimulatedEdge edge = world.cloudFront.simulator.edge();
        for (String distribution : List.of(WEB, IMAGES)) {
            edge.publish(distribution, "/about.html", "old");
            edge.cacheCopy(distribution, "/about.html", Duration.ofHours(2));
            edge.publish(distribution, "/about.html", "new");
        }
        // /About.html is not the /about.html each edge holds: the check finds one stale copy on each member.
        startBot(CONFIG.replace("    id: E1WEBEXAMPLE\n", "    id: E1WEBEXAMPLE\n    verify: {baseUrl: \"%s\"}\n")
                .replace("    id: E2IMAGESEXAMPLE\n", "    id: E2IMAGESEXAMPLE\n    verify: {baseUrl: \"%s\"}\n")
                .replace("  enabled: false", "  timeout: 10s")
                .formatted(edge.baseUrl(WEB), edge.baseUrl(IMAGES)));
        StepExecution execution = run("sites", "/About.html", ALICE, true);
        SimulatedInvalidation web = world.awaitInvalidation(WEB);
        SimulatedInvalidation images = world.awaitInvalidation(IMAGES);
        ChannelMessage group = world.awaitGroupMessage(OPS, "sites");
        world.awaitGroupLines(OPS, group, "`web` — in progress", "`images` — in progress");
        assertThat(world.now(OPS, group).metadataJson()).contains(execution.executionId());
        assertThat(world.stepCompletions(execution))
                .as("nothing ends the step while the members run")
                .isEmpty();

        world.cloudFront.simulator.complete(web.id());
        world.cloudFront.simulator.complete(images.id());

        StepCompletion end = world.awaitStepEnd(execution);
        assertThat(end.success()).isTrue();
        JsonNode outputs = BotFixture.stepOutputs(end);
        assertThat(outputs.path("invalidation_ids").asText()).isEqualTo(web.id() + "," + images.id());
        assertThat(outputs.path("state").asText()).isEqualTo("completed");
        assertThat(outputs.path("stale_urls").asInt()).isEqualTo(2);
        assertThat(outputs.path("status_message").asText()).contains(group.ts().replace(".", ""));
        Await.until(
                "the bot to be done",
                () -> world.slack.thread(OPS, group.ts()).stream()
                        .anyMatch(reply -> reply.text().contains(ENDED)));
        assertThat(world.stepCompletions(execution)).hasSize(1);
        assertThat(world.slack.messages(OPS)).as("one message in the channel").hasSize(1);
    }

    @Test
    void a_step_to_a_group_that_does_not_wait_completes_in_progress_once_every_member_is_created() {
        startBot(CONFIG);
        StepExecution execution = run("sites", "/index.html", ALICE, false);

        StepCompletion end = world.awaitStepEnd(execution);

        List<SimulatedInvalidation> created = List.of(world.awaitInvalidation(WEB), world.awaitInvalidation(IMAGES));
        assertThat(BotFixture.stepOutputs(end).path("state").asText()).isEqualTo("in_progress");
        assertThat(BotFixture.stepOutputs(end).path("invalidation_ids").asText())
                .isEqualTo(created.get(0).id() + "," + created.get(1).id());
        assertThat(BotFixture.stepOutputs(end).path("status_message").asText())
                .contains(world.awaitGroupMessage(OPS, "sites").ts().replace(".", ""));
        created.forEach(invalidation -> world.cloudFront.simulator.complete(invalidation.id()));
        ChannelMessage group = world.awaitGroupMessage(OPS, "sites");
        Await.until("the group's notice", () -> !notices(group).isEmpty());
        assertThat(world.stepCompletions(execution))
                .as("one completion, none tried after it")
                .hasSize(1);
    }

    @Test
    void a_member_the_person_may_not_use_fails_the_whole_step_naming_it_and_nothing_is_posted_or_sent() {
        startBot(CONFIG);
        StepExecution execution = run("sites", "/index.html", BOB, true);

        StepCompletion end = world.awaitStepEnd(execution);

        assertThat(end.success()).isFalse();
        assertThat(end.error().orElseThrow()).contains("images").containsIgnoringCase("not allowed");
        assertThat(world.slack.messages(OPS)).isEmpty();
        assertThat(world.cloudFront.simulator.calls(Operation.CREATE_INVALIDATION))
                .isZero();
    }

    @Test
    void a_group_request_a_chat_would_ask_to_confirm_fails_the_step_saying_why_and_which_key_allows_it() {
        startBot(CONFIG);
        StepExecution execution = run("sites", "/*", ALICE, true);

        StepCompletion end = world.awaitStepEnd(execution);

        assertThat(end.success()).isFalse();
        assertThat(end.error().orElseThrow())
                .contains("/*")
                .contains("workflowsSkipConfirm")
                .contains("web")
                .contains("images");
        assertThat(world.slack.messages(OPS)).isEmpty();
        assertThat(world.cloudFront.simulator.calls(Operation.CREATE_INVALIDATION))
                .isZero();
    }

    @Test
    void with_workflows_skip_confirm_on_every_member_the_group_request_goes_on() {
        startBot(CONFIG.replace("    id: E1WEBEXAMPLE\n", "    id: E1WEBEXAMPLE\n    workflowsSkipConfirm: true\n")
                .replace("    id: E2IMAGESEXAMPLE\n", "    id: E2IMAGESEXAMPLE\n    workflowsSkipConfirm: true\n"));

        StepExecution execution = run("sites", "/*", ALICE, false);

        assertThat(world.awaitInvalidation(WEB).paths()).containsExactly("/*");
        assertThat(world.awaitInvalidation(IMAGES).paths()).containsExactly("/*");
        assertThat(BotFixture.stepOutputs(world.awaitStepEnd(execution))
                        .path("state")
                        .asText())
                .isEqualTo("in_progress");
    }

    @Test
    void workflows_skip_confirm_on_one_member_only_still_fails_the_step_naming_the_other() {
        startBot(CONFIG.replace("    id: E1WEBEXAMPLE\n", "    id: E1WEBEXAMPLE\n    workflowsSkipConfirm: true\n"));

        StepExecution execution = run("sites", "/*", ALICE, false);

        StepCompletion end = world.awaitStepEnd(execution);
        assertThat(end.success()).isFalse();
        assertThat(end.error().orElseThrow()).contains("images").contains("workflowsSkipConfirm");
        assertThat(world.cloudFront.simulator.calls(Operation.CREATE_INVALIDATION))
                .isZero();
    }

    @Test
    void a_member_its_approver_rejects_completes_the_step_as_rejected_once_the_others_have_ended() {
        startBot(CONFIG);
        StepExecution execution = run("gated", "/index.html", ALICE, true);
        ChannelMessage group = world.awaitGroupMessage(OPS, "gated");
        ChannelMessage shop = awaitShopWaiting(group);
        SimulatedInvalidation web = world.awaitInvalidation(WEB);

        world.click(BOB, OPS, shop, StatusCard.REJECT);
        world.awaitGroupLines(OPS, group, "`shop` — rejected");
        assertThat(world.stepCompletions(execution)).as("web still runs").isEmpty();
        world.cloudFront.simulator.complete(web.id());

        StepCompletion end = world.awaitStepEnd(execution);
        assertThat(BotFixture.stepOutputs(end).path("state").asText()).isEqualTo("rejected");
        assertThat(BotFixture.stepOutputs(end).path("invalidation_ids").asText())
                .isEqualTo(web.id());
        assertThat(world.cloudFront.simulator.invalidations(SHOP)).isEmpty();
    }

    @Test
    void a_step_to_a_group_left_waiting_by_a_stopped_instance_is_completed_once_by_the_next_one() {
        Bot first = startBot(CONFIG);
        StepExecution execution = run("sites", "/index.html", ALICE, true);
        SimulatedInvalidation web = world.awaitInvalidation(WEB);
        SimulatedInvalidation images = world.awaitInvalidation(IMAGES);
        world.awaitGroupLines(
                OPS, world.awaitGroupMessage(OPS, "sites"), "`web` — in progress", "`images` — in progress");
        world.stop(first);

        startBot(CONFIG);
        world.cloudFront.simulator.complete(web.id());
        world.cloudFront.simulator.complete(images.id());

        StepCompletion end = world.awaitStepEnd(execution);
        assertThat(BotFixture.stepOutputs(end).path("state").asText()).isEqualTo("completed");
        assertThat(BotFixture.stepOutputs(end).path("invalidation_ids").asText())
                .isEqualTo(web.id() + "," + images.id());
        assertThat(world.stepCompletions(execution))
                .filteredOn(StepCompletion::accepted)
                .hasSize(1);
    }

    @Test
    void two_replicas_complete_a_step_to_a_group_once() {
        Bot first = startBot(SWEEPING);
        startBot(SWEEPING);
        world.deliverTo(first);
        StepExecution execution = run("sites", "/index.html", ALICE, true);
        SimulatedInvalidation web = world.awaitInvalidation(WEB);
        SimulatedInvalidation images = world.awaitInvalidation(IMAGES);

        world.cloudFront.simulator.complete(web.id());
        world.cloudFront.simulator.complete(images.id());

        assertThat(BotFixture.stepOutputs(world.awaitStepEnd(execution))
                        .path("state")
                        .asText())
                .isEqualTo("completed");
        ChannelMessage group = world.awaitGroupMessage(OPS, "sites");
        Await.until("the group's notice", () -> !notices(group).isEmpty());
        assertThat(world.stepCompletions(execution))
                .filteredOn(StepCompletion::accepted)
                .hasSize(1);
        assertThat(notices(group)).hasSize(1);
    }

    /**
     * The group's look after the last member's edit is lost, as a {@code kill -9} between the two loses it: the
     * rejection's edit is held at Slack until the one read that look makes is set to fail (Slack answering {@code
     * channel_not_found}, which the bot does not try again), then the instance stops. Both members waited for an
     * approver, so nothing at CloudFront moves a member again: only a new instance's sweep can draw the lines.
     */
    @Test
    void a_member_rejected_just_before_its_instance_stops_is_drawn_by_the_next_instances_sweep_which_ends_the_group() {
        world.cloudFront.simulator.addDistribution(DOCS, "d444444abcdef8.cloudfront.net", "docs.example.com");
        String config = CONFIG.replace(
                        "polling:",
                        "  docs:\n    id: E4DOCSEXAMPLE\n    channels: [C0OPS]\n    users: [\"*\"]\n"
                                + "    approvers: [U0BOB]\n    approvalFor: all\npolling:")
                .replace("  gated: [web, shop]\n", "  gated: [web, shop]\n  approved: [shop, docs]\n");
        Bot first = startBot(config);
        StepExecution execution = run("approved", "/index.html", ALICE, true);
        ChannelMessage group = world.awaitGroupMessage(OPS, "approved");
        ChannelMessage shop = awaitShopWaiting(group);
        ChannelMessage docs = world.awaitReply(
                group,
                reply -> reply.text().contains(" on docs: ")
                        && reply.blocksJson().contains("\"action_id\":\"" + StatusCard.APPROVE + "\""),
                "docs waiting with its buttons");
        world.click(BOB, OPS, docs, StatusCard.REJECT);
        world.awaitGroupLines(OPS, group, "`docs` — rejected", "`shop` — awaiting approval");
        Await.until("the first instance to be done with docs", first::idle);
        CallHold rejection = world.slack.holdNext("chat.update", CallHold.Point.AFTER_COMMIT);

        world.click(BOB, OPS, shop, StatusCard.REJECT);
        rejection.awaitReached(Duration.ofSeconds(20));
        int reads = world.slack.calls("conversations.replies").size();
        world.slack.failNext("conversations.replies", "channel_not_found", 1);
        rejection.release();
        Await.until(
                "the group's look to fail",
                () -> world.slack.calls("conversations.replies").size() > reads);
        Await.until("the first instance to be done with the rejection", first::idle);
        world.stop(first);
        assertThat(world.slack.thread(OPS, group.ts()))
                .as("shop's message says rejected")
                .anyMatch(reply -> reply.ts().equals(shop.ts()) && reply.text().contains("rejected"));
        assertThat(world.now(OPS, group).blocksJson()).contains("`shop` — awaiting approval");

        startBot(config.replace(
                "  maxInterval: 200ms\n", "  maxInterval: 200ms\n  abandonedAfter: 1s\n  sweepInterval: 1s\n"));

        ChannelMessage ended = world.awaitGroupLines(OPS, group, "`shop` — rejected", "`docs` — rejected");
        assertThat(ended.text()).endsWith("every member ended");
        StepCompletion end = world.awaitStepEnd(execution);
        assertThat(BotFixture.stepOutputs(end).path("state").asText()).isEqualTo("rejected");
        assertThat(BotFixture.stepOutputs(end).path("invalidation_ids").asText())
                .isEmpty();
        Await.until("the group's notice", () -> !notices(group).isEmpty());
        assertThat(notices(group)).hasSize(1);
        assertThat(world.stepCompletions(execution))
                .filteredOn(StepCompletion::accepted)
                .hasSize(1);
        assertThat(world.cloudFront.simulator.calls(Operation.CREATE_INVALIDATION))
                .isZero();
    }

    /** Every decision the audit log records about a member of a step's group request names the workflow and the run. */
    @Nested
    class Audited {

        private final AuditLines audit = AuditLines.capture();

        @AfterEach
        void stopCapturing() {
            audit.close();
        }

        private String recorded(String decision, String distribution) {
            return AuditLines.origin(audit.await(decision, distribution));
        }

        @Test
        void a_member_approved_and_the_create_it_sends_are_recorded_as_the_steps() {
            startBot(CONFIG);
            StepExecution execution = run("gated", "/index.html", ALICE, true);
            ChannelMessage shop = awaitShopWaiting(world.awaitGroupMessage(OPS, "gated"));

            world.click(BOB, OPS, shop, StatusCard.APPROVE);
            world.awaitInvalidation(SHOP);

            assertThat(recorded("created", WEB)).isEqualTo(AuditLines.fromStep(execution));
            assertThat(recorded("awaiting_approval", SHOP)).isEqualTo(AuditLines.fromStep(execution));
            assertThat(recorded("approved", SHOP)).isEqualTo(AuditLines.fromStep(execution));
            assertThat(recorded("created", SHOP)).isEqualTo(AuditLines.fromStep(execution));
        }

        @Test
        void a_member_rejected_is_recorded_as_the_steps() {
            startBot(CONFIG);
            StepExecution execution = run("gated", "/index.html", ALICE, true);
            ChannelMessage shop = awaitShopWaiting(world.awaitGroupMessage(OPS, "gated"));

            world.click(BOB, OPS, shop, StatusCard.REJECT);

            assertThat(recorded("rejected", SHOP)).isEqualTo(AuditLines.fromStep(execution));
        }

        @Test
        void
                a_member_approved_on_the_next_instance_and_the_create_it_sends_from_the_ticket_are_recorded_as_the_steps() {
            Bot first = startBot(CONFIG);
            StepExecution execution = run("gated", "/index.html", ALICE, true);
            ChannelMessage shop = awaitShopWaiting(world.awaitGroupMessage(OPS, "gated"));
            world.stop(first);
            startBot(CONFIG);

            world.click(BOB, OPS, shop, StatusCard.APPROVE);
            world.awaitInvalidation(SHOP);

            assertThat(recorded("approved", SHOP)).isEqualTo(AuditLines.fromStep(execution));
            assertThat(recorded("created", SHOP)).isEqualTo(AuditLines.fromStep(execution));
        }

        @Test
        void a_queued_member_the_next_instance_takes_over_is_recorded_as_the_steps_when_it_sends_it() {
            Bot first = startBot(SWEEPING);
            world.type(ALICE, OPS, "web " + BotFixture.FIFTEEN_WILDCARDS);
            SimulatedInvalidation full = world.awaitInvalidation(WEB);
            StepExecution execution = run("sites", "/late/*", ALICE, true);
            ChannelMessage group = world.awaitGroupMessage(OPS, "sites");
            world.awaitReply(
                    group,
                    reply -> reply.text().contains("to send to CloudFront")
                            && reply.blocksJson().contains("/late/*"),
                    "web's paths kept in the thread");
            assertThat(recorded("queued", WEB)).isEqualTo(AuditLines.fromStep(execution));
            world.stop(first);
            startBot(SWEEPING);

            world.cloudFront.simulator.complete(full.id());

            JsonNode created = audit.await(
                    "the audit line of web's member created",
                    "created",
                    WEB,
                    line -> !line.path("invalidation").asText().equals(full.id()));
            assertThat(AuditLines.origin(created)).isEqualTo(AuditLines.fromStep(execution));
            // The member's facts name the group's run, which its own end must not complete: the run completes once,
            // with both members' ids, not at web's end with web's alone.
            world.cloudFront.simulator.complete(created.path("invalidation").asText());
            world.cloudFront.simulator.complete(world.awaitInvalidation(IMAGES).id());
            StepCompletion end = world.awaitStepEnd(execution);
            assertThat(BotFixture.stepOutputs(end).path("invalidation_ids").asText())
                    .isEqualTo(created.path("invalidation").asText() + ","
                            + world.awaitInvalidation(IMAGES).id());
        }
    }
}

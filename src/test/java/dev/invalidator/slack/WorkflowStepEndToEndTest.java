package dev.invalidator.slack;

import static dev.invalidator.testing.BotFixture.IMAGES;
import static dev.invalidator.testing.BotFixture.OPS;
import static dev.invalidator.testing.BotFixture.SHOP;
import static dev.invalidator.testing.BotFixture.WEB;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.invalidator.Bot;
import dev.invalidator.chat.StatusCard;
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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The custom step "Invalidate CloudFront paths", run as Workflow Builder runs it: Slack sends {@code function_executed}
 * over Socket Mode to the real Bolt client, the bot runs the same request as the command for the person and channel
 * given, and ends the step with {@code functions.completeSuccess} or {@code functions.completeError}, which the
 * simulator takes once per run, as Slack does.
 */
class WorkflowStepEndToEndTest {

    private static final String ALICE = SlackSimulator.ALICE;
    private static final String BOB = SlackSimulator.BOB;

    /** A stopped instance's requests are taken over, and ended steps settled, within seconds. */
    private static final String SWEEPING = BotFixture.CONFIG.replace(
            "  maxInterval: 200ms\n", "  maxInterval: 200ms\n  abandonedAfter: 1s\n  sweepInterval: 1s\n");

    private BotFixture world;

    @BeforeEach
    void start() {
        world = new BotFixture();
    }

    @AfterEach
    void stop() {
        world.close();
    }

    private StepExecution run(String target, String paths, String user, String channel, boolean wait) {
        return world.runStep(target, paths, user, channel, wait);
    }

    private ChannelMessage awaitButtons() {
        return world.awaitMessage(
                OPS,
                message -> message.text().contains("awaiting approval")
                        && message.blocksJson().contains("\"action_id\":\"" + StatusCard.APPROVE + "\""),
                "the waiting request with its buttons");
    }

    /**
     * Web full (fifteen wildcards of Bob's in progress), then Alice's step for {@code /late/*} queued behind them, its
     * paths kept in its thread for whoever takes it over.
     */
    private StepExecution queuedBehindFifteenWildcards() {
        world.type(BOB, OPS, "web " + BotFixture.FIFTEEN_WILDCARDS);
        world.awaitInvalidation(WEB);
        StepExecution execution = run("web", "/late/*", ALICE, OPS, true);
        world.awaitReply(
                awaitStatus("Queued"),
                reply -> reply.text().contains("to send to CloudFront")
                        && reply.blocksJson().contains("/late/*"),
                "the paths kept in the thread");
        return execution;
    }

    private ChannelMessage awaitStatus(String state) {
        return world.awaitMessage(OPS, message -> message.text().contains(state), "the status message, " + state);
    }

    @Nested
    class Allowed {

        private Bot bot;

        @BeforeEach
        void startBot() {
            bot = world.startBot();
        }

        @Test
        void a_step_that_waits_posts_the_status_message_and_completes_when_the_invalidation_does_with_its_outputs() {
            StepExecution execution = run("web", "/index.html\n/css/*", ALICE, OPS, true);

            SimulatedInvalidation invalidation = world.awaitInvalidation(WEB);
            ChannelMessage inProgress = awaitStatus("in progress");
            assertThat(invalidation.paths()).containsExactly("/index.html", "/css/*");
            assertThat(inProgress.blocksJson()).contains("<@" + ALICE + ">");
            assertThat(inProgress.metadataJson()).contains(execution.executionId());
            assertThat(world.stepCompletions(execution))
                    .as("nothing ends the step before CloudFront completes")
                    .isEmpty();

            world.cloudFront.simulator.complete(invalidation.id());

            StepCompletion end = world.awaitStepEnd(execution);
            assertThat(end.success()).isTrue();
            assertThat(end.auth()).as("the token the event carried").isEqualTo(SlackSimulator.Auth.WORKFLOW);
            JsonNode outputs = BotFixture.stepOutputs(end);
            assertThat(outputs.path("invalidation_ids").asText()).isEqualTo(invalidation.id());
            assertThat(outputs.path("state").asText()).isEqualTo("completed");
            assertThat(outputs.path("stale_urls").isInt()).isTrue();
            assertThat(outputs.path("status_message").asText())
                    .contains(inProgress.ts().replace(".", ""));
            awaitStatus("completed");
        }

        @Test
        void a_step_that_does_not_wait_completes_once_the_invalidation_is_created_and_only_then() {
            StepExecution execution = run("web", "/index.html", ALICE, OPS, false);

            SimulatedInvalidation invalidation = world.awaitInvalidation(WEB);
            StepCompletion end = world.awaitStepEnd(execution);

            assertThat(BotFixture.stepOutputs(end).path("state").asText()).isEqualTo("in_progress");
            assertThat(BotFixture.stepOutputs(end).path("invalidation_ids").asText())
                    .isEqualTo(invalidation.id());
            world.cloudFront.simulator.complete(invalidation.id());
            ChannelMessage completed = awaitStatus("completed");
            world.awaitReply(completed, reply -> reply.text().contains("<@" + ALICE + ">"), "the completion notice");
            Await.until("the bot to be done with the completion", bot::idle);
            assertThat(world.stepCompletions(execution))
                    .as("one completion, none tried after it")
                    .hasSize(1);
        }

        @Test
        void a_channel_the_distribution_is_not_allowed_in_fails_the_step_and_creates_nothing() {
            StepExecution execution = run("web", "/index.html", ALICE, SlackSimulator.GENERAL, true);

            StepCompletion end = world.awaitStepEnd(execution);

            assertThat(end.success()).isFalse();
            assertThat(end.error().orElseThrow()).containsIgnoringCase("not allowed");
            assertThat(world.cloudFront.simulator.calls(Operation.CREATE_INVALIDATION))
                    .isZero();
            assertThat(world.slack.messages(SlackSimulator.GENERAL)).isEmpty();
        }

        @Test
        void a_person_the_distribution_does_not_list_fails_the_step_and_creates_nothing() {
            StepExecution execution = run("images", "/logo.png", BOB, OPS, true);

            StepCompletion end = world.awaitStepEnd(execution);

            assertThat(end.success()).isFalse();
            assertThat(end.error().orElseThrow()).containsIgnoringCase("not allowed");
            assertThat(world.cloudFront.simulator.invalidations(IMAGES)).isEmpty();
            assertThat(world.slack.messages(OPS)).isEmpty();
        }

        @Test
        void a_bad_path_fails_the_step_naming_the_path_as_the_command_does() {
            StepExecution execution = run("web", "/index.html\nindex.html", ALICE, OPS, true);

            StepCompletion end = world.awaitStepEnd(execution);

            assertThat(end.success()).isFalse();
            assertThat(end.error().orElseThrow()).contains("index.html").contains("/");
            assertThat(world.cloudFront.simulator.calls(Operation.CREATE_INVALIDATION))
                    .isZero();
        }

        @Test
        void a_wipe_fails_the_step_by_default_saying_why_and_which_key_allows_it() {
            StepExecution execution = run("web", "/*", ALICE, OPS, true);

            StepCompletion end = world.awaitStepEnd(execution);

            assertThat(end.success()).isFalse();
            assertThat(end.error().orElseThrow()).contains("/*").contains("workflowsSkipConfirm");
            assertThat(world.cloudFront.simulator.calls(Operation.CREATE_INVALIDATION))
                    .isZero();
            assertThat(world.slack.messages(OPS)).isEmpty();
        }
    }

    @Nested
    class RefreshCheck {

        @Test
        void the_stale_urls_the_check_finds_are_an_output_once_the_check_is_done() {
            SimulatedEdge edge = world.cloudFront.simulator.edge();
            edge.publish(WEB, "/index.html", "old");
            edge.cacheCopy(WEB, "/index.html", Duration.ofHours(2));
            edge.publish(WEB, "/index.html", "new");
            // The edge holds /about.html: /About.html, invalidated, is not it, and the check finds the copy stale.
            edge.publish(WEB, "/about.html", "old");
            edge.cacheCopy(WEB, "/about.html", Duration.ofHours(2));
            edge.publish(WEB, "/about.html", "new");
            world.startBot(BotFixture.config(BotFixture.CONFIG
                    .replace("    id: E1WEBEXAMPLE\n", "    id: E1WEBEXAMPLE\n    verify: {baseUrl: \"%s\"}\n")
                    .replace("  enabled: false", "  timeout: 10s")
                    .formatted(edge.baseUrl(WEB))));
            Map<String, Object> inputs = new LinkedHashMap<>();
            inputs.put("target", "web");
            inputs.put("paths", "/index.html\n/About.html");
            inputs.put("user", ALICE);
            inputs.put("channel", OPS);
            inputs.put("check", "/index.html");
            StepExecution execution = world.runStep(inputs);
            SimulatedInvalidation invalidation = world.awaitInvalidation(WEB);

            world.cloudFront.simulator.complete(invalidation.id());

            StepCompletion end = world.awaitStepEnd(execution);
            assertThat(BotFixture.stepOutputs(end).path("state").asText()).isEqualTo("completed");
            assertThat(BotFixture.stepOutputs(end).path("stale_urls").asInt()).isEqualTo(1);
            assertThat(world.awaitMessage(OPS, message -> message.text().contains("completed"), "the status message")
                            .blocksJson())
                    .contains("1 stale");
        }
    }

    @Nested
    class Approval {

        @BeforeEach
        void startBot() {
            world.startBot();
        }

        @Test
        void the_step_waits_for_the_approver_and_completes_once_the_approved_invalidation_completes() {
            StepExecution execution = run("shop", "/index.html", ALICE, OPS, true);
            ChannelMessage waiting = awaitButtons();
            assertThat(world.stepCompletions(execution)).isEmpty();

            world.click(BOB, OPS, waiting, StatusCard.APPROVE);
            SimulatedInvalidation invalidation = world.awaitInvalidation(SHOP);
            world.cloudFront.simulator.complete(invalidation.id());

            StepCompletion end = world.awaitStepEnd(execution);
            assertThat(BotFixture.stepOutputs(end).path("state").asText()).isEqualTo("completed");
            assertThat(BotFixture.stepOutputs(end).path("invalidation_ids").asText())
                    .isEqualTo(invalidation.id());
        }

        @Test
        void a_rejection_ends_the_step_as_rejected_and_nothing_is_created() {
            StepExecution execution = run("shop", "/index.html", ALICE, OPS, true);
            ChannelMessage waiting = awaitButtons();

            world.click(BOB, OPS, waiting, StatusCard.REJECT);

            StepCompletion end = world.awaitStepEnd(execution);
            assertThat(BotFixture.stepOutputs(end).path("state").asText()).isEqualTo("rejected");
            assertThat(BotFixture.stepOutputs(end).path("invalidation_ids").asText())
                    .isEmpty();
            assertThat(world.cloudFront.simulator.calls(Operation.CREATE_INVALIDATION))
                    .isZero();
        }
    }

    @Nested
    class WorkflowsSkipConfirm {

        @Test
        void a_distribution_that_lets_workflows_send_a_wipe_sends_it_without_a_confirmation() {
            world.startBot(BotFixture.config(BotFixture.CONFIG.replace(
                    "    id: E1WEBEXAMPLE\n", "    id: E1WEBEXAMPLE\n    workflowsSkipConfirm: true\n")));

            StepExecution execution = run("web", "/*", ALICE, OPS, false);

            assertThat(world.awaitInvalidation(WEB).paths()).containsExactly("/*");
            assertThat(BotFixture.stepOutputs(world.awaitStepEnd(execution))
                            .path("state")
                            .asText())
                    .isEqualTo("in_progress");
        }
    }

    @Nested
    class RestartsAndReplicas {

        @Test
        void a_step_left_waiting_by_a_stopped_instance_is_completed_once_by_the_next_one() {
            Bot first = world.startBot();
            StepExecution execution = run("web", "/index.html", ALICE, OPS, true);
            SimulatedInvalidation invalidation = world.awaitInvalidation(WEB);
            awaitStatus("in progress");
            world.stop(first);

            world.startBot();
            world.cloudFront.simulator.complete(invalidation.id());

            StepCompletion end = world.awaitStepEnd(execution);
            assertThat(BotFixture.stepOutputs(end).path("state").asText()).isEqualTo("completed");
            assertThat(BotFixture.stepOutputs(end).path("invalidation_ids").asText())
                    .isEqualTo(invalidation.id());
            assertThat(end.auth())
                    .as("the new instance never saw the event's token")
                    .isEqualTo(SlackSimulator.Auth.BOT);
            assertThat(world.stepCompletions(execution))
                    .filteredOn(StepCompletion::accepted)
                    .hasSize(1);
        }

        @Test
        void a_step_waiting_for_an_approver_when_its_instance_stops_completes_once_approved_on_the_next_one() {
            Bot first = world.startBot();
            StepExecution execution = run("shop", "/index.html", ALICE, OPS, true);
            SimulatedInvalidation invalidation = approvedOnANewInstance(first);
            world.cloudFront.simulator.complete(invalidation.id());

            StepCompletion end = world.awaitStepEnd(execution);
            assertThat(BotFixture.stepOutputs(end).path("state").asText()).isEqualTo("completed");
            assertThat(BotFixture.stepOutputs(end).path("invalidation_ids").asText())
                    .isEqualTo(invalidation.id());
            assertThat(world.stepCompletions(execution))
                    .filteredOn(StepCompletion::accepted)
                    .hasSize(1);
        }

        @Test
        void a_step_that_does_not_wait_approved_on_another_instance_completes_at_the_create_it_makes_from_the_ticket() {
            Bot first = world.startBot();
            StepExecution execution = run("shop", "/index.html", ALICE, OPS, false);
            SimulatedInvalidation invalidation = approvedOnANewInstance(first);

            StepCompletion end = world.awaitStepEnd(execution);
            assertThat(BotFixture.stepOutputs(end).path("state").asText()).isEqualTo("in_progress");
            assertThat(BotFixture.stepOutputs(end).path("invalidation_ids").asText())
                    .isEqualTo(invalidation.id());
        }

        /** The request awaiting approval on {@code first}, stopped; approved by Bob on a new instance, which sends it. */
        private SimulatedInvalidation approvedOnANewInstance(Bot first) {
            ChannelMessage waiting = world.awaitMessage(
                    OPS,
                    message -> message.blocksJson().contains("\"action_id\":\"" + StatusCard.APPROVE + "\""),
                    "the waiting request with its buttons");
            world.stop(first);
            world.startBot();
            world.slack
                    .clickButton(BOB, OPS, waiting.ts(), StatusCard.APPROVE)
                    .ack()
                    .orTimeout(10, TimeUnit.SECONDS)
                    .join();
            return world.awaitInvalidation(SHOP);
        }

        @Test
        void a_completion_slack_failed_to_take_is_made_again_by_the_sweep() {
            world.startBot(BotFixture.config(BotFixture.CONFIG.replace(
                    "  maxInterval: 200ms\n", "  maxInterval: 200ms\n  abandonedAfter: 1s\n  sweepInterval: 1s\n")));
            world.slack.failNext("functions.completeSuccess", "internal_error", 1);
            StepExecution execution = run("web", "/index.html", ALICE, OPS, true);
            SimulatedInvalidation invalidation = world.awaitInvalidation(WEB);

            world.cloudFront.simulator.complete(invalidation.id());

            StepCompletion end = world.awaitStepEnd(execution);
            assertThat(BotFixture.stepOutputs(end).path("state").asText()).isEqualTo("completed");
            assertThat(BotFixture.stepOutputs(end).path("invalidation_ids").asText())
                    .isEqualTo(invalidation.id());
            assertThat(world.slack.calls("functions.completeSuccess")).hasSizeGreaterThanOrEqualTo(2);
            assertThat(world.stepCompletions(execution))
                    .filteredOn(StepCompletion::accepted)
                    .hasSize(1);
        }

        @Test
        void a_completion_a_new_instances_sweep_makes_from_the_status_message_names_the_invalidation() {
            // Default sweeps: the first instance makes no second try before it stops.
            Bot first = world.startBot();
            world.slack.failNext("functions.completeSuccess", "internal_error", 1);
            StepExecution execution = run("web", "/index.html", ALICE, OPS, true);
            SimulatedInvalidation invalidation = world.awaitInvalidation(WEB);
            world.cloudFront.simulator.complete(invalidation.id());
            Await.until(
                    "the first instance's completion, which Slack did not take",
                    () -> !world.slack.calls("functions.completeSuccess").isEmpty());
            world.stop(first);

            world.startBot(BotFixture.config(BotFixture.CONFIG.replace(
                    "  maxInterval: 200ms\n", "  maxInterval: 200ms\n  abandonedAfter: 1s\n  sweepInterval: 1s\n")));

            StepCompletion end = world.awaitStepEnd(execution);
            assertThat(BotFixture.stepOutputs(end).path("state").asText()).isEqualTo("completed");
            assertThat(BotFixture.stepOutputs(end).path("invalidation_ids").asText())
                    .isEqualTo(invalidation.id());
        }

        @Test
        void two_replicas_complete_the_step_once_the_other_told_by_slack_it_ended() {
            String config = BotFixture.CONFIG.replace(
                    "  maxInterval: 200ms\n", "  maxInterval: 200ms\n  abandonedAfter: 1s\n  sweepInterval: 1s\n");
            Bot first = world.startBot(BotFixture.config(config));
            world.startBot(BotFixture.config(config));
            world.deliverTo(first);
            StepExecution execution = run("web", "/index.html", ALICE, OPS, true);
            SimulatedInvalidation invalidation = world.awaitInvalidation(WEB);

            world.cloudFront.simulator.complete(invalidation.id());

            world.awaitStepEnd(execution);
            Await.until(
                    "the other replica to try too",
                    () -> world.stepCompletions(execution).size() >= 2);
            assertThat(world.stepCompletions(execution))
                    .filteredOn(StepCompletion::accepted)
                    .hasSize(1);
            assertThat(world.stepCompletions(execution))
                    .allSatisfy(completion -> assertThat(completion.success()).isTrue());
        }
    }

    /** Every decision the audit log records about a step's request names the workflow as its source, and the run. */
    @Nested
    class Audited {

        private final AuditLines audit = AuditLines.capture();

        @AfterEach
        void stopCapturing() {
            audit.close();
        }

        private String recorded(String decision) {
            return AuditLines.origin(audit.await(decision, SHOP));
        }

        @Test
        void an_approval_and_the_create_it_sends_are_recorded_as_the_steps() {
            world.startBot();
            StepExecution execution = run("shop", "/index.html", ALICE, OPS, true);

            world.click(BOB, OPS, awaitButtons(), StatusCard.APPROVE);
            world.awaitInvalidation(SHOP);

            assertThat(recorded("awaiting_approval")).isEqualTo(AuditLines.fromStep(execution));
            assertThat(recorded("approved")).isEqualTo(AuditLines.fromStep(execution));
            assertThat(recorded("created")).isEqualTo(AuditLines.fromStep(execution));
        }

        @Test
        void a_rejection_is_recorded_as_the_steps() {
            world.startBot();
            StepExecution execution = run("shop", "/index.html", ALICE, OPS, true);

            world.click(BOB, OPS, awaitButtons(), StatusCard.REJECT);

            assertThat(recorded("rejected")).isEqualTo(AuditLines.fromStep(execution));
        }

        @Test
        void an_approval_nobody_gave_in_time_is_recorded_as_expired_for_the_step() {
            world.startBot(BotFixture.config(BotFixture.CONFIG + "confirm:\n  approvalExpiresAfter: 300ms\n"));
            StepExecution execution = run("shop", "/index.html", ALICE, OPS, true);

            assertThat(recorded("expired")).isEqualTo(AuditLines.fromStep(execution));
        }

        @Test
        void an_approval_on_another_instance_and_the_create_it_sends_from_the_ticket_are_recorded_as_the_steps() {
            Bot first = world.startBot();
            StepExecution execution = run("shop", "/index.html", ALICE, OPS, true);
            ChannelMessage waiting = awaitButtons();
            world.stop(first);
            world.startBot();

            world.click(BOB, OPS, waiting, StatusCard.APPROVE);
            world.awaitInvalidation(SHOP);

            assertThat(recorded("approved")).isEqualTo(AuditLines.fromStep(execution));
            assertThat(recorded("created")).isEqualTo(AuditLines.fromStep(execution));
        }

        @Test
        void a_queued_step_the_next_instance_refuses_when_it_takes_it_over_is_recorded_as_denied_and_fails_the_step() {
            Bot first = world.startBot(BotFixture.config(SWEEPING));
            StepExecution execution = queuedBehindFifteenWildcards();
            ChannelMessage queued = awaitStatus("Queued");
            world.stop(first);
            // The next instance's config lists only Carol on web: Alice's request, checked again when the sweep takes
            // it over, is refused.
            world.startBot(BotFixture.config(SWEEPING.replace(
                    "    id: E1WEBEXAMPLE\n    channels: [C0OPS]\n    users: [\"*\"]\n",
                    "    id: E1WEBEXAMPLE\n    channels: [C0OPS]\n    users: [U0CAROL]\n")));

            StepCompletion end = world.awaitStepEnd(execution);
            assertThat(BotFixture.stepOutputs(end).path("state").asText()).isEqualTo("failed");
            assertThat(world.now(OPS, queued).text()).endsWith(": failed");
            JsonNode denied = audit.await("denied", WEB);
            assertThat(AuditLines.origin(denied)).isEqualTo(AuditLines.fromStep(execution));
            assertThat(denied.path("user").asText()).isEqualTo(ALICE);
        }

        @Test
        void a_step_approved_after_its_requester_lost_access_is_recorded_as_denied_for_the_step() {
            Bot first = world.startBot();
            StepExecution execution = run("shop", "/index.html", ALICE, OPS, true);
            ChannelMessage waiting = awaitButtons();
            world.stop(first);
            // The next instance's config lists only Carol on shop: Alice's request, checked again at the approval, is
            // refused.
            world.startBot(BotFixture.config(BotFixture.CONFIG.replace(
                    "    id: E3SHOPEXAMPLE\n    channels: [C0OPS]\n    users: [\"*\"]\n",
                    "    id: E3SHOPEXAMPLE\n    channels: [C0OPS]\n    users: [U0CAROL]\n")));

            world.click(BOB, OPS, waiting, StatusCard.APPROVE);

            assertThat(recorded("denied")).isEqualTo(AuditLines.fromStep(execution));
            assertThat(world.cloudFront.simulator.invalidations(SHOP)).isEmpty();
        }
    }
}

package dev.invalidator.slack;

import static dev.invalidator.testing.BotFixture.CAROL;
import static dev.invalidator.testing.BotFixture.DAVE;
import static dev.invalidator.testing.BotFixture.OPS;
import static dev.invalidator.testing.BotFixture.SHOP;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.invalidator.Bot;
import dev.invalidator.chat.StatusCard;
import dev.invalidator.sandbox.CallHold;
import dev.invalidator.sandbox.CloudFrontSimulator.Operation;
import dev.invalidator.sandbox.SimulatedInvalidation;
import dev.invalidator.sandbox.SlackSimulator;
import dev.invalidator.sandbox.SlackSimulator.ChannelMessage;
import dev.invalidator.testing.AuditLines;
import dev.invalidator.testing.Await;
import dev.invalidator.testing.BotFixture;
import dev.invalidator.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** {@code shop} needs a second person's approval for every request: only an approver other than the requester. */
class ApprovalEndToEndTest {

    private static final String ALICE = SlackSimulator.ALICE;
    private static final String BOB = SlackSimulator.BOB;

    /** A decision left undone is carried out by a sweep within seconds. */
    private static final String SWEEPING = BotFixture.CONFIG.replace(
            "  maxInterval: 200ms\n", "  maxInterval: 200ms\n  abandonedAfter: 1s\n  sweepInterval: 200ms\n");

    private BotFixture world;

    @BeforeEach
    void start() {
        world = new BotFixture();
    }

    @AfterEach
    void stop() {
        world.close();
    }

    private ChannelMessage requestAndAwaitApproval() {
        return requestAndAwaitApproval("/index.html");
    }

    private ChannelMessage requestAndAwaitApproval(String paths) {
        world.type(ALICE, OPS, "shop " + paths);
        return world.awaitMessage(
                OPS,
                message -> message.text().contains("awaiting approval")
                        && message.blocksJson().contains("\"action_id\":\"" + StatusCard.APPROVE + "\""),
                "the waiting request with its buttons");
    }

    @Nested
    class WhileWaiting {

        @BeforeEach
        void startBot() {
            world.startBot();
        }

        @Test
        void the_request_waits_in_its_status_message_and_the_thread_mentions_the_approvers() {
            ChannelMessage waiting = requestAndAwaitApproval();

            ChannelMessage mention =
                    world.awaitReply(waiting, reply -> reply.text().contains("approval"), "the mention");
            assertThat(mention.text()).contains("<@" + BOB + ">").contains("<!subteam^" + BotFixture.FRONTEND + ">");
            assertThat(world.cloudFront.simulator.calls(Operation.CREATE_INVALIDATION))
                    .isZero();
        }

        @Test
        void the_requester_cannot_approve_their_own_request() {
            ChannelMessage waiting = requestAndAwaitApproval();

            world.click(ALICE, OPS, waiting, StatusCard.APPROVE);

            assertThat(world.awaitEphemeral(ALICE, "the refusal").text()).contains("another approver");
            assertThat(world.cloudFront.simulator.calls(Operation.CREATE_INVALIDATION))
                    .isZero();
        }

        @Test
        void someone_who_is_not_an_approver_is_refused() {
            ChannelMessage waiting = requestAndAwaitApproval();

            world.click(DAVE, OPS, waiting, StatusCard.APPROVE);

            assertThat(world.awaitEphemeral(DAVE, "the refusal").text()).contains("Only approvers");
            assertThat(world.cloudFront.simulator.calls(Operation.CREATE_INVALIDATION))
                    .isZero();
        }

        @Test
        void an_approval_creates_the_invalidation_in_the_same_message_and_thread() {
            ChannelMessage waiting = requestAndAwaitApproval();

            world.click(BOB, OPS, waiting, StatusCard.APPROVE);

            SimulatedInvalidation invalidation = Await.value(
                    "the invalidation",
                    () -> world.cloudFront.simulator.invalidations(SHOP).stream()
                            .findFirst()
                            .orElse(null));
            ChannelMessage inProgress = world.awaitMessage(OPS, m -> m.text().contains("in progress"), "the edit");
            assertThat(inProgress.ts()).isEqualTo(waiting.ts());
            assertThat(invalidation.callerReference()).contains(waiting.ts());
            world.awaitReply(waiting, reply -> reply.text().contains("approved"), "the approval record");
        }

        @Test
        void a_group_member_may_approve_and_a_late_second_click_does_nothing_more() {
            ChannelMessage waiting = requestAndAwaitApproval();
            String key =
                    waiting.blocksJson().replaceAll("(?s).*\"action_id\":\"approve\",\"value\":\"([^\"]+)\".*", "$1");

            assertThat(key).startsWith("t1.");
            world.click(CAROL, OPS, waiting, StatusCard.APPROVE);
            Await.until(
                    "the invalidation",
                    () -> !world.cloudFront.simulator.invalidations(SHOP).isEmpty());
            // A click sent before the buttons disappeared, delivered late.
            world.slack
                    .interactive("""
                    {"type":"block_actions","user":{"id":"%s","team_id":"T0SIM"},"team":{"id":"T0SIM"},
                     "channel":{"id":"%s"},"container":{"type":"message","channel_id":"%s","message_ts":"%s"},
                     "actions":[{"action_id":"approve","block_id":"b","type":"button","value":"%s"}]}
                    """.formatted(BOB, OPS, OPS, waiting.ts(), key))
                    .ack()
                    .orTimeout(10, TimeUnit.SECONDS)
                    .join();

            assertThat(world.awaitEphemeral(BOB, "the answer").text()).contains("already decided");
            assertThat(world.cloudFront.simulator.invalidations(SHOP)).hasSize(1);
        }

        @Test
        void a_rejection_ends_the_request_and_creates_nothing() {
            ChannelMessage waiting = requestAndAwaitApproval();

            world.click(BOB, OPS, waiting, StatusCard.REJECT);

            ChannelMessage rejected = world.awaitMessage(OPS, m -> m.text().contains("rejected"), "the rejection");
            assertThat(rejected.blocksJson()).contains("Rejected by <@" + BOB + ">");
            assertThat(world.cloudFront.simulator.calls(Operation.CREATE_INVALIDATION))
                    .isZero();
        }
    }

    /**
     * Bob's decision ({@code action}: Approve or Reject) is posted, then Slack fails every read of the thread the approving instance makes with
     * {@code internal_error}: its five attempts fail, and only a later read — a sweep's, or a click's — finds the
     * approval. (A 429 would not do: the bot waits a rate limit out instead of failing.)
     */
    private ChannelMessage decidedButNotReadBack(ChannelMessage waiting, String action, int failedReads) {
        world.awaitReply(waiting, reply -> reply.text().contains("approval"), "the call for an approver");
        CallHold decision = world.slack.holdNext("chat.postMessage", CallHold.Point.AFTER_COMMIT);

        world.click(BOB, OPS, waiting, action);
        decision.awaitReached(Duration.ofSeconds(20));
        world.slack.failNext("conversations.replies", "internal_error", failedReads);
        decision.release();
        assertThat(Await.value(
                                "Bob told his approval is recorded",
                                () -> world.slack.ephemerals(BOB).stream()
                                        .filter(e -> e.text().contains("recorded in the thread"))
                                        .findFirst()
                                        .orElse(null))
                        .text())
                .contains("no need to click again");
        return waiting;
    }

    private ChannelMessage approvedButNotReadBack(int failedReads) {
        return decidedButNotReadBack(requestAndAwaitApproval(), StatusCard.APPROVE, failedReads);
    }

    private void awaitSentToCloudFront(ChannelMessage waiting, Duration within) {
        Await.until(
                "the approved request sent to CloudFront",
                within,
                () -> world.slack.messages(OPS).stream()
                        .filter(m -> m.ts().equals(waiting.ts()))
                        .findFirst()
                        .orElse(null),
                m -> m != null && m.text().endsWith(": in progress"));
        assertThat(world.cloudFront.simulator.invalidations(SHOP))
                .singleElement()
                .satisfies(invalidation ->
                        assertThat(invalidation.callerReference()).contains(waiting.ts()));
    }

    @Test
    void an_approval_whose_thread_slack_will_not_read_back_is_carried_out_by_a_sweep() {
        world.startBot(BotFixture.config(SWEEPING));

        // Sweeps read the thread too, at most one attempt a second like the approving instance: 15 answers of 429
        // outlast that instance's five attempts, and the sweeps after them find the approval.
        ChannelMessage waiting = approvedButNotReadBack(15);

        awaitSentToCloudFront(waiting, Duration.ofSeconds(60));
    }

    @Test
    void a_second_click_on_an_approval_left_undone_carries_it_out() {
        MutableClock clock = new MutableClock(Instant.now());
        world.startBot(BotFixture.config(), clock);
        ChannelMessage waiting = approvedButNotReadBack(5);

        // Past abandonedAfter from Bob's decision, whose time is Slack's: the set-up above took seconds at Slack's
        // pace.
        clock.set(Instant.now()
                .plus(BotFixture.config().polling().abandonedAfter())
                .plusSeconds(1));
        world.click(BOB, OPS, waiting, StatusCard.APPROVE);

        awaitSentToCloudFront(waiting, Await.DEFAULT_TIMEOUT);
    }

    @Test
    void a_request_nobody_approves_expires_and_creates_nothing() {
        world.startBot(BotFixture.config(BotFixture.CONFIG + "confirm:\n  approvalExpiresAfter: 300ms\n"));

        ChannelMessage waiting = requestAndAwaitApproval();

        ChannelMessage expired = world.awaitMessage(OPS, m -> m.text().contains("expired"), "the expiry");
        assertThat(expired.ts()).isEqualTo(waiting.ts());
        assertThat(world.cloudFront.simulator.calls(Operation.CREATE_INVALIDATION))
                .isZero();
    }

    /** A decision its decider could not carry out is recorded by whoever does, as the decider's own would have been. */
    @Nested
    class CarriedOutByASweep {

        private final AuditLines audit = AuditLines.capture();

        @AfterEach
        void stopCapturing() {
            audit.close();
        }

        private List<JsonNode> lines(String decision) {
            return audit.all().stream()
                    .filter(line -> line.path("decision").asText().equals(decision))
                    .toList();
        }

        @Test
        void an_approval_is_recorded_once_as_approved_by_its_approver() {
            world.startBot(BotFixture.config(SWEEPING));
            ChannelMessage waiting = approvedButNotReadBack(15);

            awaitSentToCloudFront(waiting, Duration.ofSeconds(60));

            assertThat(audit.await("approved", SHOP).path("reason").asText()).isEqualTo("by " + BOB);
            audit.await("created", SHOP);
            assertThat(lines("approved")).hasSize(1);
        }

        @Test
        void a_rejection_is_recorded_once_as_rejected_by_its_approver() {
            world.startBot(BotFixture.config(SWEEPING));
            ChannelMessage waiting = decidedButNotReadBack(requestAndAwaitApproval(), StatusCard.REJECT, 15);

            Await.until(
                    "the rejection carried out",
                    Duration.ofSeconds(60),
                    () -> world.now(OPS, waiting).text().contains(": rejected"));

            assertThat(audit.await("rejected", SHOP).path("reason").asText()).isEqualTo("by " + BOB);
            assertThat(lines("rejected")).hasSize(1);
        }

        @Test
        void an_approval_nobody_can_send_is_recorded_as_approved_then_as_failed() {
            String tooBigForATicket = BotFixture.CONFIG + "confirm:\n  pathThreshold: 1000\n";
            Bot asker = world.startBot(BotFixture.config(tooBigForATicket));
            Random random = new Random(11);
            ChannelMessage waiting = requestAndAwaitApproval(IntStream.range(0, 150)
                    .mapToObj(i -> "/" + Long.toHexString(random.nextLong()) + Long.toHexString(random.nextLong()))
                    .collect(Collectors.joining(" ")));
            decidedButNotReadBack(waiting, StatusCard.APPROVE, 5);
            world.stop(asker);

            // Past abandonedAfter from Bob's decision: the next instance's start-up sweep carries it out.
            world.startBot(
                    BotFixture.config(tooBigForATicket),
                    new MutableClock(Instant.now()
                            .plus(BotFixture.config().polling().abandonedAfter())
                            .plusSeconds(1)));

            Await.until(
                    "the approval nobody can send to say so",
                    () -> world.now(OPS, waiting).blocksJson().contains("too many paths to keep"));
            assertThat(audit.await("approved", SHOP).path("reason").asText()).isEqualTo("by " + BOB);
            assertThat(audit.await("failed", SHOP).path("reason").asText()).contains("nothing was sent");
            assertThat(world.cloudFront.simulator.calls(Operation.CREATE_INVALIDATION))
                    .isZero();
        }
    }
}

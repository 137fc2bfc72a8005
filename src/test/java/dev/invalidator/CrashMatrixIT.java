package dev.invalidator;

import static dev.invalidator.sandbox.SlackSimulator.ALICE;
import static dev.invalidator.sandbox.SlackSimulator.BOB;
import static dev.invalidator.testing.BotFixture.OPS;
import static dev.invalidator.testing.BotFixture.WEB;
import static org.assertj.core.api.Assertions.assertThat;

import dev.invalidator.chat.StatusCard;
import dev.invalidator.sandbox.CallHold;
import dev.invalidator.sandbox.CloudFrontSimulator.Operation;
import dev.invalidator.sandbox.SimulatedInvalidation;
import dev.invalidator.sandbox.SlackSimulator.ChannelMessage;
import dev.invalidator.sandbox.SlackSimulator.Envelope;
import dev.invalidator.testing.Await;
import dev.invalidator.testing.BotFixture;
import dev.invalidator.testing.BotLogsOnFailure;
import dev.invalidator.testing.BotProcess;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} at each point of a request's life, then a fresh start: every request ends with exactly one
 * invalidation and a status message in its final state with one notice in its thread, or with no invalidation and
 * a message that says so. The bot is the real jar in its own process; the simulators stop the call in flight. SIGTERM
 * at the worst moment loses nothing either.
 */
@ExtendWith(BotLogsOnFailure.class)
class CrashMatrixIT {

    private static final Duration HELD = Duration.ofSeconds(30);
    /** A sweep settles "requesting" messages older than this; short, so the test need not wait two minutes. */
    private static final Duration ABANDONED_AFTER = Duration.ofSeconds(1);

    private static final Duration SWEEP_INTERVAL = Duration.ofSeconds(2);
    /** What a loaded machine may add to a bound in time: the sweep's own calls, a busy simulator. */
    private static final Duration MARGIN = Duration.ofSeconds(10);

    private static final String CONFIG = BotFixture.CONFIG.replace(
            "  maxInterval: 200ms\n", "  maxInterval: 200ms\n  abandonedAfter: 1s\n  sweepInterval: 2s\n");

    /**
     * Longer than a restart takes, even on a loaded machine, so that the new instance finds the status message too
     * young to settle at start-up and only a later sweep can.
     */
    private static final Duration LONGER_THAN_A_RESTART = Duration.ofSeconds(30);

    private static final String CONFIG_ABANDONED_AFTER_A_RESTART = BotFixture.CONFIG.replace(
            "  maxInterval: 200ms\n", "  maxInterval: 200ms\n  abandonedAfter: 30s\n  sweepInterval: 2s\n");

    /**
     * Two queued requests held by one instance: a touch of one may wait its turn behind the other's edits at Slack's
     * ~50 edits a minute, so a second past the touch its holder promised may pass while the holder lives, and a sweep
     * would take it over. Ten seconds do not pass so.
     */
    private static final Duration TWO_QUEUED_ABANDONED_AFTER = Duration.ofSeconds(10);

    private static final Pattern TOUCH_DUE = Pattern.compile("\"touch_due\":\"(\\d+)\"");

    private static final String CONFIG_TWO_QUEUED = BotFixture.CONFIG.replace(
            "  maxInterval: 200ms\n", "  maxInterval: 200ms\n  abandonedAfter: 10s\n  sweepInterval: 2s\n");

    private final BotFixture world = new BotFixture();
    private BotProcess first;
    private BotProcess second;

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        for (BotProcess bot : new BotProcess[] {first, second}) {
            if (bot != null) {
                bot.close();
            }
        }
        world.close();
    }

    @Test
    void killed_after_the_ack_nothing_is_invalidated_and_the_ack_said_what_that_means() {
        first = BotProcess.startConnected(world, dir, CONFIG);
        CallHold posting = world.slack.holdNext("chat.postMessage", CallHold.Point.BEFORE_COMMIT);

        Envelope command = world.type(ALICE, OPS, "web /index.html");
        posting.awaitReached(HELD);
        killFirst(posting);
        int historyReads = world.slack.calls("conversations.history").size();
        second = BotProcess.startConnected(world, dir, CONFIG);

        Await.until(
                "the new instance has looked at the channel",
                () -> world.slack.calls("conversations.history").size() > historyReads);
        assertThat(command.ack().join().payloadJson()).contains("nothing was invalidated: send the command again");
        assertThat(world.slack.messages(OPS)).isEmpty();
        assertThat(world.cloudFront.simulator.calls(Operation.CREATE_INVALIDATION))
                .isZero();
    }

    @Test
    void killed_after_the_status_message_the_message_says_nothing_was_invalidated() {
        first = BotProcess.startConnected(world, dir, CONFIG);
        CallHold posted = world.slack.holdNext("chat.postMessage", CallHold.Point.AFTER_COMMIT);

        world.type(ALICE, OPS, "web /index.html");
        posted.awaitReached(HELD);
        killFirst(posted);
        ChannelMessage requesting = onlyStatusMessage();
        assertThat(requesting.text()).endsWith(": requesting");
        restartOnceAbandoned(requesting);

        ChannelMessage failed = world.awaitMessage(
                OPS, message -> message.text().endsWith(": failed"), "the status message marked failed");
        assertThat(failed.blocksJson()).contains("nothing was invalidated");
        world.awaitReply(failed, reply -> reply.text().contains("Please send it again"), "the notice to the requester");
        assertThat(world.cloudFront.simulator.calls(Operation.CREATE_INVALIDATION))
                .isZero();
    }

    @Test
    void killed_right_after_the_status_message_and_restarted_at_once_a_sweep_settles_it_in_time() {
        first = BotProcess.startConnected(world, dir, CONFIG_ABANDONED_AFTER_A_RESTART);
        CallHold posted = world.slack.holdNext("chat.postMessage", CallHold.Point.AFTER_COMMIT);

        world.type(ALICE, OPS, "web /index.html");
        posted.awaitReached(HELD);
        killFirst(posted);
        second = BotProcess.startConnected(world, dir, CONFIG_ABANDONED_AFTER_A_RESTART);
        Instant left = postedAt(onlyStatusMessage());
        // A restart slower than abandonedAfter has the new instance settle it at start-up: the bound holds either way.
        ChannelMessage failed = Await.until(
                "the status message in a final state within abandonedAfter + one sweep of being left",
                Duration.between(
                        Instant.now(),
                        left.plus(LONGER_THAN_A_RESTART).plus(SWEEP_INTERVAL).plus(MARGIN)),
                this::onlyStatusMessage,
                message -> message.text().endsWith(": failed"));
        assertThat(failed.blocksJson()).contains("nothing was invalidated");
        world.awaitReply(failed, reply -> reply.text().contains("Please send it again"), "the notice to the requester");
        assertThat(world.cloudFront.simulator.calls(Operation.CREATE_INVALIDATION))
                .isZero();
    }

    @Test
    void killed_after_the_approval_is_recorded_the_next_start_sends_it() {
        first = BotProcess.startConnected(world, dir, CONFIG);
        world.type(ALICE, OPS, "shop /index.html");
        ChannelMessage waiting = world.awaitMessage(
                OPS,
                message -> message.blocksJson().contains("\"action_id\":\"" + StatusCard.APPROVE + "\""),
                "the request waiting for approval, with its buttons");
        world.awaitReply(waiting, reply -> reply.text().contains("approval"), "the call for an approver");
        CallHold decided = world.slack.holdNext("chat.postMessage", CallHold.Point.AFTER_COMMIT);

        world.slack
                .clickButton(BOB, OPS, waiting.ts(), StatusCard.APPROVE)
                .ack()
                .orTimeout(10, TimeUnit.SECONDS)
                .join();
        decided.awaitReached(HELD);
        killFirst(decided);
        second = BotProcess.startConnected(world, dir, CONFIG);

        world.awaitMessage(
                OPS,
                message -> message.ts().equals(waiting.ts()) && message.text().endsWith(": in progress"),
                "the approved request sent to CloudFront");
        assertThat(world.cloudFront.simulator.invalidations(BotFixture.SHOP))
                .singleElement()
                .satisfies(invalidation ->
                        assertThat(invalidation.callerReference()).contains(waiting.ts()));
    }

    @Test
    void killed_after_the_create_the_invalidation_is_followed_to_completion() {
        first = BotProcess.startConnected(world, dir, CONFIG);
        CallHold created =
                world.cloudFront.simulator.holdNext(Operation.CREATE_INVALIDATION, CallHold.Point.AFTER_COMMIT);

        world.type(ALICE, OPS, "web /index.html");
        created.awaitReached(HELD);
        killFirst(created);
        ChannelMessage requesting = onlyStatusMessage();
        restartOnceAbandoned(requesting);

        world.awaitMessage(OPS, message -> message.text().endsWith(": in progress"), "the status moved on");
        completeTheOnlyInvalidation();
        assertEndedCompletedWithOneNotice();
    }

    @Test
    void killed_while_polling_the_next_start_resumes_and_reports() {
        first = BotProcess.startConnected(world, dir, CONFIG);

        world.type(ALICE, OPS, "web /index.html");
        world.awaitMessage(OPS, message -> message.text().endsWith(": in progress"), "the invalidation in progress");
        first.kill();
        second = BotProcess.startConnected(world, dir, CONFIG);

        Await.until(
                "the new instance polls CloudFront",
                () -> world.cloudFront.simulator.calls(Operation.LIST_INVALIDATIONS, WEB) > 0);
        completeTheOnlyInvalidation();
        assertEndedCompletedWithOneNotice();
    }

    @Test
    void killed_during_the_final_edit_the_next_start_finishes_it() {
        first = BotProcess.startConnected(world, dir, CONFIG);
        world.type(ALICE, OPS, "web /index.html");
        world.awaitMessage(OPS, message -> message.text().endsWith(": in progress"), "the invalidation in progress");
        CallHold editing = world.slack.holdNext("chat.update", CallHold.Point.BEFORE_COMMIT);

        completeTheOnlyInvalidation();
        editing.awaitReached(HELD);
        killFirst(editing);
        assertThat(onlyStatusMessage().text()).endsWith(": in progress");
        second = BotProcess.startConnected(world, dir, CONFIG);

        assertEndedCompletedWithOneNotice();
    }

    @Test
    void killed_after_the_completion_notice_the_next_start_does_not_repeat_it() {
        first = BotProcess.startConnected(world, dir, CONFIG);
        world.type(ALICE, OPS, "web /index.html");
        ChannelMessage status = world.awaitMessage(
                OPS, message -> message.text().endsWith(": in progress"), "the invalidation in progress");
        CallHold noticed = world.slack.holdNext("chat.postMessage", CallHold.Point.AFTER_COMMIT);

        completeTheOnlyInvalidation();
        noticed.awaitReached(HELD);
        killFirst(noticed);
        int repliesRead = world.slack.calls("conversations.replies").size();
        second = BotProcess.startConnected(world, dir, CONFIG);

        Await.until(
                "the new instance has looked for the notice in the thread",
                () -> world.slack.calls("conversations.replies").size() > repliesRead);
        assertEndedCompletedWithOneNotice();
        assertThat(world.slack.thread(OPS, status.ts())).as("the thread").hasSize(completionNotices(status) + 1);
    }

    @Test
    void killed_while_queued_another_instance_sends_it_exactly_once() {
        first = BotProcess.startConnected(world, dir, CONFIG);
        ChannelMessage queued = queueBehindFifteenWildcards();
        first.kill();
        restartOnceUntouched();

        world.cloudFront.simulator.complete(
                world.cloudFront.simulator.invalidations(WEB).get(0).id());

        awaitSentOnce(queued);
    }

    @Test
    void killed_while_its_queued_create_is_in_flight_it_is_sent_again_once() {
        first = BotProcess.startConnected(world, dir, CONFIG);
        ChannelMessage queued = queueBehindFifteenWildcards();
        CallHold sending =
                world.cloudFront.simulator.holdNext(Operation.CREATE_INVALIDATION, CallHold.Point.BEFORE_COMMIT);
        world.cloudFront.simulator.complete(
                world.cloudFront.simulator.invalidations(WEB).get(0).id());
        sending.awaitReached(HELD);
        killFirst(sending);
        assertThat(statusOf(queued).text()).contains("⏳ Queued");
        restartOnceUntouched();

        awaitSentOnce(queued);
    }

    @Test
    void killed_right_after_its_queued_create_the_invalidation_is_followed_and_not_sent_again() {
        first = BotProcess.startConnected(world, dir, CONFIG);
        ChannelMessage queued = queueBehindFifteenWildcards();
        CallHold sent = world.cloudFront.simulator.holdNext(Operation.CREATE_INVALIDATION, CallHold.Point.AFTER_COMMIT);
        world.cloudFront.simulator.complete(
                world.cloudFront.simulator.invalidations(WEB).get(0).id());
        sent.awaitReached(HELD);
        killFirst(sent);
        int creates = world.cloudFront.simulator.calls(Operation.CREATE_INVALIDATION);
        restartOnceUntouched();

        awaitSentOnce(queued);
        assertThat(world.cloudFront.simulator.calls(Operation.CREATE_INVALIDATION))
                .as("creates after the restart")
                .isEqualTo(creates);
    }

    @Test
    void killed_while_a_coalesced_create_is_in_flight_every_member_is_sent_once_after_all() {
        first = BotProcess.startConnected(world, dir, CONFIG_TWO_QUEUED);
        List<ChannelMessage> members = queueTwoBehindFifteenWildcards();
        CallHold sending =
                world.cloudFront.simulator.holdNext(Operation.CREATE_INVALIDATION, CallHold.Point.BEFORE_COMMIT);
        world.cloudFront.simulator.complete(
                world.cloudFront.simulator.invalidations(WEB).get(0).id());
        sending.awaitReached(HELD);
        killFirst(sending);
        restartOnceUntouched(TWO_QUEUED_ABANDONED_AFTER, CONFIG_TWO_QUEUED);

        awaitEachInOneInvalidation(members);
    }

    @Test
    void killed_right_after_a_coalesced_create_every_member_follows_it_to_completion() {
        first = BotProcess.startConnected(world, dir, CONFIG_TWO_QUEUED);
        List<ChannelMessage> members = queueTwoBehindFifteenWildcards();
        CallHold sent = world.cloudFront.simulator.holdNext(Operation.CREATE_INVALIDATION, CallHold.Point.AFTER_COMMIT);
        world.cloudFront.simulator.complete(
                world.cloudFront.simulator.invalidations(WEB).get(0).id());
        sent.awaitReached(HELD);
        killFirst(sent);
        int creates = world.cloudFront.simulator.calls(Operation.CREATE_INVALIDATION);
        restartOnceUntouched(TWO_QUEUED_ABANDONED_AFTER, CONFIG_TWO_QUEUED);

        SimulatedInvalidation batch = awaitEachInOneInvalidation(members);
        assertThat(world.cloudFront.simulator.calls(Operation.CREATE_INVALIDATION))
                .as("creates after the restart")
                .isEqualTo(creates);
        world.cloudFront.simulator.complete(batch.id());
        for (ChannelMessage member : members) {
            Await.until("each member completed", () -> statusOf(member).text().contains(": completed"));
        }
    }

    /** Two requests queued behind fifteen wildcard paths in progress: they go out together once there is room. */
    private List<ChannelMessage> queueTwoBehindFifteenWildcards() {
        queueBehindFifteenWildcards();
        world.type(BOB, OPS, "web /later/*");
        Await.until(
                "both requests queued, their paths kept",
                () -> world.slack.messages(OPS).stream()
                                .filter(message -> message.text().contains("⏳ Queued"))
                                .filter(message -> world.slack.thread(OPS, message.ts()).stream()
                                        .anyMatch(reply -> reply.text().contains("to send to CloudFront")))
                                .count()
                        == 2);
        return world.slack.messages(OPS).stream()
                .filter(message -> message.text().contains("⏳ Queued"))
                .toList();
    }

    /** Each member in progress in one invalidation holding both their paths, made once. */
    private SimulatedInvalidation awaitEachInOneInvalidation(List<ChannelMessage> members) {
        for (ChannelMessage member : members) {
            Await.until(
                    "each member in progress",
                    Duration.ofSeconds(60),
                    () -> statusOf(member).text().endsWith(": in progress"));
        }
        return assertThat(world.cloudFront.simulator.invalidations(WEB))
                .filteredOn(invalidation -> invalidation.paths().contains("/late/*"))
                .singleElement()
                .satisfies(invalidation -> assertThat(invalidation.paths()).contains("/later/*"))
                .actual();
    }

    /**
     * A request queued behind fifteen wildcard paths in progress (CloudFront's limit), its paths kept in its thread.
     */
    private ChannelMessage queueBehindFifteenWildcards() {
        world.type(ALICE, OPS, "web " + BotFixture.FIFTEEN_WILDCARDS);
        world.awaitInvalidation(WEB);
        world.type(ALICE, OPS, "web /late/*");
        ChannelMessage queued = world.awaitMessage(
                OPS, message -> message.text().contains("⏳ Queued"), "the request queued behind the wildcards");
        world.awaitReply(
                queued, reply -> reply.text().contains("to send to CloudFront"), "its paths kept in the thread");
        return queued;
    }

    /** The queued request in progress, its one invalidation made with its own status message's reference. */
    private void awaitSentOnce(ChannelMessage queued) {
        Await.until(
                "the queued request in progress",
                Duration.ofSeconds(60),
                () -> statusOf(queued).text().endsWith(": in progress"));
        assertThat(world.cloudFront.simulator.invalidations(WEB))
                .filteredOn(invalidation -> invalidation.paths().contains("/late/*"))
                .singleElement()
                .satisfies(invalidation ->
                        assertThat(invalidation.callerReference()).contains(queued.ts()));
    }

    private ChannelMessage statusOf(ChannelMessage message) {
        return world.slack.messages(OPS).stream()
                .filter(m -> m.ts().equals(message.ts()))
                .findFirst()
                .orElseThrow();
    }

    /**
     * SIGTERM, as a container engine sends it: the bot lets go of Slack first (no new commands), finishes the create
     * it has in hand, and exits (143, as any JVM stopped by SIGTERM); the next start follows what it created.
     */
    @Test
    void sigterm_stops_taking_commands_finishes_the_create_in_flight_and_exits() {
        first = BotProcess.startConnected(world, dir, CONFIG);
        CallHold creating =
                world.cloudFront.simulator.holdNext(Operation.CREATE_INVALIDATION, CallHold.Point.BEFORE_COMMIT);
        world.type(ALICE, OPS, "web /index.html");
        creating.awaitReached(HELD);

        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(first::terminate);
        world.slack.awaitConnections(0, Duration.ofSeconds(30));
        assertThat(first.isAlive()).as("still finishing the create in hand").isTrue();
        creating.release();

        assertThat(exit.join()).as("exit status").isEqualTo(BotProcess.EXIT_ON_SIGTERM);
        assertThat(onlyStatusMessage().text()).endsWith(": in progress");
        assertThat(world.cloudFront.simulator.invalidations(WEB)).hasSize(1);

        second = BotProcess.startConnected(world, dir, CONFIG);
        completeTheOnlyInvalidation();
        assertEndedCompletedWithOneNotice();
    }

    private void killFirst(CallHold held) {
        first.kill();
        held.abandon();
    }

    /**
     * Waits until every queued request's holder, killed before now, is {@code polling.abandonedAfter} past the touch it
     * promised ({@code touch_due}), then starts a fresh instance.
     */
    private void restartOnceUntouched() {
        restartOnceUntouched(ABANDONED_AFTER, CONFIG);
    }

    private void restartOnceUntouched(Duration abandonedAfter, String config) {
        Instant lastDue = world.slack.messages(OPS).stream()
                .map(message -> TOUCH_DUE.matcher(message.metadataJson()))
                .filter(Matcher::find)
                .map(due -> Instant.ofEpochMilli(Long.parseLong(due.group(1))))
                .max(Instant::compareTo)
                .orElseThrow(() -> new AssertionError("no queued request promised a touch"));
        Await.until(
                "the queued request is untouched long enough to be taken over",
                Duration.ofSeconds(60),
                () -> Instant.now().isAfter(lastDue.plus(abandonedAfter)));
        second = BotProcess.startConnected(world, dir, config);
    }

    /** Waits until the message is older than {@code polling.abandonedAfter}, then starts a fresh instance. */
    private void restartOnceAbandoned(ChannelMessage requesting) {
        Instant posted = postedAt(requesting);
        Await.until(
                "the status message is old enough to be settled",
                () -> Instant.now().isAfter(posted.plus(ABANDONED_AFTER)));
        second = BotProcess.startConnected(world, dir, CONFIG);
    }

    private static Instant postedAt(ChannelMessage message) {
        return Instant.ofEpochMilli(
                new BigDecimal(message.ts()).movePointRight(3).longValue());
    }

    private ChannelMessage onlyStatusMessage() {
        List<ChannelMessage> messages = world.slack.messages(OPS);
        assertThat(messages).as("status messages").hasSize(1);
        return messages.get(0);
    }

    private void completeTheOnlyInvalidation() {
        SimulatedInvalidation invalidation = world.awaitInvalidation(WEB);
        world.cloudFront.simulator.complete(invalidation.id());
    }

    private void assertEndedCompletedWithOneNotice() {
        ChannelMessage completed =
                world.awaitMessage(OPS, message -> message.text().contains(": completed"), "the completed status");
        Await.until("a completion notice in the thread", () -> completionNotices(completed) >= 1);
        assertThat(world.cloudFront.simulator.invalidations(WEB))
                .as("invalidations")
                .hasSize(1);
        assertThat(world.slack.messages(OPS)).as("status messages").hasSize(1);
        assertThat(completionNotices(completed)).as("completion notices").isEqualTo(1);
    }

    private int completionNotices(ChannelMessage status) {
        String marker =
                "(" + world.cloudFront.simulator.invalidations(WEB).get(0).id() + ")";
        return (int) world.slack.thread(OPS, status.ts()).stream()
                .filter(reply -> reply.text().contains(marker))
                .count();
    }
}

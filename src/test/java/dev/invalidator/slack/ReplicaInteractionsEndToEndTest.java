package dev.invalidator.slack;

import static dev.invalidator.testing.BotFixture.CAROL;
import static dev.invalidator.testing.BotFixture.DAVE;
import static dev.invalidator.testing.BotFixture.IMAGES;
import static dev.invalidator.testing.BotFixture.OPS;
import static dev.invalidator.testing.BotFixture.SHOP;
import static dev.invalidator.testing.BotFixture.WEB;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.invalidator.Bot;
import dev.invalidator.chat.ConfirmationCard;
import dev.invalidator.chat.StatusCard;
import dev.invalidator.config.ConfirmConfig;
import dev.invalidator.sandbox.CloudFrontSimulator.Operation;
import dev.invalidator.sandbox.SimulatedInvalidation;
import dev.invalidator.sandbox.SlackSimulator;
import dev.invalidator.sandbox.SlackSimulator.ChannelMessage;
import dev.invalidator.sandbox.SlackSimulator.Ephemeral;
import dev.invalidator.testing.Await;
import dev.invalidator.testing.BotFixture;
import dev.invalidator.testing.ForgedTickets;
import dev.invalidator.testing.MutableClock;
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

/**
 * Two instances of the bot on one Slack app, as the Kubernetes example runs them: Slack hands each payload to either
 * connection, so a question asked by one instance is often answered on the other — or on one started since.
 */
class ReplicaInteractionsEndToEndTest {

    private static final String ALICE = SlackSimulator.ALICE;
    private static final String BOB = SlackSimulator.BOB;

    private BotFixture world;
    private Bot asker;
    private Bot other;

    @BeforeEach
    void start() {
        world = new BotFixture();
        asker = world.startBot();
        other = world.startBot();
    }

    @AfterEach
    void stop() {
        world.close();
    }

    /** {@code user} types the command, which reaches the instance that will ask. */
    private void ask(String user, String text) {
        world.deliverTo(asker);
        world.type(user, OPS, text);
    }

    private Ephemeral awaitConfirmation(String user) {
        return Await.value(
                "a confirmation for " + user,
                () -> world.slack.ephemerals(user).stream()
                        .filter(e -> e.blocksJson() != null && e.blocksJson().contains(ConfirmationCard.CONFIRM))
                        .findFirst()
                        .orElse(null));
    }

    private Ephemeral awaitAnswer(String user, String containing) {
        return Await.value(
                "an answer to " + user + " containing " + containing,
                () -> world.slack.ephemerals(user).stream()
                        .filter(e -> e.text().contains(containing))
                        .reduce((a, b) -> b)
                        .orElse(null));
    }

    private void click(String user, String channel, String ts, String action) {
        world.slack
                .clickButton(user, channel, ts, action)
                .ack()
                .orTimeout(10, TimeUnit.SECONDS)
                .join();
    }

    private void click(String user, Ephemeral question, String action) {
        click(user, question.channel(), question.ts(), action);
    }

    /** A click on a confirmation whose button carried {@code value}: what a forger's client would send. */
    private void forgedClick(String user, String action, String value) {
        world.slack
                .interactive("""
                {"type":"block_actions","user":{"id":"%s","team_id":"T0SIM"},"team":{"id":"T0SIM"},
                 "channel":{"id":"%s"},"container":{"type":"message","channel_id":"%s","is_ephemeral":true},
                 "actions":[{"action_id":"%s","block_id":"b","type":"button","value":"%s"}]}
                """.formatted(user, OPS, OPS, action, value))
                .ack()
                .orTimeout(10, TimeUnit.SECONDS)
                .join();
    }

    private ChannelMessage awaitStatus(String state) {
        return world.awaitMessage(OPS, message -> message.text().contains(state), "a status message " + state);
    }

    private List<SimulatedInvalidation> created(String distribution) {
        return world.cloudFront.simulator.invalidations(distribution);
    }

    private int createCalls() {
        return world.cloudFront.simulator.calls(Operation.CREATE_INVALIDATION);
    }

    @Nested
    class AConfirmationAnsweredOnTheOtherInstance {

        @Test
        void confirm_creates_exactly_one_invalidation_whose_status_message_reaches_its_end() {
            ask(ALICE, "web /*");
            Ephemeral question = awaitConfirmation(ALICE);

            world.deliverTo(other);
            click(ALICE, question, ConfirmationCard.CONFIRM);

            SimulatedInvalidation invalidation = Await.value(
                    "the invalidation", () -> created(WEB).stream().findFirst().orElse(null));
            assertThat(invalidation.paths()).containsExactly("/*");
            assertThat(awaitAnswer(ALICE, "Confirmed").replaceOriginal()).isTrue();
            awaitStatus("in progress");
            world.cloudFront.simulator.complete(invalidation.id());
            awaitStatus("completed");
            assertThat(created(WEB)).hasSize(1);
            assertThat(world.slack.messages(OPS)).hasSize(1);
        }

        @Test
        void cancel_creates_nothing_and_says_cancelled() {
            ask(ALICE, "web /*");
            Ephemeral question = awaitConfirmation(ALICE);

            world.deliverTo(other);
            click(ALICE, question, ConfirmationCard.CANCEL);

            assertThat(awaitAnswer(ALICE, "Cancelled").text()).contains("web");
            assertThat(createCalls()).isZero();
            assertThat(world.slack.messages(OPS)).isEmpty();
        }

        @Test
        void the_wildcard_instead_is_computed_again_and_created_once() {
            ask(
                    ALICE,
                    "web "
                            + IntStream.range(0, 120)
                                    .mapToObj(i -> "/assets/img/" + i + ".png")
                                    .collect(Collectors.joining(" ")));
            Ephemeral question = awaitConfirmation(ALICE);

            world.deliverTo(other);
            click(ALICE, question, ConfirmationCard.USE_WILDCARDS);

            SimulatedInvalidation invalidation = Await.value(
                    "the invalidation", () -> created(WEB).stream().findFirst().orElse(null));
            assertThat(invalidation.paths()).containsExactly("/assets/img/*");
            awaitStatus("in progress");
            assertThat(created(WEB)).hasSize(1);
        }

        @Test
        void the_files_to_check_after_completion_travel_with_the_request() {
            ask(ALICE, "web /* check:/index.html");
            Ephemeral question = awaitConfirmation(ALICE);

            world.deliverTo(other);
            click(ALICE, question, ConfirmationCard.CONFIRM);

            assertThat(awaitStatus("in progress").metadataJson()).contains("\"check\":\"/index.html\"");
            assertThat(created(WEB).get(0).paths()).containsExactly("/*");
        }

        @Test
        void a_double_click_that_reaches_both_instances_at_once_creates_one_invalidation() {
            ask(ALICE, "web /*");
            Ephemeral question = awaitConfirmation(ALICE);

            world.deliverTo(asker);
            var first = world.slack.clickButton(ALICE, question.channel(), question.ts(), ConfirmationCard.CONFIRM);
            world.deliverTo(other);
            var second = world.slack.clickButton(ALICE, question.channel(), question.ts(), ConfirmationCard.CONFIRM);
            first.ack().orTimeout(10, TimeUnit.SECONDS).join();
            second.ack().orTimeout(10, TimeUnit.SECONDS).join();

            awaitStatus("in progress");
            ChannelMessage duplicate = awaitStatus("already sent");
            assertThat(duplicate.blocksJson()).contains("clicked twice");
            assertThat(world.slack.messages(OPS)).hasSize(2);
            assertThat(createCalls()).isEqualTo(1);
        }

        @Test
        void a_request_asked_before_a_restart_is_confirmed_on_the_instance_started_since() {
            ask(ALICE, "web /*");
            Ephemeral question = awaitConfirmation(ALICE);
            world.stop(asker);
            world.stop(other);
            Bot restarted = world.startBot();

            world.deliverTo(restarted);
            click(ALICE, question, ConfirmationCard.CONFIRM);

            Await.until("the invalidation", () -> !created(WEB).isEmpty());
            awaitStatus("in progress");
            assertThat(created(WEB)).hasSize(1);
        }

        @Test
        void once_expired_by_the_time_it_was_asked_it_creates_nothing() {
            world.stop(other);
            MutableClock later = new MutableClock(
                    Instant.now().plus(ConfirmConfig.defaults().expiresAfter()).plusSeconds(5));
            other = world.startBot(BotFixture.config(), later);
            ask(ALICE, "web /*");
            Ephemeral question = awaitConfirmation(ALICE);

            world.deliverTo(other);
            click(ALICE, question, ConfirmationCard.CONFIRM);

            assertThat(awaitAnswer(ALICE, "expired").text()).contains("nothing more was invalidated");
            assertThat(createCalls()).isZero();
        }
    }

    @Nested
    class ARequestTooBigToTravelWithItsButtons {

        private Ephemeral askBig() {
            Random random = new Random(11);
            ask(
                    ALICE,
                    "web "
                            + IntStream.range(0, 150)
                                    .mapToObj(i -> "/" + Long.toHexString(random.nextLong())
                                            + Long.toHexString(random.nextLong()))
                                    .collect(Collectors.joining(" ")));
            return awaitConfirmation(ALICE);
        }

        @Test
        void is_answered_only_by_the_instance_that_asked_and_the_other_says_so() {
            Ephemeral question = askBig();
            assertThat(ForgedTickets.buttonValue(question.blocksJson(), ConfirmationCard.CONFIRM))
                    .matches("[0-9a-f]{16}");

            world.deliverTo(other);
            click(ALICE, question, ConfirmationCard.CONFIRM);

            Ephemeral answer = awaitAnswer(ALICE, "too many paths");
            assertThat(answer.text()).contains("Click again").contains("Nothing was invalidated");
            assertThat(answer.replaceOriginal()).isFalse();
            assertThat(createCalls()).isZero();

            world.deliverTo(asker);
            click(ALICE, question, ConfirmationCard.CONFIRM);
            SimulatedInvalidation invalidation = Await.value(
                    "the invalidation", () -> created(WEB).stream().findFirst().orElse(null));
            assertThat(invalidation.paths()).hasSize(150);
        }
    }

    @Nested
    class AForgedTicket {

        private ObjectNode ticketOf(Ephemeral question) {
            return ForgedTickets.read(ForgedTickets.buttonValue(question.blocksJson(), ConfirmationCard.CONFIRM));
        }

        @Test
        void naming_another_requester_is_refused_and_creates_nothing() {
            ask(ALICE, "web /*");
            ObjectNode ticket = ticketOf(awaitConfirmation(ALICE));

            ticket.put("u", BOB);
            world.deliverTo(other);
            forgedClick(ALICE, ConfirmationCard.CONFIRM, ForgedTickets.write(ticket));

            assertThat(awaitAnswer(ALICE, "Only").text()).contains(BOB).contains("can confirm");
            assertThat(createCalls()).isZero();
        }

        @Test
        void taken_over_by_someone_else_gets_no_further_than_their_own_command_would() {
            // Alice may use images; Bob may not, and makes her request his own.
            ask(ALICE, "images /*");
            ObjectNode ticket = ticketOf(awaitConfirmation(ALICE));

            ticket.put("u", BOB);
            world.deliverTo(other);
            forgedClick(BOB, ConfirmationCard.CONFIRM, ForgedTickets.write(ticket));

            assertThat(awaitAnswer(BOB, "Not allowed").text()).contains("images");
            assertThat(createCalls()).isZero();
            assertThat(world.slack.messages(OPS)).isEmpty();
        }

        @Test
        void with_tampered_paths_is_parsed_again_and_refused_naming_the_bad_ones() {
            ask(ALICE, "web /*");
            ObjectNode ticket = ticketOf(awaitConfirmation(ALICE));

            ticket.putArray("p").add("/ok.html").add("no-slash").add("/a*b");
            world.deliverTo(other);
            forgedClick(ALICE, ConfirmationCard.CONFIRM, ForgedTickets.write(ticket));

            assertThat(awaitAnswer(ALICE, "problems with the paths").blocksJson())
                    .contains("no-slash")
                    .contains("/a*b");
            assertThat(createCalls()).isZero();
        }

        @Test
        void swapped_to_a_distribution_the_clicker_may_not_use_is_refused() {
            ask(DAVE, "web /*");
            ObjectNode ticket = ticketOf(awaitConfirmation(DAVE));

            ticket.put("d", IMAGES);
            world.deliverTo(other);
            forgedClick(DAVE, ConfirmationCard.CONFIRM, ForgedTickets.write(ticket));

            assertThat(awaitAnswer(DAVE, "Not allowed").text()).contains("images");
            assertThat(createCalls()).isZero();
        }

        @Test
        void sending_the_status_message_to_another_channel_than_the_question_is_refused() {
            ask(ALICE, "web /*");
            ObjectNode ticket = ticketOf(awaitConfirmation(ALICE));

            ticket.put("c", SlackSimulator.GENERAL);
            world.deliverTo(other);
            forgedClick(ALICE, ConfirmationCard.CONFIRM, ForgedTickets.write(ticket));

            assertThat(awaitAnswer(ALICE, "doesn't match").text()).contains("nothing was invalidated");
            assertThat(createCalls()).isZero();
            assertThat(world.slack.messages(SlackSimulator.GENERAL)).isEmpty();
        }

        @Test
        void that_is_not_a_ticket_at_all_is_refused() {
            world.deliverTo(other);

            forgedClick(ALICE, ConfirmationCard.CONFIRM, "t1.bm90LWEtdGlja2V0");

            assertThat(awaitAnswer(ALICE, "doesn't match")).isNotNull();
            assertThat(createCalls()).isZero();
        }
    }

    @Nested
    class AnApproval {

        private ChannelMessage requestApproval() {
            ask(ALICE, "shop /index.html");
            return world.awaitMessage(
                    OPS,
                    message -> message.text().contains("awaiting approval")
                            && message.blocksJson().contains("\"action_id\":\"" + StatusCard.APPROVE + "\""),
                    "the buttons");
        }

        @Test
        void approved_on_the_other_instance_creates_one_invalidation_in_the_same_message() {
            ChannelMessage waiting = requestApproval();

            world.deliverTo(other);
            click(BOB, OPS, waiting.ts(), StatusCard.APPROVE);

            SimulatedInvalidation invalidation = Await.value(
                    "the invalidation", () -> created(SHOP).stream().findFirst().orElse(null));
            assertThat(invalidation.callerReference()).contains(waiting.ts());
            assertThat(awaitStatus("in progress").ts()).isEqualTo(waiting.ts());
            world.awaitReply(waiting, reply -> reply.text().contains("approved"), "the approval in the thread");
            world.cloudFront.simulator.complete(invalidation.id());
            awaitStatus("completed");
            assertThat(createCalls()).isEqualTo(1);
        }

        @Test
        void rejected_on_the_other_instance_ends_it_and_creates_nothing() {
            ChannelMessage waiting = requestApproval();

            world.deliverTo(other);
            click(BOB, OPS, waiting.ts(), StatusCard.REJECT);

            assertThat(awaitStatus("rejected").ts()).isEqualTo(waiting.ts());
            assertThat(createCalls()).isZero();
        }

        @Test
        void two_approvers_at_once_on_both_instances_create_one_invalidation_and_one_decision_counts() {
            ChannelMessage waiting = requestApproval();

            world.deliverTo(asker);
            var bob = world.slack.clickButton(BOB, OPS, waiting.ts(), StatusCard.APPROVE);
            world.deliverTo(other);
            var carol = world.slack.clickButton(CAROL, OPS, waiting.ts(), StatusCard.APPROVE);
            bob.ack().orTimeout(10, TimeUnit.SECONDS).join();
            carol.ack().orTimeout(10, TimeUnit.SECONDS).join();

            awaitStatus("in progress");
            Await.until(
                    "the second approver told it was already decided",
                    () -> List.of(BOB, CAROL).stream()
                            .anyMatch(user -> world.slack.ephemerals(user).stream()
                                    .anyMatch(e -> e.text().contains("already decided"))));
            assertThat(createCalls()).isEqualTo(1);
            assertThat(created(SHOP)).hasSize(1);
            assertThat(world.slack.thread(OPS, waiting.ts()).stream()
                            .filter(reply -> reply.text().contains("approved.")))
                    .hasSize(1);
        }

        @Test
        void after_its_expiry_a_click_on_the_other_instance_marks_it_expired_and_creates_nothing() {
            world.stop(other);
            MutableClock later = new MutableClock(Instant.now()
                    .plus(ConfirmConfig.defaults().approvalExpiresAfter())
                    .plusSeconds(5));
            other = world.startBot(BotFixture.config(), later);
            ChannelMessage waiting = requestApproval();

            world.deliverTo(other);
            click(BOB, OPS, waiting.ts(), StatusCard.APPROVE);

            assertThat(awaitStatus("expired").ts()).isEqualTo(waiting.ts());
            assertThat(awaitAnswer(BOB, "already decided or has expired")).isNotNull();
            world.awaitReply(waiting, reply -> reply.text().contains("in time"), "the expiry in the thread");
            assertThat(createCalls()).isZero();
        }

        @Test
        void left_waiting_by_a_stopped_instance_is_marked_expired_by_the_sweep_of_the_next_one_to_start() {
            ChannelMessage waiting = requestApproval();
            world.stop(asker);
            world.stop(other);

            // A sweep leaves the asking instance 30 s past the deadline to expire the request itself.
            world.startBot(
                    BotFixture.config(),
                    new MutableClock(Instant.now()
                            .plus(ConfirmConfig.defaults().approvalExpiresAfter())
                            .plusSeconds(35)));

            assertThat(awaitStatus("expired").ts()).isEqualTo(waiting.ts());
            assertThat(createCalls()).isZero();
        }

        @Test
        void asked_before_a_restart_is_approved_on_the_instance_started_since() {
            ChannelMessage waiting = requestApproval();
            world.stop(asker);
            world.stop(other);
            Bot restarted = world.startBot();

            world.deliverTo(restarted);
            click(BOB, OPS, waiting.ts(), StatusCard.APPROVE);

            Await.until("the invalidation", () -> !created(SHOP).isEmpty());
            assertThat(awaitStatus("in progress").ts()).isEqualTo(waiting.ts());
        }

        @Test
        void with_a_tampered_ticket_is_refused_and_creates_nothing() {
            ChannelMessage waiting = requestApproval();
            ObjectNode ticket = ForgedTickets.read(ForgedTickets.buttonValue(waiting.blocksJson(), StatusCard.APPROVE));

            ticket.putArray("p").add("/*");
            world.deliverTo(other);
            world.slack
                    .interactive("""
                    {"type":"block_actions","user":{"id":"%s","team_id":"T0SIM"},"team":{"id":"T0SIM"},
                     "channel":{"id":"%s"},"container":{"type":"message","channel_id":"%s","message_ts":"%s"},
                     "actions":[{"action_id":"approve","block_id":"b","type":"button","value":"%s"}]}
                    """.formatted(BOB, OPS, OPS, waiting.ts(), ForgedTickets.write(ticket)))
                    .ack()
                    .orTimeout(10, TimeUnit.SECONDS)
                    .join();

            assertThat(awaitAnswer(BOB, "doesn't match").text()).contains("nothing was invalidated");
            assertThat(createCalls()).isZero();
            assertThat(world.slack.messages(OPS).get(0).text()).contains("awaiting approval");
        }
    }
}

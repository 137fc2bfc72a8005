package dev.invalidator.slack;

import static dev.invalidator.testing.BotFixture.CAROL;
import static dev.invalidator.testing.BotFixture.DAVE;
import static dev.invalidator.testing.BotFixture.OPS;
import static dev.invalidator.testing.BotFixture.WEB;
import static org.assertj.core.api.Assertions.assertThat;

import dev.invalidator.Bot;
import dev.invalidator.sandbox.CallHold;
import dev.invalidator.sandbox.CloudFrontSimulator.Operation;
import dev.invalidator.sandbox.SlackSimulator.Ack;
import dev.invalidator.sandbox.SlackSimulator.Envelope;
import dev.invalidator.testing.Await;
import dev.invalidator.testing.BotFixture;
import dev.invalidator.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * No acknowledgement waits for Slack or AWS: commands, clicks, events and form submissions are answered within
 * 100 ms of reaching Slack's side of the socket whatever the Web API or CloudFront are doing, a form whose checks
 * can't be made from what is known says so in the form, and nothing is done for a form that was not answered.
 */
class AcknowledgementEndToEndTest {

    /** What the issue asks of every ack while {@code users.info} answers 429; ours take a few milliseconds. */
    private static final Duration ACK_BOUND = Duration.ofMillis(100);

    private static final String COULD_NOT_CHECK = "couldn't check that just now — nothing was sent, try again";

    private BotFixture world;

    @BeforeEach
    void start() {
        world = new BotFixture();
    }

    @AfterEach
    void stop() {
        world.close();
    }

    /** The request form as Slack sends it back, from {@code user}, for {@code paths} on web in #ops. */
    private Envelope submitForm(String user, String paths) {
        return world.slack.interactive("""
                {"type":"view_submission","team":{"id":"T0SIM"},"user":{"id":"%s","team_id":"T0SIM"},
                 "view":{"id":"V0FORM%s","type":"modal","callback_id":"invalidate_request","private_metadata":"%s",
                         "state":{"values":{
                   "distribution":{"value":{"type":"static_select","selected_option":{"text":{"type":"plain_text","text":"web"},"value":"web"}}},
                   "paths":{"value":{"type":"plain_text_input","value":"%s"}},
                   "note":{"value":{"type":"plain_text_input","value":null}}}}}}
                """.formatted(user, user, OPS, paths));
    }

    /** A click on a confirmation's Confirm whose value is no request at all. */
    private Envelope click(String user) {
        return world.slack.interactive("""
                {"type":"block_actions","user":{"id":"%s","team_id":"T0SIM"},"team":{"id":"T0SIM"},
                 "channel":{"id":"%s"},"container":{"type":"message","channel_id":"%s","is_ephemeral":true},
                 "actions":[{"action_id":"confirm","block_id":"b","type":"button","value":"not-a-ticket"}]}
                """.formatted(user, OPS, OPS));
    }

    private static Ack ackOf(Envelope envelope) {
        return envelope.ack().orTimeout(10, TimeUnit.SECONDS).join();
    }

    /** How long each envelope waited for its ack, or that none came within 10 s. */
    private static Map<String, String> ackTimes(Map<String, Envelope> sent) {
        Map<String, String> times = new LinkedHashMap<>();
        Instant deadline = Instant.now().plusSeconds(10);
        sent.forEach((what, envelope) -> {
            Ack ack = envelope.ack()
                    .completeOnTimeout(
                            null,
                            Math.max(
                                    0, Duration.between(Instant.now(), deadline).toMillis()),
                            TimeUnit.MILLISECONDS)
                    .join();
            times.put(
                    what,
                    ack == null
                            ? "no ack within 10 s"
                            : Duration.between(envelope.sentAt(), ack.receivedAt())
                                            .toMillis() + " ms");
        });
        return times;
    }

    private long usersInfoCallsAbout(String user) {
        return world.slack.calls("users.info").stream()
                .filter(call -> user.equals(call.params().get("user")))
                .count();
    }

    private static Map<String, String> ackTime(String what, Envelope envelope) {
        return ackTimes(Map.of(what, envelope));
    }

    private static boolean within(String time, Duration bound) {
        return time.endsWith(" ms") && Long.parseLong(time.substring(0, time.length() - 3)) <= bound.toMillis();
    }

    /**
     * Opens the form as CAROL (so her access is known), and has each kind of envelope answered a few times, so that
     * the acks timed afterwards run compiled code, as they do in a bot that has been up for a while.
     */
    private void warmUp(Bot bot) {
        world.type(CAROL, OPS, "");
        Await.value(
                "the form", () -> world.slack.views(CAROL).stream().findFirst().orElse(null));
        for (int round = 0; round < 5; round++) {
            ackOf(submitForm(CAROL, "no-leading-slash"));
            ackOf(click(CAROL));
            ackOf(world.slack.appHomeOpened(CAROL));
            world.type(CAROL, OPS, "help");
        }
        Await.until("the bot to be idle after the warm-up", bot::idle);
    }

    @Nested
    class WhileSlackAnswers429ToUsersInfo {

        private Bot bot;

        @BeforeEach
        void startTheBotAndRateLimitUsersInfo() {
            bot = world.startBot();
            warmUp(bot);
            world.slack.rateLimit("users.info", 1_000, 30);
        }

        /**
         * The four forms go together, as in the black-box run; the rest one at a time while the workers wait out
         * Slack's Retry-After, so that each ack is timed on its own and not behind the others' CPU.
         */
        @Test
        void every_envelope_is_acked_within_100_ms_of_arrival() {
            Map<String, Envelope> forms = new LinkedHashMap<>();
            for (int i = 1; i <= 4; i++) {
                forms.put("form " + i, submitForm(DAVE, "/page-" + i + ".html"));
            }
            Map<String, String> times = new LinkedHashMap<>(ackTimes(forms));
            times.putAll(ackTime("/invalidate help", world.slack.slashCommand(DAVE, OPS, "/invalidate", "help")));
            times.putAll(ackTime(
                    "/invalidate web /a.html", world.slack.slashCommand(DAVE, OPS, "/invalidate", "web /a.html")));
            times.putAll(ackTime("a click", click(DAVE)));
            times.putAll(ackTime("the Home tab opened", world.slack.appHomeOpened(DAVE)));
            times.putAll(ackTime("form 5", submitForm(DAVE, "/page-5.html")));

            assertThat(times)
                    .as("time from Slack sending each envelope to Slack receiving its ack")
                    .allSatisfy((what, time) -> assertThat(within(time, ACK_BOUND))
                            .as(what + ": " + time)
                            .isTrue());
        }

        @Test
        void a_form_that_cannot_be_checked_says_so_in_the_form_and_nothing_is_created() {
            Ack ack = ackOf(submitForm(DAVE, "/index.html"));

            assertThat(ack.payloadJson())
                    .contains("\"response_action\":\"errors\"")
                    .contains(COULD_NOT_CHECK);
            Await.until("users.info to be asked about DAVE", () -> usersInfoCallsAbout(DAVE) > 0);
            assertThat(world.cloudFront.simulator.calls(Operation.CREATE_INVALIDATION))
                    .isZero();
            assertThat(world.slack.messages(OPS)).isEmpty();
        }
    }

    @Test
    void a_form_answered_late_because_slack_was_slow_creates_nothing() {
        Bot bot = world.startBot();
        warmUp(bot);
        // Three 429s of one second: a form that waited for users.info would be answered after Slack's 3 s.
        world.slack.rateLimit("users.info", 3, 1);

        Envelope form = submitForm(DAVE, "/index.html");
        Ack ack = ackOf(form);

        Await.until(
                "users.info to answer DAVE's membership",
                Duration.ofSeconds(20),
                () -> usersInfoCallsAbout(DAVE) >= 4 && bot.idle());
        assertThat(world.cloudFront.simulator.calls(Operation.CREATE_INVALIDATION))
                .as("invalidations created")
                .isZero();
        assertThat(Duration.between(form.sentAt(), ack.receivedAt())).isLessThanOrEqualTo(ACK_BOUND);
    }

    @Test
    void trying_again_once_slack_answers_sends_the_form() {
        Bot bot = world.startBot();
        warmUp(bot);
        world.slack.rateLimit("users.info", 1, 1);

        assertThat(ackOf(submitForm(DAVE, "/index.html")).payloadJson()).contains(COULD_NOT_CHECK);
        Ack accepted = Await.until(
                "the form sent again to be accepted",
                Duration.ofSeconds(20),
                Duration.ofMillis(250),
                () -> ackOf(submitForm(DAVE, "/index.html")),
                ack -> ack.payloadJson() == null);

        assertThat(accepted.payloadJson()).isNull();
        Await.until(
                "the invalidation",
                () -> world.cloudFront.simulator.invalidations(WEB).size() == 1);
        world.awaitMessage(OPS, m -> m.text().contains("in progress"), "the status message");
    }

    @Test
    void a_form_is_answered_within_100_ms_while_cloudfront_holds_its_calls() {
        MutableClock clock = new MutableClock(Instant.now());
        Bot bot = world.startBot(BotFixture.config(), clock);
        warmUp(bot);
        // This month's paths were read at start-up; half a minute later a form would read them again.
        clock.advance(Duration.ofMinutes(1));
        CallHold listing =
                world.cloudFront.simulator.holdNext(Operation.LIST_INVALIDATIONS, CallHold.Point.BEFORE_COMMIT);

        Envelope form = submitForm(CAROL, "/index.html");
        Ack ack = form.ack().completeOnTimeout(null, 5, TimeUnit.SECONDS).join();
        listing.release();

        assertThat(ack).as("the form's ack").isNotNull();
        assertThat(Duration.between(form.sentAt(), ack.receivedAt())).isLessThanOrEqualTo(ACK_BOUND);
        assertThat(ack.payloadJson()).as("the form closes").isNull();
        Await.until(
                "the invalidation",
                () -> world.cloudFront.simulator.invalidations(WEB).size() == 1);
    }
}

package dev.invalidator.slack;

import static dev.invalidator.testing.BotFixture.CAROL;
import static dev.invalidator.testing.BotFixture.DAVE;
import static dev.invalidator.testing.BotFixture.OPS;
import static dev.invalidator.testing.BotFixture.WEB;
import static org.assertj.core.api.Assertions.assertThat;

import dev.invalidator.Bot;
import dev.invalidator.chat.RequestForm;
import dev.invalidator.sandbox.CloudFrontSimulator.Operation;
import dev.invalidator.sandbox.SimulatedInvalidation;
import dev.invalidator.sandbox.SlackSimulator;
import dev.invalidator.sandbox.SlackSimulator.Ack;
import dev.invalidator.sandbox.SlackSimulator.ChannelMessage;
import dev.invalidator.sandbox.SlackSimulator.OpenedView;
import dev.invalidator.sandbox.SlackSimulator.Suggestions;
import dev.invalidator.testing.Await;
import dev.invalidator.testing.BotFixture;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** {@code /invalidate} with no text: the form, its inline validation, and the same flow as the typed command. */
class RequestFormEndToEndTest {

    private BotFixture world;
    private Bot bot;

    @BeforeEach
    void start() {
        world = new BotFixture();
        bot = world.startBot();
    }

    @AfterEach
    void stop() {
        world.close();
    }

    private OpenedView openForm(String user) {
        world.type(user, OPS, "");
        return Await.value(
                "the form", () -> world.slack.views(user).stream().findFirst().orElse(null));
    }

    private Suggestions menu(String user, OpenedView form, String typed) {
        return world.slack
                .typeInMenu(user, form.viewId(), RequestForm.DISTRIBUTION_FIELD, typed)
                .orTimeout(10, TimeUnit.SECONDS)
                .join();
    }

    private static String values(String alias, String paths, String note) {
        return """
                {"distribution":{"value":{"type":"static_select","selected_option":{"text":{"type":"plain_text","text":"%s"},"value":"%s"}}},
                 "paths":{"value":{"type":"plain_text_input","value":%s}},
                 "note":{"value":{"type":"plain_text_input","value":%s}}}
                """.formatted(alias, alias, quote(paths), note == null ? "null" : quote(note));
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    private Ack submit(String user, OpenedView view, String stateValues) {
        return world.slack
                .submitView(user, view.viewId(), stateValues)
                .ack()
                .orTimeout(10, TimeUnit.SECONDS)
                .join();
    }

    @Nested
    class Opening {

        @Test
        void offers_only_the_distributions_the_person_may_use_in_this_channel() {
            assertThat(menu(CAROL, openForm(CAROL), "").values()).containsExactly("web", "images", "shop");
            assertThat(menu(DAVE, openForm(DAVE), "").values()).containsExactly("web", "shop");
        }

        @Test
        void explains_instead_of_opening_an_empty_form_when_nothing_is_usable() {
            world.type(DAVE, SlackSimulator.GENERAL, "");

            assertThat(world.awaitEphemeral(DAVE, "the explanation").blocksJson())
                    .contains("can't use any distribution");
            assertThat(world.slack.views(DAVE)).isEmpty();
        }
    }

    @Nested
    class Submitting {

        @Test
        void a_bad_path_is_named_under_the_paths_field_and_nothing_is_created() {
            OpenedView form = openForm(CAROL);

            Ack ack = submit(CAROL, form, values("web", "/ok.html\nindex.html", null));

            assertThat(ack.payloadJson())
                    .contains("\"response_action\":\"errors\"")
                    .contains("\"paths\"")
                    .contains("index.html");
            assertThat(world.cloudFront.simulator.calls(Operation.CREATE_INVALIDATION))
                    .isZero();
        }

        @Test
        void good_paths_close_the_form_and_run_the_flow_in_the_originating_channel_with_the_note() {
            OpenedView form = openForm(CAROL);

            Ack ack = submit(CAROL, form, values("web", "/index.html\nhttps://www.example.com/app.js", "release 42"));

            assertThat(ack.payloadJson()).isNull();
            SimulatedInvalidation invalidation = world.awaitInvalidation(WEB);
            assertThat(invalidation.paths()).containsExactly("/index.html", "/app.js");
            ChannelMessage status =
                    world.awaitMessage(OPS, m -> m.text().contains("in progress"), "the status message");
            assertThat(status.blocksJson()).contains("release 42");

            world.cloudFront.simulator.complete(invalidation.id());
            ChannelMessage completed =
                    world.awaitMessage(OPS, m -> m.text().contains("completed"), "the completed edit");
            assertThat(completed.blocksJson()).as("the note survives the edit").contains("release 42");
        }

        @Test
        void a_forged_channel_in_private_metadata_is_checked_like_any_other_and_creates_nothing() {
            openForm(CAROL);

            // The form as a forger would send it back: our callback id, but another channel in private_metadata.
            Ack ack = world.slack
                    .interactive("""
                    {"type":"view_submission","team":{"id":"T0SIM"},"user":{"id":"%s","team_id":"T0SIM"},
                     "view":{"id":"V0FORGED","type":"modal","callback_id":"invalidate_request",
                             "private_metadata":"%s","state":{"values":%s}}}
                    """.formatted(CAROL, SlackSimulator.GENERAL, values("web", "/index.html", null)))
                    .ack()
                    .orTimeout(10, TimeUnit.SECONDS)
                    .join();

            assertThat(ack.payloadJson())
                    .contains("\"response_action\":\"errors\"")
                    .contains("C0OPS");
            assertThat(world.cloudFront.simulator.calls(Operation.CREATE_INVALIDATION))
                    .isZero();
            assertThat(world.slack.messages(SlackSimulator.GENERAL)).isEmpty();
        }

        @Test
        void a_full_wipe_turns_the_form_into_a_confirmation_and_its_confirm_creates_one_invalidation() {
            OpenedView form = openForm(CAROL);

            Ack ack = submit(CAROL, form, values("web", "/*", null));

            assertThat(ack.payloadJson())
                    .contains("\"response_action\":\"update\"")
                    .contains("origin");
            OpenedView confirmation = Await.value(
                    "the confirmation step",
                    () -> world.slack.views(CAROL).stream()
                            .filter(view -> view.method().equals("response_action:update"))
                            .findFirst()
                            .orElse(null));
            submit(CAROL, confirmation, "{}");
            SimulatedInvalidation invalidation = world.awaitInvalidation(WEB);
            assertThat(invalidation.paths()).containsExactly("/*");
        }
    }

    /**
     * A distribution open to any channel, asked for from a direct message: the bot is in none (the app has no Messages
     * tab), so the form asks for the channel to report in, and the ticket of its confirmation step carries the one
     * chosen.
     */
    @Nested
    class FromADirectMessage {

        private static final String CAROLS_DIRECT_MESSAGE = "D0CAROL";
        private static final String ANY_CHANNEL = """
                distributions:
                  web: {id: E1WEBEXAMPLE, channels: ["*"], users: ["*"]}
                polling: {initialInterval: 50ms, maxInterval: 200ms}
                verify: {enabled: false}
                """;

        private Bot other;

        @BeforeEach
        void openWebToAnyChannel() {
            world.stop(bot);
            bot = world.startBot(BotFixture.config(ANY_CHANNEL));
            other = world.startBot(BotFixture.config(ANY_CHANNEL));
            world.slack.addChannel(CAROLS_DIRECT_MESSAGE, "carol", false);
            world.deliverTo(bot);
        }

        private OpenedView openFormInTheDirectMessage() {
            world.type(CAROL, CAROLS_DIRECT_MESSAGE, "");
            return Await.value(
                    "the form",
                    () -> world.slack.views(CAROL).stream().findFirst().orElse(null));
        }

        private static String valuesIn(String channel, String alias, String paths) {
            String values = values(alias, paths, null).strip();
            String picked = channel == null ? "null" : "\"" + channel + "\"";
            return "{\"channel\":{\"value\":{\"type\":\"conversations_select\",\"selected_conversation\":" + picked
                    + "}}," + values.substring(1);
        }

        @Test
        void the_form_opened_there_asks_for_the_channel_and_runs_the_flow_in_the_one_chosen() {
            OpenedView form = openFormInTheDirectMessage();
            assertThat(form.viewJson()).contains("\"block_id\":\"channel\"").contains("conversations_select");

            Ack ack = submit(CAROL, form, valuesIn(OPS, "web", "/index.html"));

            assertThat(ack.payloadJson()).isNull();
            assertThat(world.awaitInvalidation(WEB).paths()).containsExactly("/index.html");
            world.awaitMessage(OPS, m -> m.text().contains("in progress"), "the status message");
        }

        @Test
        void a_command_typed_there_says_to_open_the_form_or_type_it_in_a_channel_and_creates_nothing() {
            world.type(CAROL, CAROLS_DIRECT_MESSAGE, "web /index.html");

            String answer = world.awaitEphemeral(CAROL, "the answer").text();

            // Nobody can invite a bot into a direct message: the answer names what works from here.
            assertThat(answer)
                    .contains("/invalidate with nothing after it")
                    .contains("in a channel I'm in")
                    .doesNotContain("/invite");
            assertThat(world.cloudFront.simulator.calls(Operation.CREATE_INVALIDATION))
                    .isZero();
        }

        @Test
        void sent_without_a_channel_it_says_so_under_the_channel_field_it_shows_and_creates_nothing() {
            OpenedView form = openFormInTheDirectMessage();

            Ack ack = submit(CAROL, form, valuesIn(null, "web", "/index.html"));

            assertThat(ack.payloadJson())
                    .contains("\"response_action\":\"errors\"")
                    .contains("\"channel\":\"Choose the channel for the status message.\"");
            assertThat(form.viewJson()).contains("\"block_id\":\"channel\"");
            assertThat(world.cloudFront.simulator.calls(Operation.CREATE_INVALIDATION))
                    .isZero();
        }

        @Test
        void its_confirmation_step_travels_as_a_ticket_that_another_instance_reads_back() {
            Ack ack = submit(CAROL, openFormInTheDirectMessage(), valuesIn(OPS, "web", "/*"));
            assertThat(ack.payloadJson()).contains("\"response_action\":\"update\"");
            OpenedView confirmation = Await.value(
                    "the confirmation step",
                    () -> world.slack.views(CAROL).stream()
                            .filter(view -> view.method().equals("response_action:update"))
                            .findFirst()
                            .orElse(null));
            assertThat(confirmation.viewJson()).contains("\"private_metadata\":\"t1.");

            world.deliverTo(other);
            Ack confirmed = submit(CAROL, confirmation, "{}");

            assertThat(confirmed.payloadJson()).isNull();
            assertThat(world.awaitInvalidation(WEB).paths()).containsExactly("/*");
            world.awaitMessage(OPS, m -> m.text().contains("in progress"), "the status message");
        }
    }

    /** With a second instance: Slack hands each submission to either one. */
    @Nested
    class AcrossInstances {

        private Bot other;

        @BeforeEach
        void startAnother() {
            other = world.startBot();
        }

        /** The confirmation step of a form submitted on the first instance, with {@code paths}. */
        private OpenedView confirmationStep(String user, String paths) {
            world.deliverTo(bot);
            OpenedView form = openForm(user);
            assertThat(submit(user, form, values("web", paths, null)).payloadJson())
                    .contains("\"response_action\":\"update\"");
            return Await.value(
                    "the confirmation step",
                    () -> world.slack.views(user).stream()
                            .filter(view -> view.method().equals("response_action:update"))
                            .findFirst()
                            .orElse(null));
        }

        @Test
        void the_confirm_of_a_form_asked_on_one_instance_creates_one_invalidation_on_the_other() {
            OpenedView confirmation = confirmationStep(CAROL, "/*");

            world.deliverTo(other);
            Ack ack = submit(CAROL, confirmation, "{}");

            assertThat(ack.payloadJson()).isNull();
            SimulatedInvalidation invalidation = world.awaitInvalidation(WEB);
            assertThat(invalidation.paths()).containsExactly("/*");
            world.awaitMessage(OPS, m -> m.text().contains("in progress"), "the status message");
            assertThat(world.cloudFront.simulator.calls(Operation.CREATE_INVALIDATION))
                    .isEqualTo(1);
        }

        @Test
        void a_request_too_big_to_travel_with_the_form_says_so_in_the_form_and_creates_nothing() {
            Random random = new Random(5);
            OpenedView confirmation = confirmationStep(
                    CAROL,
                    IntStream.range(0, 150)
                            .mapToObj(i ->
                                    "/" + Long.toHexString(random.nextLong()) + Long.toHexString(random.nextLong()))
                            .collect(Collectors.joining("\n")));

            world.deliverTo(other);
            Ack ack = submit(CAROL, confirmation, "{}");

            assertThat(ack.payloadJson())
                    .contains("\"response_action\":\"update\"")
                    .contains("too many paths")
                    .contains("send the form again");
            assertThat(world.cloudFront.simulator.calls(Operation.CREATE_INVALIDATION))
                    .isZero();
        }

        @Test
        void someone_else_sending_the_confirmation_back_is_told_in_the_form_and_creates_nothing() {
            OpenedView confirmation = confirmationStep(CAROL, "/*");
            String key = confirmation.viewJson().replaceAll("(?s).*\"private_metadata\":\"([^\"]+)\".*", "$1");

            world.deliverTo(other);
            Ack ack = world.slack
                    .interactive("""
                    {"type":"view_submission","team":{"id":"T0SIM"},"user":{"id":"%s","team_id":"T0SIM"},
                     "view":{"id":"V0FORGED","type":"modal","callback_id":"invalidate_confirm",
                             "private_metadata":"%s","state":{"values":{}}}}
                    """.formatted(DAVE, key))
                    .ack()
                    .orTimeout(10, TimeUnit.SECONDS)
                    .join();

            assertThat(ack.payloadJson())
                    .contains("\"response_action\":\"update\"")
                    .contains("Only <@" + CAROL + ">");
            assertThat(world.cloudFront.simulator.calls(Operation.CREATE_INVALIDATION))
                    .isZero();
        }
    }
}

package dev.invalidator.slack;

import static dev.invalidator.testing.BotFixture.OPS;
import static dev.invalidator.testing.BotFixture.WEB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.invalidator.chat.ConfirmationCard;
import dev.invalidator.config.ConfirmConfig;
import dev.invalidator.sandbox.CloudFrontSimulator.Operation;
import dev.invalidator.sandbox.SimulatedInvalidation;
import dev.invalidator.sandbox.SlackSimulator;
import dev.invalidator.sandbox.SlackSimulator.ChannelMessage;
import dev.invalidator.sandbox.SlackSimulator.Ephemeral;
import dev.invalidator.testing.Await;
import dev.invalidator.testing.BotFixture;
import dev.invalidator.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Risky or costly requests wait for their requester's click; nothing else may turn them into an invalidation. */
class ConfirmationEndToEndTest {

    private static final String ALICE = SlackSimulator.ALICE;
    private static final String BOB = SlackSimulator.BOB;

    private BotFixture world;

    @BeforeEach
    void start() {
        world = new BotFixture();
        world.startBot();
    }

    @AfterEach
    void stop() {
        world.close();
    }

    private Ephemeral awaitConfirmation(String user) {
        return Await.value(
                "a confirmation for " + user,
                () -> world.slack.ephemerals(user).stream()
                        .filter(e -> e.blocksJson() != null && e.blocksJson().contains(ConfirmationCard.CONFIRM))
                        .findFirst()
                        .orElse(null));
    }

    private Ephemeral awaitLatestEphemeral(String user, String containing) {
        return Await.value(
                "an answer containing " + containing,
                () -> world.slack.ephemerals(user).stream()
                        .filter(e -> e.text().contains(containing))
                        .reduce((a, b) -> b)
                        .orElse(null));
    }

    private void click(String user, Ephemeral confirmation, String action) {
        world.slack
                .clickButton(user, confirmation.channel(), confirmation.ts(), action)
                .ack()
                .orTimeout(10, TimeUnit.SECONDS)
                .join();
    }

    private List<SimulatedInvalidation> created() {
        return world.cloudFront.simulator.invalidations(WEB);
    }

    @Nested
    class AFullWipe {

        @Test
        void asks_first_with_the_origin_load_warning_and_creates_nothing_yet() {
            world.type(ALICE, OPS, "web /*");

            Ephemeral confirmation = awaitConfirmation(ALICE);
            assertThat(confirmation.blocksJson())
                    .contains("every")
                    .contains("origin")
                    .contains("Confirm")
                    .contains("Cancel");
            assertThat(world.cloudFront.simulator.calls(Operation.CREATE_INVALIDATION))
                    .isZero();
            assertThat(world.slack.messages(OPS)).isEmpty();
        }

        @Test
        void confirm_creates_exactly_one_invalidation_and_says_confirmed() {
            world.type(ALICE, OPS, "web /*");

            click(ALICE, awaitConfirmation(ALICE), ConfirmationCard.CONFIRM);

            SimulatedInvalidation invalidation = Await.value(
                    "the invalidation", () -> created().stream().findFirst().orElse(null));
            assertThat(invalidation.paths()).containsExactly("/*");
            assertThat(awaitLatestEphemeral(ALICE, "Confirmed").replaceOriginal())
                    .isTrue();
            world.awaitMessage(OPS, message -> message.text().contains("in progress"), "the status message");
        }

        @Test
        void cancel_creates_nothing_and_says_cancelled() {
            world.type(ALICE, OPS, "web /*");

            click(ALICE, awaitConfirmation(ALICE), ConfirmationCard.CANCEL);

            assertThat(awaitLatestEphemeral(ALICE, "Cancelled").replaceOriginal())
                    .isTrue();
            assertThat(world.cloudFront.simulator.calls(Operation.CREATE_INVALIDATION))
                    .isZero();
            assertThat(world.slack.messages(OPS)).isEmpty();
        }

        @Test
        void a_double_click_creates_one_invalidation() {
            world.type(ALICE, OPS, "web /*");
            Ephemeral confirmation = awaitConfirmation(ALICE);

            click(ALICE, confirmation, ConfirmationCard.CONFIRM);
            click(ALICE, confirmation, ConfirmationCard.CONFIRM);

            awaitLatestEphemeral(ALICE, "already answered");
            Await.until("the first click's invalidation", () -> !created().isEmpty());
            world.awaitMessage(OPS, message -> message.text().contains("in progress"), "the status message");
            assertThat(created()).hasSize(1);
            assertThat(world.slack.messages(OPS)).hasSize(1);
        }

        @Test
        void a_click_forged_by_someone_else_is_refused_and_creates_nothing() {
            world.type(ALICE, OPS, "web /*");
            Ephemeral confirmation = awaitConfirmation(ALICE);
            String key = confirmation.blocksJson().replaceAll("(?s).*\"value\":\"([^\"]+)\".*", "$1");

            world.slack
                    .interactive("""
                    {"type":"block_actions","user":{"id":"%s","team_id":"T0SIM"},"team":{"id":"T0SIM"},
                     "channel":{"id":"%s"},"container":{"type":"message","channel_id":"%s","is_ephemeral":true},
                     "actions":[{"action_id":"confirm","block_id":"b","type":"button","value":"%s"}]}
                    """.formatted(BOB, OPS, OPS, key))
                    .ack()
                    .orTimeout(10, TimeUnit.SECONDS)
                    .join();

            assertThat(awaitLatestEphemeral(BOB, "Only").text()).contains(ALICE);
            assertThat(world.cloudFront.simulator.calls(Operation.CREATE_INVALIDATION))
                    .isZero();
        }
    }

    @Test
    void a_click_on_an_expired_confirmation_says_so_and_creates_nothing() {
        world.close();
        world = new BotFixture();
        MutableClock clock = new MutableClock(Instant.now());
        world.startBot(BotFixture.config(), clock);
        world.type(ALICE, OPS, "web /*");
        Ephemeral confirmation = awaitConfirmation(ALICE);
        clock.advance(ConfirmConfig.defaults().expiresAfter().plusSeconds(1));

        click(ALICE, confirmation, ConfirmationCard.CONFIRM);

        assertThat(awaitLatestEphemeral(ALICE, "expired").text()).contains("nothing more was invalidated");
        assertThat(world.cloudFront.simulator.calls(Operation.CREATE_INVALIDATION))
                .isZero();
    }

    @Test
    void a_confirm_refused_by_the_rate_limit_stays_open_and_goes_through_when_clicked_after_the_wait() {
        world.close();
        world = new BotFixture();
        MutableClock clock = new MutableClock(Instant.now());
        world.startBot(BotFixture.config(BotFixture.CONFIG + "limits:\n  requestsPerUserPerMinute: 1\n"), clock);
        world.type(ALICE, OPS, "web /index.html");
        world.awaitMessage(OPS, message -> message.text().contains("in progress"), "the first request");
        world.type(ALICE, OPS, "web /*");
        Ephemeral confirmation = awaitConfirmation(ALICE);

        click(ALICE, confirmation, ConfirmationCard.CONFIRM);
        awaitLatestEphemeral(ALICE, "try again in");
        clock.advance(Duration.ofSeconds(61));
        click(ALICE, confirmation, ConfirmationCard.CONFIRM);

        Await.until(
                "the confirmed wipe",
                () -> created().stream()
                        .anyMatch(invalidation -> invalidation.paths().equals(List.of("/*"))));
        assertThat(world.slack.ephemerals(ALICE))
                .noneMatch(answer -> answer.text().contains("already answered"));
    }

    @Nested
    class Cost {

        @Test
        void a_request_past_the_free_tier_shows_the_month_so_far_and_the_charge() {
            // The month's history exists before the bot starts, as it would in an account used all month.
            world.close();
            world = new BotFixture();
            world.cloudFront.simulator.seedInvalidation(
                    WEB, IntStream.range(0, 950).mapToObj(i -> "/seed/" + i).toList(), Instant.now(), true, null);
            world.startBot();
            String paths =
                    IntStream.range(0, 60).mapToObj(i -> "/page" + i + ".html").collect(Collectors.joining(" "));

            world.type(ALICE, OPS, "web " + paths);

            String card = awaitConfirmation(ALICE).blocksJson();
            assertThat(card)
                    .contains("950 of 1,000")
                    .contains("10 charged paths")
                    .contains("$0.05");
        }

        @Test
        void a_small_request_within_the_free_tier_needs_no_click() {
            world.type(ALICE, OPS, "web /index.html");

            Await.until("the invalidation", () -> !created().isEmpty());
            assertThat(world.slack.ephemerals(ALICE)).isEmpty();
        }
    }

    @Nested
    class WildcardSuggestion {

        @Test
        void offers_one_wildcard_for_many_files_under_one_folder_and_creates_just_that() {
            String paths = IntStream.range(0, 120)
                    .mapToObj(i -> "/assets/img/" + i + ".png")
                    .collect(Collectors.joining(" "));
            world.type(ALICE, OPS, "web " + paths);
            Ephemeral confirmation = awaitConfirmation(ALICE);
            assertThat(confirmation.blocksJson()).contains("/assets/img/*");

            click(ALICE, confirmation, ConfirmationCard.USE_WILDCARDS);

            SimulatedInvalidation invalidation = Await.value(
                    "the invalidation", () -> created().stream().findFirst().orElse(null));
            assertThat(invalidation.paths()).containsExactly("/assets/img/*");
        }

        @Test
        void keeps_the_files_it_replaces_as_samples_to_check_after_completion_never_invalidated() {
            String paths = IntStream.range(0, 120)
                    .mapToObj(i -> "/assets/img/" + i + ".png")
                    .collect(Collectors.joining(" "));
            world.type(ALICE, OPS, "web " + paths);
            click(ALICE, awaitConfirmation(ALICE), ConfirmationCard.USE_WILDCARDS);

            ChannelMessage status =
                    world.awaitMessage(OPS, message -> message.text().contains("in progress"), "the status");
            ChannelMessage pathList =
                    world.awaitReply(status, reply -> reply.text().contains("sent to CloudFront"), "the path list");
            assertThat(pathList.blocksJson()).contains("`check:/assets/img/0.png` is not invalidated");
            assertThat(status.metadataJson()).contains("\"check\":\"/assets/img/0.png\\n/assets/img/1.png");
            assertThat(created().get(0).paths()).containsExactly("/assets/img/*");
        }

        @Test
        void is_not_a_button_when_there_is_nothing_to_save() {
            world.type(ALICE, OPS, "web /*");

            Ephemeral confirmation = awaitConfirmation(ALICE);

            assertThatThrownBy(() -> world.slack.clickButton(
                            ALICE, confirmation.channel(), confirmation.ts(), ConfirmationCard.USE_WILDCARDS))
                    .isInstanceOf(RuntimeException.class);
        }
    }
}

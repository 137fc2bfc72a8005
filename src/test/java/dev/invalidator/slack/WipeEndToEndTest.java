package dev.invalidator.slack;

import static dev.invalidator.testing.BotFixture.OPS;
import static dev.invalidator.testing.BotFixture.SHOP;
import static dev.invalidator.testing.BotFixture.WEB;
import static org.assertj.core.api.Assertions.assertThat;

import dev.invalidator.chat.ConfirmationCard;
import dev.invalidator.sandbox.CloudFrontSimulator.Operation;
import dev.invalidator.sandbox.SimulatedInvalidation;
import dev.invalidator.sandbox.SlackSimulator;
import dev.invalidator.sandbox.SlackSimulator.Ephemeral;
import dev.invalidator.testing.Await;
import dev.invalidator.testing.BotFixture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A wildcard at the top level ({@code /a*}) sweeps whole folders as {@code /*} sweeps them all: fifteen of them empty
 * most of a site. Each is a wipe, asked about first and, where wipes need approval, held for an approver.
 */
class WipeEndToEndTest {

    private static final String ALICE = SlackSimulator.ALICE;
    private static final String FIFTEEN_TOP_LEVEL_WILDCARDS =
            "/a* /b* /c* /d* /e* /f* /g* /h* /i* /j* /k* /l* /m* /n* /o*";
    /** {@code shop} as in the fixture, but only wipes need an approver. */
    private static final String WIPES_NEED_APPROVAL =
            BotFixture.CONFIG.replace("approvalFor: all", "approvalFor: wipe");

    private BotFixture world;

    @BeforeEach
    void start() {
        world = new BotFixture();
    }

    @AfterEach
    void stop() {
        world.close();
    }

    private Ephemeral awaitConfirmation() {
        return Await.value(
                "a confirmation for " + ALICE,
                () -> world.slack.ephemerals(ALICE).stream()
                        .filter(e -> e.blocksJson() != null && e.blocksJson().contains(ConfirmationCard.CONFIRM))
                        .findFirst()
                        .orElse(null));
    }

    private void confirm(Ephemeral confirmation) {
        world.slack
                .clickButton(ALICE, confirmation.channel(), confirmation.ts(), ConfirmationCard.CONFIRM)
                .ack()
                .orTimeout(10, TimeUnit.SECONDS)
                .join();
    }

    @Test
    void fifteen_top_level_wildcards_are_asked_about_with_the_origin_load_warning_and_create_nothing_yet() {
        world.startBot();

        world.type(ALICE, OPS, "web " + FIFTEEN_TOP_LEVEL_WILDCARDS);

        assertThat(awaitConfirmation().blocksJson())
                .contains("`/a*`")
                .contains("top level")
                .contains("origin");
        assertThat(world.cloudFront.simulator.calls(Operation.CREATE_INVALIDATION))
                .isZero();
        assertThat(world.slack.messages(OPS)).isEmpty();
    }

    @Test
    void confirming_the_top_level_wildcards_creates_them_all() {
        world.startBot();
        world.type(ALICE, OPS, "web " + FIFTEEN_TOP_LEVEL_WILDCARDS);

        confirm(awaitConfirmation());

        SimulatedInvalidation invalidation = world.awaitInvalidation(WEB);
        assertThat(invalidation.paths()).hasSize(15).contains("/a*", "/o*");
    }

    @Test
    void a_top_level_wildcard_waits_for_an_approver_where_wipes_need_one() {
        world.startBot(BotFixture.config(WIPES_NEED_APPROVAL));
        world.type(ALICE, OPS, "shop /img*");

        confirm(awaitConfirmation());

        world.awaitMessage(OPS, m -> m.text().contains("awaiting approval"), "the request waiting for an approver");
        assertThat(world.cloudFront.simulator.calls(Operation.CREATE_INVALIDATION))
                .isZero();
    }

    @Test
    void a_wildcard_below_a_folder_is_no_wipe_and_goes_straight_to_cloudfront() {
        world.startBot(BotFixture.config(WIPES_NEED_APPROVAL));

        world.type(ALICE, OPS, "shop /img/*");

        SimulatedInvalidation invalidation = Await.value(
                "the invalidation",
                () -> world.cloudFront.simulator.invalidations(SHOP).stream()
                        .findFirst()
                        .orElse(null));
        assertThat(invalidation.paths()).containsExactly("/img/*");
        assertThat(world.slack.ephemerals(ALICE))
                .noneMatch(e -> e.blocksJson() != null && e.blocksJson().contains(ConfirmationCard.CONFIRM));
    }
}

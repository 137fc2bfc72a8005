package dev.invalidator.slack;

import static dev.invalidator.testing.BotFixture.IMAGES;
import static dev.invalidator.testing.BotFixture.OPS;
import static dev.invalidator.testing.BotFixture.WEB;
import static org.assertj.core.api.Assertions.assertThat;

import dev.invalidator.Bot;
import dev.invalidator.chat.GroupCard;
import dev.invalidator.sandbox.CloudFrontSimulator.Operation;
import dev.invalidator.sandbox.SimulatedInvalidation;
import dev.invalidator.sandbox.SlackSimulator;
import dev.invalidator.sandbox.SlackSimulator.ChannelMessage;
import dev.invalidator.sandbox.SlackSimulator.Ephemeral;
import dev.invalidator.testing.Await;
import dev.invalidator.testing.BotFixture;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code /invalidate sites /index.html}: the same paths to every member of a distribution group. */
class GroupRequestEndToEndTest {

    private static final String ALICE = SlackSimulator.ALICE;
    private static final String BOB = SlackSimulator.BOB;
    private static final String DOCS = "E4DOCSEXAMPLE";
    private static final String ELSEWHERE = "C0ELSEWHERE";

    private static final String CONFIG = BotFixture.CONFIG + """
            distributionGroups:
              sites: [web, images, docs]
              checkout: [web, shop]
            """;

    private BotFixture world;
    private Bot bot;

    @BeforeEach
    void start() {
        world = new BotFixture();
        world.slack.addChannel(ELSEWHERE, "elsewhere", true);
        world.cloudFront.simulator.addDistribution(DOCS, "d444444abcdef8.cloudfront.net", "docs.example.com");
        bot = startBot();
    }

    /** A bot of the group's config, docs included: one more instance beside the first, or one started anew. */
    private Bot startBot() {
        return world.startBot(BotFixture.config(CONFIG.replace(
                "polling:", "  docs:\n    id: E4DOCSEXAMPLE\n    channels: [C0OPS]\n    users: [\"*\"]\npolling:")));
    }

    @AfterEach
    void stop() {
        world.close();
    }

    private List<SimulatedInvalidation> created(String distributionId) {
        return world.cloudFront.simulator.invalidations(distributionId);
    }

    private Ephemeral awaitGroupCard(String user) {
        return Await.value(
                "the group's card for " + user,
                () -> world.slack.ephemerals(user).stream()
                        .filter(e -> e.blocksJson() != null && e.blocksJson().contains(GroupCard.SEND))
                        .findFirst()
                        .orElse(null));
    }

    private Ephemeral awaitEphemeral(String user, String containing) {
        return Await.value(
                "an answer containing " + containing,
                () -> world.slack.ephemerals(user).stream()
                        .filter(e -> e.text().contains(containing)
                                || (e.blocksJson() != null && e.blocksJson().contains(containing)))
                        .reduce((a, b) -> b)
                        .orElse(null));
    }

    private void click(String user, Ephemeral card, String action) {
        world.slack
                .clickButton(user, card.channel(), card.ts(), action)
                .ack()
                .orTimeout(10, TimeUnit.SECONDS)
                .join();
    }

    /** A member's status message, a reply in the thread of the group's message. */
    private ChannelMessage awaitStatus(String alias, String state) {
        return Await.value(
                "the status message of " + alias + " " + state,
                () -> world.slack.messages(OPS).stream()
                        .flatMap(message -> world.slack.thread(OPS, message.ts()).stream())
                        .filter(reply -> reply.text().contains(" on " + alias + ": ")
                                && reply.text().contains(state))
                        .findFirst()
                        .orElse(null));
    }

    @Test
    void a_group_request_creates_one_invalidation_on_each_member_each_under_its_own_reference() {
        world.type(ALICE, OPS, "sites /index.html");

        List<SimulatedInvalidation> each =
                Stream.of(WEB, IMAGES, DOCS).map(world::awaitInvalidation).toList();

        assertThat(each)
                .allSatisfy(invalidation -> assertThat(invalidation.paths()).containsExactly("/index.html"));
        assertThat(each.stream().map(SimulatedInvalidation::callerReference).distinct())
                .hasSize(3);
        each.forEach(invalidation -> world.cloudFront.simulator.complete(invalidation.id()));
        Stream.of("web", "images", "docs").forEach(alias -> awaitStatus(alias, "completed"));
    }

    @Test
    void a_cache_tag_sent_to_a_group_asks_first_naming_the_tag_and_sends_only_after_the_click() {
        // The bot reads each distribution's cache tag header when it starts: one started with the headers set.
        world.stop(bot);
        Stream.of(WEB, IMAGES, DOCS).forEach(id -> world.cloudFront.simulator.cacheTagHeader(id, "Edge-Cache-Tag"));
        bot = startBot();
        world.type(ALICE, OPS, "sites #release-42");

        Ephemeral card = awaitGroupCard(ALICE);

        assertThat(card.blocksJson()).contains("#release-42").contains("cache tag");
        assertThat(world.cloudFront.simulator.calls(Operation.CREATE_INVALIDATION))
                .isZero();
        click(ALICE, card, GroupCard.SEND);
        assertThat(Stream.of(WEB, IMAGES, DOCS).map(world::awaitInvalidation))
                .allSatisfy(invalidation -> assertThat(invalidation.paths()).containsExactly("#release-42"));
    }

    @Test
    void a_member_the_person_may_not_use_is_named_on_a_card_and_nothing_goes_before_the_click() {
        world.type(BOB, OPS, "sites /index.html");

        Ephemeral card = awaitGroupCard(BOB);

        assertThat(card.blocksJson())
                .contains("images")
                .contains("Send to web and docs")
                .contains("Send nothing");
        assertThat(world.cloudFront.simulator.calls(Operation.CREATE_INVALIDATION))
                .isZero();
    }

    @Test
    void send_to_the_others_creates_on_every_allowed_member_and_none_on_the_refused_one() {
        world.type(BOB, OPS, "sites /index.html");

        click(BOB, awaitGroupCard(BOB), GroupCard.SEND);

        world.awaitInvalidation(WEB);
        world.awaitInvalidation(DOCS);
        awaitStatus("docs", "in progress");
        awaitStatus("web", "in progress");
        assertThat(created(IMAGES)).isEmpty();
    }

    @Test
    void send_nothing_sends_nothing() {
        world.type(BOB, OPS, "sites /index.html");

        click(BOB, awaitGroupCard(BOB), GroupCard.SEND_NOTHING);

        awaitEphemeral(BOB, "Nothing was invalidated");
        assertThat(world.cloudFront.simulator.calls(Operation.CREATE_INVALIDATION))
                .isZero();
        assertThat(world.slack.messages(OPS)).isEmpty();
    }

    @Test
    void a_request_every_member_refuses_names_each_reason() {
        world.type(ALICE, ELSEWHERE, "sites /index.html");

        Ephemeral refusal = awaitEphemeral(ALICE, "Nothing was invalidated");

        assertThat(refusal.blocksJson()).contains("`web`").contains("`images`").contains("`docs`");
        assertThat(world.cloudFront.simulator.calls(Operation.CREATE_INVALIDATION))
                .isZero();
    }

    @Test
    void status_and_list_by_group_name_answer_for_each_member() {
        world.type(ALICE, OPS, "sites /index.html");
        Stream.of(WEB, IMAGES, DOCS).forEach(world::awaitInvalidation);

        world.type(ALICE, OPS, "status sites");
        Stream.of("web", "images", "docs").forEach(alias -> awaitEphemeral(ALICE, "`" + alias + "`"));
        int before = world.slack.ephemerals(ALICE).size();
        world.type(ALICE, OPS, "list sites");

        Await.until(
                "an answer per member to list",
                () -> world.slack.ephemerals(ALICE).size() >= before + 3);
    }

    @Test
    void a_member_at_cloud_fronts_in_progress_limit_queues_while_the_others_complete() {
        world.type(
                ALICE,
                OPS,
                "docs "
                        + IntStream.rangeClosed(1, 15)
                                .mapToObj(n -> "/busy" + n + "/*")
                                .collect(Collectors.joining(" ")));
        SimulatedInvalidation busy = world.awaitInvalidation(DOCS);

        world.type(ALICE, OPS, "sites /late/*");

        awaitStatus("docs", "⏳ Queued");
        SimulatedInvalidation web = world.awaitInvalidation(WEB);
        SimulatedInvalidation images = world.awaitInvalidation(IMAGES);
        world.cloudFront.simulator.complete(web.id());
        world.cloudFront.simulator.complete(images.id());
        awaitStatus("web", "completed");
        awaitStatus("images", "completed");
        assertThat(created(DOCS)).hasSize(1);

        world.cloudFront.simulator.complete(busy.id());

        Await.until("the docs member to be sent", () -> created(DOCS).size() == 2);
        assertThat(created(DOCS)).anySatisfy(sent -> assertThat(sent.paths()).containsExactly("/late/*"));
    }

    @Test
    void a_new_instance_settles_each_member_an_old_one_left_in_flight() {
        world.type(ALICE, OPS, "sites /index.html");
        List<SimulatedInvalidation> each =
                Stream.of(WEB, IMAGES, DOCS).map(world::awaitInvalidation).toList();
        Stream.of("web", "images", "docs").forEach(alias -> awaitStatus(alias, "in progress"));
        world.stop(bot);

        startBot();
        Await.until(
                "the new instance to pick the invalidations up",
                () -> world.cloudFront.simulator.calls(Operation.GET_INVALIDATION) >= 3);
        each.forEach(invalidation -> world.cloudFront.simulator.complete(invalidation.id()));

        Stream.of("web", "images", "docs").forEach(alias -> awaitStatus(alias, "completed"));
    }

    @Test
    void the_forms_picker_lists_the_group_and_a_group_picked_there_goes_to_each_member_the_person_may_use() {
        world.type(BOB, OPS, "");
        SlackSimulator.OpenedView form = Await.value(
                "the form", () -> world.slack.views(BOB).stream().findFirst().orElse(null));
        assertThat(world.slack
                        .typeInMenu(BOB, form.viewId(), "distribution", "sit")
                        .orTimeout(10, TimeUnit.SECONDS)
                        .join()
                        .values())
                .contains("sites");

        world.slack
                .submitView(BOB, form.viewId(), """
                        {"distribution":{"value":{"type":"static_select","selected_option":{"text":{"type":"plain_text","text":"sites"},"value":"sites"}}},
                         "paths":{"value":{"type":"plain_text_input","value":"/index.html"}},
                         "note":{"value":{"type":"plain_text_input","value":null}}}
                        """)
                .ack()
                .orTimeout(10, TimeUnit.SECONDS)
                .join();
        click(BOB, awaitGroupCard(BOB), GroupCard.SEND);

        world.awaitInvalidation(WEB);
        world.awaitInvalidation(DOCS);
        assertThat(created(IMAGES)).isEmpty();
    }

    @Test
    void a_member_whose_config_wants_approval_waits_for_its_approver_while_the_others_go() {
        world.type(ALICE, OPS, "checkout /index.html");

        world.awaitInvalidation(WEB);
        awaitStatus("web", "in progress");
        awaitStatus("shop", "awaiting approval");
        assertThat(created(BotFixture.SHOP)).isEmpty();
    }

    @Test
    void a_wipe_asks_first_over_the_whole_request_and_send_to_is_its_only_confirmation() {
        world.type(ALICE, OPS, "sites /*");

        Ephemeral card = awaitGroupCard(ALICE);
        assertThat(card.blocksJson())
                .contains("Send to web, images and docs")
                .contains("3 paths in all")
                .contains("whole folders of every member");
        assertThat(world.cloudFront.simulator.calls(Operation.CREATE_INVALIDATION))
                .isZero();

        click(ALICE, card, GroupCard.SEND);

        Stream.of(WEB, IMAGES, DOCS).forEach(world::awaitInvalidation);
        awaitStatus("web", "in progress");
        awaitStatus("docs", "in progress");
        awaitStatus("images", "in progress");
        assertThat(world.slack.ephemerals(ALICE))
                .as("no second question after Send to")
                .filteredOn(e -> e.blocksJson() != null && e.blocksJson().contains("\"confirm\""))
                .isEmpty();
    }

    @Test
    void a_click_on_the_card_that_reaches_another_instance_sends_to_the_members_the_card_named_and_only_once() {
        Bot other = startBot();
        world.deliverTo(bot);
        world.type(BOB, OPS, "sites /index.html");
        Ephemeral card = awaitGroupCard(BOB);

        world.deliverTo(other);
        click(BOB, card, GroupCard.SEND);
        click(BOB, card, GroupCard.SEND);

        awaitEphemeral(BOB, "already answered");
        assertThat(world.awaitInvalidation(WEB).paths()).containsExactly("/index.html");
        assertThat(world.awaitInvalidation(DOCS).paths()).containsExactly("/index.html");
        Stream.of("web", "docs").forEach(alias -> awaitStatus(alias, "in progress"));
        assertThat(created(IMAGES)).isEmpty();
        assertThat(world.cloudFront.simulator.calls(Operation.CREATE_INVALIDATION))
                .isEqualTo(2);
    }

    @Test
    void send_nothing_clicked_on_another_instance_sends_nothing() {
        Bot other = startBot();
        world.deliverTo(bot);
        world.type(BOB, OPS, "sites /index.html");
        Ephemeral card = awaitGroupCard(BOB);

        world.deliverTo(other);
        click(BOB, card, GroupCard.SEND_NOTHING);

        awaitEphemeral(BOB, "Nothing was invalidated on the group");
        assertThat(world.cloudFront.simulator.calls(Operation.CREATE_INVALIDATION))
                .isZero();
    }
}

package dev.invalidator.slack;

import static dev.invalidator.testing.BotFixture.IMAGES;
import static dev.invalidator.testing.BotFixture.OPS;
import static dev.invalidator.testing.BotFixture.SHOP;
import static dev.invalidator.testing.BotFixture.WEB;
import static org.assertj.core.api.Assertions.assertThat;

import dev.invalidator.Bot;
import dev.invalidator.cdn.CallerReference;
import dev.invalidator.chat.StatusCard;
import dev.invalidator.sandbox.CloudFrontSimulator.Operation;
import dev.invalidator.sandbox.SimulatedInvalidation;
import dev.invalidator.sandbox.SlackSimulator;
import dev.invalidator.sandbox.SlackSimulator.ChannelMessage;
import dev.invalidator.testing.Await;
import dev.invalidator.testing.BotFixture;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A group request's one status message: a line per member in the channel, each member's own status message in its
 * thread, one notice once every member has ended.
 */
class GroupStatusMessageEndToEndTest {

    private static final String ALICE = SlackSimulator.ALICE;
    private static final String BOB = SlackSimulator.BOB;
    private static final String DOCS = "E4DOCSEXAMPLE";
    private static final String ENDED = "every distribution of the group ";

    private static final String CONFIG = BotFixture.CONFIG + """
            distributionGroups:
              sites: [web, images, docs]
              gated: [shop, docs]
            """;

    private BotFixture world;
    private Bot bot;

    @BeforeEach
    void start() {
        world = new BotFixture();
        world.cloudFront.simulator.addDistribution(DOCS, "d444444abcdef8.cloudfront.net", "docs.example.com");
        bot = startBot("");
    }

    /** A bot of the groups' config; {@code docsMore}: more settings of docs, indented as they go. */
    private Bot startBot(String docsMore) {
        return world.startBot(BotFixture.config(CONFIG.replace(
                "polling:",
                "  docs:\n    id: E4DOCSEXAMPLE\n    channels: [C0OPS]\n    users: [\"*\"]\n" + docsMore
                        + "polling:")));
    }

    @AfterEach
    void stop() {
        world.close();
    }

    private ChannelMessage awaitMember(ChannelMessage group, String alias, String state) {
        return world.awaitReply(
                group,
                reply -> reply.text().contains(" on " + alias + ": ")
                        && reply.text().contains(state),
                "the status message of " + alias + " " + state + " in the group's thread");
    }

    private ChannelMessage awaitNotice(ChannelMessage group) {
        return world.awaitReply(group, reply -> reply.text().contains(ENDED), "the group's notice");
    }

    private List<ChannelMessage> mentionsOfAlice(ChannelMessage group) {
        return world.slack.thread(OPS, group.ts()).stream()
                .filter(reply -> reply.text().contains("<@" + ALICE + ">"))
                .toList();
    }

    @Test
    void a_group_request_shows_one_message_with_a_line_per_member_and_one_notice_once_all_have_ended() {
        world.type(ALICE, OPS, "sites /index.html");
        List<SimulatedInvalidation> each =
                Stream.of(WEB, IMAGES, DOCS).map(world::awaitInvalidation).toList();
        ChannelMessage group = world.awaitGroupMessage(OPS, "sites");

        each.forEach(invalidation -> world.cloudFront.simulator.complete(invalidation.id()));

        ChannelMessage ended =
                world.awaitGroupLines(OPS, group, "`web` — completed", "`images` — completed", "`docs` — completed");
        assertThat(ended.text()).endsWith("every member ended");
        ChannelMessage notice = awaitNotice(group);
        assertThat(notice.text())
                .contains("<@" + ALICE + ">")
                .contains("web")
                .contains("images")
                .contains("docs");
        Stream.of("web", "images", "docs")
                .forEach(alias -> world.awaitReply(
                        group,
                        reply -> reply.text().startsWith(alias + " done"),
                        "the outcome notice of " + alias + ", naming it"));
        assertThat(mentionsOfAlice(group)).as("one mention of the requester").hasSize(1);
        assertThat(world.slack.messages(OPS)).as("one message in the channel").hasSize(1);
    }

    @Test
    void each_members_invalidation_has_its_own_reference_naming_its_message_in_the_groups_thread() {
        world.type(ALICE, OPS, "sites /index.html");
        List<SimulatedInvalidation> each =
                Stream.of(WEB, IMAGES, DOCS).map(world::awaitInvalidation).toList();
        ChannelMessage group = world.awaitGroupMessage(OPS, "sites");

        List<String> aliases = List.of("web", "images", "docs");
        for (int i = 0; i < 3; i++) {
            ChannelMessage member = awaitMember(group, aliases.get(i), "in progress");
            CallerReference reference =
                    CallerReference.decode(each.get(i).callerReference()).orElseThrow();
            assertThat(reference.messageTs()).isEqualTo(member.ts());
            assertThat(reference.rootTs()).contains(group.ts());
            assertThat(reference.requester()).isEqualTo(ALICE);
        }
        assertThat(each.stream().map(SimulatedInvalidation::callerReference).distinct())
                .hasSize(3);
    }

    @Test
    void a_member_at_cloud_fronts_in_progress_limit_waits_in_its_line_and_the_notice_comes_once_it_completes() {
        world.type(
                ALICE,
                OPS,
                "docs "
                        + IntStream.rangeClosed(1, 15)
                                .mapToObj(n -> "/busy" + n + "/*")
                                .collect(Collectors.joining(" ")));
        SimulatedInvalidation busy = world.awaitInvalidation(DOCS);

        world.type(ALICE, OPS, "sites /late/*");
        ChannelMessage group = world.awaitGroupMessage(OPS, "sites");
        world.awaitGroupLines(OPS, group, "`docs` — ⏳ Queued");
        Stream.of(WEB, IMAGES)
                .forEach(id -> world.cloudFront.simulator.complete(
                        world.awaitInvalidation(id).id()));
        world.awaitGroupLines(OPS, group, "`web` — completed", "`images` — completed", "`docs` — ⏳ Queued");

        assertThat(world.slack.thread(OPS, group.ts()))
                .as("no notice while docs waits")
                .noneMatch(reply -> reply.text().contains(ENDED));
        world.cloudFront.simulator.complete(busy.id());
        Await.until(
                "the docs member to be sent",
                () -> world.cloudFront.simulator.invalidations(DOCS).size() == 2);
        world.cloudFront.simulator.invalidations(DOCS).stream()
                .filter(sent -> sent.paths().contains("/late/*"))
                .forEach(late -> world.cloudFront.simulator.complete(late.id()));

        world.awaitGroupLines(OPS, group, "`docs` — completed");
        assertThat(awaitNotice(group).text()).contains("<@" + ALICE + ">");
    }

    @Test
    void a_member_the_rate_limit_refuses_at_the_last_moment_ends_as_not_sent_and_the_notice_still_comes() {
        world.stop(bot);
        bot = startBot("limits:\n  requestsPerUserPerMinute: 2\n");
        world.type(ALICE, OPS, "sites /index.html");
        ChannelMessage group = world.awaitGroupMessage(OPS, "sites");
        List<SimulatedInvalidation> sent =
                Stream.of(WEB, IMAGES).map(world::awaitInvalidation).toList();

        world.awaitGroupLines(OPS, group, "`docs` — not sent");
        Await.until(
                "the rate limit's answer, privately",
                () -> world.slack.ephemerals(ALICE).stream()
                        .anyMatch(answer -> answer.text().contains("Nothing was invalidated")));
        assertThat(world.cloudFront.simulator.invalidations(DOCS)).isEmpty();
        sent.forEach(invalidation -> world.cloudFront.simulator.complete(invalidation.id()));

        world.awaitGroupLines(OPS, group, "`web` — completed", "`images` — completed", "`docs` — not sent");
        assertThat(awaitNotice(group).text()).contains("<@" + ALICE + ">").contains("not sent");
    }

    @Test
    void approving_one_member_in_the_groups_thread_approves_no_other_and_a_rejected_one_still_ends_the_group() {
        world.stop(bot);
        bot = startBot("    approvers: [U0BOB]\n    approvalFor: all\n");
        world.type(ALICE, OPS, "gated /index.html");
        ChannelMessage group = world.awaitGroupMessage(OPS, "gated");
        ChannelMessage shop = world.awaitReply(
                group,
                reply -> reply.text().contains(" on shop: ")
                        && reply.blocksJson().contains("\"action_id\":\"" + StatusCard.APPROVE + "\""),
                "shop waiting with its buttons");
        ChannelMessage docs = world.awaitReply(
                group,
                reply -> reply.text().contains(" on docs: ")
                        && reply.blocksJson().contains("\"action_id\":\"" + StatusCard.APPROVE + "\""),
                "docs waiting with its buttons");

        world.click(BOB, OPS, shop, StatusCard.APPROVE);

        SimulatedInvalidation sent = world.awaitInvalidation(SHOP);
        world.awaitGroupLines(OPS, group, "`shop` — in progress", "`docs` — awaiting approval");
        assertThat(world.cloudFront.simulator.invalidations(DOCS)).isEmpty();

        world.click(BOB, OPS, docs, StatusCard.REJECT);
        world.awaitGroupLines(OPS, group, "`docs` — rejected");
        assertThat(world.slack.thread(OPS, group.ts()))
                .noneMatch(reply -> reply.text().contains(ENDED));
        world.cloudFront.simulator.complete(sent.id());

        world.awaitGroupLines(OPS, group, "`shop` — completed", "`docs` — rejected");
        assertThat(awaitNotice(group).text()).contains("rejected");
        assertThat(world.cloudFront.simulator.invalidations(DOCS)).isEmpty();
    }

    @Test
    void a_new_instance_settles_each_member_an_old_one_left_in_flight_and_gives_the_one_notice() {
        world.type(ALICE, OPS, "sites /index.html");
        List<SimulatedInvalidation> each =
                Stream.of(WEB, IMAGES, DOCS).map(world::awaitInvalidation).toList();
        ChannelMessage group = world.awaitGroupMessage(OPS, "sites");
        world.awaitGroupLines(OPS, group, "`web` — in progress", "`images` — in progress", "`docs` — in progress");
        world.stop(bot);

        startBot("");
        Await.until(
                "the new instance to pick the invalidations up",
                () -> world.cloudFront.simulator.calls(Operation.GET_INVALIDATION) >= 3);
        each.forEach(invalidation -> world.cloudFront.simulator.complete(invalidation.id()));

        world.awaitGroupLines(OPS, group, "`web` — completed", "`images` — completed", "`docs` — completed");
        awaitNotice(group);
        Stream.of("web", "images", "docs")
                .forEach(alias -> world.awaitReply(
                        group, reply -> reply.text().startsWith(alias + " done"), "the outcome notice of " + alias));
        assertThat(mentionsOfAlice(group)).hasSize(1);
    }
}

package dev.invalidator.slack;

import static dev.invalidator.testing.BotFixture.IMAGES;
import static dev.invalidator.testing.BotFixture.OPS;
import static dev.invalidator.testing.BotFixture.WEB;
import static org.assertj.core.api.Assertions.assertThat;

import dev.invalidator.Bot;
import dev.invalidator.chat.GroupReplies;
import dev.invalidator.chat.Replies;
import dev.invalidator.sandbox.CallGathering;
import dev.invalidator.sandbox.SimulatedEdge;
import dev.invalidator.sandbox.SimulatedInvalidation;
import dev.invalidator.sandbox.SlackSimulator;
import dev.invalidator.sandbox.SlackSimulator.ChannelMessage;
import dev.invalidator.sandbox.SlackSimulator.StepExecution;
import dev.invalidator.testing.Await;
import dev.invalidator.testing.BotFixture;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two instances that report the same end at the same moment: each looks at the thread, finds no notice, and posts
 * one. The Slack simulator keeps both posts until both have come, so that neither look can see the other's notice —
 * the race a replica and its replacement ran in ReplicasIT — and exactly one notice must stay.
 */
class NoticeRaceEndToEndTest {

    private static final String ALICE = SlackSimulator.ALICE;
    private static final Duration BOTH_POST = Duration.ofSeconds(30);

    private BotFixture world;

    @BeforeEach
    void start() {
        world = new BotFixture();
    }

    @AfterEach
    void stop() {
        world.close();
    }

    /** The next two posts whose text holds {@code marker}, kept until both have come. */
    private CallGathering bothPostsOf(String marker) {
        return world.slack.gatherNext(
                "chat.postMessage", params -> params.getOrDefault("text", "").contains(marker), 2);
    }

    private List<ChannelMessage> repliesContaining(ChannelMessage parent, String text) {
        return world.slack.thread(OPS, parent.ts()).stream()
                .filter(reply -> reply.text().contains(text))
                .toList();
    }

    private static void awaitIdle(Bot... bots) {
        Await.until("both instances to be done", () -> Stream.of(bots).allMatch(Bot::idle));
    }

    @Test
    void one_notice_stays_and_the_refresh_check_and_the_workflow_step_run_once() {
        SimulatedEdge edge = world.cloudFront.simulator.edge();
        edge.publish(WEB, "/index.html", "old");
        edge.cacheCopy(WEB, "/index.html", Duration.ofHours(2));
        edge.publish(WEB, "/index.html", "new");
        var config = BotFixture.config(BotFixture.CONFIG
                .replace(
                        "    users: [\"*\"]\n  images:",
                        "    users: [\"*\"]\n    verify: {baseUrl: \"" + edge.baseUrl(WEB) + "\"}\n  images:")
                .replace("  enabled: false", "  timeout: 10s"));
        Bot creator = world.startBot(config);
        StepExecution step = world.runStep("web", "/index.html", ALICE, OPS, true);
        SimulatedInvalidation invalidation = world.awaitInvalidation(WEB);
        ChannelMessage status =
                world.awaitMessage(OPS, message -> message.text().contains("in progress"), "the status in progress");
        // A second instance starts while the invalidation is in flight, and follows it too.
        Bot replica = world.startBot(config);
        String marker = Replies.outcomeMarker(invalidation.id());
        CallGathering both = bothPostsOf(marker);

        world.cloudFront.simulator.complete(invalidation.id());

        both.awaitGathered(BOTH_POST);
        Await.until(
                "the step's completion",
                () -> world.slack.stepCompletions().stream()
                        .anyMatch(completion -> completion.executionId().equals(step.executionId())));
        world.awaitReply(status, reply -> reply.text().contains("served fresh"), "the refresh check");
        awaitIdle(creator, replica);
        assertThat(repliesContaining(status, marker)).as("completion notices").hasSize(1);
        assertThat(world.slack.calls("chat.delete"))
                .as("the later notice, taken back")
                .hasSize(1);
        assertThat(repliesContaining(status, "served fresh"))
                .as("refresh checks")
                .hasSize(1);
        assertThat(world.slack.stepCompletions())
                .as("completions of the step")
                .filteredOn(completion -> completion.executionId().equals(step.executionId()))
                .hasSize(1);
    }

    @Test
    void one_notice_of_a_groups_end_stays() {
        var config = BotFixture.config(BotFixture.CONFIG + """
                distributionGroups:
                  sites: [web, images]
                """);
        Bot creator = world.startBot(config);
        world.type(ALICE, OPS, "sites /index.html");
        List<SimulatedInvalidation> members =
                Stream.of(WEB, IMAGES).map(world::awaitInvalidation).toList();
        ChannelMessage group = world.awaitMessage(
                OPS, message -> message.text().contains("on the group sites"), "the group's message");
        Await.until(
                "both members in progress",
                () -> world.slack.thread(OPS, group.ts()).stream()
                                .filter(reply -> reply.text().contains("in progress"))
                                .count()
                        == 2);
        Bot replica = world.startBot(config);
        String marker = GroupReplies.endedMarker("sites");
        CallGathering both = bothPostsOf(marker);

        members.forEach(member -> world.cloudFront.simulator.complete(member.id()));

        both.awaitGathered(BOTH_POST);
        // The group's notice is posted on a thread of its own, which Bot.idle does not count: its end is awaited.
        Await.until(
                "one notice of the group's end",
                Await.DEFAULT_TIMEOUT,
                () -> repliesContaining(group, marker).size(),
                notices -> notices == 1);
        awaitIdle(creator, replica);
        assertThat(repliesContaining(group, marker))
                .as("notices of the group's end")
                .hasSize(1);
    }
}

package dev.invalidator.slack;

import static dev.invalidator.testing.BotFixture.IMAGES;
import static dev.invalidator.testing.BotFixture.OPS;
import static dev.invalidator.testing.BotFixture.WEB;
import static org.assertj.core.api.Assertions.assertThat;

import dev.invalidator.chat.ConfirmationCard;
import dev.invalidator.chat.StatusCard;
import dev.invalidator.sandbox.CloudFrontSimulator.Fault;
import dev.invalidator.sandbox.CloudFrontSimulator.Operation;
import dev.invalidator.sandbox.SimulatedEdge;
import dev.invalidator.sandbox.SimulatedInvalidation;
import dev.invalidator.sandbox.SlackSimulator;
import dev.invalidator.sandbox.SlackSimulator.Ack;
import dev.invalidator.sandbox.SlackSimulator.ChannelMessage;
import dev.invalidator.sandbox.SlackSimulator.Ephemeral;
import dev.invalidator.sandbox.SlackSimulator.OpenedView;
import dev.invalidator.testing.Await;
import dev.invalidator.testing.BotFixture;
import dev.invalidator.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Cache tags end to end — the real bot, Bolt over Socket Mode and the AWS SDK against the simulators: a tag goes only
 * to a distribution whose {@code CacheTagConfig} names the header carrying its objects' tags, after a Confirm (it may
 * match any number of objects), and the objects tagged with it are fresh at the edge once it completes; anywhere else
 * it is refused privately, at the command, the form and the click, and nothing is created.
 */
class CacheTagsEndToEndTest {

    private static final String ALICE = SlackSimulator.ALICE;
    private static final String TAG_HEADER = "Edge-Cache-Tag";
    private static final Duration CACHED_LONG_AGO = Duration.ofHours(2);

    private BotFixture world;
    private SimulatedEdge edge;

    @BeforeEach
    void deploy() {
        world = new BotFixture();
        edge = world.cloudFront.simulator.edge();
    }

    @AfterEach
    void stop() {
        world.close();
    }

    private String config() {
        return """
                distributions:
                  web:
                    id: E1WEBEXAMPLE
                    channels: [C0OPS]
                    users: ["*"]
                    verify: {baseUrl: "%s"}
                  images:
                    id: E2IMAGESEXAMPLE
                    channels: [C0OPS]
                    users: ["*"]
                polling:
                  initialInterval: 50ms
                  maxInterval: 200ms
                verify:
                  timeout: 10s  # generous: two cores are shared, and no test waits for it to run out
                """.formatted(edge.baseUrl(WEB));
    }

    /** A new version of {@code path}, tagged {@code tags} by the origin, while the edge holds one cached long ago. */
    private void deployTagged(String path, String tags) {
        edge.publish(WEB, path, "old " + path, Map.of(TAG_HEADER, tags));
        edge.cacheCopy(WEB, path, CACHED_LONG_AGO);
        edge.publish(WEB, path, "new " + path, Map.of(TAG_HEADER, tags));
    }

    private Ephemeral awaitEphemeral(String containing) {
        return Await.value(
                "an answer to " + ALICE + " containing " + containing,
                () -> world.slack.ephemerals(ALICE).stream()
                        .filter(e -> e.text().contains(containing)
                                || (e.blocksJson() != null && e.blocksJson().contains(containing)))
                        .reduce((a, b) -> b)
                        .orElse(null));
    }

    private void click(Ephemeral confirmation) {
        world.slack
                .clickButton(ALICE, confirmation.channel(), confirmation.ts(), ConfirmationCard.CONFIRM)
                .ack()
                .orTimeout(10, TimeUnit.SECONDS)
                .join();
    }

    private int creates() {
        return world.cloudFront.simulator.calls(Operation.CREATE_INVALIDATION);
    }

    @Nested
    class OnADistributionWithCacheTags {

        @BeforeEach
        void configureTheHeader() {
            world.cloudFront.simulator.cacheTagHeader(WEB, TAG_HEADER);
        }

        @Test
        void a_tag_asks_for_a_confirm_saying_it_may_match_any_number_of_objects_and_creates_nothing_yet() {
            world.startBot(BotFixture.config(config()));

            world.type(ALICE, OPS, "web #release-42");

            assertThat(awaitEphemeral(ConfirmationCard.CONFIRM).blocksJson())
                    .contains("is a cache tag")
                    .contains("however many that is");
            assertThat(creates()).isZero();
            assertThat(world.slack.messages(OPS)).isEmpty();
        }

        @Test
        void a_confirmed_tag_completes_and_every_object_tagged_with_it_is_fresh_at_the_edge() {
            deployTagged("/index.html", "release-42,home");
            deployTagged("/app.js", "Release-42");
            deployTagged("/about.html", "about");
            world.startBot(BotFixture.config(config()));
            world.type(ALICE, OPS, "web #RELEASE-42 check:/index.html");

            click(awaitEphemeral(ConfirmationCard.CONFIRM));
            SimulatedInvalidation invalidation = world.awaitInvalidation(WEB);
            world.awaitMessage(OPS, message -> message.text().contains("in progress"), "the status in progress");
            world.cloudFront.simulator.complete(invalidation.id());

            assertThat(invalidation.paths()).containsExactly("#RELEASE-42");
            ChannelMessage status =
                    world.awaitMessage(OPS, message -> message.text().contains("completed"), "the completed status");
            ChannelMessage check = world.awaitReply(
                    status, reply -> reply.text().contains("served fresh"), "the refresh check of the sample");
            assertThat(check.text()).contains("1 of 1 URL served fresh");
            assertThat(edge.holds(WEB, "/app.js")).as("the other tagged object").isFalse();
            assertThat(edge.holds(WEB, "/about.html"))
                    .as("an object without the tag")
                    .isTrue();
        }

        @Test
        void a_completed_tag_without_samples_asks_for_check_samples_in_the_thread() {
            world.startBot(BotFixture.config(config()));
            world.type(ALICE, OPS, "web #release-42");

            click(awaitEphemeral(ConfirmationCard.CONFIRM));
            SimulatedInvalidation invalidation = world.awaitInvalidation(WEB);
            world.awaitMessage(OPS, message -> message.text().contains("in progress"), "the status in progress");
            world.cloudFront.simulator.complete(invalidation.id());

            ChannelMessage status =
                    world.awaitMessage(OPS, message -> message.text().contains("completed"), "the completed status");
            ChannelMessage reply = world.awaitReply(
                    status, r -> r.text().startsWith("Nothing was checked"), "the check that checked nothing");
            assertThat(reply.blocksJson())
                    .contains("`#release-42` (a cache tag names no file)")
                    .contains("check:");
        }

        @Test
        void a_confirm_clicked_after_the_header_was_removed_is_refused_and_creates_nothing() {
            MutableClock clock = new MutableClock(Instant.now());
            world.startBot(BotFixture.config(config()), clock);
            world.type(ALICE, OPS, "web #release-42");
            Ephemeral confirmation = awaitEphemeral(ConfirmationCard.CONFIRM);

            world.cloudFront.simulator.removeCacheTagHeader(WEB);
            // Past the ten minutes the distribution's details are kept, within the fifteen a confirmation waits.
            clock.advance(Duration.ofMinutes(11));
            click(confirmation);

            assertThat(awaitEphemeral("no cache tags set up").blocksJson()).contains("CacheTagConfig");
            assertThat(creates()).isZero();
            assertThat(world.slack.messages(OPS)).isEmpty();
        }
    }

    @Test
    void an_approval_clicked_after_the_header_was_removed_is_refused_in_the_status_message_and_creates_nothing() {
        world.cloudFront.simulator.cacheTagHeader(BotFixture.SHOP, TAG_HEADER);
        MutableClock clock = new MutableClock(Instant.now());
        world.startBot(BotFixture.config(), clock);
        world.type(ALICE, OPS, "shop #release-42");
        click(awaitEphemeral(ConfirmationCard.CONFIRM));
        ChannelMessage waiting = world.awaitMessage(
                OPS,
                message -> message.text().contains("awaiting approval")
                        && message.blocksJson().contains("\"action_id\":\"" + StatusCard.APPROVE + "\""),
                "the request waiting for an approver, with its buttons");

        world.cloudFront.simulator.removeCacheTagHeader(BotFixture.SHOP);
        // Past the ten minutes the distribution's details are kept, within the hour an approval waits.
        clock.advance(Duration.ofMinutes(11));
        world.slack
                .clickButton(SlackSimulator.BOB, OPS, waiting.ts(), StatusCard.APPROVE)
                .ack()
                .orTimeout(10, TimeUnit.SECONDS)
                .join();

        ChannelMessage refused = world.awaitMessage(
                OPS,
                message -> message.ts().equals(waiting.ts())
                        && message.blocksJson().contains("no cache tags set up"),
                "the status message refusing the tag");
        assertThat(refused.blocksJson()).contains("CacheTagConfig");
        assertThat(creates()).isZero();
    }

    @Nested
    class OnADistributionWithoutCacheTags {

        @Test
        void a_typed_tag_is_refused_privately_saying_why_and_what_to_do_and_nothing_is_created() {
            world.startBot(BotFixture.config(config()));

            world.type(ALICE, OPS, "web /index.html #release-42");

            Ephemeral answer = awaitEphemeral("no cache tags set up");
            assertThat(answer.source()).isEqualTo(Ephemeral.FROM_RESPONSE_URL);
            assertThat(answer.blocksJson())
                    .contains("#release-42")
                    .contains("remove nothing")
                    .contains("list the paths")
                    .contains("CacheTagConfig");
            assertThat(creates()).isZero();
            assertThat(world.slack.messages(OPS)).isEmpty();
        }

        @Test
        void a_tag_in_the_form_is_refused_under_the_paths_field_and_nothing_is_created() {
            world.startBot(BotFixture.config(config()));
            world.type(ALICE, OPS, "");
            OpenedView form = Await.value(
                    "the form",
                    () -> world.slack.views(ALICE).stream().findFirst().orElse(null));

            Ack ack = world.slack
                    .submitView(ALICE, form.viewId(), """
                            {"distribution":{"value":{"type":"static_select","selected_option":{"text":{"type":"plain_text","text":"images"},"value":"images"}}},
                             "paths":{"value":{"type":"plain_text_input","value":"#release-42"}},
                             "note":{"value":{"type":"plain_text_input","value":null}}}
                            """)
                    .ack()
                    .orTimeout(10, TimeUnit.SECONDS)
                    .join();

            assertThat(ack.payloadJson())
                    .contains("\"response_action\":\"errors\"")
                    .contains("\"paths\"")
                    .contains("no cache tags set up")
                    .contains("CacheTagConfig");
            assertThat(creates()).isZero();
        }

        @Test
        void a_tag_whose_distribution_cannot_be_read_is_refused_as_unchecked_and_nothing_is_created() {
            MutableClock clock = new MutableClock(Instant.now());
            world.startBot(BotFixture.config(config()), clock);
            // Past the ten minutes the details are kept: the next request reads them again, and CloudFront refuses.
            clock.advance(Duration.ofMinutes(11));
            world.cloudFront.simulator.injectFault(Operation.GET_DISTRIBUTION, Fault.ACCESS_DENIED, 10);

            world.type(ALICE, OPS, "images #release-42");

            assertThat(awaitEphemeral("couldn't check whether").blocksJson())
                    .contains("nothing was sent")
                    .contains("Try again");
            assertThat(creates()).isZero();
            assertThat(world.cloudFront.simulator.invalidations(IMAGES)).isEmpty();
        }
    }
}

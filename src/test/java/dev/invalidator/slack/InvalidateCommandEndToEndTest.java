package dev.invalidator.slack;

import static dev.invalidator.testing.BotFixture.CAROL;
import static dev.invalidator.testing.BotFixture.DAVE;
import static dev.invalidator.testing.BotFixture.IMAGES;
import static dev.invalidator.testing.BotFixture.OPS;
import static dev.invalidator.testing.BotFixture.WEB;
import static org.assertj.core.api.Assertions.assertThat;

import dev.invalidator.Bot;
import dev.invalidator.sandbox.CloudFrontSimulator.Fault;
import dev.invalidator.sandbox.CloudFrontSimulator.Operation;
import dev.invalidator.sandbox.SimulatedInvalidation;
import dev.invalidator.sandbox.SlackSimulator;
import dev.invalidator.sandbox.SlackSimulator.ChannelMessage;
import dev.invalidator.sandbox.SlackSimulator.Ephemeral;
import dev.invalidator.testing.Await;
import dev.invalidator.testing.BotFixture;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * {@code /invalidate} end to end: the real bot wiring, Bolt's Socket Mode client and the AWS SDK, against the Slack
 * and CloudFront simulators. Assertions are on what the channel shows and what CloudFront was asked.
 */
class InvalidateCommandEndToEndTest {

    private static final String ALICE = SlackSimulator.ALICE;

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

    private List<SimulatedInvalidation> created(String distributionId) {
        return world.cloudFront.simulator.invalidations(distributionId);
    }

    private ChannelMessage awaitStatus(String state) {
        return world.awaitMessage(OPS, message -> message.text().contains(state), "a status message saying " + state);
    }

    @Nested
    class AnAllowedCommand {

        @Test
        void posts_a_status_message_creates_the_paths_and_lists_them_in_the_thread() {
            world.type(ALICE, OPS, "web /index.html /css/*");

            SimulatedInvalidation invalidation = world.awaitInvalidation(WEB);
            ChannelMessage status = awaitStatus("in progress");

            assertThat(invalidation.paths()).containsExactly("/index.html", "/css/*");
            assertThat(status.blocksJson()).contains(invalidation.id()).contains("<@" + ALICE + ">");
            assertThat(status.previousTexts()).singleElement().asString().contains("requesting");
            ChannelMessage pathList =
                    world.awaitReply(status, reply -> reply.text().contains("sent to CloudFront"), "the path list");
            assertThat(pathList.blocksJson()).contains("/index.html").contains("/css/*");
        }

        @Test
        void edits_the_status_message_to_completed_and_mentions_the_requester_in_the_thread() {
            world.type(ALICE, OPS, "web /index.html");
            SimulatedInvalidation invalidation = world.awaitInvalidation(WEB);
            ChannelMessage inProgress = awaitStatus("in progress");

            world.cloudFront.simulator.complete(invalidation.id());

            ChannelMessage completed = awaitStatus("completed");
            assertThat(completed.ts()).isEqualTo(inProgress.ts());
            ChannelMessage notice = world.awaitReply(
                    completed, reply -> reply.text().contains("<@" + ALICE + ">"), "the completion notice");
            assertThat(notice.text()).contains("done");
        }

        @Test
        void a_user_group_member_may_use_a_distribution_listed_for_the_group() {
            world.type(CAROL, OPS, "images /logo.png");

            assertThat(world.awaitInvalidation(IMAGES).paths()).containsExactly("/logo.png");
        }

        @Test
        void a_url_of_the_distribution_becomes_its_path() {
            world.type(ALICE, OPS, "web https://www.example.com/app.js?v=2");

            assertThat(world.awaitInvalidation(WEB).paths()).containsExactly("/app.js?v=2");
        }

        @Test
        void a_host_name_works_as_the_distribution() {
            world.type(ALICE, OPS, "img.example.com /logo.png");

            assertThat(world.awaitInvalidation(IMAGES).paths()).containsExactly("/logo.png");
        }

        @Test
        void an_image_proxy_key_that_starts_with_a_slash_is_kept_verbatim() {
            world.type(ALICE, OPS, "web /https://config.example.com/public/files/*");

            assertThat(world.awaitInvalidation(WEB).paths())
                    .containsExactly("/https://config.example.com/public/files/*");
        }

        @Test
        void a_path_that_looks_like_a_mention_can_never_ping_the_channel() {
            world.type(ALICE, OPS, "web /<!channel>");

            assertThat(world.awaitInvalidation(WEB).paths()).containsExactly("/%3C!channel%3E");
            ChannelMessage status = awaitStatus("in progress");
            world.awaitReply(status, reply -> reply.text().contains("sent to CloudFront"), "the path list");
            assertThat(world.slack.calls())
                    .noneMatch(call -> call.params().values().stream().anyMatch(value -> value.contains("<!channel>")));
        }
    }

    @Nested
    class ACloudFrontFailure {

        @Test
        void too_many_in_progress_queues_the_request_until_an_invalidation_there_completes() {
            world.type(ALICE, OPS, "web /index.html");
            SimulatedInvalidation first = world.awaitInvalidation(WEB);
            // CloudFront's word is trusted over the bot's count, which sees room for another.
            world.cloudFront.simulator.injectFault(
                    Operation.CREATE_INVALIDATION, Fault.TOO_MANY_INVALIDATIONS_IN_PROGRESS, 1);

            world.type(ALICE, OPS, "web /about.html");

            ChannelMessage queued = awaitStatus("⏳ Queued");
            assertThat(queued.text()).contains("too many invalidations in progress");
            assertThat(created(WEB)).hasSize(1);
            world.cloudFront.simulator.complete(first.id());
            Await.until("the queued request to be sent", () -> created(WEB).size() == 2);
            assertThat(world.slack.messages(OPS))
                    .noneMatch(message -> message.text().contains("failed"));
        }

        @Test
        void names_the_missing_iam_action_when_access_is_denied() {
            world.cloudFront.simulator.injectFault(Operation.CREATE_INVALIDATION, Fault.ACCESS_DENIED, 1);

            world.type(ALICE, OPS, "web /index.html");

            assertThat(awaitStatus("failed").blocksJson()).contains("cloudfront:CreateInvalidation");
        }
    }

    @Nested
    class ARefusedCommand {

        @Test
        void from_a_channel_not_on_the_list_is_answered_privately_and_creates_nothing() {
            world.type(ALICE, SlackSimulator.GENERAL, "web /index.html");

            Ephemeral answer = world.awaitEphemeral(ALICE, "the refusal");
            assertThat(answer.text()).contains("web").contains(OPS);
            assertThat(answer.source()).isEqualTo(Ephemeral.FROM_RESPONSE_URL);
            assertThat(created(WEB)).isEmpty();
            assertThat(world.slack.messages(SlackSimulator.GENERAL)).isEmpty();
        }

        @Test
        void from_a_user_not_on_the_list_says_whom_to_ask() {
            world.type(DAVE, OPS, "images /logo.png");

            assertThat(world.awaitEphemeral(DAVE, "the refusal").text())
                    .contains("not on the list")
                    .contains(ALICE);
            assertThat(created(IMAGES)).isEmpty();
            assertThat(world.slack.messages(OPS)).isEmpty();
        }

        @Test
        void with_bad_paths_names_every_bad_path_in_one_answer() {
            world.type(ALICE, OPS, "web index.html /a*b /ok.html");

            Ephemeral answer = world.awaitEphemeral(ALICE, "the path problems");
            assertThat(answer.blocksJson())
                    .contains("index.html")
                    .contains("/a*b")
                    .contains("2 problems");
            assertThat(world.slack.ephemerals(ALICE)).hasSize(1);
            assertThat(world.cloudFront.simulator.calls(Operation.CREATE_INVALIDATION))
                    .isZero();
        }

        @Test
        void from_a_person_of_another_workspace_in_an_allowed_channel_creates_nothing_even_for_anyone() {
            world.slack.addUser("U0GUEST", "guest", "T0OTHERORG");

            world.type("U0GUEST", OPS, "web /index.html");

            assertThat(world.awaitEphemeral("U0GUEST", "the refusal").text()).contains("own workspace");
            assertThat(world.cloudFront.simulator.calls(Operation.CREATE_INVALIDATION))
                    .isZero();
        }

        @Test
        void from_a_guest_of_the_workspace_creates_nothing_where_users_is_a_star() {
            world.slack.addGuest("U0GUEST", "contractor", false);
            world.slack.addGuest("U0VISITOR", "visitor", true);

            world.type("U0GUEST", OPS, "web /index.html");
            world.type("U0VISITOR", OPS, "web /index.html");

            assertThat(world.awaitEphemeral("U0GUEST", "the refusal").text())
                    .contains("Guests may use web only when its users name them by their own id")
                    .contains("U0GUEST");
            assertThat(world.awaitEphemeral("U0VISITOR", "the refusal").text()).contains("U0VISITOR");
            assertThat(world.cloudFront.simulator.calls(Operation.CREATE_INVALIDATION))
                    .isZero();
        }

        @Test
        void when_the_workspace_of_a_person_cannot_be_checked_it_fails_closed() {
            world.slack.failNext("users.info", "user_not_found", 20);

            world.type(ALICE, OPS, "web /index.html");

            assertThat(world.awaitEphemeral(ALICE, "the refusal").text()).contains("couldn't check your workspace");
            assertThat(world.cloudFront.simulator.calls(Operation.CREATE_INVALIDATION))
                    .isZero();
        }

        @Test
        void past_the_per_person_rate_limit_says_when_to_try_again_and_creates_nothing_more() {
            for (int i = 0; i < 5; i++) {
                world.type(ALICE, OPS, "web /" + i + ".html");
            }
            Await.until("five invalidations", () -> created(WEB).size() == 5);

            world.type(ALICE, OPS, "web /sixth.html");

            assertThat(world.awaitEphemeral(ALICE, "the limit").text())
                    .contains("in the last minute")
                    .contains("try again");
            assertThat(created(WEB)).hasSize(5);
        }

        @Test
        void past_the_per_person_limit_of_reads_says_when_to_try_again_and_reads_nothing() {
            for (int i = 0; i < 30; i++) {
                world.type(DAVE, OPS, "help");
            }
            Await.until("thirty answers", () -> world.slack.ephemerals(DAVE).size() == 30);

            world.type(DAVE, OPS, "list web");

            Ephemeral answer = Await.value(
                    "the answer to the 31st read",
                    () -> world.slack.ephemerals(DAVE).size() > 30
                            ? world.slack.ephemerals(DAVE).get(30)
                            : null);
            assertThat(answer.text()).contains("30 answers in the last minute").contains("try again in");
            assertThat(world.slack.ephemerals(DAVE)).noneMatch(e -> e.text().startsWith("Recent"));
        }

        @Test
        void a_typo_costs_no_quota() {
            for (int i = 0; i < 6; i++) {
                world.type(ALICE, OPS, "web not-a-path");
            }
            Await.until("six answers", () -> world.slack.ephemerals(ALICE).size() == 6);

            world.type(ALICE, OPS, "web /fixed.html");

            assertThat(world.awaitInvalidation(WEB).paths()).containsExactly("/fixed.html");
        }

        @Test
        void for_an_unknown_distribution_lists_the_ones_that_can_be_used() {
            world.type(ALICE, OPS, "wbe /index.html");

            assertThat(world.awaitEphemeral(ALICE, "the answer").blocksJson())
                    .contains("wbe")
                    .contains("`web`");
        }

        @Test
        void in_a_channel_the_bot_has_not_joined_asks_to_invite_it_and_creates_nothing() {
            world.slack.failNext("chat.postMessage", "not_in_channel", 1);

            world.type(ALICE, OPS, "web /index.html");

            assertThat(world.awaitEphemeral(ALICE, "the invitation hint").text())
                    .contains("/invite");
            assertThat(created(WEB)).isEmpty();
        }
    }

    @Nested
    class Answers {

        @Test
        void help_lists_the_distributions_usable_here() {
            world.type(DAVE, OPS, "help");

            String help = world.awaitEphemeral(DAVE, "help").blocksJson();
            assertThat(help).contains("`web`").doesNotContain("`images`").contains("free paths used this month");
        }

        @Test
        void help_for_a_person_of_another_workspace_is_the_refusal_without_ids_or_usage() {
            world.slack.addUser("U0EXT", "mallory", "T0OTHERORG");

            world.type("U0EXT", OPS, "help");

            Ephemeral answer = world.awaitEphemeral("U0EXT", "the answer");
            assertThat(answer.text()).contains("own workspace");
            assertThat(answer.blocksJson())
                    .doesNotContain("free paths used this month")
                    .doesNotContain(WEB);
        }

        @Test
        void help_where_the_person_may_use_nothing_shows_no_usage() {
            world.type(DAVE, SlackSimulator.GENERAL, "help");

            assertThat(world.awaitEphemeral(DAVE, "help").blocksJson())
                    .contains("can't use any distribution")
                    .doesNotContain("free paths used this month");
        }

        @Test
        void status_shows_the_latest_invalidation_with_its_requester() {
            world.type(ALICE, OPS, "web /index.html");
            SimulatedInvalidation invalidation = world.awaitInvalidation(WEB);

            world.type(CAROL, OPS, "status web");

            String status = Await.value(
                            "the status answer",
                            () -> world.slack.ephemerals(CAROL).stream()
                                    .filter(e -> e.text().contains(invalidation.id()))
                                    .findFirst()
                                    .orElse(null))
                    .blocksJson();
            assertThat(status)
                    .contains("In progress")
                    .contains("<@" + ALICE + ">")
                    .contains("/index.html")
                    .contains("1 of 1,000 free paths used this month");
        }

        @Test
        void list_shows_recent_invalidations_and_who_asked() {
            world.type(ALICE, OPS, "web /one.html");
            world.awaitInvalidation(WEB);

            world.type(ALICE, OPS, "list web");

            String list = Await.value(
                            "the list",
                            () -> world.slack.ephemerals(ALICE).stream()
                                    .filter(e -> e.text().startsWith("Recent"))
                                    .findFirst()
                                    .orElse(null))
                    .blocksJson();
            assertThat(list).contains(created(WEB).get(0).id()).contains("<@" + ALICE + ">");
        }
    }

    @Nested
    class SlackFaults {

        @Test
        void a_rate_limited_post_is_retried_after_retry_after_and_the_request_goes_through() {
            world.slack.rateLimit("chat.postMessage", 1, 1);

            world.type(ALICE, OPS, "web /index.html");

            world.awaitInvalidation(WEB);
            awaitStatus("in progress");
            List<SlackSimulator.ApiCall> posts = world.slack.calls("chat.postMessage");
            assertThat(Duration.between(posts.get(0).at(), posts.get(1).at()))
                    .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        }

        @Test
        void a_dropped_socket_is_reopened_and_the_next_command_still_works() {
            world.slack.dropAllConnections();
            world.slack.awaitConnections(1, Duration.ofSeconds(30));

            world.type(ALICE, OPS, "web /after-reconnect.html");

            assertThat(world.awaitInvalidation(WEB).paths()).containsExactly("/after-reconnect.html");
        }

        @Test
        void a_disconnect_message_is_followed_by_a_new_connection_and_the_next_command_still_works() {
            world.slack.disconnectAll("refresh_requested");
            world.slack.awaitConnections(1, Duration.ofSeconds(30));

            world.type(ALICE, OPS, "web /after-refresh.html");

            assertThat(world.awaitInvalidation(WEB).paths()).containsExactly("/after-refresh.html");
        }
    }

    @Nested
    class Restart {

        @Test
        void a_new_instance_does_not_notify_again_about_a_completion_already_reported() {
            world.type(ALICE, OPS, "web /index.html");
            SimulatedInvalidation invalidation = world.awaitInvalidation(WEB);
            ChannelMessage status = awaitStatus("in progress");
            world.cloudFront.simulator.complete(invalidation.id());
            world.awaitReply(status, reply -> reply.text().contains(invalidation.id()), "the completion notice");
            world.stop(bot);
            int checksBefore = world.slack.calls("conversations.replies").size();

            world.startBot();
            Await.until(
                    "the new instance to look at the thread",
                    () -> world.slack.calls("conversations.replies").size() > checksBefore);

            assertThat(world.slack.thread(OPS, status.ts()))
                    .filteredOn(reply -> reply.text().contains(invalidation.id()))
                    .hasSize(1);
        }

        @Test
        void a_new_instance_edits_the_status_message_of_an_invalidation_the_old_one_created() {
            world.type(ALICE, OPS, "web /index.html");
            SimulatedInvalidation invalidation = world.awaitInvalidation(WEB);
            ChannelMessage inProgress = awaitStatus("in progress");
            world.stop(bot);

            world.startBot();
            Await.until(
                    "the new instance to pick the invalidation up",
                    () -> world.cloudFront.simulator.calls(Operation.GET_INVALIDATION) > 0);
            world.cloudFront.simulator.complete(invalidation.id());

            ChannelMessage completed = awaitStatus("completed");
            assertThat(completed.ts()).isEqualTo(inProgress.ts());
        }
    }
}

package dev.invalidator.sandbox;

import static dev.invalidator.sandbox.SlackSimulator.ALICE;
import static dev.invalidator.sandbox.SlackSimulator.GENERAL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.slack.api.Slack;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import dev.invalidator.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Slack's rate limits ({@code slack.md} §9, §10, §15) as the SDK's real synchronous {@link MethodsClient} meets them:
 * beyond each, HTTP 429 with {@code Retry-After} and {@code ratelimited}, which the client throws as
 * {@link SlackApiException}. The simulator's clock stands still unless a test moves it, so the buckets refill exactly
 * when the test says.
 */
class SlackSimulatorLimitsTest {

    private static final String OPS = "C0OPS";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-09-01T10:00:00Z"));
    private final SlackSimulator sim = SlackSimulator.start(clock);
    private final Slack slack = SlackBolt.slackFor(sim);
    private final MethodsClient bot = slack.methods(sim.botToken());
    private final AtomicInteger texts = new AtomicInteger();

    {
        sim.addChannel(OPS, "ops", true);
    }

    @AfterEach
    void stop() throws Exception {
        slack.close();
        sim.close();
    }

    @Test
    void the_fourth_post_in_a_channel_within_a_second_is_rate_limited_and_other_channels_are_not() throws Exception {
        for (int i = 0; i < SlackLimits.POST_BURST; i++) {
            post(GENERAL);
        }

        assertRateLimited(() -> post(GENERAL), 1);
        post(OPS);
        assertThat(sim.messages(GENERAL)).hasSize(SlackLimits.POST_BURST);
        assertThat(sim.rateLimitedCount("chat.postMessage")).isEqualTo(1);
    }

    @Test
    void a_post_is_let_through_again_a_second_later() throws Exception {
        for (int i = 0; i < SlackLimits.POST_BURST; i++) {
            post(GENERAL);
        }
        assertRateLimited(() -> post(GENERAL), 1);

        clock.advance(Duration.ofMillis(999));
        assertRateLimited(() -> post(GENERAL), 1);
        clock.advance(Duration.ofMillis(1));
        post(GENERAL);
    }

    @Test
    void chat_update_is_tier_3_fifty_a_minute_after_a_burst_of_five() throws Exception {
        String ts = post(GENERAL);
        for (int i = 0; i < SlackLimits.TIER_3_BURST; i++) {
            check(bot.chatUpdate(r -> r.channel(GENERAL).ts(ts).text("edit " + texts.incrementAndGet())));
        }

        // A token every 60/50 = 1.2 s: Retry-After rounds up to 2 s.
        assertRateLimited(() -> bot.chatUpdate(r -> r.channel(GENERAL).ts(ts).text("too soon")), 2);
        clock.advance(Duration.ofMillis(1_200));
        check(bot.chatUpdate(r -> r.channel(GENERAL).ts(ts).text("on time")));
        assertThat(sim.messages(GENERAL).get(0).text()).isEqualTo("on time");
    }

    @Test
    void chat_delete_is_tier_3_fifty_a_minute_after_a_burst_of_five() throws Exception {
        List<String> posted = new java.util.ArrayList<>();
        for (int i = 0; i <= SlackLimits.TIER_3_BURST; i++) {
            posted.add(post(GENERAL));
            clock.advance(Duration.ofSeconds(1)); // the posts' own pace, which is not what this test is about
        }
        for (int i = 0; i < SlackLimits.TIER_3_BURST; i++) {
            String ts = posted.get(i);
            check(bot.chatDelete(r -> r.channel(GENERAL).ts(ts)));
        }

        String last = posted.get(SlackLimits.TIER_3_BURST);
        assertRateLimited(() -> bot.chatDelete(r -> r.channel(GENERAL).ts(last)), 2);
        clock.advance(Duration.ofMillis(1_200));
        check(bot.chatDelete(r -> r.channel(GENERAL).ts(last)));
        assertThat(sim.messages(GENERAL)).isEmpty();
    }

    @Test
    void each_tier_3_method_has_a_bucket_of_its_own() throws Exception {
        String ts = post(GENERAL);
        for (int i = 0; i < SlackLimits.TIER_3_BURST; i++) {
            check(bot.conversationsHistory(r -> r.channel(GENERAL)));
        }

        assertRateLimited(() -> bot.conversationsHistory(r -> r.channel(GENERAL)), 2);
        check(bot.conversationsReplies(r -> r.channel(GENERAL).ts(ts)));
        check(bot.chatUpdate(r -> r.channel(GENERAL).ts(ts).text("edited")));
        for (int i = 1; i < SlackLimits.TIER_3_BURST; i++) {
            check(bot.conversationsReplies(r -> r.channel(GENERAL).ts(ts)));
        }
        assertRateLimited(() -> bot.conversationsReplies(r -> r.channel(GENERAL).ts(ts)), 2);
        assertThat(sim.rateLimitedCount("conversations.history")).isEqualTo(1);
        assertThat(sim.rateLimitedCount("conversations.replies")).isEqualTo(1);
    }

    @Test
    void tier_3_is_per_workspace_not_per_channel() throws Exception {
        for (int i = 0; i < SlackLimits.TIER_3_BURST; i++) {
            check(bot.conversationsHistory(r -> r.channel(GENERAL)));
        }

        assertRateLimited(() -> bot.conversationsHistory(r -> r.channel(OPS)), 2);
    }

    @Test
    void users_info_and_chat_post_ephemeral_are_tier_4_a_hundred_a_minute_after_a_burst_of_ten() throws Exception {
        for (int i = 0; i < SlackLimits.TIER_4_BURST; i++) {
            check(bot.usersInfo(r -> r.user(ALICE)));
            check(bot.chatPostEphemeral(r -> r.channel(GENERAL).user(ALICE).text("psst")));
        }

        // A token every 0.6 s: Retry-After rounds up to 1 s.
        assertRateLimited(() -> bot.usersInfo(r -> r.user(ALICE)), 1);
        assertRateLimited(
                () -> bot.chatPostEphemeral(r -> r.channel(GENERAL).user(ALICE).text("psst")), 1);
        clock.advance(Duration.ofMillis(600));
        check(bot.usersInfo(r -> r.user(ALICE)));
    }

    @Test
    void views_publish_is_tier_4() throws Exception {
        for (int i = 0; i < SlackLimits.TIER_4_BURST; i++) {
            check(bot.viewsPublish(r -> r.userId(ALICE).viewAsString(HOME)));
        }

        assertRateLimited(() -> bot.viewsPublish(r -> r.userId(ALICE).viewAsString(HOME)), 1);
    }

    @Test
    void usergroups_users_list_is_tier_2_twenty_a_minute_after_a_burst_of_three() throws Exception {
        sim.addUserGroup("S0OPS", "ops", ALICE);
        for (int i = 0; i < SlackLimits.TIER_2_BURST; i++) {
            check(bot.usergroupsUsersList(r -> r.usergroup("S0OPS")));
        }

        // A token every 3 s.
        assertRateLimited(() -> bot.usergroupsUsersList(r -> r.usergroup("S0OPS")), 3);
        clock.advance(Duration.ofSeconds(3));
        check(bot.usergroupsUsersList(r -> r.usergroup("S0OPS")));
    }

    @Test
    void a_rate_limited_call_takes_no_token() throws Exception {
        for (int i = 0; i < SlackLimits.POST_BURST; i++) {
            post(GENERAL);
        }
        for (int i = 0; i < 5; i++) {
            assertRateLimited(() -> post(GENERAL), 1);
        }

        clock.advance(Duration.ofSeconds(1));
        post(GENERAL);
        assertThat(sim.rateLimitedCount("chat.postMessage")).isEqualTo(5);
    }

    @Test
    void an_injected_rate_limit_still_answers_its_own_retry_after_and_is_counted() throws Exception {
        sim.rateLimit("chat.update", 2, 7);
        String ts = post(GENERAL);

        assertRateLimited(() -> bot.chatUpdate(r -> r.channel(GENERAL).ts(ts).text("x")), 7);
        assertRateLimited(() -> bot.chatUpdate(r -> r.channel(GENERAL).ts(ts).text("x")), 7);
        check(bot.chatUpdate(r -> r.channel(GENERAL).ts(ts).text("x")));
        assertThat(sim.rateLimitedCount("chat.update")).isEqualTo(2);
        assertThat(sim.rateLimitedCount()).isEqualTo(2);
    }

    @Test
    void a_test_may_lift_a_limit_by_naming_a_larger_figure() throws Exception {
        sim.limits(SlackLimits.strict().withPostRate(100, 100));

        for (int i = 0; i < 50; i++) {
            post(GENERAL);
        }
        assertThat(sim.rateLimitedCount()).isZero();
    }

    private static final String HOME = "{\"type\":\"home\",\"blocks\":[]}";

    private String post(String channel) throws Exception {
        return check(bot.chatPostMessage(r -> r.channel(channel).text("message " + texts.incrementAndGet())))
                .getTs();
    }

    private static <T extends SlackApiTextResponse> T check(T response) {
        assertThat(response.isOk()).as(response.getError()).isTrue();
        return response;
    }

    private static void assertRateLimited(ThrowingCallable call, int retryAfterSeconds) {
        assertThatThrownBy(call).isInstanceOfSatisfying(SlackApiException.class, e -> {
            assertThat(e.getResponse().code()).isEqualTo(429);
            assertThat(e.getResponse().header("Retry-After")).isEqualTo(String.valueOf(retryAfterSeconds));
            assertThat(e.getError().getError()).isEqualTo("ratelimited");
            assertThat(e.getError().isOk()).isFalse();
        });
    }
}

package dev.invalidator.slack;

import static dev.invalidator.sandbox.SlackSimulator.GENERAL;
import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.methods.MethodsClient;
import dev.invalidator.chat.Message;
import dev.invalidator.chat.PostedMessage;
import dev.invalidator.sandbox.SlackLimits;
import dev.invalidator.sandbox.SlackSimulator;
import dev.invalidator.sandbox.SlackSimulator.ChannelMessage;
import dev.invalidator.testing.Await;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link SlackChat} against the Slack simulator as strict as Slack ({@link SlackLimits#strict()}), through the real
 * {@code MethodsClient}: bursts wait their turn instead of meeting 429s, edits of one message collapse into the latest,
 * and a 429 delays an edit instead of failing it.
 */
class SlackChatPacingTest {

    private final SlackSimulator sim = SlackSimulator.start();
    private final Slack slack = slackFor(sim);
    private final MethodsClient methods = slack.methods(sim.botToken());
    private final SlackChat chat = new SlackChat(methods, 5, Duration.ofSeconds(30));
    private final ExecutorService threads = Executors.newFixedThreadPool(16);

    @AfterEach
    void stop() throws Exception {
        threads.shutdownNow();
        slack.close();
        sim.close();
    }

    @Test
    void twenty_posts_to_one_channel_from_eight_threads_all_arrive_without_a_429() {
        ExecutorService eight = Executors.newFixedThreadPool(8);
        try {
            List<CompletableFuture<PostedMessage>> posts = IntStream.range(0, 20)
                    .mapToObj(i ->
                            CompletableFuture.supplyAsync(() -> chat.post(GENERAL, Message.of("post " + i)), eight))
                    .toList();

            posts.forEach(post -> post.orTimeout(2, TimeUnit.MINUTES).join());
        } finally {
            eight.shutdownNow();
        }

        assertThat(sim.messages(GENERAL)).hasSize(20);
        assertThat(sim.rateLimitedCount("chat.postMessage"))
                .as("429s Slack answered chat.postMessage")
                .isZero();
    }

    @Test
    void sixty_edits_of_different_messages_at_once_are_all_made_with_few_429s() {
        // Sixty messages to edit, set up straight through the client: this test is about the edits, not the posts.
        sim.limits(SlackLimits.strict().withPostRate(1_000, 1_000));
        List<PostedMessage> messages =
                IntStream.range(0, 60).mapToObj(i -> post("message " + i)).toList();

        List<CompletableFuture<Void>> edits = messages.stream()
                .map(message -> CompletableFuture.runAsync(
                        () -> chat.update(message, Message.of("edited " + message.ts())), threads))
                .toList();
        edits.forEach(edit -> edit.orTimeout(3, TimeUnit.MINUTES).join());

        assertThat(sim.messages(GENERAL))
                .allSatisfy(message -> assertThat(message.text()).isEqualTo("edited " + message.ts()));
        assertThat(sim.rateLimitedCount("chat.update"))
                .as("429s Slack answered chat.update")
                .isLessThanOrEqualTo(2);
    }

    @Test
    void ten_edits_of_one_message_waiting_for_a_far_turn_collapse_into_the_last() {
        BehindAWaitingEdit waiting = statusBehindAWaitingEdit();
        PostedMessage status = waiting.status();
        CompletableFuture<Void> first = waiting.first();

        List<CompletableFuture<Void>> edits = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String text = "state " + i;
            edits.add(CompletableFuture.runAsync(() -> chat.update(status, Message.of(text)), threads));
            int arrived = i;
            // Each edit arrives after the one before it: that one returns at once, superseded, or waits its turn.
            Await.until(
                    "edit " + i + " to wait",
                    () -> arrived == 0
                            ? chat.waitingForTurn() >= 2
                            : edits.get(arrived - 1).isDone());
        }
        edits.forEach(edit -> edit.orTimeout(1, TimeUnit.MINUTES).join());
        first.join();

        long updatesOfStatus = sim.calls("chat.update").stream()
                .filter(call -> status.ts().equals(call.params().get("ts")))
                .count();
        assertThat(updatesOfStatus)
                .as("chat.update calls for the status message")
                .isEqualTo(1);
        ChannelMessage shown = sim.messages(GENERAL).stream()
                .filter(message -> message.ts().equals(status.ts()))
                .findFirst()
                .orElseThrow();
        assertThat(shown.text()).isEqualTo("state 9");
    }

    @Test
    void an_edit_left_for_later_returns_before_its_turn_and_a_later_edit_of_the_message_never_goes_before_it() {
        BehindAWaitingEdit waiting = statusBehindAWaitingEdit();
        PostedMessage status = waiting.status();
        CompletableFuture<Void> first = waiting.first();

        CompletableFuture<Void> inProgress =
                chat.updateLater(status, Message.of("in progress")).toCompletableFuture();
        assertThat(inProgress).as("the edit left for later, before its turn").isNotDone();
        chat.update(status, Message.of("completed"));
        inProgress.orTimeout(1, TimeUnit.MINUTES).join();
        first.join();

        assertThat(textOf(status)).isEqualTo("completed");
        assertThat(sim.calls("chat.update").stream()
                        .filter(call -> status.ts().equals(call.params().get("ts"))))
                .as("chat.update calls for the status message")
                .hasSize(1);
    }

    @Test
    void an_edit_and_a_reply_left_for_later_are_sent_in_their_turn() {
        PostedMessage status = post("requesting");

        CompletableFuture<Void> edit = chat.updateLater(status, Message.of("in progress"), Map.of("state", "sent"))
                .toCompletableFuture();
        CompletableFuture<PostedMessage> reply =
                chat.replyLater(status, Message.of("2 paths sent")).toCompletableFuture();
        edit.orTimeout(1, TimeUnit.MINUTES).join();
        reply.orTimeout(1, TimeUnit.MINUTES).join();

        assertThat(textOf(status)).isEqualTo("in progress");
        assertThat(sim.thread(GENERAL, status.ts()))
                .extracting(ChannelMessage::text)
                .contains("2 paths sent");
        Await.until("nothing left to send later", chat::idle);
    }

    @Test
    void an_edit_that_keeps_meeting_429s_waits_instead_of_failing() {
        PostedMessage status = post("in progress");
        sim.rateLimit("chat.update", 5, 1);

        chat.update(status, Message.of("completed"), Map.of("state", "completed"));

        assertThat(sim.messages(GENERAL).get(0).text()).isEqualTo("completed");
        assertThat(sim.rateLimitedCount("chat.update")).isEqualTo(5);
    }

    @Test
    void a_429_moves_the_next_turn_of_every_caller_of_the_method() {
        sim.limits(SlackLimits.strict().withPostRate(1_000, 1_000)); // two messages to set up, at once
        PostedMessage one = post("one");
        PostedMessage two = post("two");
        sim.rateLimit("chat.update", 1, 2);

        CompletableFuture<Void> first =
                CompletableFuture.runAsync(() -> chat.update(one, Message.of("one, edited")), threads);
        // Once Slack has answered the first edit 429 and its caller waits for its next turn, the bot has read
        // Retry-After; waiting for the turn alone could be a wait before the first call, letting the second meet it.
        Await.until(
                "the first edit to wait after its 429",
                () -> sim.rateLimitedCount("chat.update") == 1 && chat.waitingForTurn() == 1);
        chat.update(two, Message.of("two, edited"));
        first.join();

        List<SlackSimulator.ApiCall> updates = sim.calls("chat.update");
        Instant limitedAt = updates.get(0).at();
        Instant secondSentAt = updates.stream()
                .filter(call -> two.ts().equals(call.params().get("ts")))
                .findFirst()
                .orElseThrow()
                .at();
        assertThat(Duration.between(limitedAt, secondSentAt))
                .as("the second caller's edit waited for the Retry-After the first one met")
                .isGreaterThanOrEqualTo(Duration.ofMillis(1_900));
    }

    private String textOf(PostedMessage message) {
        return sim.messages(GENERAL).stream()
                .filter(shown -> shown.ts().equals(message.ts()))
                .findFirst()
                .orElseThrow()
                .text();
    }

    private PostedMessage post(String text) {
        try {
            var response = methods.chatPostMessage(r -> r.channel(GENERAL).text(text));
            assertThat(response.isOk()).as(response.getError()).isTrue();
            return new PostedMessage(response.getChannel(), response.getTs());
        } catch (Exception e) {
            throw new AssertionError("could not post " + text, e);
        }
    }

    private static Slack slackFor(SlackSimulator sim) {
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(sim.apiUrl());
        config.setStatsEnabled(false);
        return Slack.getInstance(config);
    }

    /** A status message, and an edit of another message the bot made first. */
    private record BehindAWaitingEdit(PostedMessage status, CompletableFuture<Void> first) {}

    /**
     * Two messages, and an edit of the first waiting out Slack's 3 s {@code Retry-After}: the turn of every later edit is
     * at least that far.
     */
    private BehindAWaitingEdit statusBehindAWaitingEdit() {
        sim.limits(SlackLimits.strict().withPostRate(1_000, 1_000)); // two messages to set up, at once
        PostedMessage other = post("other");
        PostedMessage status = post("requesting");
        sim.rateLimit("chat.update", 1, 3);
        CompletableFuture<Void> first =
                CompletableFuture.runAsync(() -> chat.update(other, Message.of("other, edited")), threads);
        // Once the first edit waits for its next turn, the bot has read Retry-After.
        Await.until("the first edit to wait after its 429", () -> chat.waitingForTurn() == 1);
        return new BehindAWaitingEdit(status, first);
    }
}

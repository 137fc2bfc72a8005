package dev.invalidator.slack;

import static dev.invalidator.sandbox.SlackSimulator.GENERAL;
import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.Slack;
import com.slack.api.methods.MethodsClient;
import dev.invalidator.chat.Message;
import dev.invalidator.chat.PostedMessage;
import dev.invalidator.sandbox.CallGathering;
import dev.invalidator.sandbox.SlackLimits;
import dev.invalidator.sandbox.SlackSimulator;
import dev.invalidator.sandbox.SlackSimulator.ChannelMessage;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link SlackChat#replyUnlessThreadHas} with two instances of the bot (two {@link SlackChat}s with the bot's token)
 * against the Slack simulator: whatever the timing, one notice of an end stays, and exactly one instance goes on.
 */
class SlackChatNoticeTest {

    private static final String MARKER = "(I2J0I21PCUYOIK)";
    private static final Message NOTICE = Message.of("done " + MARKER);

    private final SlackSimulator sim = SlackSimulator.start();
    private final Slack slack = SlackBot.slack(sim.apiUrl());
    private final SlackChat first = new SlackChat(slack.methods(sim.botToken()), 5, Duration.ofSeconds(30));
    private final SlackChat second = new SlackChat(slack.methods(sim.botToken()), 5, Duration.ofSeconds(30));
    private final ExecutorService threads = Executors.newFixedThreadPool(2);

    @AfterEach
    void stop() throws Exception {
        threads.shutdownNow();
        slack.close();
        sim.close();
    }

    private List<ChannelMessage> notices(PostedMessage status) {
        return sim.thread(GENERAL, status.ts()).stream()
                .filter(reply -> reply.text().contains(MARKER))
                .toList();
    }

    /** Both instances report the end at once, their posts kept until both have come: which went on. */
    private List<Boolean> bothReport(PostedMessage status) {
        CallGathering both = sim.gatherNext(
                "chat.postMessage", params -> params.getOrDefault("text", "").contains(MARKER), 2);
        List<CompletableFuture<Boolean>> reports = List.of(first, second).stream()
                .map(chat ->
                        CompletableFuture.supplyAsync(() -> chat.replyUnlessThreadHas(status, MARKER, NOTICE), threads))
                .toList();
        both.awaitGathered(Duration.ofSeconds(30));
        return reports.stream()
                .map(report -> report.orTimeout(1, TimeUnit.MINUTES).join())
                .toList();
    }

    @Test
    void of_two_instances_posting_at_once_one_goes_on_and_its_notice_alone_stays() {
        PostedMessage status = first.post(GENERAL, Message.of("completed"));

        List<Boolean> wentOn = bothReport(status);

        assertThat(wentOn).containsExactlyInAnyOrder(true, false);
        assertThat(notices(status)).hasSize(1);
        assertThat(first.replyUnlessThreadHas(status, MARKER, NOTICE))
                .as("a later report, by the sweep")
                .isFalse();
    }

    @Test
    void a_notice_that_could_not_be_taken_back_stays_and_still_only_one_instance_goes_on() {
        PostedMessage status = first.post(GENERAL, Message.of("completed"));
        sim.failNext("chat.delete", "cant_delete_message", 1);

        List<Boolean> wentOn = bothReport(status);

        assertThat(wentOn).containsExactlyInAnyOrder(true, false);
        assertThat(notices(status)).as("the duplicate stays").hasSize(2);
        assertThat(sim.calls("chat.delete"))
                .singleElement()
                .satisfies(delete -> assertThat(delete.params().get("ts"))
                        .as("only the later one is ever deleted")
                        .isEqualTo(notices(status).get(1).ts()));
    }

    @Test
    void a_rate_limited_take_back_waits_for_its_turn() {
        PostedMessage status = first.post(GENERAL, Message.of("completed"));
        sim.rateLimit("chat.delete", 1, 1);

        List<Boolean> wentOn = bothReport(status);

        assertThat(wentOn).containsExactlyInAnyOrder(true, false);
        assertThat(notices(status)).hasSize(1);
        assertThat(sim.rateLimitedCount("chat.delete")).isEqualTo(1);
    }

    @Test
    void a_notice_whose_answer_was_lost_is_found_rather_than_posted_again() {
        PostedMessage status = first.post(GENERAL, Message.of("completed"));
        sim.failNextAfterCommit("chat.postMessage", "internal_error", 1);

        assertThat(first.replyUnlessThreadHas(status, MARKER, NOTICE)).isTrue();
        assertThat(notices(status)).hasSize(1);
        assertThat(sim.calls("chat.delete")).isEmpty();
    }

    @Test
    void a_notice_past_the_first_page_of_a_long_thread_is_found() throws Exception {
        // 211 replies to set up, straight through the client and at once: this test is about reading them back.
        sim.limits(SlackLimits.strict().withPostRate(1_000, 1_000));
        PostedMessage status = first.post(GENERAL, Message.of("completed"));
        MethodsClient methods = slack.methods(sim.botToken());
        for (int i = 0; i <= 210; i++) {
            String text = i < 210 ? "reply " + i : NOTICE.text();
            methods.chatPostMessage(
                    r -> r.channel(GENERAL).threadTs(status.ts()).text(text));
        }
        sim.limits(SlackLimits.strict());

        assertThat(second.replyUnlessThreadHas(status, MARKER, NOTICE)).isFalse();
        assertThat(notices(status)).hasSize(1);
    }
}

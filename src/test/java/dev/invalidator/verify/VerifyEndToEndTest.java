package dev.invalidator.verify;

import static dev.invalidator.testing.BotFixture.OPS;
import static dev.invalidator.testing.BotFixture.WEB;
import static org.assertj.core.api.Assertions.assertThat;

import dev.invalidator.Bot;
import dev.invalidator.sandbox.SimulatedEdge;
import dev.invalidator.sandbox.SimulatedInvalidation;
import dev.invalidator.sandbox.SlackSimulator;
import dev.invalidator.sandbox.SlackSimulator.ApiCall;
import dev.invalidator.sandbox.SlackSimulator.ChannelMessage;
import dev.invalidator.testing.Await;
import dev.invalidator.testing.BotFixture;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The refresh check end to end: the real bot (Bolt over Socket Mode, the AWS SDK, the JDK's HTTP client) against the
 * Slack simulator and the CloudFront simulator with its edge. Each test deploys a new version of a file the edge has
 * cached for two hours, invalidates, completes, and reads what the thread and the status message say.
 */
class VerifyEndToEndTest {

    private static final String ALICE = SlackSimulator.ALICE;
    private static final Duration CACHED_LONG_AGO = Duration.ofHours(2);

    private BotFixture world;
    private SimulatedEdge edge;

    @BeforeEach
    void deploy() {
        world = new BotFixture();
        edge = world.cloudFront.simulator.edge();
        deployOverCachedCopy("/index.html");
    }

    @AfterEach
    void stop() {
        world.close();
    }

    /** The origin gets a new version of {@code path} while the edge still holds the old one, cached long ago. */
    private void deployOverCachedCopy(String path) {
        edge.publish(WEB, path, "old " + path);
        edge.cacheCopy(WEB, path, CACHED_LONG_AGO);
        edge.publish(WEB, path, "new " + path);
    }

    private static String config(URI baseUrl) {
        return """
                distributions:
                  web:
                    id: E1WEBEXAMPLE
                    channels: [C0OPS]
                    users: ["*"]
                    verify: {baseUrl: "%s"}
                polling:
                  initialInterval: 50ms
                  maxInterval: 200ms
                verify:
                  timeout: 10s  # generous: two cores are shared, and no test waits for it to run out
                """.formatted(baseUrl);
    }

    private Bot startBot() {
        return world.startBot(BotFixture.config(config(edge.baseUrl(WEB))));
    }

    /** Types the command, completes the invalidation it creates, and returns the status message once completed. */
    private ChannelMessage invalidateAndComplete(String text) {
        world.type(ALICE, OPS, text);
        SimulatedInvalidation invalidation = world.awaitInvalidation(WEB);
        world.awaitMessage(OPS, message -> message.text().contains("in progress"), "the status in progress");
        world.cloudFront.simulator.complete(invalidation.id());
        return world.awaitMessage(OPS, message -> message.text().contains("completed"), "the completed status");
    }

    private ChannelMessage awaitRefreshReply(ChannelMessage status) {
        return world.awaitReply(
                status,
                reply -> reply.text().contains("served") || reply.text().contains("check"),
                "the refresh check in the thread");
    }

    private ChannelMessage statusNow(ChannelMessage status) {
        return world.slack.messages(OPS).stream()
                .filter(message -> message.ts().equals(status.ts()))
                .findFirst()
                .orElseThrow();
    }

    private ChannelMessage awaitMark(ChannelMessage status, String mark) {
        return Await.until(
                "the status message marked " + mark,
                Await.DEFAULT_TIMEOUT,
                () -> statusNow(status),
                message -> message.blocksJson().contains(":mag: " + mark));
    }

    @Nested
    class AFreshRefresh {

        @Test
        void a_correct_invalidation_is_reported_all_fresh_and_marked_verified() {
            deployOverCachedCopy("/css/site.css");
            startBot();

            ChannelMessage status = invalidateAndComplete("web /index.html /css/site.css");

            ChannelMessage reply = awaitRefreshReply(status);
            assertThat(reply.text()).isEqualTo("✓ 2 of 2 URLs served fresh");
            awaitMark(status, "verified");
            assertThat(edge.requests())
                    .extracting(SimulatedEdge.Request::pathAndQuery)
                    .containsExactlyInAnyOrder("/index.html", "/css/site.css");
        }

        @Test
        void a_sample_under_a_wildcard_is_checked_but_never_invalidated() {
            deployOverCachedCopy("/img/logo.png");
            startBot();

            ChannelMessage status = invalidateAndComplete("web /img/* check:/img/logo.png");

            assertThat(world.cloudFront.simulator.invalidations(WEB).get(0).paths())
                    .containsExactly("/img/*");
            assertThat(awaitRefreshReply(status).text()).isEqualTo("✓ 1 of 1 URL served fresh");
        }

        @Test
        void a_wildcard_only_invalidation_says_nothing_was_checked_and_how_to_name_samples() {
            startBot();

            ChannelMessage status = invalidateAndComplete("web /img/*");

            ChannelMessage reply = awaitRefreshReply(status);
            assertThat(reply.text()).startsWith("Nothing was checked");
            assertThat(reply.blocksJson()).contains("/invalidate web /img/* check:/img/index.html");
            assertThat(edge.requests()).isEmpty();
        }
    }

    @Nested
    class AStaleRefresh {

        @Test
        void a_request_in_another_letter_case_is_stale_with_the_case_hint() {
            startBot();

            ChannelMessage status = invalidateAndComplete("web /Index.html");

            ChannelMessage reply = awaitRefreshReply(status);
            assertThat(reply.text()).isEqualTo("<@" + ALICE + "> 1 of 1 URL still served stale");
            assertThat(reply.blocksJson())
                    .containsPattern("/E1WEBEXAMPLE/Index.html` answered 404, and the edge serves `/index.html` from a"
                            + " copy cached (1h 59m|2h 0m) before this invalidation \\(Hit from cloudfront, Age 7\\d{3},"
                            + " ETag \\\\\"[0-9a-f]+-1\\\\\", Last-Modified ")
                    .contains("Likely cause: letter case: `/Index.html` in this request is not `/index.html`, and paths"
                            + " are case-sensitive. Invalidate `/index.html`.");
            awaitMark(status, "1 stale");
        }

        @Test
        void a_query_string_in_the_cache_key_gets_the_hint_to_invalidate_the_path_with_a_wildcard() {
            edge.publish(WEB, "/app.js", "old app");
            edge.keyOnQueryString(WEB, "/app.js");
            edge.cacheCopy(WEB, "/app.js?v=2", CACHED_LONG_AGO);
            edge.publish(WEB, "/app.js", "new app");
            startBot();

            ChannelMessage status = invalidateAndComplete("web /app.js check:/app.js?v=2");

            ChannelMessage reply = awaitRefreshReply(status);
            assertThat(reply.text()).isEqualTo("<@" + ALICE + "> 1 of 2 URLs still served stale");
            assertThat(reply.blocksJson())
                    .containsPattern(
                            "/E1WEBEXAMPLE/app.js\\?v=2` is served from a copy cached (1h 59m|2h 0m) before this"
                                    + " invalidation")
                    .contains("Likely cause: the query string is part of the cache key, and `/app.js` in this request"
                            + " is not `/app.js?v=2`. Invalidate `/app.js*` to cover the file with every query string.")
                    .contains("✓ 1 URL served fresh.");
        }
    }

    @Nested
    class WhatCannotBeChecked {

        @Test
        void an_unreachable_edge_is_could_not_check_never_a_false_alarm() throws IOException {
            int closedPort;
            try (ServerSocket socket = new ServerSocket(0)) {
                closedPort = socket.getLocalPort();
            }
            world.startBot(BotFixture.config(config(URI.create("http://127.0.0.1:" + closedPort))));

            ChannelMessage status = invalidateAndComplete("web /index.html");

            ChannelMessage reply = awaitRefreshReply(status);
            assertThat(reply.text()).isEqualTo("Could not check whether the edge serves fresh copies of 1 URL");
            assertThat(reply.blocksJson())
                    .contains("could not connect")
                    .doesNotContain("stale")
                    .doesNotContain(":warning:");
            assertThat(awaitMark(status, "not verified").blocksJson()).doesNotContain("stale");
        }
    }

    @Nested
    class Timing {

        @Test
        void the_check_starts_after_the_completion_edit_and_notice_and_never_delays_them() {
            edge.holdAnswers(true);
            startBot();

            ChannelMessage status = invalidateAndComplete("web /index.html");
            ChannelMessage notice =
                    world.awaitReply(status, reply -> reply.text().contains("done"), "the notice");
            Await.until("the check to reach the edge", () -> !edge.requests().isEmpty());

            assertThat(statusNow(status).text()).contains("completed");
            assertThat(world.slack.thread(OPS, status.ts()))
                    .contains(notice)
                    .extracting(ChannelMessage::text)
                    .noneMatch(text -> text.contains("served"));
            ApiCall noticePosted = world.slack.calls("chat.postMessage").stream()
                    .filter(call -> call.params().getOrDefault("thread_ts", "").equals(status.ts())
                            && call.params().getOrDefault("text", "").contains("done"))
                    .findFirst()
                    .orElseThrow();
            assertThat(noticePosted.at()).isBefore(edge.requests().get(0).at());

            edge.holdAnswers(false);
            assertThat(awaitRefreshReply(status).text()).isEqualTo("✓ 1 of 1 URL served fresh");
        }

        @Test
        void a_restarted_bot_keeps_the_mark_and_checks_nothing_twice() {
            Bot first = startBot();
            ChannelMessage status = invalidateAndComplete("web /index.html");
            awaitRefreshReply(status);
            int edits = awaitMark(status, "verified").previousTexts().size();
            world.stop(first);

            startBot();

            ChannelMessage reEdited = Await.until(
                    "the restarted bot's edit of the status message",
                    Await.DEFAULT_TIMEOUT,
                    () -> statusNow(status),
                    message -> message.previousTexts().size() > edits);
            assertThat(reEdited.blocksJson()).contains(":mag: verified");
            assertThat(world.slack.thread(OPS, status.ts()))
                    .extracting(ChannelMessage::text)
                    .filteredOn(text -> text.contains("served"))
                    .hasSize(1);
            assertThat(edge.requests()).hasSize(1);
        }
    }

    @Nested
    class InAGroup {

        private static final String DOCS = "E4DOCSEXAMPLE";

        @Test
        void each_member_is_checked_and_its_result_in_the_groups_thread_names_it() {
            world.cloudFront.simulator.addDistribution(DOCS, "d444444abcdef8.cloudfront.net", "docs.example.com");
            edge.publish(DOCS, "/index.html", "old docs");
            edge.cacheCopy(DOCS, "/index.html", CACHED_LONG_AGO);
            edge.publish(DOCS, "/index.html", "new docs");
            world.startBot(BotFixture.config(
                    config(edge.baseUrl(WEB)).replace("polling:", """
                              docs:
                                id: E4DOCSEXAMPLE
                                channels: [C0OPS]
                                users: ["*"]
                                verify: {baseUrl: "%s"}
                            distributionGroups:
                              sites: [web, docs]
                            polling:""".formatted(edge.baseUrl(DOCS)))));

            world.type(ALICE, OPS, "sites /index.html");
            SimulatedInvalidation web = world.awaitInvalidation(WEB);
            SimulatedInvalidation docs = world.awaitInvalidation(DOCS);
            ChannelMessage group = world.awaitMessage(
                    OPS, message -> message.text().contains("on the group sites"), "the group's message");
            world.cloudFront.simulator.complete(web.id());
            world.cloudFront.simulator.complete(docs.id());

            for (String alias : new String[] {"web", "docs"}) {
                ChannelMessage check = world.awaitReply(
                        group,
                        reply -> reply.text().startsWith(alias + ": ")
                                && reply.text().contains("served fresh"),
                        "the refresh check of " + alias + " in the group's thread");
                assertThat(check.text()).isEqualTo(alias + ": ✓ 1 of 1 URL served fresh");
            }
        }
    }
}

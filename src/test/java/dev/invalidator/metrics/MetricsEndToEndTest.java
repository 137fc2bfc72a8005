package dev.invalidator.metrics;

import static dev.invalidator.testing.BotFixture.OPS;
import static dev.invalidator.testing.BotFixture.WEB;
import static org.assertj.core.api.Assertions.assertThat;

import dev.invalidator.Bot;
import dev.invalidator.health.HealthServer;
import dev.invalidator.sandbox.CallHold;
import dev.invalidator.sandbox.CloudFrontSimulator.Fault;
import dev.invalidator.sandbox.CloudFrontSimulator.Operation;
import dev.invalidator.sandbox.SimulatedEdge;
import dev.invalidator.sandbox.SimulatedInvalidation;
import dev.invalidator.sandbox.SlackSimulator;
import dev.invalidator.sandbox.SlackSimulator.ChannelMessage;
import dev.invalidator.testing.Await;
import dev.invalidator.testing.BotFixture;
import dev.invalidator.testing.HealthProbe;
import dev.invalidator.testing.MetricNames;
import dev.invalidator.testing.MetricSamples;
import dev.invalidator.testing.Promtool;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /metrics} of the real bot after real flows: Bolt over Socket Mode and the AWS SDK against the Slack and
 * CloudFront simulators, the scrape read over HTTP as Prometheus reads it.
 */
class MetricsEndToEndTest {

    private static final String ALICE = SlackSimulator.ALICE;
    private static final String BOB = SlackSimulator.BOB;

    private final BotFixture world = new BotFixture();
    private final SimulatedEdge edge = world.cloudFront.simulator.edge();
    private HealthServer server;
    private HealthProbe probe;
    private Bot bot;

    @BeforeEach
    void start() {
        edge.publish(WEB, "/index.html", "old");
        edge.cacheCopy(WEB, "/index.html", Duration.ofHours(2));
        edge.publish(WEB, "/index.html", "new");
        // Made in the console this month, before the bot started: counted towards the free tier all the same.
        world.cloudFront.simulator.seedInvalidation(
                BotFixture.IMAGES, List.of("/a.png", "/b.png", "/c.png"), Instant.now(), true, null);
        server = HealthServer.listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        probe = new HealthProbe(server.port());
        bot = world.startBot(BotFixture.config("""
                distributions:
                  web:
                    id: E1WEBEXAMPLE
                    channels: [C0OPS]
                    users: ["*"]
                    verify: {baseUrl: "%s"}
                  images:
                    id: E2IMAGESEXAMPLE
                    channels: [C0OPS]
                    users: [U0ALICE]
                polling:
                  initialInterval: 50ms
                  maxInterval: 200ms
                verify:
                  timeout: 10s
                """.formatted(edge.baseUrl(WEB))));
        server.report(bot::liveness, bot::readiness);
        server.reportMetrics(bot.metrics()::scrape);
    }

    @AfterEach
    void stop() {
        server.close();
        world.close();
    }

    private MetricSamples scrape() {
        HealthProbe.Answer answer = probe.get(HealthServer.METRICS);
        assertThat(answer.status()).isEqualTo(200);
        return MetricSamples.parse(answer.body());
    }

    private MetricSamples awaitScrape(String what, Predicate<MetricSamples> condition) {
        // A scrape reads the JVM and pings Slack: ten a second is plenty.
        return Await.until(what, Await.DEFAULT_TIMEOUT, Duration.ofMillis(100), this::scrape, condition);
    }

    /** Types the command, completes its invalidation, and waits for the refresh check's reply in the thread. */
    private void invalidateAndVerify(String text) {
        world.type(ALICE, OPS, text);
        SimulatedInvalidation invalidation = world.awaitInvalidation(WEB);
        world.awaitMessage(OPS, message -> message.text().contains("in progress"), "the status in progress");
        world.cloudFront.simulator.complete(invalidation.id());
        ChannelMessage status =
                world.awaitMessage(OPS, message -> message.text().contains("completed"), "the completed status");
        world.awaitReply(status, reply -> reply.text().contains("served"), "the refresh check in the thread");
    }

    @Nested
    class TheQueue {

        @Test
        void counts_the_requests_waiting_and_times_their_wait() {
            world.type(
                    ALICE,
                    OPS,
                    "web "
                            + IntStream.range(0, 15)
                                    .mapToObj(i -> "/s-" + i + "/*")
                                    .collect(Collectors.joining(" ")));
            SimulatedInvalidation first = world.awaitInvalidation(WEB);
            world.type(ALICE, OPS, "web /late/*");

            awaitScrape("one request queued", now -> now.sum("invalidator_queued_requests") == 1);
            world.cloudFront.simulator.complete(first.id());

            MetricSamples samples =
                    awaitScrape("its wait timed", now -> now.sum("invalidator_queue_wait_seconds_count") == 1);
            assertThat(samples.sum("invalidator_queued_requests")).isZero();
            assertThat(samples.sum("invalidator_requests_total", "decision", "queued"))
                    .isEqualTo(1);
        }
    }

    @Nested
    class Requests {

        @Test
        void are_counted_by_the_decision_the_audit_log_records() {
            world.type(ALICE, OPS, "web /index.html");
            world.awaitInvalidation(WEB);
            world.type(BOB, OPS, "images /logo.png");
            world.awaitEphemeral(BOB, "the denial");

            MetricSamples samples = awaitScrape(
                    "a created and a denied request",
                    now -> now.sum("invalidator_requests_total", "decision", "denied") == 1);
            assertThat(samples.sum("invalidator_requests_total", "decision", "created"))
                    .isEqualTo(1);
            assertThat(samples.find("invalidator_requests_total"))
                    .as("every decision has a series from the start")
                    .extracting(sample -> sample.labels().get("decision"))
                    .containsExactlyInAnyOrder(
                            "created",
                            "failed",
                            "denied",
                            "invalid",
                            "rate_limited",
                            "confirmed",
                            "cancelled",
                            "awaiting_approval",
                            "queued",
                            "queue_full",
                            "approved",
                            "rejected",
                            "expired");
        }
    }

    @Nested
    class CloudFrontCalls {

        @Test
        void are_timed_by_operation_and_outcome() {
            world.type(ALICE, OPS, "web /index.html");
            world.awaitInvalidation(WEB);

            MetricSamples samples = awaitScrape(
                    "the create counted",
                    now -> now.sum(
                                    "invalidator_cloudfront_calls_seconds_count",
                                    "operation",
                                    "CreateInvalidation",
                                    "outcome",
                                    "ok")
                            == 1);
            assertThat(samples.find(
                            "invalidator_cloudfront_calls_seconds_bucket",
                            "operation",
                            "CreateInvalidation",
                            "le",
                            "+Inf"))
                    .singleElement()
                    .extracting(MetricSamples.Sample::value)
                    .isEqualTo(1.0);
            assertThat(samples.sum("invalidator_cloudfront_calls_seconds_count", "operation", "ListInvalidations"))
                    .as("the start-up reads and the tracker's polls")
                    .isPositive();
        }

        @Test
        void throttled_through_the_sdks_retries_are_counted_as_throttled() {
            world.cloudFront.simulator.injectFault(Operation.CREATE_INVALIDATION, Fault.THROTTLING, 4);

            world.type(ALICE, OPS, "web /index.html");
            // The bot's pace sends the request again in a slower turn once the SDK's retries are spent: it goes
            // through.
            world.awaitMessage(OPS, message -> message.text().contains("in progress"), "the status in progress");

            awaitScrape(
                    "the throttled create counted",
                    now -> now.sum(
                                    "invalidator_cloudfront_calls_seconds_count",
                                    "operation",
                                    "CreateInvalidation",
                                    "outcome",
                                    "throttled")
                            == 1);
        }
    }

    @Nested
    class Invalidations {

        @Test
        void in_flight_are_shown_by_distribution_until_they_complete() {
            world.type(ALICE, OPS, "web /index.html");
            world.awaitInvalidation(WEB);

            MetricSamples following = awaitScrape(
                    "one in flight on web",
                    now -> now.sum("invalidator_invalidations_in_flight", "distribution", "web") == 1);
            assertThat(following.sum("invalidator_invalidations_in_flight", "distribution", "images"))
                    .isZero();
            assertThat(following.find("invalidator_invalidations_in_flight_oldest_age_seconds", "distribution", "web"))
                    .singleElement()
                    .extracting(MetricSamples.Sample::value)
                    .satisfies(age -> assertThat(age).isGreaterThanOrEqualTo(0));

            world.cloudFront.simulator.complete(world.awaitInvalidation(WEB).id());

            awaitScrape(
                    "none in flight once completed",
                    now -> now.sum("invalidator_invalidations_in_flight", "distribution", "web") == 0);
        }

        @Test
        void their_time_to_complete_and_to_the_status_edit_are_histograms() {
            invalidateAndVerify("web /index.html");

            MetricSamples samples = awaitScrape(
                    "the completion timed",
                    now -> now.sum("invalidator_completion_shown_delay_seconds_count", "distribution", "web") == 1);
            assertThat(samples.sum("invalidator_invalidation_time_to_complete_seconds_count", "distribution", "web"))
                    .isEqualTo(1);
            assertThat(samples.find("invalidator_invalidation_time_to_complete_seconds_bucket", "distribution", "web"))
                    .extracting(sample -> sample.labels().get("le"))
                    .contains("60.0", "600.0", "+Inf");
            assertThat(samples.find("invalidator_completion_shown_delay_seconds_bucket", "distribution", "web"))
                    .extracting(sample -> sample.labels().get("le"))
                    .contains("1.0", "+Inf");
        }
    }

    @Nested
    class RefreshChecks {

        @Test
        void are_counted_by_what_the_edge_served() {
            edge.publish(WEB, "/app.js", "old");
            edge.cacheCopy(WEB, "/app.js", Duration.ofHours(2));
            edge.publish(WEB, "/app.js", "new");

            invalidateAndVerify("web /index.html /App.js");

            MetricSamples samples = awaitScrape(
                    "the check counted",
                    now -> now.sum("invalidator_refresh_checks_total", "distribution", "web") == 2);
            assertThat(samples.sum("invalidator_refresh_checks_total", "result", "fresh"))
                    .isEqualTo(1);
            assertThat(samples.sum("invalidator_refresh_checks_total", "result", "stale"))
                    .isEqualTo(1);
            assertThat(samples.sum("invalidator_refresh_checks_total", "result", "could_not_check"))
                    .isZero();
        }
    }

    @Nested
    class Slack {

        @Test
        void web_api_calls_are_counted_by_method_and_outcome_a_429_as_ratelimited() {
            world.slack.rateLimit("chat.postMessage", 1, 1);

            world.type(ALICE, OPS, "web /index.html");
            world.awaitMessage(OPS, message -> message.text().contains("in progress"), "the status in progress");

            MetricSamples samples = awaitScrape(
                    "the 429 counted",
                    now -> now.sum(
                                    "invalidator_slack_api_calls_total",
                                    "method",
                                    "chat.postMessage",
                                    "outcome",
                                    "ratelimited")
                            == 1);
            assertThat(samples.sum("invalidator_slack_api_calls_total", "method", "chat.postMessage", "outcome", "ok"))
                    .as("the retry after the 429")
                    .isPositive();
            assertThat(samples.sum(
                            "invalidator_slack_api_calls_total", "method", "apps.connections.open", "outcome", "ok"))
                    .as("Bolt's own call, to open the Socket Mode connection")
                    .isEqualTo(1);
        }

        @Test
        void a_web_api_call_waiting_for_its_turn_after_a_429_is_shown_as_waiting() {
            world.slack.rateLimit("chat.update", 1, 5);

            world.type(ALICE, OPS, "web /index.html");

            awaitScrape("the edit waiting for its turn", now -> now.sum("invalidator_slack_api_waiting_calls") == 1);
            world.awaitMessage(OPS, message -> message.text().contains("in progress"), "the status in progress");
            awaitScrape("no call waiting any more", now -> now.sum("invalidator_slack_api_waiting_calls") == 0);
        }

        @Test
        void a_web_api_call_slack_never_answered_is_counted_as_a_network_error() {
            CallHold posted = world.slack.holdNext("chat.postMessage", CallHold.Point.AFTER_COMMIT);
            world.type(ALICE, OPS, "web /index.html");
            posted.awaitReached(Duration.ofSeconds(20));
            posted.abandon();

            awaitScrape(
                    "the unanswered post counted",
                    now -> now.sum(
                                    "invalidator_slack_api_calls_total",
                                    "method",
                                    "chat.postMessage",
                                    "outcome",
                                    "network_error")
                            == 1);
        }

        @Test
        void acks_are_counted_and_timed_by_envelope_type() {
            world.type(ALICE, OPS, "web /index.html");
            world.type(ALICE, OPS, "help");

            MetricSamples samples = awaitScrape(
                    "the acks timed",
                    now -> now.sum("invalidator_slack_ack_latency_seconds_count", "type", "slash_commands") == 2);
            assertThat(samples.find(
                            "invalidator_slack_ack_latency_seconds_bucket", "type", "slash_commands", "le", "3.0"))
                    .as("Slack's three seconds are a bucket's bound")
                    .singleElement()
                    .extracting(MetricSamples.Sample::value)
                    .isEqualTo(2.0);
        }

        @Test
        void the_connection_is_shown_and_each_reconnect_counted() {
            MetricSamples connected = awaitScrape("connected", now -> now.sum("invalidator_slack_connected") == 1);
            assertThat(connected.sum("invalidator_slack_reconnects_total")).isZero();

            world.slack.disconnectAll("refresh_requested");

            awaitScrape(
                    "the reconnect counted",
                    now -> now.sum("invalidator_slack_reconnects_total") == 1
                            && now.sum("invalidator_slack_connected") == 1);
            // The bot sees its new connection open a moment before Slack's side has registered it.
            world.slack.awaitConnections(1, Duration.ofSeconds(20));
        }
    }

    @Nested
    class PathsThisMonth {

        @Test
        void are_shown_per_aws_account_next_to_the_free_thousand_those_made_elsewhere_included() {
            world.type(ALICE, OPS, "web /index.html /app.js");
            world.awaitInvalidation(WEB);

            MetricSamples samples = awaitScrape(
                    "the console's three paths and the bot's two",
                    now -> now.sum("invalidator_paths_this_month", "account", "default") == 5);
            assertThat(samples.find("invalidator_free_paths_per_month", "account", "default"))
                    .singleElement()
                    .extracting(MetricSamples.Sample::value)
                    .isEqualTo(1_000.0);
        }
    }

    @Nested
    class TheProcess {

        @Test
        void shows_the_worker_queue_and_the_jvm() {
            MetricSamples samples = scrape();

            assertThat(samples.find("invalidator_worker_queue_tasks"))
                    .singleElement()
                    .extracting(MetricSamples.Sample::value)
                    .isEqualTo(0.0);
            assertThat(samples.names())
                    .contains(
                            "jvm_memory_used_bytes",
                            "jvm_gc_memory_allocated_bytes_total",
                            "jvm_threads_live_threads",
                            "jvm_classes_loaded_classes",
                            "process_cpu_usage",
                            "process_uptime_seconds",
                            "process_files_open_files");
        }

        @Test
        void labels_no_user_channel_path_or_invalidation() {
            invalidateAndVerify("web /index.html");
            String invalidationId = world.awaitInvalidation(WEB).id();

            String body = probe.get(HealthServer.METRICS).body();

            assertThat(body).doesNotContain(ALICE, OPS, "/index.html", invalidationId, "E1WEBEXAMPLE");
        }
    }

    @Nested
    class ThePrometheusTools {

        /** A scrape after a request that was created, completed and checked at the edge, and one that was denied. */
        private String scrapeAfterAFlow() {
            invalidateAndVerify("web /index.html");
            world.type(BOB, OPS, "images /logo.png");
            awaitScrape(
                    "the check counted",
                    now -> now.sum("invalidator_refresh_checks_total") == 1
                            && now.sum("invalidator_completion_shown_delay_seconds_count") == 1);
            return probe.get(HealthServer.METRICS).body();
        }

        @Test
        void promtool_finds_the_scrape_well_formed() {
            String scrape = scrapeAfterAFlow();

            Promtool.Result result = Promtool.run(Path.of("."), scrape, "check", "metrics");

            assertThat(result.exitCode()).as(result.output()).isZero();
            assertThat(result.output()).as("promtool's lint").isEmpty();
        }

        @Test
        void every_metric_the_dashboard_and_the_alerts_use_is_in_the_scrape() {
            Set<String> scraped = MetricSamples.parse(scrapeAfterAFlow()).names();

            assertThat(scraped)
                    .as("the dashboard's metrics")
                    .containsAll(MetricNames.in(Path.of("deploy/grafana-dashboard.json")));
            assertThat(scraped)
                    .as("the alert rules' metrics")
                    .containsAll(MetricNames.in(Path.of("deploy/prometheus-rules.yml")));
        }
    }
}

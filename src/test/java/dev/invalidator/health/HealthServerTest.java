package dev.invalidator.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.invalidator.metrics.BotMetrics;
import dev.invalidator.testing.HealthProbe;
import dev.invalidator.testing.HealthProbe.Answer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The HTTP side of the health endpoint, with the health given. */
class HealthServerTest {

    private final HealthServer server = HealthServer.listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    private final HealthProbe probe = new HealthProbe(server.port());

    @AfterEach
    void close() {
        server.close();
    }

    private static final List<DistributionHealth> ALL_OK = List.of(
            new DistributionHealth("web", "E1WEBEXAMPLE", CloudFrontStatus.OK),
            new DistributionHealth("images", "E2IMAGESEXAMPLE", CloudFrontStatus.OK));

    private static final String READY_BODY = "{\"status\":\"ok\",\"slack\":\"connected\",\"distributions\":{"
            + "\"web\":{\"id\":\"E1WEBEXAMPLE\",\"cloudfront\":\"ok\"},"
            + "\"images\":{\"id\":\"E2IMAGESEXAMPLE\",\"cloudfront\":\"ok\"}}}";

    private void reportHealthy() {
        server.report(() -> Liveness.OK, () -> new Readiness(true, ALL_OK));
    }

    @Nested
    class WhileTheBotStarts {

        @Test
        void live_answers_200_starting() {
            assertThat(probe.get("/health/live")).isEqualTo(new Answer(200, "{\"status\":\"starting\"}"));
        }

        @Test
        void ready_and_health_answer_503_starting() {
            assertThat(probe.get("/health/ready")).isEqualTo(new Answer(503, "{\"status\":\"starting\"}"));
            assertThat(probe.get("/health")).isEqualTo(new Answer(503, "{\"status\":\"starting\"}"));
        }

        @Test
        void and_again_while_the_next_bot_starts() {
            reportHealthy();

            server.starting();

            assertThat(probe.get("/health/ready").status()).isEqualTo(503);
            assertThat(probe.get("/health/live").status()).isEqualTo(200);
        }
    }

    @Nested
    class Live {

        @Test
        void answers_200_while_the_socket_mode_loop_responds() {
            reportHealthy();

            assertThat(probe.get("/health/live")).isEqualTo(new Answer(200, "{\"status\":\"ok\"}"));
        }

        @Test
        void answers_503_saying_what_is_stuck() {
            server.report(
                    () -> Liveness.stuck("the Socket Mode dispatch threads ran no task within 2 s"),
                    () -> new Readiness(true, ALL_OK));

            assertThat(probe.get("/health/live"))
                    .isEqualTo(
                            new Answer(
                                    503,
                                    "{\"status\":\"stuck\",\"error\":\"the Socket Mode dispatch threads ran no task within 2 s\"}"));
        }

        @Test
        void asks_nothing_of_slack_or_cloudfront() {
            server.report(() -> Liveness.OK, () -> {
                throw new AssertionError("liveness must not wait for Slack's pong");
            });

            assertThat(probe.get("/health/live").status()).isEqualTo(200);
        }
    }

    @Nested
    class Ready {

        @Test
        void answers_200_while_connected_with_each_distribution() {
            reportHealthy();

            assertThat(probe.get("/health/ready")).isEqualTo(new Answer(200, READY_BODY));
        }

        @Test
        void answers_503_while_disconnected() {
            server.report(() -> Liveness.OK, () -> new Readiness(false, ALL_OK));

            assertThat(probe.get("/health/ready").status()).isEqualTo(503);
            assertThat(probe.get("/health/ready").body())
                    .startsWith("{\"status\":\"not_ready\",\"slack\":\"disconnected\",");
        }

        @Test
        void answers_200_with_a_failing_distribution_named_in_the_body() {
            server.report(
                    () -> Liveness.OK,
                    () -> new Readiness(
                            true,
                            List.of(
                                    new DistributionHealth("web", "E1WEBEXAMPLE", CloudFrontStatus.OK),
                                    new DistributionHealth(
                                            "images",
                                            "E2IMAGESEXAMPLE",
                                            CloudFrontStatus.failing("GetDistribution", "access_denied")))));

            assertThat(probe.get("/health/ready"))
                    .isEqualTo(new Answer(
                            200,
                            "{\"status\":\"ok\",\"slack\":\"connected\",\"distributions\":{"
                                    + "\"web\":{\"id\":\"E1WEBEXAMPLE\",\"cloudfront\":\"ok\"},"
                                    + "\"images\":{\"id\":\"E2IMAGESEXAMPLE\",\"cloudfront\":\"failing\","
                                    + "\"operation\":\"GetDistribution\",\"error\":\"access_denied\"}}}"));
        }

        @Test
        void names_a_throttled_distribution_and_stays_200() {
            server.report(
                    () -> Liveness.OK,
                    () -> new Readiness(
                            true,
                            List.of(new DistributionHealth(
                                    "web", "E1WEBEXAMPLE", CloudFrontStatus.throttled("ListInvalidations")))));

            assertThat(probe.get("/health/ready"))
                    .isEqualTo(new Answer(
                            200,
                            "{\"status\":\"ok\",\"slack\":\"connected\",\"distributions\":{"
                                    + "\"web\":{\"id\":\"E1WEBEXAMPLE\",\"cloudfront\":\"throttled\","
                                    + "\"operation\":\"ListInvalidations\"}}}"));
        }

        @Test
        void is_what_health_answers_too() {
            reportHealthy();

            assertThat(probe.get("/health")).isEqualTo(new Answer(200, READY_BODY));
        }
    }

    @Nested
    class Answers {

        @Test
        void a_health_check_that_throws_with_503() {
            server.report(
                    () -> {
                        throw new IllegalStateException("boom");
                    },
                    () -> {
                        throw new IllegalStateException("boom");
                    });

            assertThat(probe.get("/health/live").status()).isEqualTo(503);
            assertThat(probe.get("/health/ready").status()).isEqualTo(503);
        }

        @Test
        void head_with_the_status_alone() {
            server.report(() -> Liveness.OK, () -> new Readiness(false, ALL_OK));

            assertThat(probe.send(HttpRequest.newBuilder(probe.uri("/health/ready"))
                            .method("HEAD", HttpRequest.BodyPublishers.noBody())))
                    .isEqualTo(new Answer(503, ""));
        }

        @Test
        void a_query_string_to_the_same_path() {
            reportHealthy();

            assertThat(probe.get("/health/live?verbose=1").status()).isEqualTo(200);
        }

        @Test
        void other_paths_with_404_and_other_methods_with_405() {
            reportHealthy();

            assertThat(probe.get("/healthz"))
                    .isEqualTo(new Answer(
                            404, "{\"error\":\"not found; the health endpoints are /health/live and /health/ready\"}"));
            assertThat(probe.send(HttpRequest.newBuilder(probe.uri("/health/live"))
                                    .POST(HttpRequest.BodyPublishers.ofString("{}")))
                            .status())
                    .isEqualTo(405);
        }

        @Test
        void a_request_head_longer_than_8_kib_with_431() {
            assertThat(probe.send(HttpRequest.newBuilder(probe.uri("/health/live"))
                                    .header("X-Padding", "x".repeat(9_000)))
                            .status())
                    .isEqualTo(431);
        }
    }

    @Nested
    class WithAHalfOpenConnection {

        private final Socket halfOpen = new Socket();

        @BeforeEach
        void send_incomplete_headers() throws IOException {
            halfOpen.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port()));
            // A request line and one header, but never the empty line that ends the headers.
            halfOpen.getOutputStream()
                    .write("GET /health/live HTTP/1.1\r\nHost: 127.0.0.1\r\n".getBytes(StandardCharsets.US_ASCII));
            halfOpen.getOutputStream().flush();
        }

        @AfterEach
        void close() throws IOException {
            halfOpen.close();
        }

        @Test
        void still_answers_other_probes() {
            reportHealthy();

            assertThat(probe.get("/health/live").status()).isEqualTo(200);
            assertThat(probe.get("/health/ready").status()).isEqualTo(200);
        }

        @Test
        void answers_it_408_and_closes_it_once_its_time_is_up() throws IOException {
            // Far longer than the server's limit: this bounds the test, not the server.
            halfOpen.setSoTimeout(30_000);

            String answer = new String(halfOpen.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);

            assertThat(answer).startsWith("HTTP/1.1 408 ");
        }
    }

    @Nested
    class Metrics {

        private final BotMetrics metrics = new BotMetrics(Map.of("E1WEBEXAMPLE", "web"));

        @AfterEach
        void close() {
            metrics.close();
        }

        @Test
        void answer_503_until_it_has_the_bots_metrics_and_again_while_the_next_bot_starts() {
            assertThat(probe.get("/metrics"))
                    .isEqualTo(new Answer(503, "{\"error\":\"the bot is starting; its metrics follow once it runs\"}"));

            server.reportMetrics(metrics::scrape);
            assertThat(probe.get("/metrics").status()).isEqualTo(200);

            server.starting();
            assertThat(probe.get("/metrics").status()).isEqualTo(503);
        }

        @Test
        void are_served_in_the_prometheus_text_format() {
            metrics.requests().decided("created");
            server.reportMetrics(metrics::scrape);

            HttpResponse<String> scrape = probe.exchange(HttpRequest.newBuilder(probe.uri("/metrics")));

            assertThat(scrape.statusCode()).isEqualTo(200);
            assertThat(scrape.headers().firstValue("Content-Type"))
                    .contains("text/plain; version=0.0.4; charset=utf-8");
            assertThat(scrape.body()).contains("invalidator_requests_total{decision=\"created\"} 1.0\n");
        }

        @Test
        void are_served_in_openmetrics_when_the_scraper_asks_for_it_as_prometheus_does() {
            server.reportMetrics(metrics::scrape);

            HttpResponse<String> scrape = probe.exchange(HttpRequest.newBuilder(probe.uri("/metrics"))
                    .header(
                            "Accept",
                            "application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;"
                                    + "q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1"));

            assertThat(scrape.statusCode()).isEqualTo(200);
            assertThat(scrape.headers().firstValue("Content-Type"))
                    .contains("application/openmetrics-text; version=1.0.0; charset=utf-8");
            assertThat(scrape.body()).endsWith("# EOF\n");
        }

        @Test
        void refuse_other_paths_under_it_with_404_and_other_methods_with_405() {
            server.reportMetrics(metrics::scrape);

            assertThat(probe.get("/metrics/jvm").status()).isEqualTo(404);
            assertThat(probe.send(HttpRequest.newBuilder(probe.uri("/metrics"))
                            .POST(HttpRequest.BodyPublishers.ofString("{}"))))
                    .isEqualTo(new Answer(405, "{\"error\":\"use GET\"}"));
        }
    }

    @Nested
    class FromTheEnvironment {

        @Test
        void is_off_when_HEALTH_PORT_is_unset_or_empty() {
            assertThat(HealthServer.fromEnvironment(Map.of())).isEmpty();
            assertThat(HealthServer.fromEnvironment(Map.of("HEALTH_PORT", " "))).isEmpty();
        }

        @Test
        void refuses_a_value_that_is_not_a_port_in_one_line() {
            assertThatThrownBy(() -> HealthServer.fromEnvironment(Map.of("HEALTH_PORT", "http")))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("HEALTH_PORT must be a port number from 1 to 65535, or empty for no health endpoint"
                            + " (it is \"http\")");
            assertThatThrownBy(() -> HealthServer.fromEnvironment(Map.of("HEALTH_PORT", "65536")))
                    .isInstanceOf(IllegalStateException.class);
        }

        @Test
        void says_so_when_the_port_is_taken() throws IOException {
            try (ServerSocket taken = new ServerSocket(0)) {
                String port = String.valueOf(taken.getLocalPort());

                assertThatThrownBy(() -> HealthServer.fromEnvironment(Map.of("HEALTH_PORT", port)))
                        .isInstanceOf(IllegalStateException.class)
                        .hasMessageStartingWith("the health endpoint could not listen on port " + port)
                        .hasMessageEndingWith("choose another HEALTH_PORT");
            }
        }
    }
}

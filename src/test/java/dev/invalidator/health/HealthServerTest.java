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
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
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

    @Nested
    class Answers {

        @Test
        void starting_with_503_until_it_has_the_bots_health() {
            assertThat(probe.get("/health")).isEqualTo(new Answer(503, "{\"status\":\"starting\"}"));
        }

        @Test
        void ok_with_200() {
            server.report(() -> new Health(true, CloudFrontStatus.OK));

            assertThat(probe.get("/health"))
                    .isEqualTo(new Answer(200, "{\"status\":\"ok\",\"slack\":\"connected\",\"cloudfront\":\"ok\"}"));
        }

        @Test
        void throttled_with_200_naming_the_operation() {
            server.report(() -> new Health(true, CloudFrontStatus.throttled("ListInvalidations")));

            assertThat(probe.get("/health"))
                    .isEqualTo(new Answer(
                            200,
                            "{\"status\":\"ok\",\"slack\":\"connected\","
                                    + "\"cloudfront\":\"throttled\",\"operation\":\"ListInvalidations\"}"));
        }

        @Test
        void a_failing_cloudfront_with_503_and_the_kind_of_error() {
            server.report(() -> new Health(true, CloudFrontStatus.failing("CreateInvalidation", "access_denied")));

            assertThat(probe.get("/health"))
                    .isEqualTo(
                            new Answer(
                                    503,
                                    "{\"status\":\"unhealthy\",\"slack\":\"connected\","
                                            + "\"cloudfront\":\"failing\",\"operation\":\"CreateInvalidation\",\"error\":\"access_denied\"}"));
        }

        @Test
        void a_health_check_that_throws_with_503() {
            server.report(() -> {
                throw new IllegalStateException("boom");
            });

            assertThat(probe.get("/health").status()).isEqualTo(503);
        }

        @Test
        void head_with_the_status_alone() {
            server.report(() -> new Health(false, CloudFrontStatus.OK));

            assertThat(probe.send(HttpRequest.newBuilder(probe.uri("/health"))
                            .method("HEAD", HttpRequest.BodyPublishers.noBody())))
                    .isEqualTo(new Answer(503, ""));
        }

        @Test
        void other_paths_with_404_and_other_methods_with_405() {
            server.report(() -> new Health(true, CloudFrontStatus.OK));

            assertThat(probe.get("/healthz").status()).isEqualTo(404);
            assertThat(probe.send(HttpRequest.newBuilder(probe.uri("/health"))
                                    .POST(HttpRequest.BodyPublishers.ofString("{}")))
                            .status())
                    .isEqualTo(405);
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
        void answers_503_until_it_has_the_bots_metrics() {
            assertThat(probe.get("/metrics"))
                    .isEqualTo(new Answer(503, "The bot is starting; its metrics follow once it has connected.\n"));
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
        void other_paths_under_it_with_404_and_other_methods_with_405() {
            server.reportMetrics(metrics::scrape);

            assertThat(probe.get("/metrics/jvm").status()).isEqualTo(404);
            assertThat(probe.send(HttpRequest.newBuilder(probe.uri("/metrics"))
                            .POST(HttpRequest.BodyPublishers.ofString("{}"))))
                    .isEqualTo(new Answer(405, "Use GET: /metrics is read-only.\n"));
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

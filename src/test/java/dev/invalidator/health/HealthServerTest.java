package dev.invalidator.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.invalidator.testing.HealthProbe;
import dev.invalidator.testing.HealthProbe.Answer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
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

        @Test
        void a_request_head_longer_than_8_kib_with_431() {
            assertThat(probe.send(HttpRequest.newBuilder(probe.uri("/health")).header("X-Padding", "x".repeat(9_000)))
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
                    .write("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n".getBytes(StandardCharsets.US_ASCII));
            halfOpen.getOutputStream().flush();
        }

        @AfterEach
        void close() throws IOException {
            halfOpen.close();
        }

        @Test
        void still_answers_other_probes() {
            server.report(() -> new Health(true, CloudFrontStatus.OK));

            assertThat(probe.get("/health").status()).isEqualTo(200);
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

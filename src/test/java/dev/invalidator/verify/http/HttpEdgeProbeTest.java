package dev.invalidator.verify.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.invalidator.sandbox.CloudFrontSimulator;
import dev.invalidator.sandbox.SimulatedEdge;
import dev.invalidator.verify.EdgeAnswer;
import dev.invalidator.verify.EdgeUnreachable;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The HTTP probe against the simulator's edge, over a real socket. */
class HttpEdgeProbeTest {

    private static final String WEB = "E1WEBEXAMPLE";

    private final CloudFrontSimulator simulator = CloudFrontSimulator.start();
    private final HttpEdgeProbe probe = new HttpEdgeProbe(Duration.ofSeconds(10));
    private SimulatedEdge edge;

    @BeforeEach
    void publish() {
        simulator.addDistribution(WEB, "d111111abcdef8.cloudfront.net", "www.example.com");
        edge = simulator.edge();
        edge.publish(WEB, "/index.html", "hello");
        edge.cacheCopy(WEB, "/index.html", Duration.ofHours(1));
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    private URI url(String path) {
        return URI.create(edge.baseUrl(WEB) + path);
    }

    @Test
    void reads_what_cloudfront_says_about_the_copy_with_a_head_request() {
        EdgeAnswer answer = probe.ask(url("/index.html"));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.xCache()).contains("Hit from cloudfront");
        assertThat(answer.ageSeconds())
                .hasValueSatisfying(age -> assertThat(age).isGreaterThanOrEqualTo(3600));
        assertThat(answer.etag()).isPresent();
        assertThat(answer.lastModified()).isPresent();
        assertThat(edge.requests()).extracting(SimulatedEdge.Request::method).containsExactly("HEAD");
    }

    @Test
    void asks_for_one_byte_where_head_is_refused() {
        edge.refuseHead(WEB, true);

        EdgeAnswer answer = probe.ask(url("/index.html"));

        assertThat(answer.status()).isEqualTo(206);
        assertThat(answer.xCache()).contains("Hit from cloudfront");
        assertThat(edge.requests()).extracting(SimulatedEdge.Request::method).containsExactly("HEAD", "GET");
    }

    @Test
    void reports_an_error_status_as_an_answer() {
        EdgeAnswer answer = probe.ask(url("/missing.html"));

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.xCache()).contains("Error from cloudfront");
    }

    @Test
    void gives_up_on_a_silent_edge_after_the_timeout() {
        edge.holdAnswers(true);
        HttpEdgeProbe impatient = new HttpEdgeProbe(Duration.ofMillis(300));

        assertThatThrownBy(() -> impatient.ask(url("/index.html")))
                .isInstanceOf(EdgeUnreachable.class)
                .hasMessage("no answer within 300ms");
    }

    @Test
    void says_so_when_nothing_listens() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        assertThatThrownBy(() -> probe.ask(URI.create("http://127.0.0.1:" + closedPort + "/index.html")))
                .isInstanceOf(EdgeUnreachable.class)
                .hasMessageStartingWith("could not connect");
    }
}

package dev.invalidator.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invalidator.sandbox.CloudFrontSimulator.Operation;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The wire format, checked with a plain HTTP client (things the SDK would never send or would hide). */
class CloudFrontSimulatorWireTest extends SimulatorFixture {

    private static final String NS = "http://cloudfront.amazonaws.com/doc/2020-05-31/";
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void quantity_that_does_not_match_the_items_is_inconsistent_quantities() throws Exception {
        HttpResponse<String> response = post(DIST, """
                <InvalidationBatch xmlns="%s">
                  <Paths><Quantity>3</Quantity><Items><Path>/a</Path><Path>/b</Path></Items></Paths>
                  <CallerReference>ref-1</CallerReference>
                </InvalidationBatch>""".formatted(NS));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/xml");
        assertThat(response.body())
                .contains("<ErrorResponse xmlns=\"" + NS + "\"><Error><Type>Sender</Type>"
                        + "<Code>InconsistentQuantities</Code><Message>")
                .contains("<RequestId>");
        assertThat(sim.invalidations(DIST)).isEmpty();
    }

    @Test
    void empty_body_is_missing_body() throws Exception {
        HttpResponse<String> response = post(DIST, "");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("<Code>MissingBody</Code>");
        assertThat(sim.calls(Operation.CREATE_INVALIDATION, DIST)).isEqualTo(1);
    }

    @Test
    void elements_are_read_by_name_in_any_order_and_unknown_ones_ignored() throws Exception {
        HttpResponse<String> response = post(DIST, """
                <?xml version="1.0" encoding="UTF-8"?>
                <InvalidationBatch xmlns="%s">
                  <CallerReference>ref-1</CallerReference>
                  <Future>ignored</Future>
                  <Paths><Items><Path>/a&amp;b</Path><Path>/c</Path></Items><Quantity>2</Quantity></Paths>
                </InvalidationBatch>""".formatted(NS));

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l)
                        .startsWith(sim.endpoint() + "/2020-05-31/distribution/" + DIST + "/invalidation/I"));
        assertThat(response.body())
                .contains(
                        "<Invalidation xmlns=\"" + NS + "\">", "<Path>/a&amp;b</Path>", "<Status>InProgress</Status>");
        assertThat(response.body())
                .containsPattern("<CreateTime>\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z" + "</CreateTime>");
        assertThat(sim.invalidations(DIST).get(0).paths()).containsExactly("/a&b", "/c");
    }

    @Test
    void body_without_namespace_is_accepted() throws Exception {
        HttpResponse<String> response = post(
                DIST,
                "<InvalidationBatch><CallerReference>r</CallerReference>"
                        + "<Paths><Quantity>1</Quantity><Items><Path>/a</Path></Items></Paths></InvalidationBatch>");

        assertThat(response.statusCode()).isEqualTo(201);
    }

    @Test
    void malformed_xml_and_missing_elements_are_malformed_input() throws Exception {
        assertThat(post(DIST, "<InvalidationBatch><Paths>").body()).contains("<Code>MalformedInput</Code>");
        assertThat(post(DIST, "<Other/>").body()).contains("<Code>MalformedInput</Code>");
        assertThat(post(
                                DIST,
                                "<InvalidationBatch><Paths><Quantity>1</Quantity><Items><Path>/a</Path></Items>"
                                        + "</Paths></InvalidationBatch>")
                        .body())
                .contains("<Code>MalformedInput</Code>");
        assertThat(post(
                                DIST,
                                "<InvalidationBatch><CallerReference>r</CallerReference><Paths><Quantity>x"
                                        + "</Quantity></Paths></InvalidationBatch>")
                        .statusCode())
                .isEqualTo(400);
        assertThat(sim.invalidations(DIST)).isEmpty();
    }

    @Test
    void doctypes_are_refused_so_no_entity_is_expanded() throws Exception {
        HttpResponse<String> response = post(DIST, """
                <?xml version="1.0"?>
                <!DOCTYPE InvalidationBatch [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
                <InvalidationBatch><CallerReference>&xxe;</CallerReference>
                <Paths><Quantity>1</Quantity><Items><Path>/a</Path></Items></Paths></InvalidationBatch>""");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("<Code>MalformedInput</Code>").doesNotContain("root:");
        assertThat(sim.invalidations(DIST)).isEmpty();
    }

    @Test
    void empty_batch_is_rejected() throws Exception {
        HttpResponse<String> response = post(
                DIST,
                "<InvalidationBatch><CallerReference>r</CallerReference>"
                        + "<Paths><Quantity>0</Quantity></Paths></InvalidationBatch>");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("<Code>InvalidArgument</Code>");
    }

    @Test
    void unknown_routes_are_404_with_an_error_body_and_are_not_counted() throws Exception {
        HttpResponse<String> unknownPath =
                send(HttpRequest.newBuilder(uri("/2019-03-26/distribution")).GET());
        HttpResponse<String> wrongMethod = send(
                HttpRequest.newBuilder(uri("/2020-05-31/distribution/" + DIST)).DELETE());

        assertThat(unknownPath.statusCode()).isEqualTo(404);
        assertThat(unknownPath.body()).contains("<ErrorResponse", "<Code>UnknownOperation</Code>");
        assertThat(wrongMethod.statusCode()).isEqualTo(404);
        assertThat(sim.recordedCalls()).isEmpty();
    }

    @Test
    void get_distribution_sends_an_etag_header() throws Exception {
        HttpResponse<String> response = send(
                HttpRequest.newBuilder(uri("/2020-05-31/distribution/" + DIST)).GET());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("ETag"))
                .hasValueSatisfying(e -> assertThat(e).startsWith("E"));
        assertThat(response.headers().firstValue("x-amzn-RequestId")).isPresent();
        assertThat(response.body())
                .startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
                .contains("<Distribution xmlns=\"" + NS + "\">", "<CNAME>www.example.com</CNAME>");
    }

    private HttpResponse<String> post(String distributionId, String body) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri("/2020-05-31/distribution/" + distributionId + "/invalidation"))
                .header("Content-Type", "application/xml")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return sim.endpoint().resolve(path);
    }
}

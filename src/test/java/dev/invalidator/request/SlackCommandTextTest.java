package dev.invalidator.request;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invalidator.request.InvalidationPath.Kind;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The whole way in: text as Slack sends it, unescaped, split and parsed. */
class SlackCommandTextTest {

    private static ParsedPaths fromSlack(String slackText) {
        return new PathParser(PathLimits.cloudFrontDefaults())
                .parse(Tokenizer.split(SlackText.unescape(slackText)), Requests.HOSTS);
    }

    /** Object paths from a real runbook (Pozi's image proxy): they must reach CloudFront exactly as written. */
    static Stream<Arguments> runbookPaths() {
        return Stream.of(
                Arguments.of("/https://config.pozi.com/public/files/catalogues/*"),
                Arguments.of("/https://config.pozi.com/public/files/catalogues/deeca-iws-wms-northerngrampians-lga.*"),
                Arguments.of("/https://iws.maps.vic.gov.au/erdas-iws/ogc/wms/RDP?REQUEST=GetMap&SERVICE=WMS"
                        + "&VERSION=1.3.0&FORMAT=image%2Fwebp&STYLES=default&TRANSPARENT=true"
                        + "&LAYERS=VMIMAGERY_LZ_northerngrampians_2023nov09_air_vis_20cm_epsg7854.ecw*"),
                Arguments.of("/https://config.pozi.com/*"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("runbookPaths")
    void runbook_paths_typed_in_slack_reach_cloudfront_verbatim(String path) {
        ParsedPaths parsed = fromSlack(SlackText.escape(path));

        assertThat(parsed.accepted()).containsExactly(new InvalidationPath(path, path, Kind.WILDCARD));
    }

    @Test
    void an_ampersand_in_a_query_arrives_escaped_and_is_sent_plain() {
        assertThat(fromSlack("/img.jpg?a=1&amp;b=2").accepted())
                .extracting(InvalidationPath::value)
                .containsExactly("/img.jpg?a=1&b=2");
    }

    @Test
    void a_broadcast_typed_into_a_path_becomes_harmless_encoded_brackets() {
        assertThat(fromSlack("/&lt;!channel&gt;").accepted())
                .extracting(InvalidationPath::value)
                .containsExactly("/%3C!channel%3E");
    }

    @Test
    void an_auto_linked_url_becomes_its_path() {
        assertThat(fromSlack("<https://www.example.com/css/site.css|www.example.com/css/site.css>")
                        .accepted())
                .extracting(InvalidationPath::value)
                .containsExactly("/css/site.css");
    }

    @Test
    void a_pasted_multi_line_list_with_commas_and_odd_spaces_is_one_request() {
        ParsedPaths parsed = fromSlack("/index.html,\n/css/*\u00A0/js/app.js\u2003#release-42\r\n");

        assertThat(parsed.accepted())
                .extracting(InvalidationPath::value)
                .containsExactly("/index.html", "/css/*", "/js/app.js", "#release-42");
    }

    @Test
    void an_entity_escaped_twice_is_decoded_once_and_then_encoded() {
        assertThat(fromSlack("/a&amp;lt;b").accepted())
                .extracting(InvalidationPath::value)
                .containsExactly("/a&lt;b");
    }
}

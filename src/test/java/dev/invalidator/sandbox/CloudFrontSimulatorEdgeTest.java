package dev.invalidator.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invalidator.testing.Await;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The simulator's edge over real HTTP: copies kept by exact key, dropped when an invalidation that names them
 * completes, and answered with the headers CloudFront puts on what it serves.
 */
class CloudFrontSimulatorEdgeTest extends SimulatorFixture {

    private static final Duration TWO_HOURS = Duration.ofHours(2);
    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private SimulatedEdge edge;

    @BeforeEach
    void deploy() {
        sim.holdCompletions(true);
        edge = sim.edge();
        edge.publish(DIST, "/index.html", "old");
        edge.cacheCopy(DIST, "/index.html", TWO_HOURS);
        edge.publish(DIST, "/index.html", "new");
    }

    private HttpResponse<String> get(String pathAndQuery) {
        return send(HttpRequest.newBuilder(URI.create(edge.baseUrl(DIST) + pathAndQuery))
                .GET());
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private void invalidateAndComplete(String... paths) {
        sim.complete(sim.seedInvalidation(DIST, List.of(paths), Instant.now(), false, null)
                .id());
    }

    @Nested
    class Serving {

        @Test
        void an_old_copy_is_a_hit_whose_age_says_when_it_was_cached() {
            HttpResponse<String> response = get("/index.html");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("old");
            assertThat(response.headers().firstValue("X-Cache")).contains("Hit from cloudfront");
            assertThat(Long.parseLong(response.headers().firstValue("Age").orElseThrow()))
                    .isGreaterThanOrEqualTo(7200);
            assertThat(response.headers().firstValue("ETag")).isPresent();
            assertThat(response.headers().firstValue("Last-Modified")).isPresent();
        }

        @Test
        void a_path_the_edge_has_no_copy_of_is_a_miss_fetched_from_the_origin_then_a_hit() {
            edge.publish(DIST, "/app.js", "js");

            HttpResponse<String> first = get("/app.js");
            HttpResponse<String> second = get("/app.js");

            assertThat(first.headers().firstValue("X-Cache")).contains("Miss from cloudfront");
            assertThat(first.headers().firstValue("Age")).isEmpty();
            assertThat(second.headers().firstValue("X-Cache")).contains("Hit from cloudfront");
            assertThat(second.body()).isEqualTo("js");
        }

        @Test
        void the_origin_reads_percent_encoding_but_each_encoding_is_its_own_cache_key() {
            edge.publish(DIST, "/café.html", "menu");

            assertThat(get("/caf%C3%A9.html").headers().firstValue("X-Cache")).contains("Miss from cloudfront");
            assertThat(get("/caf%c3%a9.html").headers().firstValue("X-Cache")).contains("Miss from cloudfront");
            assertThat(edge.holds(DIST, "/caf%C3%A9.html")).isTrue();
            assertThat(edge.holds(DIST, "/caf%c3%a9.html")).isTrue();
        }

        @Test
        void an_unknown_path_or_another_letter_case_is_a_404_error_from_cloudfront() {
            HttpResponse<String> response = get("/Index.html");

            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(response.headers().firstValue("X-Cache")).contains("Error from cloudfront");
        }

        @Test
        void head_gets_the_headers_and_where_it_is_refused_a_one_byte_range_still_works() {
            HttpResponse<String> head = send(HttpRequest.newBuilder(URI.create(edge.baseUrl(DIST) + "/index.html"))
                    .method("HEAD", HttpRequest.BodyPublishers.noBody()));
            edge.refuseHead(DIST, true);
            HttpResponse<String> refused = send(HttpRequest.newBuilder(URI.create(edge.baseUrl(DIST) + "/index.html"))
                    .method("HEAD", HttpRequest.BodyPublishers.noBody()));
            HttpResponse<String> range = send(HttpRequest.newBuilder(URI.create(edge.baseUrl(DIST) + "/index.html"))
                    .header("Range", "bytes=0-0")
                    .GET());

            assertThat(head.statusCode()).isEqualTo(200);
            assertThat(head.headers().firstValue("X-Cache")).contains("Hit from cloudfront");
            assertThat(refused.statusCode()).isEqualTo(405);
            assertThat(range.statusCode()).isEqualTo(206);
            assertThat(range.body()).isEqualTo("o");
            assertThat(range.headers().firstValue("Content-Range")).contains("bytes 0-0/3");
        }

        @Test
        void held_answers_arrive_and_are_recorded_but_wait_for_the_release() {
            edge.holdAnswers(true);
            CompletableFuture<HttpResponse<String>> pending = http.sendAsync(
                    HttpRequest.newBuilder(URI.create(edge.baseUrl(DIST) + "/index.html"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());

            Await.until("the request to arrive", () -> edge.requests().size() == 1);
            assertThat(pending).isNotDone();
            edge.holdAnswers(false);

            assertThat(pending.join().statusCode()).isEqualTo(200);
            assertThat(edge.requests())
                    .singleElement()
                    .satisfies(request -> assertThat(request.pathAndQuery()).isEqualTo("/index.html"));
        }
    }

    @Nested
    class Invalidating {

        @Test
        void a_completed_invalidation_of_the_exact_path_drops_the_copy_so_the_next_request_is_a_miss() {
            invalidateAndComplete("/index.html");

            HttpResponse<String> response = get("/index.html");

            assertThat(response.headers().firstValue("X-Cache")).contains("Miss from cloudfront");
            assertThat(response.body()).isEqualTo("new");
        }

        @Test
        void an_invalidation_still_in_progress_drops_nothing() {
            sim.seedInvalidation(DIST, List.of("/index.html"), Instant.now(), false, null);

            assertThat(get("/index.html").body()).isEqualTo("old");
        }

        @Test
        void a_wildcard_drops_every_copy_under_its_prefix() {
            edge.publish(DIST, "/img/a.png", "a");
            edge.cacheCopy(DIST, "/img/a.png", TWO_HOURS);

            invalidateAndComplete("/img/*");

            assertThat(edge.holds(DIST, "/img/a.png")).isFalse();
            assertThat(edge.holds(DIST, "/index.html")).isTrue();
        }

        @Test
        void another_letter_case_encoding_or_trailing_slash_drops_nothing() {
            invalidateAndComplete("/Index.html", "/index.html/", "/index%2Ehtml");

            assertThat(edge.copyAge(DIST, "/index.html"))
                    .hasValueSatisfying(age -> assertThat(age).isGreaterThanOrEqualTo(TWO_HOURS));
        }

        @Test
        void a_copy_cached_after_the_completion_stays() {
            invalidateAndComplete("/index.html");
            edge.cacheCopy(DIST, "/index.html", Duration.ZERO);

            assertThat(get("/index.html").headers().firstValue("X-Cache")).contains("Hit from cloudfront");
        }
    }

    @Nested
    class QueryStrings {

        @Test
        void are_ignored_where_the_behaviour_does_not_cache_on_them() {
            assertThat(get("/index.html?v=2").body()).isEqualTo("old");
        }

        @Test
        void make_one_key_per_variant_where_it_does_and_only_a_wildcard_path_removes_them_all() {
            edge.publish(DIST, "/app.js", "old js");
            edge.keyOnQueryString(DIST, "/app.js");
            edge.cacheCopy(DIST, "/app.js?v=2", TWO_HOURS);

            invalidateAndComplete("/app.js");
            assertThat(edge.holds(DIST, "/app.js?v=2")).isTrue();
            assertThat(get("/app.js?v=3").headers().firstValue("X-Cache")).contains("Miss from cloudfront");

            invalidateAndComplete("/app.js*");
            assertThat(edge.holds(DIST, "/app.js?v=2")).isFalse();
        }
    }

    @Nested
    class CacheTags {

        private static final String TAG_HEADER = "Edge-Cache-Tag";

        private void publishTagged(String path, String body, String tags) {
            edge.publish(DIST, path, body, java.util.Map.of("edge-cache-tag", tags));
        }

        @Test
        void a_completed_tag_invalidation_drops_every_variant_of_every_object_tagged_with_it_ignoring_case() {
            sim.cacheTagHeader(DIST, TAG_HEADER);
            edge.keyOnQueryString(DIST, "/app.js");
            publishTagged("/app.js", "v1", "Release-42, js");
            publishTagged("/home.html", "v1", "release-42");
            publishTagged("/about.html", "v1", "about");
            edge.cacheCopy(DIST, "/app.js?v=1", TWO_HOURS);
            edge.cacheCopy(DIST, "/app.js?v=2", TWO_HOURS);
            edge.cacheCopy(DIST, "/home.html", TWO_HOURS);
            edge.cacheCopy(DIST, "/about.html", TWO_HOURS);

            invalidateAndComplete("#RELEASE-42");

            assertThat(edge.holds(DIST, "/app.js?v=1")).isFalse();
            assertThat(edge.holds(DIST, "/app.js?v=2")).isFalse();
            assertThat(edge.holds(DIST, "/home.html")).isFalse();
            assertThat(edge.holds(DIST, "/about.html")).isTrue();
        }

        @Test
        void a_distribution_without_cache_tag_config_completes_a_tag_invalidation_and_removes_nothing() {
            publishTagged("/home.html", "v1", "release-42");
            edge.cacheCopy(DIST, "/home.html", TWO_HOURS);

            invalidateAndComplete("#release-42");

            assertThat(edge.holds(DIST, "/home.html")).isTrue();
            assertThat(get("/home.html").headers().firstValue("X-Cache")).contains("Hit from cloudfront");
        }

        @Test
        void tags_in_another_header_than_the_configured_one_tag_nothing() {
            sim.cacheTagHeader(DIST, "X-Other-Tags");
            publishTagged("/home.html", "v1", "release-42");
            edge.cacheCopy(DIST, "/home.html", TWO_HOURS);

            invalidateAndComplete("#release-42");

            assertThat(edge.holds(DIST, "/home.html")).isTrue();
        }

        @Test
        void a_copy_fetched_by_a_viewer_learns_its_tags_from_the_origin_answer() {
            sim.cacheTagHeader(DIST, TAG_HEADER);
            publishTagged("/news.html", "v1", "news");
            get("/news.html");
            publishTagged("/news.html", "v2", "news");

            invalidateAndComplete("#news");

            assertThat(get("/news.html").body()).isEqualTo("v2");
        }
    }
}

package dev.invalidator.request;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invalidator.request.NearMatch.Kind;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NearMatchTest {

    private static Optional<NearMatch> find(String key, String... paths) {
        return NearMatch.find(key, List.of(paths));
    }

    @Nested
    class Coverage {

        @ParameterizedTest(name = "{1} covers {0}")
        @CsvSource(
                delimiter = ' ',
                value = {
                    "/index.html /index.html",
                    "/img/logo.png /img/*",
                    "/img/logo.png /img*",
                    "/app.js?v=2 /app.js*",
                    "/anything /*"
                })
        void the_same_path_or_a_wildcard_prefix_covers_a_key(String key, String path) {
            assertThat(find(key, path)).contains(new NearMatch(Kind.COVERED, path));
        }

        @Test
        void the_first_path_that_covers_is_named() {
            assertThat(find("/img/a.png", "/css/*", "/img/*", "/img/a.png"))
                    .contains(new NearMatch(Kind.COVERED, "/img/*"));
        }

        @Test
        void cache_tags_cover_nothing() {
            assertThat(find("/img/a.png", "#img")).isEmpty();
        }

        @Test
        void an_unrelated_key_is_no_match() {
            assertThat(find("/about.html", "/img/*", "/index.html")).isEmpty();
        }
    }

    @Nested
    class Slips {

        @ParameterizedTest(name = "{1} misses {0} by the query string")
        @CsvSource(
                delimiter = ' ',
                value = {"/app.js?v=2 /app.js", "/app.js?v=2 /app.js?v=1", "/app.js /app.js?v=2", "/app.js /app.js?v=*"
                })
        void a_query_string_variant(String key, String path) {
            assertThat(find(key, path)).contains(new NearMatch(Kind.QUERY_STRING, path));
        }

        @ParameterizedTest(name = "{1} misses {0} by its encoding")
        @CsvSource(
                delimiter = ' ',
                value = {"/caf%C3%A9.html /caf%c3%a9.html", "/~user/ /%7Euser/", "/caf%C3%A9/menu.pdf /caf%c3%a9/*"})
        void another_percent_encoding_of_the_same_path(String key, String path) {
            assertThat(find(key, path)).contains(new NearMatch(Kind.ENCODING, path));
        }

        @Test
        void a_double_encoded_path_names_another_path_altogether() {
            assertThat(find("/a%20b.pdf", "/a%2520b.pdf")).isEmpty();
        }

        @ParameterizedTest(name = "{1} misses {0} by letter case")
        @CsvSource(
                delimiter = ' ',
                value = {"/index.html /Index.html", "/img/logo.png /IMG/*", "/caf%C3%A9.html /CAF%c3%a9.HTML"})
        void another_letter_case(String key, String path) {
            assertThat(find(key, path)).contains(new NearMatch(Kind.LETTER_CASE, path));
        }

        @ParameterizedTest(name = "{1} misses {0} by a trailing slash")
        @CsvSource(
                delimiter = ' ',
                value = {"/docs /docs/", "/docs/ /docs", "/docs /docs/*"})
        void a_trailing_slash(String key, String path) {
            assertThat(find(key, path)).contains(new NearMatch(Kind.TRAILING_SLASH, path));
        }

        @Test
        void coverage_wins_over_any_slip() {
            assertThat(find("/index.html", "/Index.html", "/index.html"))
                    .contains(new NearMatch(Kind.COVERED, "/index.html"));
        }
    }

    @Test
    void decoding_reads_escapes_as_utf8_and_keeps_a_lone_percent() {
        assertThat(NearMatch.decoded("/caf%C3%A9%20menu%.pdf")).isEqualTo("/café menu%.pdf");
    }
}

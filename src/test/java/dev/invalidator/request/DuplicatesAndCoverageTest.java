package dev.invalidator.request;

import static dev.invalidator.request.Requests.parse;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class DuplicatesAndCoverageTest {

    @Nested
    class Duplicates {

        @Test
        void a_path_listed_twice_is_sent_once() {
            ParsedPaths parsed = parse("/a.css", "/a.css");

            assertThat(parsed.accepted()).extracting(InvalidationPath::value).containsExactly("/a.css");
            assertThat(parsed.dropped()).containsExactly(new DroppedPath("/a.css", "duplicate of /a.css"));
        }

        @ParameterizedTest(name = "{0} and {1}")
        @CsvSource(
                delimiter = '|',
                value = {
                    "/a%20b|/a b",
                    "/caf%C3%A9|/café",
                    "/img/a.jpg|https://www.example.com/img/a.jpg",
                    "https://www.example.com/a|http://d111111abcdef8.cloudfront.net/a",
                    "/a|https://www.example.com/a#section"
                })
        void paths_equal_after_encoding_are_duplicates(String first, String second) {
            ParsedPaths parsed = parse(first, second);

            assertThat(parsed.accepted()).extracting(InvalidationPath::typed).containsExactly(first);
            assertThat(parsed.dropped()).containsExactly(new DroppedPath(second, "duplicate of " + first));
        }

        @Test
        void paths_differing_by_case_are_not_duplicates() {
            assertThat(parse("/a.css", "/A.css").accepted()).hasSize(2);
        }
    }

    @Nested
    class Coverage {

        static Stream<Arguments> covered() {
            return Stream.of(
                    Arguments.of("/css/*", "/css/a.css"),
                    Arguments.of("/c*", "/css/a.css"),
                    Arguments.of("/*", "/anything/at/all.html"),
                    Arguments.of("/*", "/"),
                    Arguments.of("/css*", "/css"),
                    Arguments.of("/css/*", "/css/"),
                    Arguments.of("/a/*", "/a/b/c/d.txt"),
                    Arguments.of("/img.jpg*", "/img.jpg?v=2"),
                    Arguments.of("/css*", "/css/*"),
                    Arguments.of("/*", "/css/*"),
                    Arguments.of("/caf%C3%A9/*", "/café/menu.pdf"));
        }

        @ParameterizedTest(name = "{1} is covered by {0}")
        @MethodSource("covered")
        void a_path_covered_by_a_wildcard_is_dropped_naming_the_wildcard(String wildcard, String path) {
            ParsedPaths parsed = parse(path, wildcard);

            assertThat(parsed.accepted()).extracting(InvalidationPath::typed).containsExactly(wildcard);
            assertThat(parsed.dropped()).containsExactly(new DroppedPath(path, "covered by " + wildcard));
        }

        static Stream<Arguments> notCovered() {
            return Stream.of(
                    Arguments.of("/css/*", "/css"),
                    Arguments.of("/css/*", "/CSS/a.css"),
                    Arguments.of("/a*", "/b"),
                    Arguments.of("/css/a*", "/css/b.css"),
                    Arguments.of("/css/*", "/cs"),
                    Arguments.of("/css/*", "/cst/*"),
                    Arguments.of("/*", "#release-42"),
                    Arguments.of("/a/%2A", "/a/b"));
        }

        @ParameterizedTest(name = "{1} is not covered by {0}")
        @MethodSource("notCovered")
        void anything_a_wildcard_does_not_match_is_kept(String wildcard, String other) {
            ParsedPaths parsed = parse(wildcard, other);

            assertThat(parsed.accepted()).extracting(InvalidationPath::typed).containsExactly(wildcard, other);
            assertThat(parsed.dropped()).isEmpty();
        }

        @Test
        void the_reason_names_the_broadest_wildcard_which_is_the_one_kept() {
            ParsedPaths parsed = parse("/css/*", "/css/a.css", "/c*");

            assertThat(parsed.accepted()).extracting(InvalidationPath::value).containsExactly("/c*");
            assertThat(parsed.dropped())
                    .containsExactly(
                            new DroppedPath("/css/*", "covered by /c*"),
                            new DroppedPath("/css/a.css", "covered by /c*"));
        }

        @Test
        void a_full_wipe_leaves_only_itself_and_the_tags() {
            ParsedPaths parsed = parse("/a", "#t", "/b/*", "/*", "/c");

            assertThat(parsed.accepted()).extracting(InvalidationPath::value).containsExactly("#t", "/*");
            assertThat(parsed.dropped()).extracting(DroppedPath::reason).containsOnly("covered by /*");
        }

        @Test
        void dropped_items_are_listed_in_input_order_whatever_the_reason() {
            ParsedPaths parsed = parse("/css/a.css", "/css/*", "/css/a.css", "/css/*");

            assertThat(parsed.dropped())
                    .containsExactly(
                            new DroppedPath("/css/a.css", "covered by /css/*"),
                            new DroppedPath("/css/a.css", "duplicate of /css/a.css"),
                            new DroppedPath("/css/*", "duplicate of /css/*"));
        }

        @Test
        void coverage_of_many_paths_by_many_wildcards_is_exact() {
            List<String> tokens = new ArrayList<>();
            for (int i = 0; i < 2000; i++) {
                tokens.add("/d" + i + "/*");
                tokens.add("/d" + i + "/f.css");
                tokens.add("/e" + i + ".css");
            }

            ParsedPaths parsed = new PathParser(PathLimits.cloudFrontDefaults()).parse(tokens, Requests.HOSTS);

            assertThat(parsed.dropped())
                    .hasSize(2000)
                    .allSatisfy(dropped -> assertThat(dropped.reason())
                            .isEqualTo("covered by " + dropped.input().replace("f.css", "*")));
            assertThat(parsed.accepted()).hasSize(4000);
        }
    }
}

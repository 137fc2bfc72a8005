package dev.invalidator.request;

import static dev.invalidator.request.Requests.parse;
import static org.assertj.core.api.Assertions.assertThat;

import dev.invalidator.request.InvalidationPath.Kind;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code check:} names files to ask the edge for after completion: never invalidated, always under the request. */
class CheckSamplesTest {

    private static List<String> values(List<InvalidationPath> items) {
        return items.stream().map(InvalidationPath::value).toList();
    }

    private static List<String> messages(ParsedPaths parsed) {
        return parsed.problems().stream().map(PathProblem::message).toList();
    }

    @Nested
    class AcceptedSamples {

        @Test
        void are_kept_apart_from_the_paths_and_never_invalidated() {
            ParsedPaths parsed = parse("/img/*", "check:/img/logo.png");

            assertThat(parsed.ok()).isTrue();
            assertThat(values(parsed.accepted())).containsExactly("/img/*");
            assertThat(parsed.samples())
                    .containsExactly(new InvalidationPath("check:/img/logo.png", "/img/logo.png", Kind.FILE));
        }

        @Test
        void are_encoded_like_any_path_and_may_be_links_to_the_distribution() {
            ParsedPaths parsed =
                    parse("/menus/*", "check:/menus/café.pdf", "check:https://www.example.com/menus/b.pdf");

            assertThat(values(parsed.samples())).containsExactly("/menus/caf%C3%A9.pdf", "/menus/b.pdf");
        }

        @ParameterizedTest
        @ValueSource(strings = {"CHECK:/img/logo.png", "Check:/img/logo.png"})
        void the_prefix_ignores_letter_case(String token) {
            assertThat(values(parse("/img/*", token).samples())).containsExactly("/img/logo.png");
        }

        @Test
        void a_sample_that_misses_a_path_only_by_a_slip_is_kept_so_the_check_can_tell() {
            ParsedPaths parsed = parse("/IMG/*", "/app.js", "check:/img/logo.png", "check:/app.js?v=2");

            assertThat(parsed.ok()).isTrue();
            assertThat(values(parsed.samples())).containsExactly("/img/logo.png", "/app.js?v=2");
        }

        @Test
        void a_request_holding_a_cache_tag_takes_any_file_as_a_sample_since_only_the_origin_knows_what_is_tagged() {
            ParsedPaths parsed = parse("#release-42", "/css/*", "check:/index.html", "check:/css/site.css");

            assertThat(parsed.ok()).isTrue();
            assertThat(values(parsed.samples())).containsExactly("/index.html", "/css/site.css");
        }

        @Test
        void a_duplicate_or_a_sample_that_is_one_of_the_paths_is_left_out_with_the_reason() {
            ParsedPaths parsed =
                    parse("/img/*", "/index.html", "check:/img/a.png", "check:/img/a.png", "check:/index.html");

            assertThat(values(parsed.samples())).containsExactly("/img/a.png");
            assertThat(parsed.dropped())
                    .containsExactly(
                            new DroppedPath("check:/img/a.png", "duplicate of check:/img/a.png"),
                            new DroppedPath("check:/index.html", "/index.html is checked anyway, as one of the paths"));
        }
    }

    @Nested
    class RefusedSamples {

        @Test
        void a_sample_under_no_path_of_the_request_proves_nothing() {
            assertThat(messages(parse("/img/*", "check:/about.html")))
                    .singleElement()
                    .asString()
                    .startsWith("/about.html is not under any path of this request")
                    .contains("check:/img/logo.png");
        }

        @Test
        void samples_alone_invalidate_nothing_and_say_so() {
            ParsedPaths parsed = parse("check:/img/logo.png");

            assertThat(parsed.ok()).isFalse();
            assertThat(parsed.problems()).singleElement().satisfies(problem -> {
                assertThat(problem.input()).isEqualTo("check:/img/logo.png");
                assertThat(problem.message()).contains("not one to invalidate");
            });
        }

        @Test
        void a_wildcard_or_a_tag_is_no_file_to_ask_for() {
            assertThat(messages(parse("/img/*", "check:/img/*", "check:#img")))
                    .satisfiesExactly(
                            wildcard -> assertThat(wildcard).startsWith("A sample is one file, not a wildcard"),
                            tag -> assertThat(tag).startsWith("A cache tag can't be checked"));
        }

        @Test
        void an_empty_sample_or_one_without_a_slash_says_how_to_write_it() {
            assertThat(messages(parse("/img/*", "check:", "check:img/a.png")))
                    .satisfiesExactly(
                            empty -> assertThat(empty).contains("right after it"),
                            noSlash -> assertThat(noSlash).contains("Did you mean /img/a.png?"));
        }

        @Test
        void more_samples_than_one_check_asks_for_block_the_request() {
            String[] tokens = new String[CheckSamples.MAX_SAMPLES + 2];
            tokens[0] = "/img/*";
            for (int i = 1; i < tokens.length; i++) {
                tokens[i] = "check:/img/" + i + ".png";
            }

            assertThat(parse(tokens).problems()).singleElement().satisfies(problem -> {
                assertThat(problem.input()).isEqualTo("check:/img/" + (CheckSamples.MAX_SAMPLES + 1) + ".png");
                assertThat(problem.message()).startsWith("At most 20 files can be checked");
            });
        }
    }
}

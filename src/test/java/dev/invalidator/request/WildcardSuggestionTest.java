package dev.invalidator.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import dev.invalidator.request.WildcardSuggestion.Suggestion;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class WildcardSuggestionTest {

    private static final int MINIMUM = 5;

    /** {@code count} distinct files in {@code directory}: "/img/f01.png", "/img/f02.png", … */
    private static List<String> files(String directory, int count) {
        return IntStream.rangeClosed(1, count)
                .mapToObj(i -> String.format("%sf%02d.png", directory, i))
                .toList();
    }

    @SafeVarargs
    private static List<String> request(List<String>... parts) {
        List<String> paths = new ArrayList<>();
        for (List<String> part : parts) {
            paths.addAll(part);
        }
        return paths;
    }

    private static Optional<Suggestion> suggest(List<String> paths) {
        return WildcardSuggestion.suggest(paths, MINIMUM);
    }

    @Nested
    class Grouping {

        static Stream<Arguments> groups() {
            return Stream.of(
                    Arguments.of(
                            "many files in one directory become its wildcard",
                            files("/assets/img/", 20),
                            new Suggestion(List.of("/assets/img/*"), List.of(), 20, 1)),
                    Arguments.of(
                            "exactly the minimum is enough",
                            files("/img/", 5),
                            new Suggestion(List.of("/img/*"), List.of(), 5, 1)),
                    Arguments.of(
                            "files in other directories are kept as they are",
                            request(files("/assets/img/", 20), List.of("/index.html", "/docs/a.html")),
                            new Suggestion(List.of("/assets/img/*"), List.of("/docs/a.html", "/index.html"), 22, 3)),
                    Arguments.of(
                            "a few files in each of two subdirectories become their common directory",
                            request(files("/assets/img/a/", 3), files("/assets/img/b/", 3)),
                            new Suggestion(List.of("/assets/img/*"), List.of(), 6, 1)),
                    Arguments.of(
                            "two full subdirectories become one wildcard of their common directory",
                            request(files("/img/a/", 5), files("/img/b/", 5)),
                            new Suggestion(List.of("/img/*"), List.of(), 10, 1)),
                    Arguments.of(
                            "one full subdirectory stays the deepest wildcard",
                            request(files("/img/a/", 5)),
                            new Suggestion(List.of("/img/a/*"), List.of(), 5, 1)),
                    Arguments.of(
                            "a deep directory with nothing else around it stays deep",
                            files("/a/b/c/d/", 7),
                            new Suggestion(List.of("/a/b/c/d/*"), List.of(), 7, 1)),
                    Arguments.of(
                            "a lone file beside a full directory widens the wildcard when that sends fewer paths",
                            request(files("/assets/img/", 20), List.of("/assets/css/site.css")),
                            new Suggestion(List.of("/assets/*"), List.of(), 21, 1)),
                    Arguments.of(
                            "separate top-level directories stay separate wildcards, sorted",
                            request(files("/img/", 5), files("/css/", 6)),
                            new Suggestion(List.of("/css/*", "/img/*"), List.of(), 11, 2)),
                    Arguments.of(
                            "query strings are grouped by their path",
                            List.of("/img/a.png?v=1", "/img/a.png?v=2", "/img/b.png?v=1", "/img/c.png", "/img/d.png"),
                            new Suggestion(List.of("/img/*"), List.of(), 5, 1)),
                    Arguments.of(
                            "a directory's own path lies in that directory",
                            request(List.of("/docs/"), files("/docs/", 4)),
                            new Suggestion(List.of("/docs/*"), List.of(), 5, 1)),
                    Arguments.of(
                            "percent-encoded directories are grouped as sent",
                            files("/caf%C3%A9/", 5),
                            new Suggestion(List.of("/caf%C3%A9/*"), List.of(), 5, 1)),
                    Arguments.of(
                            "files right under the root are kept beside a wildcard",
                            request(List.of("/", "/index.html"), files("/img/", 6)),
                            new Suggestion(List.of("/img/*"), List.of("/", "/index.html"), 8, 3)));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("groups")
        void suggests_the_wildcards_that_send_the_fewest_paths(String rule, List<String> paths, Suggestion expected) {
            assertThat(suggest(paths)).contains(expected);
        }

        @Test
        void a_minimum_of_two_groups_any_two_files_of_a_directory() {
            assertThat(WildcardSuggestion.suggest(List.of("/a/x", "/a/y", "/b"), 2))
                    .contains(new Suggestion(List.of("/a/*"), List.of("/b"), 3, 2));
        }

        @Test
        void directories_thousands_of_levels_deep_are_planned_without_recursion() {
            String deep = "/d".repeat(5_000) + "/";

            assertThat(suggest(files(deep, 5))).contains(new Suggestion(List.of(deep + "*"), List.of(), 5, 1));
        }

        @Test
        void the_order_of_the_request_does_not_change_the_suggestion() {
            List<String> paths = new ArrayList<>(request(
                    files("/img/a/", 3),
                    files("/img/b/", 4),
                    files("/css/", 5),
                    List.of("/index.html", "#news", "/js/*")));
            Optional<Suggestion> inOrder = suggest(paths);
            Collections.shuffle(paths, new Random(7));

            assertThat(suggest(paths)).isEqualTo(inOrder).isPresent();
        }
    }

    @Nested
    class NothingToSuggest {

        static Stream<Arguments> requests() {
            return Stream.of(
                    Arguments.of("an empty request", List.of()),
                    Arguments.of("fewer files than the minimum in a directory", files("/img/", 4)),
                    Arguments.of("files right under the root, which only /* would cover", files("/", 10)),
                    Arguments.of(
                            "a few files in each of two top-level directories",
                            request(files("/a/", 3), files("/b/", 3))),
                    Arguments.of("directories differing only by case", request(files("/IMG/", 3), files("/img/", 3))),
                    Arguments.of(
                            "query variants whose query holds slashes",
                            List.of("/s?q=/img/a", "/s?q=/img/b", "/s?q=/img/c", "/s?q=/img/d", "/s?q=/img/e")),
                    Arguments.of(
                            "typed wildcards, which never count towards the minimum",
                            request(files("/img/", 4), List.of("/img/a*", "/img/b/*"))),
                    Arguments.of("only tags and wildcards", List.of("#a", "#b", "#c", "#d", "#e", "/x/*")));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("requests")
        void suggests_nothing_for(String request, List<String> paths) {
            assertThat(suggest(paths)).isEmpty();
        }

        @Test
        void a_higher_minimum_asks_for_more_files() {
            assertThat(WildcardSuggestion.suggest(files("/img/", 9), 10)).isEmpty();
        }
    }

    @Nested
    class ItemsKeptAsTheyAre {

        @Test
        void tags_typed_wildcards_and_items_without_a_leading_slash_are_kept_and_counted() {
            List<String> paths = request(files("/img/", 5), List.of("#product", "/css/*", "img/x.png"));

            assertThat(suggest(paths))
                    .contains(new Suggestion(List.of("/img/*"), List.of("#product", "/css/*", "img/x.png"), 8, 4));
        }

        @Test
        void a_typed_wildcard_inside_a_suggested_one_is_kept_for_the_parser_to_drop() {
            List<String> paths = request(files("/img/", 5), List.of("/img/old/*"));

            assertThat(suggest(paths)).contains(new Suggestion(List.of("/img/*"), List.of("/img/old/*"), 6, 2));
        }

        @Test
        void the_full_wipe_is_never_suggested_even_when_every_file_is_at_the_root() {
            assertThat(suggest(request(files("/", 50), files("/img/", 5))))
                    .hasValueSatisfying(
                            suggestion -> assertThat(suggestion.wildcards()).containsExactly("/img/*"));
        }
    }

    @Nested
    class Refusals {

        @Test
        void a_minimum_below_two_is_refused_as_a_single_file_wildcard_saves_nothing() {
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> WildcardSuggestion.suggest(List.of("/a"), 1))
                    .withMessage("minimumFilesPerPrefix must be at least 2, was 1");
        }

        @Test
        void the_paths_are_required() {
            assertThatNullPointerException()
                    .isThrownBy(() -> WildcardSuggestion.suggest(null, 5))
                    .withMessage("paths");
        }

        @Test
        void a_suggestion_holds_copies_of_its_lists() {
            List<String> wildcards = new ArrayList<>(List.of("/img/*"));
            Suggestion suggestion = new Suggestion(wildcards, List.of(), 5, 1);
            wildcards.clear();

            assertThat(suggestion.wildcards()).containsExactly("/img/*");
        }
    }
}

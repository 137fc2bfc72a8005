package dev.invalidator.request;

import static dev.invalidator.request.Requests.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class PathLimitsTest {

    private static ParsedPaths parseMany(PathLimits limits, String format, int count) {
        List<String> tokens = IntStream.range(0, count)
                .mapToObj(i -> String.format(format, i))
                .toList();
        return new PathParser(limits).parse(tokens, Requests.HOSTS);
    }

    @Nested
    class Construction {

        @Test
        void the_defaults_are_cloudfronts_in_progress_limits() {
            assertThat(PathLimits.cloudFrontDefaults()).isEqualTo(new PathLimits(3000, 15));
        }

        @Test
        void at_least_one_path_must_be_allowed() {
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> new PathLimits(0, 15))
                    .withMessage("maxPaths must be at least 1, was 0");
        }

        @Test
        void the_wildcard_limit_cannot_be_negative() {
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> new PathLimits(10, -1))
                    .withMessage("maxWildcards must not be negative, was -1");
        }
    }

    @Nested
    class PathCount {

        @Test
        void exactly_the_maximum_number_of_paths_is_fine() {
            assertThat(parseMany(PathLimits.cloudFrontDefaults(), "/f%d.css", 3000)
                            .ok())
                    .isTrue();
        }

        @Test
        void one_path_over_the_maximum_is_one_problem_for_the_request() {
            ParsedPaths parsed = parseMany(PathLimits.cloudFrontDefaults(), "/f%d.css", 3001);

            assertThat(parsed.problems())
                    .containsExactly(new PathProblem(
                            "3,001 paths",
                            "This request has 3,001 "
                                    + "paths (files, wildcards and tags together); at most 3,000 fit in one request. Cover many "
                                    + "files with one wildcard such as /css/*, or split the request."));
            assertThat(parsed.accepted()).hasSize(3001);
        }

        @Test
        void files_wildcards_and_tags_all_count() {
            ParsedPaths parsed = parse(new PathLimits(3, 15), "/a", "/b*", "#t", "/c");

            assertThat(parsed.problems()).extracting(PathProblem::input).containsExactly("4 paths");
        }

        @Test
        void dropped_duplicates_and_covered_paths_do_not_count() {
            ParsedPaths parsed = parse(new PathLimits(2, 15), "/a", "/a", "/b/*", "/b/c", "/b/d");

            assertThat(parsed.ok()).isTrue();
        }
    }

    @Nested
    class WildcardCount {

        @Test
        void exactly_the_maximum_number_of_wildcards_is_fine() {
            assertThat(parseMany(PathLimits.cloudFrontDefaults(), "/d%d/*", 15).ok())
                    .isTrue();
        }

        @Test
        void one_wildcard_over_the_maximum_is_one_problem_for_the_request() {
            ParsedPaths parsed = parseMany(PathLimits.cloudFrontDefaults(), "/d%d/*", 16);

            assertThat(parsed.problems())
                    .containsExactly(new PathProblem(
                            "16 wildcard paths",
                            "This request has "
                                    + "16 wildcard paths; at most 15 are allowed in one request. Merge them into fewer, broader "
                                    + "wildcards, or split the request."));
        }

        @Test
        void a_limit_of_zero_forbids_wildcards() {
            assertThat(parse(new PathLimits(10, 0), "/a/*").problems())
                    .containsExactly(new PathProblem(
                            "1 wildcard path",
                            "This request has 1 wildcard path, and wildcards are not allowed here. "
                                    + "List the files instead."));
        }

        @Test
        void both_limits_are_reported_together_after_the_problems_of_single_inputs() {
            ParsedPaths parsed = parse(new PathLimits(2, 1), "index.html", "/a*", "/b*", "/c*");

            assertThat(parsed.problems())
                    .extracting(PathProblem::input)
                    .containsExactly("index.html", "3 paths", "3 wildcard paths");
        }
    }

    @Nested
    class Split {

        @Test
        void seven_thousand_files_are_accepted_and_go_out_in_three_batches_of_at_most_three_thousand_in_order() {
            ParsedPaths parsed = parseMany(PathLimits.perRequest(10_000), "/f%d.css", 7000);
            List<String> values =
                    parsed.accepted().stream().map(InvalidationPath::value).toList();

            List<List<String>> batches = PathLimits.cloudFrontDefaults().batches(values);

            assertThat(parsed.ok()).isTrue();
            assertThat(batches).hasSize(3).allSatisfy(batch -> assertThat(batch).hasSizeLessThanOrEqualTo(3000));
            assertThat(batches.stream().flatMap(List::stream).toList()).isEqualTo(values);
        }

        @Test
        void forty_wildcards_are_accepted_and_go_out_in_three_batches_of_at_most_fifteen_in_order() {
            ParsedPaths parsed = parseMany(PathLimits.perRequest(10_000), "/d%d/*", 40);
            List<String> values =
                    parsed.accepted().stream().map(InvalidationPath::value).toList();

            List<List<String>> batches = PathLimits.cloudFrontDefaults().batches(values);

            assertThat(parsed.ok()).isTrue();
            assertThat(batches).hasSize(3).allSatisfy(batch -> assertThat(batch).hasSizeLessThanOrEqualTo(15));
            assertThat(batches.stream().flatMap(List::stream).toList()).isEqualTo(values);
        }

        @Test
        void a_request_within_the_limits_is_one_batch() {
            assertThat(PathLimits.cloudFrontDefaults().batches(List.of("/index.html", "/css/*")))
                    .containsExactly(List.of("/index.html", "/css/*"));
        }

        @Test
        void more_wildcards_than_ten_batches_hold_are_refused_in_one_request() {
            ParsedPaths parsed = parseMany(PathLimits.perRequest(10_000), "/d%d/*", 151);

            assertThat(parsed.ok()).isFalse();
        }
    }
}

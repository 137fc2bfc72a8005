package dev.invalidator.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import dev.invalidator.request.InvalidationPath.Kind;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ValueTypesTest {

    private static final InvalidationPath FILE = new InvalidationPath("/a", "/a", Kind.FILE);
    private static final InvalidationPath WILDCARD = new InvalidationPath("/b/*", "/b/*", Kind.WILDCARD);
    private static final InvalidationPath WIPE = new InvalidationPath("/*", "/*", Kind.WILDCARD);
    private static final InvalidationPath TAG = new InvalidationPath("#t", "#t", Kind.TAG);

    @Nested
    class InvalidationPaths {

        @ParameterizedTest(name = "typed {0}, sent {1}: encoded = {2}")
        @CsvSource(
                delimiter = ' ',
                value = {"/a /a false", "/é /%C3%A9 true", "https://x/a /a true"})
        void was_encoded_when_what_is_sent_differs_from_what_was_typed(String typed, String value, boolean encoded) {
            assertThat(new InvalidationPath(typed, value, Kind.FILE).wasEncoded())
                    .isEqualTo(encoded);
        }

        @Test
        void no_component_may_be_null() {
            assertThatNullPointerException()
                    .isThrownBy(() -> new InvalidationPath("/a", null, Kind.FILE))
                    .withMessage("value");
        }
    }

    @Nested
    class ParsedPathsSummary {

        @Test
        void is_ok_with_accepted_items_and_no_problems() {
            assertThat(new ParsedPaths(List.of(FILE), List.of(), List.of(), List.of()).ok())
                    .isTrue();
        }

        @Test
        void is_not_ok_with_a_problem() {
            assertThat(new ParsedPaths(List.of(FILE), List.of(new PathProblem("x", "y")), List.of(), List.of()).ok())
                    .isFalse();
        }

        @Test
        void is_not_ok_with_nothing_to_invalidate() {
            assertThat(new ParsedPaths(List.of(), List.of(), List.of(), List.of()).ok())
                    .isFalse();
        }

        @Test
        void counts_wildcards_and_names_the_wipes_among_them() {
            ParsedPaths parsed = new ParsedPaths(List.of(FILE, WILDCARD, WIPE, TAG), List.of(), List.of(), List.of());

            assertThat(parsed.wildcardCount()).isEqualTo(2);
            assertThat(parsed.wipes()).containsExactly(WIPE);
            assertThat(parsed.containsWipe()).isTrue();
        }

        @Test
        void keeps_a_copy_of_its_lists() {
            List<InvalidationPath> accepted = new ArrayList<>(List.of(FILE));
            ParsedPaths parsed = new ParsedPaths(accepted, List.of(), List.of(), List.of());

            accepted.add(TAG);

            assertThat(parsed.accepted()).containsExactly(FILE).isUnmodifiable();
        }
    }

    @Nested
    class ProblemInputs {

        @Test
        void an_input_of_80_characters_is_kept_whole() {
            String input = "/" + "a".repeat(79);

            assertThat(new PathProblem(input, "m").input()).isEqualTo(input);
        }

        @Test
        void a_longer_input_is_cut_to_80_characters_ending_in_an_ellipsis() {
            assertThat(new PathProblem("/" + "a".repeat(80), "m").input()).isEqualTo("/" + "a".repeat(78) + "…");
        }

        @Test
        void an_emoji_counts_as_one_character_and_is_never_cut_in_half() {
            String input = "/" + "a".repeat(77) + "😀" + "b".repeat(10);

            assertThat(new PathProblem(input, "m").input()).isEqualTo("/" + "a".repeat(77) + "😀…");
        }
    }
}

package dev.invalidator.base;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class StringsTest {

    private static final String EMOJI = "😀";

    @Nested
    class Shorten {

        @Test
        void a_text_of_exactly_the_limit_is_kept_whole() {
            assertThat(Strings.shorten("abcde", 5)).isEqualTo("abcde");
        }

        @Test
        void a_text_one_past_the_limit_keeps_one_less_and_the_ellipsis() {
            assertThat(Strings.shorten("abcdef", 5)).isEqualTo("abcd…");
        }

        @Test
        void the_ellipsis_counts_toward_the_limit() {
            String shortened = Strings.shorten("a".repeat(100), 10);

            assertThat(shortened.codePointCount(0, shortened.length())).isEqualTo(10);
            assertThat(shortened).endsWith("…");
        }

        @Test
        void an_empty_text_stays_empty() {
            assertThat(Strings.shorten("", 1)).isEmpty();
        }

        @Test
        void a_limit_of_one_leaves_only_the_ellipsis() {
            assertThat(Strings.shorten("ab", 1)).isEqualTo("…");
        }

        @Test
        void a_surrogate_pair_counts_as_one_character() {
            String text = "ab" + EMOJI + "c";

            assertThat(Strings.shorten(text, 4)).isEqualTo(text);
        }

        @Test
        void a_surrogate_pair_just_before_the_cut_is_kept_whole() {
            assertThat(Strings.shorten("ab" + EMOJI + "cd", 4)).isEqualTo("ab" + EMOJI + "…");
        }

        @Test
        void a_surrogate_pair_at_the_cut_is_left_out_whole() {
            assertThat(Strings.shorten("abc" + EMOJI + "d", 4)).isEqualTo("abc…");
        }

        @Test
        void no_limit_ever_leaves_half_a_surrogate_pair() {
            String emojis = EMOJI.repeat(20);

            IntStream.rangeClosed(1, 25).forEach(limit -> {
                String shortened = Strings.shorten("x" + emojis, limit);
                assertThat(shortened.codePoints())
                        .as("limit %d", limit)
                        .noneMatch(c -> c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE);
            });
        }

        @Test
        void a_limit_below_one_is_refused() {
            assertThatThrownBy(() -> Strings.shorten("abc", 0))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("maxCodePoints must be at least 1: 0");
        }

        @Test
        void no_text_is_refused_by_name() {
            assertThatThrownBy(() -> Strings.shorten(null, 5))
                    .isInstanceOf(NullPointerException.class)
                    .hasMessage("text");
        }
    }
}

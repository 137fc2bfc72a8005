package dev.invalidator.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Text cut to Slack's limits, counted as sent: escaped, in UTF-16 units. */
class FitTest {

    @Nested
    class Escaped {

        @Test
        void text_that_fits_once_escaped_is_only_escaped() {
            assertThat(Fit.escaped("/a?b=1&c=2", 14)).isEqualTo("/a?b=1&amp;c=2");
        }

        @Test
        void is_cut_before_an_ampersand_whose_entity_would_not_fit_whole() {
            assertThat(Fit.escaped("/search?a=1&b=2", 15)).isEqualTo("/search?a=1…");
        }

        @Test
        void counts_an_emoji_as_two_and_never_cuts_one_in_half() {
            assertThat(Fit.escaped("ab😀cd", 4)).isEqualTo("ab…");
            assertThat(Fit.escaped("ab😀cd", 5)).isEqualTo("ab😀…");
        }

        @Test
        void leaves_the_text_to_escape_when_asked_for_what_fits_escaped() {
            assertThat(Fit.escapingWithin("<!channel>", 9)).isEqualTo("<!cha…");
        }
    }

    @Test
    void plain_text_is_cut_to_its_length_in_utf16_units() {
        assertThat(Fit.plain("Invalidate /" + "a".repeat(80) + " instead", Fit.LABEL))
                .hasSize(Fit.LABEL);
        assertThat(Fit.plain("😀😀", 3)).isEqualTo("😀…");
    }

    @Nested
    class Lines {

        private final List<String> three = List.of("• /a.css", "• /b.css", "• /c.css");

        @Test
        void that_fit_are_all_shown() {
            assertThat(Fit.lines(three, 26, more -> "… and " + more + " more"))
                    .isEqualTo("• /a.css\n• /b.css\n• /c.css");
        }

        @Test
        void that_dont_are_counted_on_a_last_line_within_the_limit() {
            assertThat(Fit.lines(three, 22, more -> "… and " + more + " more")).isEqualTo("• /a.css\n… and 2 more");
        }

        @Test
        void give_back_an_item_when_its_count_reads_longer_than_the_count_of_all() {
            String joined = Fit.joined(
                    List.of("aaaa", "bbbbbbbbbbbb"),
                    ", ",
                    16,
                    more -> more == 1 ? "and one more" : "and " + more + " more");

            assertThat(joined).isEqualTo("and 2 more");
        }
    }

    @Test
    void fitting_counts_the_items_within_both_limits() {
        assertThat(Fit.fitting(List.of("aaaa", "bbbb", "cccc"), "\n", 9, 10)).isEqualTo(2);
        assertThat(Fit.fitting(List.of("aaaa", "bbbb", "cccc"), "\n", 100, 1)).isEqualTo(1);
    }
}

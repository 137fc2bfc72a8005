package dev.invalidator.slack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invalidator.slack.FirstNotice.Outcome;
import dev.invalidator.slack.FirstNotice.Reply;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class FirstNoticeTest {

    private static final String MARKER = "(I2J0I21PCUYOIK)";

    private static Reply own(String ts, String text) {
        return new Reply(ts, true, text);
    }

    private static Reply someoneElses(String ts, String text) {
        return new Reply(ts, false, text);
    }

    @Nested
    class Earliest {

        @Test
        void is_the_bots_reply_with_the_marker_of_the_smallest_ts() {
            List<Reply> thread = List.of(
                    own("1700000000.000300", "done " + MARKER),
                    own("1700000000.000200", "done " + MARKER),
                    own("1700000000.000100", "sent"));

            assertThat(FirstNotice.earliest(thread, MARKER)).contains("1700000000.000200");
        }

        @Test
        void compares_timestamps_as_numbers_not_as_text() {
            List<Reply> thread = List.of(own("999999999.000900", MARKER), own("1000000000.000100", MARKER));

            assertThat(FirstNotice.earliest(thread, MARKER)).contains("999999999.000900");
        }

        @Test
        void leaves_out_what_people_and_other_apps_write_with_the_marker() {
            List<Reply> thread =
                    List.of(someoneElses("1700000000.000100", MARKER), own("1700000000.000200", "done " + MARKER));

            assertThat(FirstNotice.earliest(thread, MARKER)).contains("1700000000.000200");
        }

        @Test
        void is_none_in_a_thread_without_the_marker() {
            assertThat(FirstNotice.earliest(List.of(own("1700000000.000100", "sent")), MARKER))
                    .isEmpty();
        }
    }

    @Nested
    class OfAnInstancesOwnNotice {

        @Test
        void wins_when_it_is_the_earliest() {
            List<Reply> thread = List.of(own("1700000000.000100", MARKER), own("1700000000.000200", MARKER));

            assertThat(FirstNotice.of(thread, MARKER, "1700000000.000100")).isEqualTo(Outcome.WON);
        }

        @Test
        void loses_to_an_earlier_one() {
            List<Reply> thread = List.of(own("1700000000.000100", MARKER), own("1700000000.000200", MARKER));

            assertThat(FirstNotice.of(thread, MARKER, "1700000000.000200")).isEqualTo(Outcome.LOST);
        }

        @Test
        void wins_alone() {
            assertThat(FirstNotice.of(List.of(own("1700000000.000200", MARKER)), MARKER, "1700000000.000200"))
                    .isEqualTo(Outcome.WON);
        }

        @Test
        void is_not_seen_in_a_read_that_does_not_show_it_yet() {
            List<Reply> thread = List.of(own("1700000000.000100", MARKER));

            assertThat(FirstNotice.of(thread, MARKER, "1700000000.000200")).isEqualTo(Outcome.NOT_SEEN);
        }

        @Test
        void wins_over_a_look_alike_someone_else_posted_earlier() {
            List<Reply> thread = List.of(someoneElses("1700000000.000100", MARKER), own("1700000000.000200", MARKER));

            assertThat(FirstNotice.of(thread, MARKER, "1700000000.000200")).isEqualTo(Outcome.WON);
        }
    }
}

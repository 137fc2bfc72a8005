package dev.invalidator.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DurationsTest {

    @Nested
    class Parse {

        static Stream<Arguments> written() {
            return Stream.of(
                    arguments("500ms", Duration.ofMillis(500)),
                    arguments("2s", Duration.ofSeconds(2)),
                    arguments("5m", Duration.ofMinutes(5)),
                    arguments("1h", Duration.ofHours(1)),
                    arguments("1d", Duration.ofDays(1)),
                    arguments("0s", Duration.ZERO),
                    arguments("1h 5m", Duration.ofMinutes(65)),
                    arguments("1h5m", Duration.ofMinutes(65)),
                    arguments(
                            "1d 2h 3m 4s 5ms",
                            Duration.ofDays(1)
                                    .plusHours(2)
                                    .plusMinutes(3)
                                    .plusSeconds(4)
                                    .plusMillis(5)),
                    arguments("  2s  ", Duration.ofSeconds(2)),
                    arguments("PT2S", Duration.ofSeconds(2)),
                    arguments("pt2s", Duration.ofSeconds(2)),
                    arguments("P1D", Duration.ofDays(1)),
                    arguments("PT1.5S", Duration.ofMillis(1500)));
        }

        @ParameterizedTest(name = "\"{0}\" is {1}")
        @MethodSource("written")
        void reads_the_short_form_and_iso_8601(String text, Duration expected) {
            assertThat(Durations.parse(text)).isEqualTo(expected);
        }

        static Stream<Arguments> mistakes() {
            String howTo = " — write a whole number and a unit: 500ms, 2s, 5m, 1h or 1d (or ISO-8601 such as PT2S)";
            return Stream.of(
                    arguments("", "\"\" is not a duration" + howTo),
                    arguments("5 minutes", "\"5 minutes\" is not a duration" + howTo),
                    arguments("1.5s", "\"1.5s\" is not a duration" + howTo),
                    arguments("5M", "\"5M\" is not a duration" + howTo),
                    arguments("-1s", "\"-1s\" is not a duration" + howTo),
                    arguments("5m 1h", "\"5m 1h\" is not a duration" + howTo),
                    arguments("1m 1m", "\"1m 1m\" is not a duration" + howTo),
                    arguments("PT", "\"PT\" is not a duration" + howTo),
                    arguments("5", "\"5\" has no unit — write e.g. 5s or 5m"),
                    arguments("PT-2S", "\"PT-2S\" is negative — durations are zero or longer"),
                    arguments("-PT2S", "\"-PT2S\" is negative — durations are zero or longer"),
                    arguments(
                            "99999999999999999999d",
                            "\"99999999999999999999d\" is too large for a duration — e.g. 30d"),
                    arguments("999999999999999d", "\"999999999999999d\" is too large for a duration — e.g. 30d"));
        }

        @ParameterizedTest(name = "\"{0}\" is rejected")
        @MethodSource("mistakes")
        void rejects_anything_else_with_a_message_that_shows_how_to_write_it(String text, String message) {
            assertThatThrownBy(() -> Durations.parse(text))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage(message);
        }

        @Test
        void quotes_only_the_start_of_a_very_long_text() {
            assertThatThrownBy(() -> Durations.parse("1".repeat(10_000) + "s"))
                    .hasMessage("\"" + "1".repeat(59) + "…\" (10001 characters) is not a duration — write a whole"
                            + " number and a unit: 500ms, 2s, 5m, 1h or 1d (or ISO-8601 such as PT2S)");
        }
    }

    @Nested
    class Format {

        static Stream<Arguments> durations() {
            return Stream.of(
                    arguments(Duration.ZERO, "0s"),
                    arguments(Duration.ofMillis(500), "500ms"),
                    arguments(Duration.ofSeconds(2), "2s"),
                    arguments(Duration.ofMinutes(5), "5m"),
                    arguments(Duration.ofMinutes(65), "1h 5m"),
                    arguments(Duration.ofHours(24), "1d"),
                    arguments(Duration.ofDays(1).plusSeconds(1), "1d 1s"),
                    arguments(Duration.ofMillis(1500), "1s 500ms"),
                    arguments(Duration.ofNanos(1_999_999), "1ms"));
        }

        @ParameterizedTest(name = "{0} reads {1}")
        @MethodSource("durations")
        void writes_the_short_form_rounded_down_to_the_millisecond(Duration duration, String text) {
            assertThat(Durations.format(duration)).isEqualTo(text);
        }

        @ParameterizedTest(name = "{1} reads back as {0}")
        @MethodSource("durations")
        void writes_what_parse_reads_back(Duration duration, String text) {
            assertThat(Durations.parse(text)).isEqualTo(Duration.ofMillis(duration.toMillis()));
        }

        @Test
        void refuses_a_negative_duration() {
            assertThatThrownBy(() -> Durations.format(Duration.ofSeconds(-1)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("can't format a negative duration: PT-1S");
        }
    }
}

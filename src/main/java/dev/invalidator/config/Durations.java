package dev.invalidator.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people write them in a config file and read them in messages.
 *
 * <p>{@link #parse} accepts a whole number with a unit ({@code 500ms}, {@code 2s}, {@code 5m}, {@code 1h},
 * {@code 1d}), several of those from largest to smallest unit ({@code 1h 30m}, {@code 1h30m}, which is what
 * {@link #format} writes), or ISO-8601 ({@code PT2S}, {@code P1D}). {@link #format} writes the short form, rounded
 * down to the millisecond.
 *
 * <pre>{@code
 * Duration ttl = Durations.parse("5m");          // PT5M
 * Durations.format(Duration.ofSeconds(3900));    // "1h 5m"
 * Durations.parse("5 minutes");                  // IllegalArgumentException:
 *     // "5 minutes" is not a duration — write a whole number and a unit: 500ms, 2s, 5m, 1h or 1d (or ISO-8601 such as PT2S)
 * }</pre>
 */
public final class Durations {

    private static final Pattern SHORT_FORM =
            Pattern.compile("(?:(\\d+)d)?\\s*(?:(\\d+)h)?\\s*(?:(\\d+)m)?\\s*(?:(\\d+)s)?\\s*(?:(\\d+)ms)?");
    private static final Pattern BARE_NUMBER = Pattern.compile("\\d+");
    private static final Pattern ISO_8601 = Pattern.compile("[+-]?[Pp].*");
    // Longer than any duration a person writes; keeps the regex work and the echoed text small.
    private static final int MAX_LENGTH = 64;
    private static final String HOW_TO_WRITE =
            "write a whole number and a unit: 500ms, 2s, 5m, 1h or 1d (or ISO-8601 such as PT2S)";

    private Durations() {}

    /**
     * Parses a duration; zero is allowed, negative durations are not.
     *
     * @throws IllegalArgumentException with a one-line message that quotes the text and shows how to write it
     */
    public static Duration parse(String text) {
        String trimmed = text.strip();
        if (trimmed.length() > MAX_LENGTH) {
            throw notADuration(text);
        }
        if (BARE_NUMBER.matcher(trimmed).matches()) {
            throw new IllegalArgumentException(
                    Text.quote(text) + " has no unit — write e.g. " + trimmed + "s or " + trimmed + "m");
        }
        Duration duration =
                ISO_8601.matcher(trimmed).matches() ? parseIso(text, trimmed) : parseShortForm(text, trimmed);
        if (duration.isNegative()) {
            throw new IllegalArgumentException(Text.quote(text) + " is negative — durations are zero or longer");
        }
        return duration;
    }

    /**
     * Writes a non-negative duration for people: {@code "500ms"}, {@code "2s"}, {@code "1h 5m"}, {@code "0s"}.
     *
     * @throws IllegalArgumentException for a negative duration
     */
    public static String format(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("can't format a negative duration: " + duration);
        }
        List<String> parts = new ArrayList<>();
        addPart(parts, duration.toDays(), "d");
        addPart(parts, duration.toHoursPart(), "h");
        addPart(parts, duration.toMinutesPart(), "m");
        addPart(parts, duration.toSecondsPart(), "s");
        addPart(parts, duration.toMillisPart(), "ms");
        return parts.isEmpty() ? "0s" : String.join(" ", parts);
    }

    private static void addPart(List<String> parts, long amount, String unit) {
        if (amount != 0) {
            parts.add(amount + unit);
        }
    }

    private static Duration parseIso(String text, String trimmed) {
        try {
            return Duration.parse(trimmed);
        } catch (DateTimeParseException e) {
            throw notADuration(text);
        }
    }

    private static Duration parseShortForm(String text, String trimmed) {
        Matcher matcher = SHORT_FORM.matcher(trimmed);
        if (trimmed.isEmpty() || !matcher.matches()) {
            throw notADuration(text);
        }
        try {
            return Duration.ofDays(amount(matcher, 1))
                    .plusHours(amount(matcher, 2))
                    .plusMinutes(amount(matcher, 3))
                    .plusSeconds(amount(matcher, 4))
                    .plusMillis(amount(matcher, 5));
        } catch (ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException(Text.quote(text) + " is too large for a duration — e.g. 30d");
        }
    }

    private static long amount(Matcher matcher, int group) {
        String digits = matcher.group(group);
        return digits == null ? 0 : Long.parseLong(digits);
    }

    private static IllegalArgumentException notADuration(String text) {
        return new IllegalArgumentException(Text.quote(text) + " is not a duration — " + HOW_TO_WRITE);
    }
}

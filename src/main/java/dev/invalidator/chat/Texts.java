package dev.invalidator.chat;

import dev.invalidator.base.Numbers;
import dev.invalidator.cost.MonthCount;
import dev.invalidator.cost.Pricing;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Small formatting rules shared by every message, so numbers and times read the same everywhere. */
public final class Texts {

    private static final DateTimeFormatter UTC =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private Texts() {}

    /** "1 path", "3 paths", "1,200 paths". */
    public static String paths(int count) {
        return Numbers.grouped(count) + (count == 1 ? " path" : " paths");
    }

    /** "web", "web and docs", "web, shop and docs". */
    public static String and(List<String> words) {
        if (words.size() <= 1) {
            return String.join("", words);
        }
        return String.join(", ", words.subList(0, words.size() - 1)) + " and " + words.get(words.size() - 1);
    }

    /** "42s", "1m 12s", "1h 3m". */
    public static String duration(Duration duration) {
        long seconds = Math.max(0, duration.toSeconds());
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3600) {
            return (seconds / 60) + "m " + (seconds % 60) + "s";
        }
        return (seconds / 3600) + "h " + (seconds % 3600 / 60) + "m";
    }

    /**
     * "950 of 1,000 free paths used this month", per AWS account when there are several, with the count's age when
     * it is not fresh: as many accounts as a third of a section holds.
     */
    public static String monthToDate(Map<String, MonthCount> usedByAccount) {
        return Fit.joined(
                usedByAccount.entrySet().stream()
                        .map(entry -> entry.getValue()
                                        .paths()
                                        .map(used -> Numbers.grouped(used) + " of "
                                                + Numbers.grouped(Pricing.FREE_PATHS_PER_MONTH)
                                                + " free paths used this month" + asOf(entry.getValue()))
                                        .orElse("this month's paths: " + NOT_COUNTED_YET)
                                + (usedByAccount.size() > 1 ? " (account " + entry.getKey() + ")" : ""))
                        .toList(),
                " · ",
                Fit.SECTION / 3,
                more -> "and " + Numbers.grouped(more) + " more accounts");
    }

    /** What a person is shown for a month's count the bot has not finished reading (just after start-up). */
    public static final String NOT_COUNTED_YET = "count not known yet";

    /** " (as of 3m 5s ago)" for a count that is not fresh; nothing for a fresh one. */
    public static String asOf(MonthCount count) {
        return age(count).map(age -> " (" + age + ")").orElse("");
    }

    /** "as of 3m 5s ago" for a count that is not fresh; empty for a fresh one. */
    public static Optional<String> age(MonthCount count) {
        return count.fresh() || !count.known()
                ? Optional.empty()
                : Optional.of("as of " + duration(count.age()) + " ago");
    }

    /** A time Slack shows in the reader's own time zone, with UTC as the fallback. */
    public static String time(Instant instant) {
        return "<!date^" + instant.getEpochSecond() + "^{date_short_pretty} {time_secs}|" + UTC.format(instant) + ">";
    }
}

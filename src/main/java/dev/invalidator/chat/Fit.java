package dev.invalidator.chat;

import dev.invalidator.request.SlackText;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Slack's limits on what one message may hold ({@code slack.md} §11), and text cut to fit them. Lengths are counted
 * as the text is sent: after escaping (an ampersand becomes five characters) and in UTF-16 units, so
 * an emoji counts two. A cut falls only between whole characters of the unescaped text — never inside an entity, a
 * surrogate pair or a mention — or between whole lines, and says so: "…", or a last line such as "… and 12 more".
 *
 * <pre>{@code
 * Fit.escaped("/search?a=1&b=2", 15);      // "/search?a=1…": "&b=2", escaped, did not fit
 * Fit.lines(List.of("• /a.css", "• /b.css", "• /c.css"), 22, n -> "… and " + n + " more");
 *                                           // "• /a.css\n… and 2 more"
 * }</pre>
 */
public final class Fit {

    /** The text of a section, and of each element of a context. */
    public static final int SECTION = 3_000;
    /**
     * All the blocks of one message together. Slack documents no such limit but refuses bigger messages with
     * {@code msg_blocks_too_long}, already at 11,341 characters of text (slackapi/bolt-js issues #2509, #2867).
     */
    static final int MESSAGE = 10_000;
    /** A message's text (Slack cuts longer ones). */
    static final int TEXT = 40_000;
    /** A button's label, and an option's text and value. */
    public static final int LABEL = 75;
    /** The options of one select menu. */
    public static final int OPTIONS = 100;

    private static final String ELLIPSIS = "…";
    private static final String NEW_LINE = "\n";

    private Fit() {}

    /** {@code text} escaped for mrkdwn and cut to at most {@code max} characters, ending in "…" when cut. */
    public static String escaped(String text, int max) {
        return SlackText.escape(escapingWithin(text, max));
    }

    /**
     * The longest start of {@code text} whose escaped form, with "…" when cut, is at most {@code max} characters: for
     * text that is escaped later, such as the lines of a code block.
     */
    public static String escapingWithin(String text, int max) {
        if (SlackText.escape(text).length() <= max) {
            return text;
        }
        return cut(text, max, true);
    }

    /** Plain text (shown as is, never escaped) cut to at most {@code max} characters, ending in "…" when cut. */
    public static String plain(String text, int max) {
        return text.length() <= max ? text : cut(text, max, false);
    }

    /**
     * Whole lines, one under the other, within {@code max} characters: as many as fit, then {@code more} of the
     * number left out.
     */
    public static String lines(List<String> lines, int max, IntFunction<String> more) {
        return joined(lines, NEW_LINE, max, more);
    }

    /**
     * Whole items joined by {@code separator} within {@code max} characters: as many as fit, then {@code more} of the
     * number left out.
     */
    public static String joined(List<String> items, String separator, int max, IntFunction<String> more) {
        String all = String.join(separator, items);
        if (all.length() <= max) {
            return all;
        }
        int room = max - separator.length() - more.apply(items.size()).length();
        // "1 more path" and "12 more paths" differ by more than their digits: give back an item until it fits.
        for (int shown = fitting(items, separator, room, items.size()); shown > 0; shown--) {
            String fitted =
                    String.join(separator, items.subList(0, shown)) + separator + more.apply(items.size() - shown);
            if (fitted.length() <= max) {
                return fitted;
            }
        }
        return more.apply(items.size());
    }

    /**
     * How many of {@code items}, from the first, fit in {@code max} characters when joined by {@code separator}: at
     * most {@code maxItems}.
     */
    public static int fitting(List<String> items, String separator, int max, int maxItems) {
        int shown = 0;
        int length = 0;
        for (String item : items.subList(0, Math.min(maxItems, items.size()))) {
            length += (shown == 0 ? 0 : separator.length()) + item.length();
            if (length > max) {
                break;
            }
            shown++;
        }
        return shown;
    }

    private static String cut(String text, int max, boolean escaping) {
        int room = max - ELLIPSIS.length();
        int length = 0;
        int end = 0;
        while (end < text.length()) {
            int codePoint = text.codePointAt(end);
            int size = escaping
                    ? SlackText.escape(Character.toString(codePoint)).length()
                    : Character.charCount(codePoint);
            if (length + size > room) {
                break;
            }
            length += size;
            end += Character.charCount(codePoint);
        }
        return text.substring(0, end) + ELLIPSIS;
    }
}

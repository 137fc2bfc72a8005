package dev.invalidator.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Slack's mrkdwn as a terminal shows it: mentions by name, dates by their fallback text, links with their address,
 * the emoji the bot uses as characters, bold markers dropped, quotes and code blocks indented. Inline code keeps its
 * backticks, so a path still reads as something typed literally.
 *
 * <pre>{@code
 * new Mrkdwn(names).lines(":white_check_mark: *Completed*\nAsked by <@U0ALICE>");
 * // ["✅ Completed", "Asked by @alice"]
 * }</pre>
 */
final class Mrkdwn {

    private static final Pattern ENTITY = Pattern.compile("<([^<>\\n]*)>");
    private static final Pattern EMOJI = Pattern.compile(":([a-z0-9_+-]+):");
    private static final String FENCE = "```";
    private static final Map<String, String> EMOJI_CHARACTERS = Map.ofEntries(
            Map.entry("arrows_counterclockwise", "🔄"),
            Map.entry("boom", "💥"),
            Map.entry("bulb", "💡"),
            Map.entry("hourglass", "⌛"),
            Map.entry("grey_question", "❔"),
            Map.entry("hourglass_flowing_sand", "⏳"),
            Map.entry("mag", "🔍"),
            Map.entry("no_entry", "⛔"),
            Map.entry("no_entry_sign", "🚫"),
            Map.entry("raised_hand", "✋"),
            Map.entry("stopwatch", "⏱"),
            Map.entry("warning", "⚠"),
            Map.entry("white_check_mark", "✅"),
            Map.entry("x", "❌"));

    private final Names names;

    Mrkdwn(Names names) {
        this.names = names;
    }

    /** The text as terminal lines; a code block's lines are indented by two spaces and kept verbatim. */
    List<String> lines(String mrkdwn) {
        List<String> lines = new ArrayList<>();
        String[] parts = mrkdwn.split(FENCE, -1);
        for (int i = 0; i < parts.length; i++) {
            boolean code = i % 2 == 1;
            String part = parts[i];
            if (part.isEmpty()) {
                continue;
            }
            for (String line : trimNewlines(part).split("\n", -1)) {
                lines.add(code ? "  " + unescape(line) : prose(line));
            }
        }
        return lines;
    }

    /** One line of prose; a leading {@code >} (a quote) becomes a bar. */
    String prose(String line) {
        String quoted = line.startsWith(">") ? "▌ " + line.substring(1) : line;
        return unescape(emoji(bold(entities(quoted))));
    }

    private String entities(String text) {
        Matcher matcher = ENTITY.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(out, Matcher.quoteReplacement(entity(matcher.group(1))));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    /** {@code @U…}, {@code #C…}, {@code !subteam^S…}, {@code !date^…|fallback}, {@code !here}, links. */
    private String entity(String inside) {
        int bar = inside.indexOf('|');
        String target = bar < 0 ? inside : inside.substring(0, bar);
        String label = bar < 0 ? null : inside.substring(bar + 1);
        if (target.startsWith("@")) {
            return "@" + names.user(target.substring(1));
        }
        if (target.startsWith("#")) {
            return "#" + (label != null ? label : names.channel(target.substring(1)));
        }
        if (target.startsWith("!subteam^")) {
            return "@" + names.group(target.substring("!subteam^".length()));
        }
        if (target.startsWith("!date^")) {
            return label != null ? label : target;
        }
        if (target.startsWith("!")) {
            return "@" + target.substring(1);
        }
        return label == null ? target : label + " (" + target + ")";
    }

    private static String emoji(String text) {
        Matcher matcher = EMOJI.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String character = EMOJI_CHARACTERS.getOrDefault(matcher.group(1), matcher.group());
            matcher.appendReplacement(out, Matcher.quoteReplacement(character));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    /**
     * Drops the pairs of {@code *} that make bold, as Slack reads them: outside inline code (where a path's {@code *}
     * sits), opening after a non-word character and closing before one.
     */
    private static String bold(String text) {
        List<Integer> markers = new ArrayList<>();
        boolean inCode = false;
        int opener = -1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '`') {
                inCode = !inCode;
            } else if (c == '*' && !inCode) {
                if (opener < 0 && opens(text, i)) {
                    opener = i;
                } else if (opener >= 0 && closes(text, i)) {
                    markers.add(opener);
                    markers.add(i);
                    opener = -1;
                }
            }
        }
        StringBuilder out = new StringBuilder(text);
        for (int i = markers.size() - 1; i >= 0; i--) {
            out.deleteCharAt(markers.get(i));
        }
        return out.toString();
    }

    private static boolean opens(String text, int at) {
        return (at == 0 || !Character.isLetterOrDigit(text.charAt(at - 1)))
                && at + 1 < text.length()
                && !Character.isWhitespace(text.charAt(at + 1));
    }

    private static boolean closes(String text, int at) {
        return at > 0
                && !Character.isWhitespace(text.charAt(at - 1))
                && (at + 1 == text.length() || !Character.isLetterOrDigit(text.charAt(at + 1)));
    }

    /** Slack's three escapes, undone last so that an escaped {@code <} never turns into a mention. */
    private static String unescape(String text) {
        return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }

    private static String trimNewlines(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && text.charAt(start) == '\n') {
            start++;
        }
        while (end > start && text.charAt(end - 1) == '\n') {
            end--;
        }
        return text.substring(start, end);
    }
}

package dev.invalidator.base;

import java.util.Objects;

/**
 * Text cut to a length, the same way wherever a message quotes something of unknown size: what a user pasted, a
 * config value, a parser's complaint, a Slack field with a limit.
 *
 * <pre>{@code
 * Strings.shorten("/index.html", 80);              // "/index.html"
 * Strings.shorten("/" + "a".repeat(100), 10);      // "/aaaaaaaa…": 10 characters, the ellipsis counted
 * Strings.shorten("ab😀cd", 4);                    // "ab😀…": the emoji is one character, never half of one
 * }</pre>
 */
public final class Strings {

    private static final String ELLIPSIS = "…";

    private Strings() {}

    /**
     * The text itself when it has at most {@code maxCodePoints} code points; otherwise its first
     * {@code maxCodePoints - 1} code points and "…", so exactly {@code maxCodePoints} in all.
     *
     * <p>Counted in code points, not in Java's UTF-16 units, so a cut never falls inside a surrogate pair (an emoji,
     * many CJK characters): half a pair is not valid Unicode, and Slack and JSON encoders turn it into "?" or refuse
     * it. A cut may still fall between the code points of one visible character (a flag, 👍🏽); each part is valid
     * text.
     *
     * @throws IllegalArgumentException when {@code maxCodePoints} is less than 1: there is no room for the "…"
     */
    public static String shorten(String text, int maxCodePoints) {
        Objects.requireNonNull(text, "text");
        if (maxCodePoints < 1) {
            throw new IllegalArgumentException("maxCodePoints must be at least 1: " + maxCodePoints);
        }
        if (text.codePointCount(0, text.length()) <= maxCodePoints) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, maxCodePoints - 1)) + ELLIPSIS;
    }
}

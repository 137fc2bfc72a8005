package dev.invalidator.request;

import dev.invalidator.base.Numbers;
import dev.invalidator.base.Strings;
import java.util.Locale;

/** Shared phrasing for user-facing text, so every message quotes input and numbers the same way. */
final class Wording {

    /** Longest quote of user input in a message; replies stay readable however much was pasted. */
    private static final int QUOTE_LIMIT = 80;

    private Wording() {}

    /** The text itself, or its start and "…" in at most {@value #QUOTE_LIMIT} characters. */
    static String shorten(String text) {
        return Strings.shorten(text, QUOTE_LIMIT);
    }

    /** "1 path", "3,001 paths". */
    static String count(long n, String noun) {
        return Numbers.grouped(n) + " " + noun + (n == 1 ? "" : "s");
    }

    /** "U+00E9": names a character the user may not be able to see. */
    static String codePoint(int codePoint) {
        return String.format(Locale.ROOT, "U+%04X", codePoint);
    }
}

package dev.invalidator.request;

import java.util.Locale;

/** Shared phrasing for user-facing text, so every message quotes input and numbers the same way. */
final class Wording {

    /** Longest quote of user input in a message; replies stay readable however much was pasted. */
    private static final int QUOTE_LIMIT = 80;

    private Wording() {}

    /** The text itself, or its start plus "…" in at most {@value #QUOTE_LIMIT} chars, never splitting a pair. */
    static String shorten(String text) {
        if (text.length() <= QUOTE_LIMIT) {
            return text;
        }
        int end = QUOTE_LIMIT - 1;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + "…";
    }

    /** "3,001" — digits grouped the same whatever the server's locale. */
    static String number(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** "1 path", "3,001 paths". */
    static String count(long n, String noun) {
        return number(n) + " " + noun + (n == 1 ? "" : "s");
    }

    /** "U+00E9": names a character the user may not be able to see. */
    static String codePoint(int codePoint) {
        return String.format(Locale.ROOT, "U+%04X", codePoint);
    }
}

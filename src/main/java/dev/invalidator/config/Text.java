package dev.invalidator.config;

import dev.invalidator.base.Strings;

/**
 * Makes text from a config file safe to show in a one-line error message: values are shortened and control
 * characters are spelled out, so a hostile or mistaken file can't flood a log or break the line.
 */
final class Text {

    private static final int MAX_SHOWN_CODE_POINTS = 60;

    private Text() {}

    /** A value in double quotes, shortened to 60 characters ("…" included, with its full length) when longer. */
    static String quote(String value) {
        int length = value.codePointCount(0, value.length());
        String shown = printable(Strings.shorten(value, MAX_SHOWN_CODE_POINTS)).replace("\"", "\\\"");
        return length <= MAX_SHOWN_CODE_POINTS ? '"' + shown + '"' : '"' + shown + "\" (" + length + " characters)";
    }

    /** Replaces line breaks, tabs and other invisible or control characters with Java-style escapes. */
    static String printable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (c == '\n') {
                out.append("\\n");
            } else if (c == '\r') {
                out.append("\\r");
            } else if (c == '\t') {
                out.append("\\t");
            } else if (Character.isISOControl(c) || isInvisible(c)) {
                out.append(String.format("\\u%04X", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }

    // Format characters (bidi overrides, zero-width joiners) and line/paragraph separators can disguise or
    // split a message, so they are shown by code.
    private static boolean isInvisible(int c) {
        int type = Character.getType(c);
        return type == Character.FORMAT || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR;
    }
}

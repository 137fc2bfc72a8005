package dev.invalidator.request;

import java.nio.charset.StandardCharsets;

/**
 * CloudFront's encoding rule: percent-encode non-ASCII characters and those RFC 1738 calls unsafe, and nothing
 * else. Encoding more names a different cache key and silently invalidates nothing; so an existing
 * {@code %XX} escape is kept as typed, and {@code *} is never encoded because {@code %2A} is no wildcard.
 *
 * <p>A lower-case escape ({@code %c3%a9}) is kept as typed too, not normalised to {@code %C3%A9}. The developer
 * guide's "Invalidating files" (shared reference cloudfront.md §1) says invalidation paths are case sensitive and
 * that encoding anything beyond the rule leaves the old object in place: CloudFront compares the path with the
 * cached URL letter for letter and promises no normalisation. A browser sends an escape written in a link as it is
 * written, so an object linked as {@code %c3%a9} is cached under {@code %c3%a9}, and upper-casing it would name
 * another. The user is warned instead ({@link PathWarnings}), with the upper-case spelling browsers produce when they
 * encode a character themselves.
 *
 * <pre>{@code
 * PathEncoder.encode("/café menu.pdf");   // "/caf%C3%A9%20menu.pdf"
 * PathEncoder.encode("/a%20b?x=1&y=2");   // unchanged
 * }</pre>
 */
final class PathEncoder {

    /** RFC 1738's unsafe characters; space and control characters are below '!' and always encoded. */
    private static final String UNSAFE = "%<>\"#{}|\\^~[]`";

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private PathEncoder() {}

    static String encode(String path) {
        StringBuilder out = new StringBuilder(path.length() + 16);
        int i = 0;
        while (i < path.length()) {
            if (isEscapeAt(path, i)) {
                out.append(path, i, i + 3);
                i += 3;
                continue;
            }
            int codePoint = path.codePointAt(i);
            if (codePoint > ' ' && codePoint < 0x7F && UNSAFE.indexOf(codePoint) < 0) {
                out.append((char) codePoint);
            } else {
                appendEscaped(out, codePoint);
            }
            i += Character.charCount(codePoint);
        }
        return out.toString();
    }

    /** Whether {@code %XX} (two ASCII hex digits) starts at {@code index}. */
    static boolean isEscapeAt(String text, int index) {
        return text.charAt(index) == '%'
                && index + 2 < text.length()
                && isHexDigit(text.charAt(index + 1))
                && isHexDigit(text.charAt(index + 2));
    }

    private static boolean isHexDigit(char c) {
        return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F') || (c >= 'a' && c <= 'f');
    }

    // A lone surrogate comes out as "%3F" ('?') here; PathRules rejects such paths, so that value is never sent.
    private static void appendEscaped(StringBuilder out, int codePoint) {
        for (byte b : new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8)) {
            out.append('%').append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
        }
    }
}

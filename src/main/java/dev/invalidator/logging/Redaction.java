package dev.invalidator.logging;

import java.util.regex.Pattern;

/**
 * The backstop that keeps Slack tokens out of logs: whatever a library prints, a bot token ({@code xoxb-…}), user
 * token ({@code xoxp-…}), refresh or rotated token ({@code xoxe-…}, {@code xoxe.xoxp-…}), app-level token
 * ({@code xapp-…}) or any other {@code xox?-} token is replaced before the line is written — also where it is glued to
 * what comes before ({@code token%3Dxoxb-…} in a URL-encoded form body, {@code _xoxb-…}), where its dashes are
 * URL-encoded ({@code xoxb%2D…}), and in any letter case.
 *
 * <pre>{@code
 * Redaction.redact("Bearer xoxb-123-456-abc")      // "Bearer xoxb-[redacted]"
 * Redaction.redact("token%3Dxoxb%2D123%2D456")     // "token%3Dxoxb-[redacted]"
 * }</pre>
 */
public final class Redaction {

    // No word boundary before the prefix: URL encoding ("%3Dxoxb") and names glued to a token ("TOKENxoxb") leave none.
    private static final Pattern TOKEN =
            Pattern.compile("(xox[a-z]|xapp)(?:-|%2d)(?:[a-z0-9-]|%2d)+", Pattern.CASE_INSENSITIVE);

    private Redaction() {}

    public static String redact(String text) {
        return text == null || (text.indexOf('-') < 0 && text.indexOf('%') < 0)
                ? text
                : TOKEN.matcher(text).replaceAll("$1-[redacted]");
    }
}

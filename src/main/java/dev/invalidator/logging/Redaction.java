package dev.invalidator.logging;

import java.util.regex.Pattern;

/**
 * The backstop that keeps Slack tokens out of logs: whatever a library prints, a bot token ({@code xoxb-…}), user
 * token ({@code xoxp-…}) or app-level token ({@code xapp-…}) is replaced before the line is written.
 *
 * <pre>{@code
 * Redaction.redact("Bearer xoxb-123-456-abc")   // "Bearer xoxb-[redacted]"
 * }</pre>
 */
public final class Redaction {

    private static final Pattern TOKEN = Pattern.compile("\\b(xox[abpor]|xapp)-[A-Za-z0-9-]+");

    private Redaction() {}

    public static String redact(String text) {
        return text == null || text.indexOf('-') < 0
                ? text
                : TOKEN.matcher(text).replaceAll("$1-[redacted]");
    }
}

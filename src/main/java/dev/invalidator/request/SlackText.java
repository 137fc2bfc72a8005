package dev.invalidator.request;

import java.util.Objects;

/**
 * Slack's three entities: Slack sends {@code &}, {@code <} and {@code >} as {@code &amp;}, {@code &lt;} and
 * {@code &gt;} in message and command text, and expects the same escaping in any text we post.
 *
 * <pre>{@code
 * SlackText.unescape("/img.jpg?a=1&amp;b=2");   // "/img.jpg?a=1&b=2"
 * SlackText.escape("/<!channel>");              // "/&lt;!channel&gt;" — shown literally, never a broadcast
 * }</pre>
 */
// EscapedEntity: the entities in these {@code} tags are the text Slack sends, meant to render as written ("&amp;").
@SuppressWarnings("EscapedEntity")
public final class SlackText {

    private SlackText() {}

    /**
     * Decodes the three entities in one left-to-right pass, so text that was escaped once is decoded once:
     * {@code "&amp;lt;"} becomes {@code "&lt;"}, not {@code "<"}. Any other {@code &} sequence is kept as is.
     */
    public static String unescape(String slackText) {
        Objects.requireNonNull(slackText, "slackText");
        StringBuilder out = new StringBuilder(slackText.length());
        int i = 0;
        while (i < slackText.length()) {
            if (slackText.startsWith("&amp;", i)) {
                out.append('&');
                i += 5;
            } else if (slackText.startsWith("&lt;", i)) {
                out.append('<');
                i += 4;
            } else if (slackText.startsWith("&gt;", i)) {
                out.append('>');
                i += 4;
            } else {
                out.append(slackText.charAt(i));
                i++;
            }
        }
        return out.toString();
    }

    /**
     * Escapes exactly {@code &}, {@code <} and {@code >} for mrkdwn. Slack documents no other escape, and
     * HTML-encoding more would show users literal entities.
     */
    public static String escape(String text) {
        Objects.requireNonNull(text, "text");
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}

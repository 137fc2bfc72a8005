package dev.invalidator.cdn;

import java.time.Instant;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the bot writes into an invalidation's CallerReference: the Slack status message it belongs to and who asked.
 *
 * <p>CloudFront keeps the reference with the invalidation for good, so a bot that restarts finds its status messages
 * again from CloudFront alone; and because the reference is derived from the status message, sending the same
 * request twice can never create two invalidations. The form is versioned, ASCII and at most 128 characters:
 *
 * <pre>{@code
 * new CallerReference("C0OPS", "1503435956.000247", "U0ALICE").encode()
 *     // "invalidator/1/C0OPS/1503435956.000247/U0ALICE"
 * CallerReference.decode("cli-1523067548-180131")   // Optional.empty(): not one of ours
 * }</pre>
 *
 * @param channel   the Slack channel id of the status message
 * @param messageTs the status message's {@code ts}
 * @param requester the Slack user id of the person who asked
 */
public record CallerReference(String channel, String messageTs, String requester) {

    private static final String PREFIX = "invalidator/1/";
    private static final String ID = "[A-Z0-9]{1,24}";
    private static final String TS = "[0-9]{1,12}\\.[0-9]{1,9}";
    private static final Pattern ENCODED =
            Pattern.compile(Pattern.quote(PREFIX) + "(" + ID + ")/(" + TS + ")/(" + ID + ")");

    public CallerReference {
        require(channel, ID, "channel");
        require(messageTs, TS, "messageTs");
        require(requester, ID, "requester");
    }

    /** When the status message was posted: Slack's {@code ts} is seconds since the epoch. */
    public Instant messageTime() {
        return Instant.ofEpochSecond(Long.parseLong(messageTs.substring(0, messageTs.indexOf('.'))));
    }

    public String encode() {
        return PREFIX + channel + "/" + messageTs + "/" + requester;
    }

    /** The reference's parts when the bot wrote it, else empty (references of the console, the CLI, other tools). */
    public static Optional<CallerReference> decode(String reference) {
        if (reference == null) {
            return Optional.empty();
        }
        Matcher matcher = ENCODED.matcher(reference);
        return matcher.matches()
                ? Optional.of(new CallerReference(matcher.group(1), matcher.group(2), matcher.group(3)))
                : Optional.empty();
    }

    private static void require(String value, String pattern, String name) {
        if (value == null || !value.matches(pattern)) {
            throw new IllegalArgumentException(name + " must match " + pattern + " but was: " + value);
        }
    }
}

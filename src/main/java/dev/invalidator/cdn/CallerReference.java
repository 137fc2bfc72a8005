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
 * new CallerReference("C0OPS", "1503435956.000247", "U0ALICE", 2, 3).encode()
 *     // "invalidator/1/C0OPS/1503435956.000247/U0ALICE/b2of3": the second of a split request's three invalidations
 * new CallerReference("C0OPS", "1503435957.000300", "U0ALICE", 0, 0, Optional.of("1503435956.000247")).encode()
 *     // "invalidator/1/C0OPS/1503435957.000300/U0ALICE/t1503435956.000247": a group member's message, in the thread
 *     // of the group's message
 * CallerReference.decode("cli-1523067548-180131")   // Optional.empty(): not one of ours
 * }</pre>
 *
 * <p>A request too large for one invalidation goes out in batches under one status message; each batch's reference
 * names its place and their count, so that whoever sees one end knows from CloudFront alone whether it was the last.
 *
 * @param channel   the Slack channel id of the status message
 * @param messageTs the status message's {@code ts}
 * @param requester the Slack user id of the person who asked
 * @param batch     which batch of a split request, from 1; 0 when the request went out whole
 * @param batches   how many batches the request went out in; 0 when it went out whole
 * @param rootTs    when the status message is a reply (a member of a group request, in the thread of the group's
 *     message), the {@code ts} of its thread's root, which a reply to the status message must name; empty otherwise
 */
public record CallerReference(
        String channel, String messageTs, String requester, int batch, int batches, Optional<String> rootTs) {

    private static final String PREFIX = "invalidator/1/";
    private static final String ID = "[A-Z0-9]{1,24}";
    private static final String TS = "[0-9]{1,12}\\.[0-9]{1,9}";
    private static final Pattern ENCODED = Pattern.compile(Pattern.quote(PREFIX) + "(" + ID + ")/(" + TS + ")/(" + ID
            + ")(?:/b([1-9][0-9]{0,3})of([1-9][0-9]{0,3}))?(?:/t(" + TS + "))?");

    public CallerReference {
        require(channel, ID, "channel");
        require(messageTs, TS, "messageTs");
        require(requester, ID, "requester");
        rootTs.ifPresent(root -> require(root, TS, "rootTs"));
        boolean whole = batch == 0 && batches == 0;
        if (!whole && (batch < 1 || batches < 2 || batch > batches || batches > 9999)) {
            throw new IllegalArgumentException(
                    "batch " + batch + " of " + batches + " is not a batch of a split request");
        }
    }

    /** The reference of a request that goes out whole, in one invalidation. */
    public CallerReference(String channel, String messageTs, String requester) {
        this(channel, messageTs, requester, 0, 0);
    }

    /** The reference of a status message of the channel itself, not a reply. */
    public CallerReference(String channel, String messageTs, String requester, int batch, int batches) {
        this(channel, messageTs, requester, batch, batches, Optional.empty());
    }

    /** Whether the request went out in batches. */
    public boolean split() {
        return batches > 0;
    }

    /** Whether its invalidation is the request's last (or only) one: its end is the request's end. */
    public boolean last() {
        return batch == batches;
    }

    /** When the status message was posted: Slack's {@code ts} is seconds since the epoch. */
    public Instant messageTime() {
        return Instant.ofEpochSecond(Long.parseLong(messageTs.substring(0, messageTs.indexOf('.'))));
    }

    public String encode() {
        return PREFIX + channel + "/" + messageTs + "/" + requester + (split() ? "/b" + batch + "of" + batches : "")
                + rootTs.map(root -> "/t" + root).orElse("");
    }

    /** The reference's parts when the bot wrote it, else empty (references of the console, the CLI, other tools). */
    public static Optional<CallerReference> decode(String reference) {
        if (reference == null) {
            return Optional.empty();
        }
        Matcher matcher = ENCODED.matcher(reference);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        Optional<String> root = Optional.ofNullable(matcher.group(6));
        if (matcher.group(4) == null) {
            return Optional.of(new CallerReference(matcher.group(1), matcher.group(2), matcher.group(3), 0, 0, root));
        }
        int batch = Integer.parseInt(matcher.group(4));
        int batches = Integer.parseInt(matcher.group(5));
        return batch <= batches && batches > 1
                ? Optional.of(
                        new CallerReference(matcher.group(1), matcher.group(2), matcher.group(3), batch, batches, root))
                : Optional.empty();
    }

    private static void require(String value, String pattern, String name) {
        if (value == null || !value.matches(pattern)) {
            throw new IllegalArgumentException(name + " must match " + pattern + " but was: " + value);
        }
    }
}

package dev.invalidator.flow;

import dev.invalidator.cdn.CallerReference;
import dev.invalidator.chat.PostedMessage;

/**
 * A status message and the CallerReference of its invalidation, one from the other: a group member's message is a
 * reply, and its reference names its thread's root too, so that whoever reports its end from CloudFront alone replies
 * in the right thread.
 */
final class StatusReferences {

    private StatusReferences() {}

    static CallerReference of(PostedMessage status, String requester) {
        return of(status, requester, 0, 0);
    }

    /** The reference of batch {@code batch} of {@code batches} of a split request (0 of 0: sent whole). */
    static CallerReference of(PostedMessage status, String requester, int batch, int batches) {
        return new CallerReference(status.channel(), status.ts(), requester, batch, batches, status.root());
    }

    static PostedMessage statusOf(CallerReference reference) {
        return new PostedMessage(reference.channel(), reference.messageTs(), reference.rootTs());
    }
}

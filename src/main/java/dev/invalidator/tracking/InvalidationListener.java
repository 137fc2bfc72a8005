package dev.invalidator.tracking;

import dev.invalidator.cdn.Invalidation;
import java.time.Instant;

/**
 * Hears about each followed invalidation once: when it completed, or when it can no longer be followed.
 *
 * <p>Called on the tracker's threads: an implementation that does slow work (Slack calls) hands it to its own
 * executor, so one slow chat call never delays the polling of other distributions.
 */
public interface InvalidationListener {

    /** CloudFront reported it completed; {@code observedAt} is when the tracker saw it. */
    void completed(Invalidation invalidation, Instant observedAt);

    /** It vanished (the distribution or invalidation no longer exists): it will not be followed any more. */
    void lost(Invalidation invalidation, String reason);
}

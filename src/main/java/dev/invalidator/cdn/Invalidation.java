package dev.invalidator.cdn;

import java.time.Instant;
import java.util.List;

/**
 * One invalidation batch as CloudFront reports it.
 *
 * @param callerReference the reference it was created with; {@link CallerReference#decode} tells whether the bot
 *                        wrote it and for which Slack message
 */
public record Invalidation(
        String distributionId,
        String id,
        InvalidationStatus status,
        Instant createTime,
        List<String> paths,
        String callerReference) {

    public Invalidation {
        paths = List.copyOf(paths);
    }

    public boolean completed() {
        return status == InvalidationStatus.COMPLETED;
    }

    public Invalidation withStatus(InvalidationStatus newStatus) {
        return new Invalidation(distributionId, id, newStatus, createTime, paths, callerReference);
    }
}

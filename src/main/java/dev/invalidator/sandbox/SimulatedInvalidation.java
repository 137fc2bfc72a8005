package dev.invalidator.sandbox;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One invalidation as the {@link CloudFrontSimulator} holds it.
 *
 * <p>The wire {@code Status} is computed from the clock: {@code Completed} once {@code completeTime <= now},
 * {@code InProgress} before that, and for ever while {@code completeTime} is {@code null} (held, see
 * {@link CloudFrontSimulator#holdCompletions(boolean)}).
 *
 * @param distributionId the distribution it belongs to
 * @param id             the invalidation id, e.g. {@code I2J0I21PCUYOIK}
 * @param callerReference the CallerReference it was created with
 * @param paths          the paths in the order they were sent
 * @param createTime     creation time, millisecond precision (as on the wire)
 * @param completeTime   when it completes (or completed); {@code null} while held
 */
public record SimulatedInvalidation(
        String distributionId,
        String id,
        String callerReference,
        List<String> paths,
        Instant createTime,
        Instant completeTime) {

    public SimulatedInvalidation {
        Objects.requireNonNull(distributionId, "distributionId");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(callerReference, "callerReference");
        paths = List.copyOf(paths);
        Objects.requireNonNull(createTime, "createTime");
    }

    /** True when the invalidation is {@code Completed} at {@code now}. */
    public boolean completedAt(Instant now) {
        return completeTime != null && !completeTime.isAfter(now);
    }

    /** The wire status at {@code now}: {@code Completed} or {@code InProgress}. */
    public String statusAt(Instant now) {
        return completedAt(now) ? "Completed" : "InProgress";
    }

    SimulatedInvalidation withCompleteTime(Instant time) {
        return new SimulatedInvalidation(distributionId, id, callerReference, paths, createTime, time);
    }
}

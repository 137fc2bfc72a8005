package dev.invalidator.cdn;

import java.time.Instant;

/** A line of ListInvalidations: no paths, no caller reference (those cost one GetInvalidation each). */
public record InvalidationSummary(String id, InvalidationStatus status, Instant createTime) {

    public boolean completed() {
        return status == InvalidationStatus.COMPLETED;
    }
}

package dev.invalidator.cdn;

import java.util.Locale;

/** Where an invalidation stands. CloudFront says {@code InProgress}/{@code Completed}; moto says {@code COMPLETED}. */
public enum InvalidationStatus {
    IN_PROGRESS,
    COMPLETED;

    /** Reads CloudFront's status word, ignoring case; anything but "completed" is still in progress. */
    public static InvalidationStatus parse(String status) {
        return status != null && status.toLowerCase(Locale.ROOT).equals("completed") ? COMPLETED : IN_PROGRESS;
    }
}

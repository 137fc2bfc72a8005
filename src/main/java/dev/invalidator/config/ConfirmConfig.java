package dev.invalidator.config;

import java.time.Duration;

/**
 * When a request needs an explicit click before anything is created, and how long that click may wait. Requests for
 * {@code /*} and requests that would go past the month's free paths always need it; {@code pathThreshold} adds
 * requests with many paths.
 *
 * <pre>{@code
 * ConfirmConfig confirm = ConfirmConfig.defaults();   // more than 100 paths; 15m to decide; 1h for approvers
 * }</pre>
 *
 * @param approvalExpiresAfter how long a request waits for an approver before it ends as "expired"
 */
public record ConfirmConfig(int pathThreshold, Duration expiresAfter, Duration approvalExpiresAfter) {

    public ConfirmConfig {
        if (pathThreshold < 1) {
            throw new IllegalArgumentException("pathThreshold must be at least 1, got " + pathThreshold);
        }
        PollingConfig.requirePositive(expiresAfter, "expiresAfter");
        PollingConfig.requirePositive(approvalExpiresAfter, "approvalExpiresAfter");
    }

    public static ConfirmConfig defaults() {
        return new ConfirmConfig(100, Duration.ofMinutes(15), Duration.ofHours(1));
    }
}

package dev.invalidator.config;

import java.time.Duration;

/**
 * How many requests may wait for CloudFront on one distribution, and for how long. Beyond {@code maxPerDistribution}
 * a request is refused privately (try later) before anything is posted; a request queued for longer than
 * {@code expiresAfter} ends "expired", nothing sent.
 *
 * <pre>{@code
 * QueueConfig queue = QueueConfig.defaults();   // 100 waiting per distribution, for at most an hour
 * }</pre>
 *
 * @param maxPerDistribution 1 to {@value #MAX_PER_DISTRIBUTION}, per instance of the bot
 * @param expiresAfter       positive; a sweep reads status messages back only {@code polling.recoveryWindow}, so it
 *                           is at most that long (checked with the polling section)
 */
public record QueueConfig(int maxPerDistribution, Duration expiresAfter) {

    /**
     * Far beyond what a distribution clears in an hour at CloudFront's pace (0.5 creates a second per account): a
     * longer queue only makes people wait for requests that would expire.
     */
    public static final int MAX_PER_DISTRIBUTION = 1_000;

    public QueueConfig {
        if (maxPerDistribution < 1 || maxPerDistribution > MAX_PER_DISTRIBUTION) {
            throw new IllegalArgumentException(
                    "maxPerDistribution must be 1 to " + MAX_PER_DISTRIBUTION + ": " + maxPerDistribution);
        }
        PollingConfig.requirePositive(expiresAfter, "expiresAfter");
    }

    public static QueueConfig defaults() {
        return new QueueConfig(100, Duration.ofHours(1));
    }
}

package dev.invalidator.config;

import java.time.Duration;
import java.util.Objects;

/**
 * How the bot follows invalidations in flight: it polls a distribution first {@code initialInterval} after a create,
 * then every {@code maxInterval} (longer only when many distributions share the account's read budget), and at
 * start-up resumes invalidations created within {@code recoveryWindow}. Every
 * {@code sweepInterval} (at start-up, then again and again) it looks at its status messages within the recovery
 * window: one still at "requesting" after {@code abandonedAfter} was left by a bot that stopped mid-request and is
 * settled from CloudFront (younger ones may belong to a live replica that is creating them right now), and requests
 * waiting for approval are expired or, once decided, carried out.
 *
 * <pre>{@code
 * PollingConfig polling = PollingConfig.defaults();   // 3s, 1.5s, 24h, 2m, 1m
 * new PollingConfig(Duration.ofSeconds(2), Duration.ofSeconds(10), Duration.ofHours(6));
 * }</pre>
 */
public record PollingConfig(
        Duration initialInterval,
        Duration maxInterval,
        Duration recoveryWindow,
        Duration abandonedAfter,
        Duration sweepInterval) {

    static final Duration DEFAULT_ABANDONED_AFTER = Duration.ofMinutes(2);

    /**
     * The first poll after a create: about when the first invalidations complete. CloudFront's times since April 2026
     * ("under 25 seconds at P95", median about 8 s, shared reference cloudfront.md §10) are close to log-normal; fitted
     * to those two figures about 8 % complete within 3 s and 2 % within 2 s, so earlier polls would be spent for
     * nothing, and the few that are done by then are seen at most 3 s late.
     */
    static final Duration FIRST_POLL = Duration.ofSeconds(3);

    static final Duration DEFAULT_SWEEP_INTERVAL = Duration.ofMinutes(1);

    public PollingConfig {
        requirePositive(initialInterval, "initialInterval");
        requirePositive(maxInterval, "maxInterval");
        requirePositive(recoveryWindow, "recoveryWindow");
        requirePositive(abandonedAfter, "abandonedAfter");
        requirePositive(sweepInterval, "sweepInterval");
    }

    public PollingConfig(Duration initialInterval, Duration maxInterval, Duration recoveryWindow) {
        this(initialInterval, maxInterval, recoveryWindow, DEFAULT_ABANDONED_AFTER, DEFAULT_SWEEP_INTERVAL);
    }

    /**
     * 3s, 1.5s, 24h, 2m and 1m: the values a config gets when it leaves {@code polling} out. Since April 2026
     * CloudFront completes invalidations in a median of about 8 s, P95 about 25 s ({@link #FIRST_POLL}); a poll
     * sooner than 3 s almost always finds nothing done. After it, a poll every 1.5 s keeps the lag from CloudFront's
     * Completed to the edit under a second at the median and under 2 s at P95, at fewer calls per invalidation than the
     * CLI's waiter spends (docs/performance.md).
     */
    public static PollingConfig defaults() {
        return new PollingConfig(FIRST_POLL, Duration.ofMillis(1500), Duration.ofHours(24));
    }

    static void requirePositive(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isZero() || duration.isNegative()) {
            throw new IllegalArgumentException(name + " must be longer than zero: " + duration);
        }
    }
}

package dev.invalidator.metrics;

import dev.invalidator.cdn.Invalidation;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The life of invalidations after the create, by distribution alias: how many are in flight and since when
 * ({@value #IN_FLIGHT}, {@value #OLDEST_IN_FLIGHT}), how long CloudFront took ({@value #TIME_TO_COMPLETE}), how soon
 * the status message said so ({@value #COMPLETION_SHOWN}), and what the refresh check found ({@value #REFRESH_CHECKS}).
 *
 * <pre>{@code
 * invalidations.completed("E1WEBEXAMPLE", Duration.ofSeconds(72));
 * // invalidator_invalidation_time_to_complete_seconds_count{distribution="web"} 1.0
 * }</pre>
 *
 * <p>The label is the alias of the config, never the id; a distribution the config no longer names is {@code other}.
 */
public final class InvalidationMeters {

    static final String IN_FLIGHT = "invalidator.invalidations.in.flight";
    static final String OLDEST_IN_FLIGHT = "invalidator.invalidations.in.flight.oldest.age";
    static final String TIME_TO_COMPLETE = "invalidator.invalidation.time.to.complete";
    static final String COMPLETION_SHOWN = "invalidator.completion.shown.delay";
    static final String REFRESH_CHECKS = "invalidator.refresh.checks";

    private static final String OTHER = "other";

    /** Invalidations usually take seconds to a few minutes; AWS's own waiter gives up after 10. */
    private static final Duration[] COMPLETION_BUCKETS = {
        Duration.ofSeconds(5),
        Duration.ofSeconds(10),
        Duration.ofSeconds(20),
        Duration.ofSeconds(30),
        Duration.ofSeconds(60),
        Duration.ofMinutes(2),
        Duration.ofMinutes(5),
        Duration.ofMinutes(10),
        Duration.ofMinutes(15),
        Duration.ofMinutes(30),
        Duration.ofHours(1)
    };

    /** From the poll that saw the completion to the edit: a worker's turn and one or two Slack calls. */
    private static final Duration[] SHOWN_BUCKETS = {
        Duration.ofMillis(100),
        Duration.ofMillis(250),
        Duration.ofMillis(500),
        Duration.ofSeconds(1),
        Duration.ofMillis(2_500),
        Duration.ofSeconds(5),
        Duration.ofSeconds(10),
        Duration.ofSeconds(30),
        Duration.ofSeconds(60)
    };

    private final MeterRegistry registry;
    /** By distribution id, upper case. */
    private final Map<String, String> aliasById;

    InvalidationMeters(MeterRegistry registry, Map<String, String> aliasById) {
        this.registry = registry;
        this.aliasById = aliasById.entrySet().stream()
                .collect(Collectors.toUnmodifiableMap(
                        entry -> entry.getKey().toUpperCase(Locale.ROOT), Map.Entry::getValue));
    }

    /**
     * Shows, for each configured distribution, how many invalidations {@code following} holds and how old the oldest
     * is, read when Prometheus asks.
     */
    public void watchInFlight(Supplier<List<Invalidation>> following, Clock clock) {
        aliasById.forEach((id, alias) -> {
            Gauge.builder(IN_FLIGHT, () -> inFlight(following.get(), id).size())
                    .description("Invalidations the bot is following until CloudFront completes them")
                    .tag("distribution", alias)
                    .register(registry);
            Gauge.builder(OLDEST_IN_FLIGHT, () -> oldestAge(inFlight(following.get(), id), clock.instant()))
                    .description("How long ago the oldest invalidation in flight was created; 0 when none is")
                    .tag("distribution", alias)
                    .baseUnit("seconds")
                    .register(registry);
        });
    }

    /** The tracker saw an invalidation it followed complete, {@code sinceCreated} after CloudFront created it. */
    public void completed(String distributionId, Duration sinceCreated) {
        record(
                TIME_TO_COMPLETE,
                "From CloudFront's create time to the poll that saw the invalidation completed",
                COMPLETION_BUCKETS,
                distributionId,
                sinceCreated);
    }

    /** The status message says completed, {@code sinceCompleted} after the tracker saw it. */
    public void completionShown(String distributionId, Duration sinceCompleted) {
        record(
                COMPLETION_SHOWN,
                "From the poll that saw an invalidation completed to the status message saying so",
                SHOWN_BUCKETS,
                distributionId,
                sinceCompleted);
    }

    private void record(String name, String description, Duration[] buckets, String distributionId, Duration duration) {
        Timer.builder(name)
                .description(description)
                .tag("distribution", alias(distributionId))
                .serviceLevelObjectives(buckets)
                .register(registry)
                .record(nonNegative(duration));
    }

    /** One refresh check's URLs: served fresh, still stale, or not answered in a way it could judge. */
    public void refreshChecked(String distributionId, int fresh, int stale, int couldNotCheck) {
        String alias = alias(distributionId);
        refreshChecks(alias, "fresh").increment(fresh);
        refreshChecks(alias, "stale").increment(stale);
        refreshChecks(alias, "could_not_check").increment(couldNotCheck);
    }

    private Counter refreshChecks(String alias, String result) {
        return Counter.builder(REFRESH_CHECKS)
                .description("URLs the refresh check asked the edge for after a completion, by what it found")
                .tag("distribution", alias)
                .tag("result", result)
                .register(registry);
    }

    private String alias(String distributionId) {
        return aliasById.getOrDefault(Objects.requireNonNull(distributionId).toUpperCase(Locale.ROOT), OTHER);
    }

    private static List<Invalidation> inFlight(List<Invalidation> following, String id) {
        return following.stream()
                .filter(invalidation -> invalidation.distributionId().equalsIgnoreCase(id))
                .toList();
    }

    private static double oldestAge(List<Invalidation> inFlight, Instant now) {
        return inFlight.stream()
                .map(Invalidation::createTime)
                .min(Instant::compareTo)
                .map(oldest -> nonNegative(Duration.between(oldest, now)).toMillis() / 1_000.0)
                .orElse(0.0);
    }

    /** CloudFront's clock and ours may disagree by a little: a negative duration is none. */
    private static Duration nonNegative(Duration duration) {
        return duration.isNegative() ? Duration.ZERO : duration;
    }
}

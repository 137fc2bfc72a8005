package dev.invalidator.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.function.IntSupplier;

/**
 * The requests waiting for CloudFront to have room ({@value #QUEUED}) and how long each waited before it was sent
 * ({@value #WAIT}); what became of them is counted with the other decisions ({@code queued}, {@code cancelled},
 * {@code expired}, {@code queue_full} in {@link RequestMeters}).
 *
 * <pre>{@code
 * queue.watch(createQueue::size);          // invalidator_queued_requests 3.0
 * queue.waited(Duration.ofSeconds(14));    // invalidator_queue_wait_seconds_count 1.0
 * }</pre>
 */
public final class QueueMeters {

    static final String QUEUED = "invalidator.queued.requests";
    static final String WAIT = "invalidator.queue.wait";

    /** A turn of the account comes every 2 s; a completion CloudFront makes room with takes up to about 25 s. */
    private static final Duration[] WAIT_BUCKETS = {
        Duration.ofSeconds(1),
        Duration.ofSeconds(2),
        Duration.ofSeconds(5),
        Duration.ofSeconds(10),
        Duration.ofSeconds(30),
        Duration.ofMinutes(1),
        Duration.ofMinutes(2),
        Duration.ofMinutes(5),
        Duration.ofMinutes(15),
        Duration.ofHours(1)
    };

    private final MeterRegistry registry;

    QueueMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Reports {@code waiting} (the requests this replica holds in its queue) at each scrape. */
    public void watch(IntSupplier waiting) {
        Gauge.builder(QUEUED, waiting::getAsInt)
                .description("Requests this replica holds until CloudFront has room for them")
                .register(registry);
    }

    /** A queued request was sent to CloudFront after waiting {@code waited}. */
    public void waited(Duration waited) {
        Timer.builder(WAIT)
                .description("How long a queued request waited before it was sent to CloudFront")
                .serviceLevelObjectives(WAIT_BUCKETS)
                .register(registry)
                .record(waited.isNegative() ? Duration.ZERO : waited);
    }
}

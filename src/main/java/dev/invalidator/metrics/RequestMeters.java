package dev.invalidator.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Collection;

/**
 * {@value #REQUESTS}: every decision the bot takes about a request, as the audit log records it ({@code created},
 * {@code denied}, {@code rate_limited}, …), labelled {@code decision} and nothing else.
 *
 * <pre>{@code
 * requests.expect(List.of("created", "denied"));   // both series exist at 0 from the start
 * requests.decided("created");                      // invalidator_requests_total{decision="created"} 1.0
 * }</pre>
 */
public final class RequestMeters {

    static final String REQUESTS = "invalidator.requests";

    private final MeterRegistry registry;

    RequestMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Registers each decision's count at zero, so that a rate or an alert over any of them has a series at once. */
    public void expect(Collection<String> decisions) {
        decisions.forEach(this::counter);
    }

    public void decided(String decision) {
        counter(decision).increment();
    }

    private Counter counter(String decision) {
        return Counter.builder(REQUESTS)
                .description("Decisions about requests, as the audit log records them")
                .tag("decision", decision)
                .register(registry);
    }
}

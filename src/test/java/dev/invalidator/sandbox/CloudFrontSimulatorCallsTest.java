package dev.invalidator.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.invalidator.sandbox.CloudFrontSimulator.Fault;
import dev.invalidator.sandbox.CloudFrontSimulator.Operation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudfront.model.CloudFrontException;

class CloudFrontSimulatorCallsTest extends SimulatorFixture {

    @Test
    void calls_are_counted_per_operation_and_per_distribution() {
        Instant before = Instant.now();
        String id = create(DIST, "ref-1", "/a").invalidation().id();
        get(DIST, id);
        get(DIST, id);
        cf.listInvalidations(r -> r.distributionId(OTHER_DIST));
        cf.getDistribution(r -> r.id(DIST));
        cf.listDistributions();
        sim.injectFault(Operation.CREATE_INVALIDATION, Fault.THROTTLING, 1);
        assertThatThrownBy(() -> create(OTHER_DIST, "ref-2", "/b")).isInstanceOf(CloudFrontException.class);

        assertThat(sim.calls(Operation.CREATE_INVALIDATION)).isEqualTo(2);
        assertThat(sim.calls(Operation.CREATE_INVALIDATION, DIST)).isEqualTo(1);
        assertThat(sim.calls(Operation.CREATE_INVALIDATION, OTHER_DIST)).isEqualTo(1);
        assertThat(sim.calls(Operation.GET_INVALIDATION, DIST)).isEqualTo(2);
        assertThat(sim.calls(Operation.GET_INVALIDATION, OTHER_DIST)).isZero();
        assertThat(sim.calls(Operation.LIST_INVALIDATIONS)).isEqualTo(1);
        assertThat(sim.calls(Operation.GET_DISTRIBUTION)).isEqualTo(1);
        assertThat(sim.calls(Operation.LIST_DISTRIBUTIONS)).isEqualTo(1);
        assertThat(sim.calls(Operation.LIST_DISTRIBUTIONS, null)).isEqualTo(1);
        assertThat(sim.recordedCalls())
                .hasSize(7)
                .allSatisfy(c -> assertThat(c.time())
                        .isAfterOrEqualTo(before.truncatedTo(java.time.temporal.ChronoUnit.MILLIS)));
        assertThat(sim.recordedCalls().get(0).operation()).isEqualTo(Operation.CREATE_INVALIDATION);
    }

    @Test
    void concurrent_creates_and_polls_stay_consistent() throws Exception {
        // This test is about consistency under concurrent calls: 400 creates and 200 reads at once would be throttled.
        sim.limits(CloudFrontLimits.strict().withCreateRate(1_000, 1_000).withReadRate(1_000, 1_000));
        sim.holdCompletions(true);
        int threads = 8;
        int perThread = 25;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<List<String>>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    List<String> ids = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                        String id = create(DIST, "ref-" + thread + "-" + i, "/t" + thread + "/" + i)
                                .invalidation()
                                .id();
                        ids.add(id);
                        assertThat(get(DIST, id).status()).isEqualTo("InProgress");
                        // every thread also replays one reference of its own
                        assertThat(create(DIST, "ref-" + thread + "-0", "/t" + thread + "/0")
                                        .invalidation()
                                        .id())
                                .isEqualTo(ids.get(0));
                    }
                    return ids;
                }));
            }
            HashSet<String> all = new HashSet<>();
            for (Future<List<String>> f : futures) {
                all.addAll(f.get(30, TimeUnit.SECONDS));
            }

            assertThat(all).hasSize(threads * perThread);
            assertThat(sim.invalidations(DIST)).hasSize(threads * perThread);
            assertThat(sim.calls(Operation.CREATE_INVALIDATION)).isEqualTo(2 * threads * perThread);
            assertThat(sim.calls(Operation.GET_INVALIDATION)).isEqualTo(threads * perThread);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void close_is_idempotent_and_stops_serving() {
        sim.close();
        sim.close();

        assertThatThrownBy(() -> cf.getDistribution(r -> r.id(DIST))).isInstanceOf(RuntimeException.class);
    }

    @Test
    void start_on_a_fixed_port_uses_it() throws Exception {
        int port;
        try (var socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        try (CloudFrontSimulator fixed = CloudFrontSimulator.start(port)) {
            assertThat(fixed.endpoint().toString()).isEqualTo("http://127.0.0.1:" + port);
            fixed.addDistribution("EFIXED", "dfixed.cloudfront.net");
            try (var client = builder(fixed.endpoint()).build()) {
                assertThat(client.getDistribution(r -> r.id("EFIXED"))
                                .distribution()
                                .domainName())
                        .isEqualTo("dfixed.cloudfront.net");
            }
        }
    }
}

package dev.invalidator.bench;

import java.time.Duration;
import java.util.Collection;
import java.util.List;

/**
 * Order statistics of a set of durations, in milliseconds, by the nearest-rank method (p99 of 200 samples is the
 * 198th smallest). An empty set has only zeros and {@code count} 0.
 */
record Percentiles(int count, double p50, double p95, double p99, double max) {

    static Percentiles of(Collection<Duration> samples) {
        List<Double> millis =
                samples.stream().map(d -> d.toNanos() / 1e6).sorted().toList();
        if (millis.isEmpty()) {
            return new Percentiles(0, 0, 0, 0, 0);
        }
        return new Percentiles(
                millis.size(), rank(millis, 50), rank(millis, 95), rank(millis, 99), millis.get(millis.size() - 1));
    }

    private static double rank(List<Double> sorted, int percentile) {
        int rank = (int) Math.ceil(percentile / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }
}

package dev.invalidator.bench;

import dev.invalidator.bench.AckLatencyScenario.Burst;
import dev.invalidator.bench.Benchmark.Results;
import dev.invalidator.bench.CompletionLagScenario.Follower;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The results as a Markdown table, ready for docs/performance.md: what was measured, the number, and the target. */
final class ResultTable {

    private ResultTable() {}

    static String render(Results results) {
        List<String[]> rows = new ArrayList<>();
        if (results.startup() != null) {
            var startup = results.startup();
            String title = "Start-up (median of " + startup.starts().size() + ")";
            rows.add(row(title, "process start → Socket Mode hello", ms(startup.helloMillis()), "≤ 1,000 ms"));
            rows.add(row("", "process start → first ack", ms(startup.firstAckMillis()), ""));
            rows.add(row("", "RSS at hello", mib(startup.rssAtHelloMib()), ""));
            var large = startup.large();
            rows.add(row(
                    "Start-up, " + StartupScenario.LARGE_DISTRIBUTIONS + " distributions and "
                            + String.format("%,d", StartupScenario.LARGE_TENANTS) + " tenants (median of "
                            + large.starts().size() + ")",
                    "process start → Socket Mode hello",
                    ms(large.helloMillis()),
                    ""));
            rows.add(row("", "process start → first ack", ms(large.firstAckMillis()), ""));
            rows.add(row(
                    "",
                    "CloudFront calls before hello / throttled by the first ack (most of any start)",
                    large.callsBeforeHello() + " / " + large.throttled(),
                    "0 / 0"));
        }
        if (results.bursts() != null) {
            for (Burst burst : results.bursts()) {
                String title = "Ack latency, burst of " + String.format(Locale.ROOT, "%,d", burst.commands());
                rows.add(row(
                        title,
                        "envelope sent → ack: p50 / p99 / max",
                        ms(burst.ackMillis().p50()) + " / "
                                + ms(burst.ackMillis().p99()) + " / "
                                + ms(burst.ackMillis().max()),
                        target(burst.commands())));
                rows.add(row(
                        "",
                        "acks / status messages / sent to CloudFront",
                        burst.acked() + " / " + burst.statusMessages() + " / " + burst.sent(),
                        "all " + burst.commands()));
                rows.add(row(
                        "",
                        "RSS after the burst",
                        mib(burst.rssAfterMib()),
                        burst.commands() >= 1_000 ? "≤ 160 MiB" : ""));
            }
        }
        if (results.lag() != null) {
            var lag = results.lag();
            String title = "Completion → edit, " + lag.invalidations() + " invalidations on " + lag.distributions()
                    + " distributions";
            rows.add(row(title, "bot: lag p50 / p95 / max", lags(lag.bot()), "p50 ≤ 1 s, p95 ≤ 3 s"));
            rows.add(row("", "bot: CloudFront calls per invalidation", calls(lag.bot()), "< waiter"));
            rows.add(row(
                    "",
                    String.format(
                            Locale.ROOT,
                            "waiter (GetInvalidation every %.0f s): lag p50 / p95 / max",
                            lag.waiterDelaySeconds()),
                    lags(lag.waiter()),
                    ""));
            rows.add(row("", "waiter: CloudFront calls per invalidation", calls(lag.waiter()), ""));
            rows.add(row(
                    "", "waiter ÷ bot: median lag, calls", times(lag.lagRatio()) + ", " + times(lag.callRatio()), ""));
            rows.add(row(
                    "",
                    "completions shown in Slack",
                    lag.noticed() + " of " + lag.invalidations(),
                    "all " + lag.invalidations()));
        }
        if (results.scale() != null) {
            var scale = results.scale();
            String title = String.format(
                    Locale.ROOT, "Scale, %,d in flight on %d distributions", scale.inFlight(), scale.distributions());
            rows.add(row(
                    title,
                    "CloudFront calls per minute (distributions polled)",
                    String.format(Locale.ROOT, "%,.0f (%d)", scale.callsPerMinute(), scale.distributionsPolled()),
                    ""));
            rows.add(row(
                    "",
                    "bot CPU (100 % = one core) / RSS",
                    String.format(Locale.ROOT, "%.1f %% / %s", scale.cpuPercent(), mib(scale.rssMib())),
                    ""));
            rows.add(row(
                    "",
                    "restart: found all after / CloudFront calls",
                    String.format(Locale.ROOT, "%.1f s / %,d", scale.recoverySeconds(), scale.recoveryCalls()),
                    ""));
        }
        if (results.load() != null) {
            load(rows, results.load());
        }
        var machine = results.machine();
        StringBuilder table = new StringBuilder("| scenario | measure | result | target |\n|---|---|---|---|\n");
        rows.forEach(
                cells -> table.append("| ").append(String.join(" | ", cells)).append(" |\n"));
        return table.append(String.format(
                        Locale.ROOT,
                        "%nMachine: %d cores, Java %s, flags %s (class archive: %s);"
                                + " load average %.2f before, %.2f after.",
                        machine.cores(),
                        machine.java(),
                        String.join(" ", machine.jvmOptions()),
                        machine.classArchive(),
                        machine.loadAverageBefore(),
                        machine.loadAverageAfter()))
                .toString();
    }

    private static void load(List<String[]> rows, LoadScenario.Load load) {
        String title = String.format(
                Locale.ROOT,
                "Load, %d requests in %.0f s from %d people in %d channels on %d distributions (%d wildcards, %d of"
                        + " hundreds of files)",
                load.requests(),
                load.withinSeconds(),
                load.people(),
                load.channels(),
                load.distributions(),
                load.wildcards(),
                load.manyFiles());
        rows.add(row(title, "bot: completed / failed / unfinished", sides(load.bot()), "all / 0 / 0"));
        rows.add(row(
                "",
                "bot: request → completed p50 / p95 / max",
                seconds(load.bot().requestToCompletedMillis()),
                "p95 ≤ " + seconds(2 * load.completionP95Millis()) + " (twice CloudFront's P95)"));
        rows.add(row(
                "",
                "bot: request → cache cleared (CloudFront completed its paths) p50 / p95 / max",
                seconds(load.requestToClearedMillis()),
                ""));
        rows.add(row(
                "",
                "bot: CreateInvalidation calls (throttled) / invalidations",
                load.creates() + " (" + load.throttledCreates() + ") / " + load.invalidations(),
                ""));
        rows.add(row("", "bot: Slack's 429s received", String.valueOf(load.slackRateLimited()), ""));
        rows.add(row(
                "",
                "one create per request, SDK retries: completed / failed / unfinished",
                sides(load.reference()),
                ""));
        rows.add(row(
                "",
                "… request → completed p50 / p95 / max (of those completed)",
                seconds(load.reference().requestToCompletedMillis()),
                ""));
    }

    private static String sides(LoadScenario.Side side) {
        return side.completed() + " / " + side.failed() + " / " + side.unfinished();
    }

    private static String seconds(Percentiles percentiles) {
        return seconds(percentiles.p50()) + " / " + seconds(percentiles.p95()) + " / " + seconds(percentiles.max());
    }

    private static String target(int burst) {
        return burst >= 1_000 ? "max ≤ 1,000 ms" : burst >= 200 ? "p99 ≤ 50 ms" : "";
    }

    private static String lags(Follower follower) {
        return seconds(follower.lagMillis().p50()) + " / "
                + seconds(follower.lagMillis().p95()) + " / "
                + seconds(follower.lagMillis().max());
    }

    private static String calls(Follower follower) {
        return String.format(Locale.ROOT, "%.2f (%,d calls)", follower.callsPerInvalidation(), follower.calls());
    }

    private static String[] row(String... cells) {
        return cells;
    }

    private static String ms(double millis) {
        return millis < 10
                ? String.format(Locale.ROOT, "%.1f ms", millis)
                : String.format(Locale.ROOT, "%,.0f ms", millis);
    }

    private static String seconds(double millis) {
        return String.format(Locale.ROOT, "%.2f s", millis / 1000);
    }

    private static String mib(double mib) {
        return String.format(Locale.ROOT, "%.0f MiB", mib);
    }

    private static String times(double ratio) {
        return String.format(Locale.ROOT, "%.1f×", ratio);
    }
}

package dev.invalidator.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invalidator.bench.AckLatencyScenario.Burst;
import dev.invalidator.bench.Benchmark.Results;
import dev.invalidator.testing.BotLogsOnFailure;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Keeps the benchmark working: every scenario at the smoke sizes against the packaged jar. It checks only that the
 * counts add up — nothing about time, which depends on the machine.
 */
@ExtendWith(BotLogsOnFailure.class)
class BenchmarkSmokeIT {

    @Test
    void every_scenario_runs_and_nothing_is_dropped() throws Exception {
        Path workDir = Path.of("target", "bench-smoke");
        Harness harness = new Harness(
                new BotProcess.Launch(Path.of("target", "invalidator.jar"), Path.of("deploy", "jvm.options"), workDir),
                workDir);

        Results results = Benchmark.run(harness, Plan.smoke(), Set.copyOf(Benchmark.SCENARIOS));
        System.out.println(ResultTable.render(results));

        assertThat(results.startup().starts()).hasSize(Plan.smoke().starts());
        assertThat(results.bursts())
                .allSatisfy(burst -> assertThat(burst)
                        .extracting(Burst::acked, Burst::statusMessages, Burst::sent)
                        .containsExactly(burst.commands(), burst.commands(), burst.commands()));
        assertThat(results.lag().noticed()).isEqualTo(results.lag().invalidations());
        assertThat(results.lag().waiter().lagMillis().count())
                .isEqualTo(results.lag().invalidations());
        assertThat(results.scale().distributionsPolled())
                .isEqualTo(results.scale().distributions());
        assertThat(results.load().bot())
                .extracting(LoadScenario.Side::completed, LoadScenario.Side::failed)
                .containsExactly(results.load().requests(), 0);
        assertThat(results.load().reference().completed()
                        + results.load().reference().failed())
                .isEqualTo(results.load().requests());
    }
}

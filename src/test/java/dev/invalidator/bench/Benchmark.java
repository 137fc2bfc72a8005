package dev.invalidator.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The benchmark of issue 8: starts the real bot (the shaded jar, a separate process, with the container's JVM flags)
 * against the local Slack and CloudFront simulators, runs the scenarios, prints a table and writes
 * {@code target/bench/results.json}. Not a test: it asserts nothing about time.
 *
 * <pre>
 * ./mvnw -B -q -Pbench verify                                  # everything, about 10 minutes
 * ./mvnw -B -q -Pbench verify -Dbench.args="startup acks"      # some scenarios
 * ./mvnw -B -q -Pbench verify -Dbench.args=smoke               # the sizes CI uses
 * ./mvnw -B -q -Pbench verify -Dbench.jar=/tmp/before.jar      # another build of the bot, to compare
 * ./mvnw -B -q -Pbench verify -Dbench.jvmOptions=/tmp/x.options  # other JVM flags, to compare
 * </pre>
 */
public final class Benchmark {

    static final List<String> SCENARIOS = List.of("startup", "acks", "lag", "scale", "load");

    /** What one run measured; a scenario left out is null. */
    record Results(
            Machine machine,
            StartupScenario.Startup startup,
            List<AckLatencyScenario.Burst> bursts,
            CompletionLagScenario.Lag lag,
            ScaleScenario.Scale scale,
            LoadScenario.Load load) {}

    /**
     * What the numbers were taken on. {@code loadAverage*} are the 1-minute load averages around the run;
     * {@code classArchive} is the AppCDS archive the flags name, trained before the run, if any.
     */
    record Machine(
            int cores,
            String java,
            List<String> jvmOptions,
            String classArchive,
            double loadAverageBefore,
            double loadAverageAfter,
            String finishedAt) {}

    private Benchmark() {}

    public static void main(String[] args) throws IOException {
        Path base = Path.of(System.getProperty("bench.basedir", "."));
        Path out = base.resolve("target/bench");
        List<String> words = Arrays.stream(args)
                .flatMap(arg -> Arrays.stream(arg.trim().split("\\s+")))
                .filter(word -> !word.isEmpty())
                .toList();
        Plan plan = words.contains("smoke") ? Plan.smoke() : Plan.full();
        List<String> chosen = words.stream().filter(SCENARIOS::contains).toList();
        Path jar = Path.of(System.getProperty(
                "bench.jar", base.resolve("target/invalidator.jar").toString()));
        Path jvmOptions = Path.of(System.getProperty(
                "bench.jvmOptions", base.resolve("deploy/jvm.options").toString()));
        Results results = run(
                new Harness(new BotProcess.Launch(jar, jvmOptions, out), out),
                plan,
                Set.copyOf(chosen.isEmpty() ? SCENARIOS : chosen));
        System.out.println(ResultTable.render(results));
        new ObjectMapper()
                .writerWithDefaultPrettyPrinter()
                .writeValue(out.resolve("results.json").toFile(), results);
        System.out.println("Written to " + out.resolve("results.json"));
    }

    static Results run(Harness harness, Plan plan, Set<String> scenarios) throws IOException {
        double loadBefore = loadAverage();
        Files.createDirectories(harness.launch().workingDirectory());
        ClassArchive.train(harness.launch());
        StartupScenario.Startup startup =
                scenarios.contains("startup") ? new StartupScenario(harness, plan).run() : null;
        List<AckLatencyScenario.Burst> bursts =
                scenarios.contains("acks") ? new AckLatencyScenario(harness, plan).run() : null;
        CompletionLagScenario.Lag lag =
                scenarios.contains("lag") ? new CompletionLagScenario(harness, plan).run() : null;
        ScaleScenario.Scale scale = scenarios.contains("scale") ? new ScaleScenario(harness, plan).run() : null;
        LoadScenario.Load load = scenarios.contains("load") ? new LoadScenario(harness, plan).run() : null;
        Machine machine = new Machine(
                Runtime.getRuntime().availableProcessors(),
                Runtime.version().toString(),
                harness.launch().flags(),
                ClassArchive.named(harness.launch()).orElse("none"),
                loadBefore,
                loadAverage(),
                Instant.now().toString());
        return new Results(machine, startup, bursts, lag, scale, load);
    }

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}

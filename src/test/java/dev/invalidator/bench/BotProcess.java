package dev.invalidator.bench;

import dev.invalidator.testing.BotLogsOnFailure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The bot as the container runs it — {@code java @jvm.options -jar invalidator.jar run} — in a process of its own,
 * with what the benchmark reads from outside: its resident memory and CPU time from {@code /proc}, and its log.
 *
 * @param startedNanos {@link System#nanoTime()} just before the process was started
 */
record BotProcess(Process process, long startedNanos, Path log) implements AutoCloseable {

    /**
     * The files a run needs: the shaded jar and the container's JVM flags, and the directory it runs in (the
     * container's {@code WORKDIR}, where a relative {@code -XX:SharedArchiveFile} is found).
     */
    record Launch(Path jar, Path jvmOptions, Path workingDirectory) {

        /** The flags of the options file, without its comments and blank lines. */
        List<String> flags() {
            try {
                return Files.readAllLines(jvmOptions).stream()
                        .map(String::strip)
                        .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                        .toList();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Starts {@code java @jvm.options -jar invalidator.jar run}. */
    static BotProcess start(Launch launch, Map<String, String> environment, Path log) {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(
                        java,
                        "@" + launch.jvmOptions().toAbsolutePath(),
                        "-jar",
                        launch.jar().toAbsolutePath().toString(),
                        "run")
                .directory(launch.workingDirectory().toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        // Only what the benchmark sets reaches the bot: no credentials or endpoints of the machine leak in.
        builder.environment()
                .keySet()
                .removeIf(key -> key.startsWith("SLACK_")
                        || key.startsWith("AWS_")
                        || key.startsWith("INVALIDATOR_")
                        || key.equals("HEALTH_PORT")
                        || key.equals("LOG_FORMAT")
                        || key.equals("JAVA_TOOL_OPTIONS")
                        || key.equals("JDK_JAVA_OPTIONS"));
        builder.environment().putAll(environment);
        long started = System.nanoTime();
        try {
            BotProcess bot = new BotProcess(builder.start(), started, log);
            BotLogsOnFailure.register(log);
            return bot;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the bot", e);
        }
    }

    long pid() {
        return process.pid();
    }

    /** Resident set size now, in MiB ({@code VmRSS} of {@code /proc/<pid>/status}). */
    double rssMib() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the bot's /proc entry is gone: did it exit?", e);
        }
        throw new IllegalStateException("no VmRSS for process " + pid());
    }

    /** User plus system CPU time the process has used so far. */
    Duration cpuTime() {
        return process.info()
                .totalCpuDuration()
                .orElseThrow(() -> new IllegalStateException("no CPU time for process " + pid()));
    }

    /** Whether the bot wrote a line containing {@code text} to its log yet. */
    boolean logged(String text) {
        try {
            return Files.readString(log).contains(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SIGTERM, as the container runtime stops it; killed if it has not exited within 20 s. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}

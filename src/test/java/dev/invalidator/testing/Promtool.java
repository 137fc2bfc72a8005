package dev.invalidator.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Prometheus's own checker, {@code promtool}, run as a process: the rules, their unit tests and a scrape are checked
 * by the tool Prometheus itself uses, not by a reading of ours. It comes with Debian's {@code prometheus} package,
 * which {@code .ci/run} installs when it is missing; a test that needs it fails without it, saying how to get it.
 *
 * <pre>{@code
 * Promtool.Result result = Promtool.run(Path.of("deploy"), "", "test", "rules", "prometheus-rules.test.yml");
 * result.exitCode();   // 0
 * result.output();     // "Unit Testing:  prometheus-rules.test.yml\n  SUCCESS\n"
 * }</pre>
 */
public final class Promtool {

    /** What a run printed (stdout and stderr together) and how it ended. */
    public record Result(int exitCode, String output) {}

    private Promtool() {}

    /** Runs {@code promtool args…} in {@code directory}, with {@code stdin} on its standard input. */
    public static Result run(Path directory, String stdin, String... args) {
        List<String> command = new ArrayList<>();
        command.add(executable());
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command)
                    .directory(directory.toFile())
                    .redirectErrorStream(true)
                    .start();
            try (OutputStream in = process.getOutputStream()) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("promtool " + String.join(" ", args) + " did not end within 60 s");
            }
            return new Result(process.exitValue(), output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while promtool ran", e);
        }
    }

    /** {@code promtool} on the {@code PATH}; fails, saying how to install it, when there is none. */
    private static String executable() {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String directory : path.split(java.io.File.pathSeparator, -1)) {
            if (!directory.isEmpty() && Files.isExecutable(Path.of(directory, "promtool"))) {
                return Path.of(directory, "promtool").toString();
            }
        }
        throw new AssertionError("promtool is not on the PATH: install Debian's prometheus package (apt-get install -y"
                + " --no-install-recommends prometheus, as .ci/run does) or put the promtool of a Prometheus release"
                + " (https://prometheus.io/download/) on the PATH");
    }
}

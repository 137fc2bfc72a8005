package dev.invalidator.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code java -jar target/invalidator.jar} as an operator runs it (built by {@code package}, so for {@code *IT}
 * tests): configured only through the environment given — none of the test JVM's Slack, AWS or bot variables leak
 * in — with stdout and stderr in one file.
 */
public final class InvalidatorJar {

    private static final Path JAR = Path.of("target", "invalidator.jar");

    private InvalidatorJar() {
    }

    public static Process start(Path output, Map<String, String> env, String... args) {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-jar", JAR.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        Map<String, String> environment = builder.environment();
        environment.keySet().removeIf(key -> key.startsWith("SLACK_") || key.startsWith("AWS_")
                || key.startsWith("INVALIDATOR_") || key.equals("LOG_FORMAT") || key.equals("HEALTH_PORT"));
        environment.putAll(env);
        try {
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + JAR, e);
        }
    }
}

package dev.invalidator.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code java -jar target/invalidator.jar} as a separate process pointed at a {@link BotFixture}'s simulators, for
 * what only a real process shows: {@code kill -9} at a chosen moment, SIGTERM, the exit status, the log.
 */
public final class BotProcess implements AutoCloseable {

    /** 128 + 15: how a JVM ends when SIGTERM ran its shutdown hooks to the end. */
    public static final int EXIT_ON_SIGTERM = 143;

    private static final Path JAR = Path.of("target", "invalidator.jar");
    private static final AtomicInteger STARTED = new AtomicInteger();

    private final BotFixture world;
    private final Process process;
    private final Path log;

    private BotProcess(BotFixture world, Process process, Path log) {
        this.world = world;
        this.process = process;
        this.log = log;
    }

    /** Starts the jar with {@code config} written to {@code dir}; {@code env} adds to or overrides the defaults. */
    public static BotProcess start(BotFixture world, Path dir, String config, Map<String, String> env) {
        return start(world, dir, config, env, "run");
    }

    /** The same with a sub-command, e.g. {@code check-config}. */
    public static BotProcess start(BotFixture world, Path dir, String config, Map<String, String> env, String command) {
        int number = STARTED.incrementAndGet();
        Path configFile = dir.resolve("invalidator-" + number + ".yml");
        Path log = dir.resolve("bot-" + number + ".log");
        try {
            Files.writeString(configFile, config);
            ProcessBuilder builder = new ProcessBuilder(
                            ProcessHandle.current().info().command().orElse("java"), "-jar", JAR.toString(), command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            Map<String, String> environment = builder.environment();
            environment
                    .keySet()
                    .removeIf(key -> key.startsWith("SLACK_")
                            || key.startsWith("AWS_")
                            || key.startsWith("INVALIDATOR_")
                            || key.equals("LOG_FORMAT")
                            || key.equals("HEALTH_PORT"));
            Map<String, String> defaults = new HashMap<>(Map.of(
                    "INVALIDATOR_CONFIG", configFile.toString(),
                    "SLACK_API_URL", world.slack.apiUrl(),
                    "SLACK_BOT_TOKEN", world.slack.botToken(),
                    "SLACK_APP_TOKEN", world.slack.appToken(),
                    "AWS_ENDPOINT_URL_CLOUDFRONT",
                            world.cloudFront.simulator.endpoint().toString(),
                    "AWS_ACCESS_KEY_ID", "test",
                    "AWS_SECRET_ACCESS_KEY", "test",
                    "AWS_REGION", "us-east-1"));
            defaults.putAll(env);
            defaults.entrySet().removeIf(entry -> entry.getValue() == null);
            environment.putAll(defaults);
            BotProcess started = new BotProcess(world, builder.start(), log);
            BotLogsOnFailure.register(log);
            return started;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the bot's jar", e);
        }
    }

    /** Starts the jar and waits until it holds one more Socket Mode connection than before. */
    public static BotProcess startConnected(BotFixture world, Path dir, String config) {
        int before = world.slack.openConnections();
        BotProcess bot = start(world, dir, config, Map.of());
        world.slack.awaitConnections(before + 1, Duration.ofSeconds(60));
        return bot;
    }

    /** {@code kill -9}: no shutdown hook, no goodbye; returns once Slack has seen its connection drop. */
    public void kill() {
        int before = world.slack.openConnections();
        process.destroyForcibly();
        awaitExit();
        world.slack.awaitConnections(before - 1, Duration.ofSeconds(30));
    }

    /** SIGTERM; returns the exit status. */
    public int terminate() {
        process.destroy();
        return awaitExit();
    }

    public int awaitExit() {
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the bot did not exit within 60 s");
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public String output() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            awaitExit();
        }
    }
}

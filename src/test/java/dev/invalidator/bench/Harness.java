package dev.invalidator.bench;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Where scenarios start their bots: the jar and flags to run, and a directory for each run's config and log.
 *
 * @param workDir {@code target/bench}: one sub-directory per bot started
 */
record Harness(BotProcess.Launch launch, Path workDir) {

    static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration CHECK_ALIVE_EVERY = Duration.ofMillis(500);

    /** Starts the jar against {@code world}; {@code name} names its directory (config and {@code bot.log}). */
    BotProcess start(BenchWorld world, String name) {
        Path dir = workDir.resolve(name);
        return BotProcess.start(launch, world.environment(dir), dir.resolve("bot.log"));
    }

    /** Starts the jar and waits until it holds its Socket Mode connection. */
    BotProcess startReady(BenchWorld world, String name) {
        BotProcess bot = start(world, name);
        awaitReady(world, bot);
        return bot;
    }

    /** Returns as soon as the bot holds its connection; fails at once if it exits instead (its log says why). */
    static void awaitReady(BenchWorld world, BotProcess bot) {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (true) {
            try {
                world.slack.awaitConnections(1, CHECK_ALIVE_EVERY);
                return;
            } catch (IllegalStateException notYet) {
                if (!bot.process().isAlive() || System.nanoTime() > deadline) {
                    bot.close();
                    throw new IllegalStateException("the bot did not connect; see " + bot.log(), notYet);
                }
            }
        }
    }
}

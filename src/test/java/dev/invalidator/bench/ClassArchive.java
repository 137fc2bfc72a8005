package dev.invalidator.bench;

import dev.invalidator.sandbox.SlackSimulator.Envelope;
import dev.invalidator.testing.Await;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The application class-data archive (AppCDS) that the container's flags may name, as
 * {@code -XX:SharedArchiveFile=invalidator.jsa}, a path relative to the working directory. The image makes it at
 * build time with a training run; the benchmark makes its own the same way, so that the bots it measures start as
 * the container's do: one bot run with {@code -XX:ArchiveClassesAtExit} (and the other flags unchanged), taken
 * through commands, a completion and a {@code help}, then stopped with SIGTERM, which writes the archive.
 */
final class ClassArchive {

    private static final String USE = "-XX:SharedArchiveFile=";
    private static final int TRAINING_COMMANDS = 20;

    private ClassArchive() {
    }

    /** The archive the flags name, if they name one. */
    static Optional<String> named(BotProcess.Launch launch) {
        return launch.flags().stream().filter(option -> option.startsWith(USE))
                .map(option -> option.substring(USE.length())).findFirst();
    }

    /** Writes the archive the flags name into the working directory, from a training run of the jar. */
    @SuppressWarnings("try") // the bot is a resource only to be stopped, which writes the archive
    static void train(Harness harness) {
        BotProcess.Launch launch = harness.launch();
        Optional<String> archive = named(launch);
        if (archive.isEmpty()) {
            return;
        }
        Path dir = harness.workDir().resolve("class-archive-training");
        Path trainingOptions = dir.resolve("jvm.options");
        List<String> flags = new ArrayList<>(launch.flags().stream()
                .filter(option -> !option.startsWith(USE)).toList());
        flags.add("-XX:ArchiveClassesAtExit=" + archive.get());
        try {
            Files.createDirectories(dir);
            Files.write(trainingOptions, flags);
            Files.deleteIfExists(launch.workingDirectory().resolve(archive.get()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Harness training = new Harness(new BotProcess.Launch(launch.jar(), trainingOptions, launch.workingDirectory()),
                harness.workDir());
        try (BenchWorld world = new BenchWorld(2, 2, 1)) {
            world.cloudFront.completionDelay(Duration.ofMillis(500));
            try (BotProcess bot = training.startReady(world, "class-archive-training")) {
                List<Envelope> sent = new ArrayList<>();
                for (int command = 0; command < TRAINING_COMMANDS; command++) {
                    sent.add(world.invalidate(command));
                }
                sent.add(world.help(0));
                sent.forEach(envelope -> envelope.ack().join());
                Await.until("completions in the training run", Duration.ofSeconds(60), Duration.ofMillis(200),
                        () -> world.slack.calls("chat.update").size(), edits -> edits >= 2 * TRAINING_COMMANDS);
            }
        }
        if (!Files.exists(launch.workingDirectory().resolve(archive.get()))) {
            throw new IllegalStateException("the training run wrote no " + archive.get() + "; see its bot.log");
        }
    }
}

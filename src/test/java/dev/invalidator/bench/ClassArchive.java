package dev.invalidator.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The application class-data archive (AppCDS) that the container's flags may name, as
 * {@code -XX:SharedArchiveFile=invalidator.jsa}, a path relative to the working directory. The image makes it at
 * build time with a training run, and so does the benchmark, the same way, so that the bots it measures start as the
 * container's do: {@link #TRAINING} piped into {@code demo} (the real bot against simulators in its own process),
 * run with the other flags unchanged and {@code -XX:ArchiveClassesAtExit}, which writes the archive as it exits.
 */
final class ClassArchive {

    static final String TRAINING = "/invalidate web /index.html\n/invalidate help\n";
    private static final String USE = "-XX:SharedArchiveFile=";

    private ClassArchive() {}

    /** The archive the flags name, if they name one. */
    static Optional<String> named(BotProcess.Launch launch) {
        return launch.flags().stream()
                .filter(option -> option.startsWith(USE))
                .map(option -> option.substring(USE.length()))
                .findFirst();
    }

    /** Writes the archive the flags name into the working directory, from a training run of the jar. */
    static void train(BotProcess.Launch launch) {
        Optional<String> archive = named(launch);
        if (archive.isEmpty()) {
            return;
        }
        Path archivePath = launch.workingDirectory().resolve(archive.get());
        List<String> command =
                new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java")));
        launch.flags().stream().filter(option -> !option.startsWith(USE)).forEach(command::add);
        command.addAll(List.of(
                "-XX:ArchiveClassesAtExit=" + archive.get(),
                "-jar",
                launch.jar().toAbsolutePath().toString(),
                "demo"));
        try {
            Files.deleteIfExists(archivePath);
            Process training = new ProcessBuilder(command)
                    .directory(launch.workingDirectory().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(launch.workingDirectory()
                            .resolve("class-archive-training.log")
                            .toFile())
                    .start();
            training.getOutputStream().write(TRAINING.getBytes(StandardCharsets.UTF_8));
            training.getOutputStream().close();
            if (!training.waitFor(2, TimeUnit.MINUTES)) {
                training.destroyForcibly();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!Files.exists(archivePath)) {
            throw new IllegalStateException(
                    "the training run wrote no " + archive.get() + "; see class-archive-training.log beside it");
        }
    }
}

package dev.invalidator.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code printf '/invalidate web /index.html\n' | java -jar target/invalidator.jar demo} as someone who just cloned
 * the project runs it: no token, no AWS variable, no config file; the chat alone on stdout, the bot's log in a file.
 */
class DemoJarIT {

    private static final Path JAR = Path.of("target", "invalidator.jar");

    @TempDir
    Path dir;

    private Process demo;

    @AfterEach
    void stop() throws InterruptedException {
        if (demo != null && demo.isAlive()) {
            demo.destroy();
            demo.waitFor(20, TimeUnit.SECONDS);
        }
    }

    @Test
    void piped_input_shows_the_status_message_and_its_completion_then_exits_0_with_no_log_line_in_the_chat()
            throws IOException, InterruptedException {
        Path input = dir.resolve("input.txt");
        Files.writeString(input, "/invalidate web /index.html\n");
        ProcessBuilder builder = new ProcessBuilder(
                        ProcessHandle.current().info().command().orElse("java"),
                        "-Djava.io.tmpdir=" + dir,
                        "-jar",
                        JAR.toString(),
                        "demo")
                .redirectInput(input.toFile())
                .redirectOutput(dir.resolve("out.txt").toFile())
                .redirectError(dir.resolve("err.txt").toFile());
        builder.environment()
                .keySet()
                .removeIf(key -> key.startsWith("SLACK_") || key.startsWith("AWS_") || key.startsWith("INVALIDATOR_"));
        demo = builder.start();

        assertThat(demo.waitFor(120, TimeUnit.SECONDS))
                .as("the demo ends at the end of its input")
                .isTrue();
        String out = Files.readString(dir.resolve("out.txt"), StandardCharsets.UTF_8);
        assertThat(demo.exitValue()).as(out).isZero();
        assertThat(out)
                .containsSubsequence(
                        "alice in #ops › /invalidate web /index.html",
                        " · invalidator",
                        "🔄 In progress",
                        " edited",
                        "✅ Completed in",
                        "── final state ──",
                        "✅ Completed in");
        assertThat(out)
                .doesNotContainPattern(" (INFO|WARN|ERROR|DEBUG) ")
                .doesNotContain("xoxb-")
                .doesNotContain("xapp-");
        assertThat(Files.readString(dir.resolve("err.txt"))).isEmpty();
        assertThat(Files.readString(logNamedIn(out)))
                .contains("Created invalidation")
                .doesNotContain("xoxb-")
                .doesNotContain("xapp-");
    }

    @Test
    void writes_its_log_in_a_fresh_directory_only_its_owner_may_enter_not_under_a_name_known_in_advance()
            throws IOException, InterruptedException {
        Path planted = Files.writeString(dir.resolve("invalidator-demo.log"), "planted by someone else\n");
        Path input = Files.writeString(dir.resolve("input.txt"), "/invalidate web /index.html\n");
        ProcessBuilder builder = new ProcessBuilder(
                        ProcessHandle.current().info().command().orElse("java"),
                        "-Djava.io.tmpdir=" + dir,
                        "-jar",
                        JAR.toString(),
                        "demo")
                .redirectInput(input.toFile())
                .redirectOutput(dir.resolve("out.txt").toFile())
                .redirectError(dir.resolve("err.txt").toFile());
        demo = builder.start();
        assertThat(demo.waitFor(120, TimeUnit.SECONDS)).isTrue();

        Path log = logNamedIn(Files.readString(dir.resolve("out.txt"), StandardCharsets.UTF_8));
        assertThat(Files.readString(planted)).isEqualTo("planted by someone else\n");
        assertThat(log.getParent().getParent()).isEqualTo(dir);
        assertThat(Files.readString(log)).contains("Created invalidation");
        if (Files.getFileStore(dir).supportsFileAttributeView("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(log.getParent())))
                    .isEqualTo("rwx------");
        }
    }

    /** The file the demo says its log goes to: {@code (the bot's log: /tmp/…/invalidator-demo.log)}. */
    private static Path logNamedIn(String out) {
        Matcher named = Pattern.compile("\\(the bot's log: (.+)\\)").matcher(out);
        assertThat(named.find()).as("the demo names its log: " + out).isTrue();
        return Path.of(named.group(1));
    }
}

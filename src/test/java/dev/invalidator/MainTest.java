package dev.invalidator;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import dev.invalidator.base.DaemonThreads;
import dev.invalidator.logging.ConsoleLayout;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Start-up problems end in one line on stderr and a non-zero exit, never a stack trace or a token. */
class MainTest {

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(Map<String, String> env, String... args) {
        return Main.run(args, env, new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Nested
    class UncaughtExceptions {

        @Test
        void go_to_the_log_with_tokens_redacted_and_not_to_stderr() throws Exception {
            LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
            Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
            ByteArrayOutputStream lines = new ByteArrayOutputStream();
            OutputStreamAppender<ILoggingEvent> capture = capture(context, lines);
            root.addAppender(capture);
            PrintStream stderr = System.err;
            ByteArrayOutputStream bareStderr = new ByteArrayOutputStream();
            Thread.UncaughtExceptionHandler before = Thread.getDefaultUncaughtExceptionHandler();
            try {
                System.setErr(new PrintStream(bareStderr, true, StandardCharsets.UTF_8));
                run(Map.of(), "no-such-command");
                Thread dying = DaemonThreads.named("doomed").newThread(() -> {
                    throw new IllegalStateException("lost with xoxb-12345-12345-abcdef");
                });
                dying.start();
                dying.join();
            } finally {
                System.setErr(stderr);
                Thread.setDefaultUncaughtExceptionHandler(before);
                root.detachAppender(capture);
                capture.stop();
            }

            assertThat(bareStderr.toString(StandardCharsets.UTF_8)).isEmpty();
            assertThat(lines.toString(StandardCharsets.UTF_8))
                    .contains("doomed-1")
                    .contains("IllegalStateException: lost with xoxb-[redacted]")
                    .doesNotContain("xoxb-12345");
        }

        private static OutputStreamAppender<ILoggingEvent> capture(LoggerContext context, ByteArrayOutputStream lines) {
            ConsoleLayout layout = new ConsoleLayout();
            layout.setContext(context);
            layout.setPattern("%level %logger - %msg%n%ex");
            layout.start();
            LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
            encoder.setContext(context);
            encoder.setCharset(StandardCharsets.UTF_8);
            encoder.setLayout(layout);
            encoder.start();
            OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
            appender.setContext(context);
            appender.setEncoder(encoder);
            appender.setOutputStream(lines);
            appender.start();
            return appender;
        }
    }

    @Nested
    class RefusesToStart {

        @Test
        void without_a_config_file_naming_the_file() {
            int status = run(Map.of("INVALIDATOR_CONFIG", "no-such-file.yml"));

            assertThat(status).isNotZero();
            assertThat(stderr()).startsWith("invalidator: no-such-file.yml").hasLineCount(1);
        }

        @Test
        void without_tokens_naming_the_variables() {
            int status = run(Map.of("INVALIDATOR_CONFIG", "invalidator.example.yml"));

            assertThat(status).isNotZero();
            assertThat(stderr())
                    .hasLineCount(1)
                    .contains("SLACK_BOT_TOKEN")
                    .contains("SLACK_APP_TOKEN")
                    .contains("SLACK_SECRET_ID");
        }

        @Test
        void with_a_malformed_token_without_printing_it() {
            String secret = "xoxp-" + "1234567890" + "-SECRET";
            int status = run(Map.of(
                    "INVALIDATOR_CONFIG",
                    "invalidator.example.yml",
                    "SLACK_BOT_TOKEN",
                    secret,
                    "SLACK_APP_TOKEN",
                    "xapp-1-A0-SECRET"));

            assertThat(status).isNotZero();
            assertThat(stderr())
                    .hasLineCount(1)
                    .contains("xoxb-")
                    .doesNotContain(secret)
                    .doesNotContain("SECRET");
        }

        @Test
        void with_a_health_port_that_is_not_a_number_in_one_line() {
            // Token-shaped values are built at run time; they are never sent, the port is refused first.
            int status = run(Map.of(
                    "INVALIDATOR_CONFIG",
                    "invalidator.example.yml",
                    "SLACK_BOT_TOKEN",
                    "xoxb-" + "1".repeat(10),
                    "SLACK_APP_TOKEN",
                    "xapp-" + "1".repeat(10),
                    "HEALTH_PORT",
                    "eighty"));

            assertThat(status).isEqualTo(1);
            assertThat(stderr()).hasLineCount(1).startsWith("invalidator: HEALTH_PORT must be a port number");
        }

        @Test
        void for_an_unknown_sub_command_with_the_usage() {
            assertThat(run(Map.of(), "frobnicate")).isEqualTo(2);
            assertThat(stderr()).contains("usage");
        }

        @Test
        void for_sandbox_without_its_directory_with_the_sandbox_usage() {
            assertThat(run(Map.of(), "sandbox")).isEqualTo(2);
            assertThat(stderr()).hasLineCount(1).contains("usage: java -jar invalidator.jar sandbox DIR");
        }
    }
}

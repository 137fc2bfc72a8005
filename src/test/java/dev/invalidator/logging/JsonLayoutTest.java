package dev.invalidator.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** {@code LOG_FORMAT=json}: one JSON object per line, tokens redacted like the text layout's. */
class JsonLayoutTest {

    private static final String BOT_TOKEN = "xoxb-" + "1234567890" + "-" + "987654321" + "-abcdef";
    private static final String APP_TOKEN = "xapp-1-" + "A0SIM" + "-" + "1234567890" + "-deadbeef";

    private final LoggerContext context = new LoggerContext();
    private final ObjectMapper json = new ObjectMapper();

    private String line(String logger, Level level, String message, Throwable throwable) {
        ConsoleLayout layout = new ConsoleLayout();
        layout.setContext(context);
        layout.setFormat("json");
        layout.start();
        Logger source = context.getLogger(logger);
        return layout.doLayout(new LoggingEvent(Logger.class.getName(), source, level, message, throwable, null));
    }

    private JsonNode parsed(String line) throws Exception {
        assertThat(line).endsWith("\n").hasLineCount(1);
        return json.readTree(line);
    }

    @Nested
    class Writes {

        @Test
        void time_level_logger_thread_and_message() throws Exception {
            JsonNode line = parsed(line("dev.invalidator.Bot", Level.INFO, "Connected to Slack in Socket Mode", null));

            assertThat(line.path("time").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
            assertThat(line.path("level").asText()).isEqualTo("INFO");
            assertThat(line.path("logger").asText()).isEqualTo("dev.invalidator.Bot");
            assertThat(line.path("thread").asText())
                    .isEqualTo(Thread.currentThread().getName());
            assertThat(line.path("message").asText()).isEqualTo("Connected to Slack in Socket Mode");
            assertThat(line.has("exception")).isFalse();
        }

        @Test
        void quotes_and_new_lines_escaped_in_one_line() throws Exception {
            JsonNode line = parsed(line("dev.x", Level.WARN, "a \"quoted\"\nsecond line\tand\u0001control", null));

            assertThat(line.path("message").asText()).isEqualTo("a \"quoted\"\nsecond line\tand\u0001control");
        }

        @Test
        void a_stack_trace_as_one_string() throws Exception {
            JsonNode line = parsed(line("dev.x", Level.ERROR, "failed", new IllegalStateException("it broke")));

            assertThat(line.path("exception").asText())
                    .startsWith("java.lang.IllegalStateException: it broke")
                    .contains("\tat dev.invalidator.logging.JsonLayoutTest");
        }

        @Test
        void an_audit_line_as_an_object_rather_than_a_string() throws Exception {
            JsonNode line = parsed(line("audit", Level.INFO, "{\"decision\":\"created\",\"paths\":3}", null));

            assertThat(line.path("audit").path("decision").asText()).isEqualTo("created");
            assertThat(line.path("audit").path("paths").asInt()).isEqualTo(3);
            assertThat(line.has("message")).isFalse();
        }

        @Test
        void an_audit_line_that_is_not_json_as_a_message() throws Exception {
            JsonNode line = parsed(line("audit", Level.WARN, "could not write an audit line", null));

            assertThat(line.path("message").asText()).isEqualTo("could not write an audit line");
        }
    }

    @Nested
    class Redacts {

        @Test
        void tokens_in_the_message_even_right_after_an_escaped_character() throws Exception {
            String line = line("dev.x", Level.INFO, "sent\n" + BOT_TOKEN + " and \"" + APP_TOKEN + "\"", null);

            assertThat(line).doesNotContain(BOT_TOKEN).doesNotContain(APP_TOKEN);
            assertThat(parsed(line).path("message").asText())
                    .isEqualTo("sent\nxoxb-[redacted] and \"xapp-[redacted]\"");
        }

        @Test
        void tokens_in_the_stack_trace() throws Exception {
            String line = line(
                    "dev.x",
                    Level.ERROR,
                    "failed",
                    new IllegalStateException("Bearer " + BOT_TOKEN, new RuntimeException(APP_TOKEN)));

            assertThat(line).doesNotContain(BOT_TOKEN).doesNotContain(APP_TOKEN);
            assertThat(parsed(line).path("exception").asText())
                    .contains("Bearer xoxb-[redacted]")
                    .contains("Caused by: java.lang.RuntimeException: xapp-[redacted]");
        }

        @Test
        void tokens_in_an_audit_line() throws Exception {
            String line = line("audit", Level.INFO, "{\"reason\":\"" + BOT_TOKEN + "\"}", null);

            assertThat(line).doesNotContain(BOT_TOKEN);
            assertThat(parsed(line).path("audit").path("reason").asText()).isEqualTo("xoxb-[redacted]");
        }
    }

    @Nested
    class ConsoleLayoutChooses {

        private String text(String format) {
            ConsoleLayout layout = new ConsoleLayout();
            layout.setContext(context);
            layout.setFormat(format);
            layout.setPattern("%level %logger - %msg%n");
            layout.start();
            return layout.doLayout(new LoggingEvent(
                    Logger.class.getName(), context.getLogger("dev.x"), Level.INFO, "hello", null, null));
        }

        @Test
        void json_in_any_letter_case() {
            assertThat(text(" JSON ")).startsWith("{\"time\":");
        }

        @Test
        void the_pattern_for_text_empty_or_anything_else() {
            assertThat(text("text")).isEqualTo("INFO dev.x - hello\n");
            assertThat(text("")).startsWith("INFO dev.x - ");
            assertThat(text("xml")).startsWith("INFO dev.x - ");
        }
    }
}

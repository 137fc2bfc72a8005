package dev.invalidator.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.status.Status;
import ch.qos.logback.core.status.StatusUtil;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The bot's own {@code logback.xml} (not the tests'), with {@code LOG_FORMAT} as Logback resolves it: configured
 * without a warning (which would print Logback's status on stdout, amid the JSON) and writing the chosen format.
 */
class LogbackConfigTest {

    private static final URL MAIN_CONFIG = LogbackConfigTest.class.getResource("/logback.xml");

    /** Configures a fresh context from the bot's logback.xml, logs one line and returns what reached stdout. */
    private static String logOneLine(String logFormat) throws Exception {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter());
        if (logFormat != null) {
            context.putProperty("LOG_FORMAT", logFormat);
        }
        PrintStream stdout = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            JoranConfigurator configurator = new JoranConfigurator();
            configurator.setContext(context);
            configurator.doConfigure(MAIN_CONFIG);
            assertThat(new StatusUtil(context).getHighestLevel(0))
                    .as("Logback's own status")
                    .isLessThan(Status.WARN);
            context.getLogger("dev.invalidator.Bot").info("Connected to Slack in Socket Mode");
        } finally {
            context.stop();
            System.setOut(stdout);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    @Test
    void writes_text_lines_by_default() throws Exception {
        assertThat(logOneLine(null))
                .matches("\\S+Z INFO  \\[main] dev\\.invalidator\\.Bot - Connected to Slack in Socket Mode\\n");
    }

    @Test
    void writes_one_json_object_per_line_with_LOG_FORMAT_json() throws Exception {
        String line = logOneLine("json");

        assertThat(line).hasLineCount(1);
        assertThat(new ObjectMapper().readTree(line).path("message").asText())
                .isEqualTo("Connected to Slack in Socket Mode");
    }
}

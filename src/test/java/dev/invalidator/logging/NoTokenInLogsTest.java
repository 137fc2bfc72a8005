package dev.invalidator.logging;

import static dev.invalidator.testing.BotFixture.OPS;
import static dev.invalidator.testing.BotFixture.WEB;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.ContextInitializer;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.invalidator.sandbox.SimulatedInvalidation;
import dev.invalidator.sandbox.SlackSimulator;
import dev.invalidator.testing.BotFixture;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

/**
 * A whole flow with every logger at DEBUG, written through the bot's own layout in both formats ({@code LOG_FORMAT}):
 * no token in any line, and in JSON every line is one object.
 */
class NoTokenInLogsTest {

    @ParameterizedTest
    @ValueSource(strings = {"text", "json"})
    void a_full_flow_logged_at_debug_shows_no_token(String format) throws Exception {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        ByteArrayOutputStream lines = new ByteArrayOutputStream();
        OutputStreamAppender<ILoggingEvent> capture = capture(context, lines, format);
        root.detachAppender("STDOUT");
        root.addAppender(capture);
        context.getLoggerList().stream().filter(logger -> logger != root).forEach(logger -> logger.setLevel(null));
        root.setLevel(Level.DEBUG);
        String botToken;
        String appToken;
        try (BotFixture world = new BotFixture()) {
            botToken = world.slack.botToken();
            appToken = world.slack.appToken();
            world.startBot();
            world.type(SlackSimulator.ALICE, OPS, "web /index.html");
            SimulatedInvalidation invalidation = world.awaitInvalidation(WEB);
            world.cloudFront.simulator.complete(invalidation.id());
            world.awaitMessage(OPS, message -> message.text().contains("completed"), "the completed edit");
        } finally {
            capture.stop();
            context.reset();
            new ContextInitializer(context).autoConfig();
        }
        String log = lines.toString(StandardCharsets.UTF_8);

        assertThat(log).as("the flow was logged").contains("Created invalidation");
        assertThat(log)
                .doesNotContain(botToken)
                .doesNotContain(appToken)
                .doesNotContainPattern("xox[abpor]-[0-9]")
                .doesNotContainPattern("xapp-[0-9]");
        if (format.equals("json")) {
            List<JsonNode> objects = log.lines().map(NoTokenInLogsTest::parsed).toList();
            assertThat(objects)
                    .allSatisfy(line ->
                            assertThat(line.has("level") && line.has("logger")).isTrue());
            assertThat(objects)
                    .anySatisfy(line -> assertThat(
                                    line.path("audit").path("decision").asText())
                            .isEqualTo("created"));
        }
    }

    private static JsonNode parsed(String line) {
        try {
            JsonNode object = new ObjectMapper().readTree(line);
            assertThat(object.isObject()).as(line).isTrue();
            return object;
        } catch (Exception e) {
            throw new AssertionError("not a JSON object: " + line, e);
        }
    }

    private static OutputStreamAppender<ILoggingEvent> capture(
            LoggerContext context, ByteArrayOutputStream lines, String format) {
        ConsoleLayout layout = new ConsoleLayout();
        layout.setContext(context);
        layout.setFormat(format);
        layout.setPattern("%logger - %msg%n%ex");
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

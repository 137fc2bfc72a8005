package dev.invalidator.logging;

import static dev.invalidator.testing.BotFixture.OPS;
import static dev.invalidator.testing.BotFixture.WEB;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.ContextInitializer;
import ch.qos.logback.core.OutputStreamAppender;
import dev.invalidator.sandbox.SimulatedInvalidation;
import dev.invalidator.sandbox.SlackSimulator;
import dev.invalidator.testing.Await;
import dev.invalidator.testing.BotFixture;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** A whole flow with every logger at DEBUG, written through the bot's own layout: no token in any line. */
class NoTokenInLogsTest {

    @Test
    void a_full_flow_logged_at_debug_shows_no_token() throws Exception {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        ByteArrayOutputStream lines = new ByteArrayOutputStream();
        OutputStreamAppender<ILoggingEvent> capture = capture(context, lines);
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
            SimulatedInvalidation invalidation = Await.value("the invalidation", () ->
                    world.cloudFront.simulator.invalidations(WEB).stream().findFirst().orElse(null));
            world.cloudFront.simulator.complete(invalidation.id());
            world.awaitMessage(OPS, message -> message.text().contains("completed"), "the completed edit");
        } finally {
            capture.stop();
            context.reset();
            new ContextInitializer(context).autoConfig();
        }
        String log = lines.toString(StandardCharsets.UTF_8);

        assertThat(log).as("the flow was logged").contains("Created invalidation");
        assertThat(log).doesNotContain(botToken).doesNotContain(appToken)
                .doesNotContainPattern("xox[abpor]-[0-9]").doesNotContainPattern("xapp-[0-9]");
    }

    private static OutputStreamAppender<ILoggingEvent> capture(LoggerContext context, ByteArrayOutputStream lines) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%logger - %msg%n%ex");
        encoder.start();
        OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
        appender.setContext(context);
        appender.setEncoder(encoder);
        appender.setOutputStream(lines);
        appender.start();
        return appender;
    }
}

package dev.invalidator.demo;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;

/**
 * In the demo the terminal is the chat, so the bot's log lines (the same ones, tokens redacted) go to a file instead;
 * {@code run} keeps its own configuration, {@code logback.xml}.
 */
final class DemoLogging {

    private static final String CONFIGURATION = "logback-demo.xml";

    private DemoLogging() {}

    /** Sends every log line to {@code file} from now on; when that can't be set up, nowhere. */
    static void toFile(Path file) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        context.putProperty("DEMO_LOG_FILE", file.toString());
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        try {
            configurator.doConfigure(DemoLogging.class.getResource(CONFIGURATION));
        } catch (JoranException e) {
            // A reset context has no appender: the demo runs without a log rather than writing one into the chat.
            context.reset();
        }
    }
}

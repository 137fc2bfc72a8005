package dev.invalidator.demo;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.LoggerFactory;

/**
 * In the demo the terminal is the chat, so the bot's log lines (the same ones, tokens redacted) go to a file instead;
 * {@code run} keeps its own configuration, {@code logback.xml}.
 *
 * <p>The file is in a directory made for this run, that only its owner may enter: a fixed name in the shared
 * temporary folder could be created first by someone else — as a file they read, or a link to a file of the person
 * running the demo, which the log would overwrite.
 */
final class DemoLogging {

    private static final String CONFIGURATION = "logback-demo.xml";
    private static final String FILE_NAME = "invalidator-demo.log";

    private DemoLogging() {}

    /**
     * Sends every log line to a file in a new private directory under the temporary folder, and returns that file;
     * when no such directory can be made, sends them nowhere and returns empty.
     */
    static Optional<Path> toFreshFile() {
        Path directory;
        try {
            // On POSIX file systems the JDK creates it rwx------.
            directory = Files.createTempDirectory("invalidator-demo-");
        } catch (IOException e) {
            ((LoggerContext) LoggerFactory.getILoggerFactory()).reset();
            return Optional.empty();
        }
        Path file = directory.resolve(FILE_NAME);
        toFile(file);
        return Optional.of(file);
    }

    /** Sends every log line to {@code file} from now on; when that can't be set up, nowhere. */
    private static void toFile(Path file) {
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

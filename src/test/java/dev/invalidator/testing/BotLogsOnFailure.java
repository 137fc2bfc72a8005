package dev.invalidator.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Prints the logs of the bot processes a failed test started — their warnings and their last lines — into the test's
 * output, which is all a CI run keeps: a timeout that happened only on another machine can then be read, not guessed.
 *
 * <pre>{@code
 * @ExtendWith(BotLogsOnFailure.class)
 * class ReplicasIT { … }   // and each process started registers its log: BotLogsOnFailure.register(log)
 * }</pre>
 */
public final class BotLogsOnFailure implements BeforeEachCallback, AfterTestExecutionCallback {

    private static final int WARNINGS = 60;
    private static final int LAST_LINES = 40;
    private static final List<Path> LOGS = new CopyOnWriteArrayList<>();

    /** A log to print should the running test fail. */
    public static void register(Path log) {
        LOGS.add(log);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        LOGS.clear();
    }

    /** Right after the test method, before {@code @AfterEach} and {@code @TempDir} take the logs away. */
    @Override
    public void afterTestExecution(ExtensionContext context) {
        if (context.getExecutionException().isPresent()) {
            for (Path log : LOGS) {
                System.out.println(excerpt(log));
            }
        }
        LOGS.clear();
    }

    /** The warnings and errors of one log, then its last lines. */
    static String excerpt(Path log) {
        List<String> lines;
        try {
            lines = Files.readAllLines(log);
        } catch (IOException e) {
            return "=== " + log + ": unreadable (" + e.getMessage() + ")";
        }
        List<String> warnings = new ArrayList<>();
        for (String line : lines) {
            if ((line.contains(" WARN ") || line.contains(" ERROR ")) && warnings.size() < WARNINGS) {
                warnings.add(line);
            }
        }
        StringBuilder out = new StringBuilder();
        out.append("=== ").append(log).append(": ").append(lines.size()).append(" lines; its first ");
        out.append(warnings.size()).append(" warnings and errors:\n");
        warnings.forEach(line -> out.append(line).append('\n'));
        out.append("=== its last lines:\n");
        lines.subList(Math.max(0, lines.size() - LAST_LINES), lines.size())
                .forEach(line -> out.append(line).append('\n'));
        return out.toString();
    }
}

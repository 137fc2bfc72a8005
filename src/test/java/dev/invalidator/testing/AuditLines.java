package dev.invalidator.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.invalidator.sandbox.SlackSimulator.StepExecution;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.slf4j.LoggerFactory;

/**
 * The lines the {@code audit} logger writes while this is open, each read as the JSON object an operator's tools read.
 *
 * <pre>{@code
 * try (AuditLines audit = AuditLines.capture()) {
 *     world.type(ALICE, OPS, "web /index.html");
 *     JsonNode created = audit.await("created", WEB);
 * }
 * }</pre>
 */
public final class AuditLines implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Logger audit = (Logger) LoggerFactory.getLogger("audit");
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();

    private AuditLines() {
        lines.start();
        audit.addAppender(lines);
        audit.setLevel(Level.INFO);
    }

    public static AuditLines capture() {
        return new AuditLines();
    }

    /** Every line so far, in the order written. */
    public List<JsonNode> all() {
        List<ILoggingEvent> events;
        // The bot's threads append under the appender's lock (AppenderBase.doAppend); a copy under it reads a whole
        // list.
        synchronized (lines) {
            events = new ArrayList<>(lines.list);
        }
        return events.stream().map(AuditLines::parse).toList();
    }

    /** The first line recording {@code decision} about {@code distribution}, once there is one. */
    public JsonNode await(String decision, String distribution) {
        return await("an audit line '" + decision + "' about " + distribution, decision, distribution, line -> true);
    }

    /** The first such line that also satisfies {@code also}, described as {@code what}. */
    public JsonNode await(String what, String decision, String distribution, Predicate<JsonNode> also) {
        return Await.value(
                what,
                () -> all().stream()
                        .filter(line -> line.path("decision").asText().equals(decision)
                                && line.path("distribution").asText().equals(distribution)
                                && also.test(line))
                        .findFirst()
                        .orElse(null));
    }

    /** Where a line says its request came from, as one phrase to compare: {@code source=workflow step=Fx…}. */
    public static String origin(JsonNode line) {
        return "source=" + line.path("source").asText() + " step="
                + line.path("step").asText();
    }

    /** The {@link #origin} of a line about a request the workflow step's run {@code execution} sent. */
    public static String fromStep(StepExecution execution) {
        return "source=workflow step=" + execution.executionId();
    }

    private static JsonNode parse(ILoggingEvent event) {
        try {
            return JSON.readTree(event.getFormattedMessage());
        } catch (JsonProcessingException e) {
            throw new AssertionError("not JSON: " + event.getFormattedMessage(), e);
        }
    }

    @Override
    public void close() {
        audit.detachAppender(lines);
        audit.setLevel(null);
    }
}

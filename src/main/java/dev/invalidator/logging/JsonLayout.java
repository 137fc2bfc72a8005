package dev.invalidator.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.LayoutBase;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * One JSON object per line for {@code LOG_FORMAT=json}: {@code time}, {@code level}, {@code logger}, {@code thread},
 * {@code message} and, with a throwable, {@code exception} (the stack trace as one string). Every text field passes
 * through {@link Redaction} before it is encoded, exactly as the text layout's {@code %msg} and {@code %ex} do — before,
 * because escaping could join a token to the letter before it and hide it from the pattern.
 *
 * <p>The {@code audit} logger's lines are JSON already: such a line becomes an {@code audit} object instead of a
 * {@code message} string, so a log pipeline can query its fields without parsing twice.
 *
 * <pre>{@code
 * {"time":"2026-11-23T15:04:05.123Z","level":"INFO","logger":"dev.invalidator.slack.SlackBot","thread":"main","message":"Connected to Slack in Socket Mode"}
 * {"time":"2026-11-23T15:04:07.001Z","level":"INFO","logger":"audit","thread":"worker-1","audit":{"decision":"created",…}}
 * }</pre>
 */
public final class JsonLayout extends LayoutBase<ILoggingEvent> {

    /** The logger whose messages are JSON objects (see {@code flow.AuditLog}). */
    public static final String AUDIT_LOGGER = "audit";

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSX").withZone(ZoneOffset.UTC);
    private static final JsonFactory FACTORY = new JsonFactory();
    private static final ObjectMapper JSON = new ObjectMapper(FACTORY);

    @Override
    public String doLayout(ILoggingEvent event) {
        StringWriter line = new StringWriter(256);
        try (JsonGenerator json = FACTORY.createGenerator(line)) {
            json.writeStartObject();
            json.writeStringField("time", TIME.format(event.getInstant()));
            json.writeStringField("level", event.getLevel().toString());
            json.writeStringField("logger", Redaction.redact(event.getLoggerName()));
            json.writeStringField("thread", Redaction.redact(event.getThreadName()));
            String message = Redaction.redact(event.getFormattedMessage());
            Optional<JsonNode> audit =
                    AUDIT_LOGGER.equals(event.getLoggerName()) ? jsonObject(message) : Optional.empty();
            if (audit.isPresent()) {
                json.writeFieldName("audit");
                JSON.writeTree(json, audit.get());
            } else {
                json.writeStringField("message", message);
            }
            IThrowableProxy throwable = event.getThrowableProxy();
            if (throwable != null) {
                json.writeStringField("exception", Redaction.redact(ThrowableProxyUtil.asString(throwable)));
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("could not write a log line as JSON", e);
        }
        return line.append('\n').toString();
    }

    private static Optional<JsonNode> jsonObject(String message) {
        if (message == null || !message.startsWith("{")) {
            return Optional.empty();
        }
        try {
            JsonNode node = JSON.readTree(message);
            return node != null && node.isObject() ? Optional.of(node) : Optional.empty();
        } catch (IOException notJson) {
            return Optional.empty();
        }
    }
}

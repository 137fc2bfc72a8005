package dev.invalidator.logging;

import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Layout;
import ch.qos.logback.core.LayoutBase;
import java.util.Locale;

/**
 * The console layout of {@code logback.xml}, text or JSON as {@code LOG_FORMAT} says: {@code json} writes one JSON
 * object per line ({@link JsonLayout}); unset, empty or {@code text} writes the human-readable {@code pattern}. Any
 * other value logs as text, with a warning on Logback's status output, rather than not at all. One appender with this
 * layout, rather than one appender per format, keeps Logback quiet about the appender left unused.
 *
 * <pre>{@code
 * <layout class="dev.invalidator.logging.ConsoleLayout">
 *   <format>${LOG_FORMAT:-text}</format>
 *   <pattern>%d %-5level [%thread] %logger{20} - %msg%n%ex</pattern>
 * </layout>
 * }</pre>
 */
public final class ConsoleLayout extends LayoutBase<ILoggingEvent> {

    private String format = "text";
    private String pattern;
    private Layout<ILoggingEvent> chosen;

    /** {@code text} or {@code json}, in any letter case. */
    public void setFormat(String format) {
        this.format = format == null ? "" : format.strip().toLowerCase(Locale.ROOT);
    }

    /** The pattern of the text format. */
    public void setPattern(String pattern) {
        this.pattern = pattern;
    }

    @Override
    public void start() {
        if (format.equals("json")) {
            chosen = new JsonLayout();
        } else {
            if (!format.isEmpty() && !format.equals("text")) {
                addWarn("LOG_FORMAT=" + format + " is neither text nor json; logging as text");
            }
            PatternLayout text = new PatternLayout();
            text.setPattern(pattern);
            chosen = text;
        }
        chosen.setContext(getContext());
        chosen.start();
        super.start();
    }

    @Override
    public void stop() {
        chosen.stop();
        super.stop();
    }

    @Override
    public String doLayout(ILoggingEvent event) {
        return chosen.doLayout(event);
    }
}

package dev.invalidator.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names a monitoring file uses — the dashboard's queries, the alert rules' expressions — found as
 * Prometheus would read them: every name of the bot ({@code invalidator_…}) or of the JVM and process it runs in.
 *
 * <pre>{@code
 * MetricNames.in(Path.of("deploy/prometheus-rules.yml"));   // [invalidator_cloudfront_calls_seconds_count, …]
 * }</pre>
 */
public final class MetricNames {

    private static final Pattern METRIC = Pattern.compile("\\b(?:invalidator|jvm|process)_[a-z0-9_]+\\b");

    private MetricNames() {}

    public static Set<String> in(Path file) {
        try {
            return in(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Set<String> in(String text) {
        Set<String> names = new TreeSet<>();
        Matcher metric = METRIC.matcher(text);
        while (metric.find()) {
            names.add(metric.group());
        }
        return names;
    }
}

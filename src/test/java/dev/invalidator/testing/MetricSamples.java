package dev.invalidator.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A scrape in Prometheus's text format, read as Prometheus reads it: one sample per line, a name, labels and a value.
 *
 * <pre>{@code
 * MetricSamples samples = MetricSamples.parse(body);
 * samples.sum("invalidator_requests_total", "decision", "created");   // 1.0
 * samples.names();                                                    // [invalidator_requests_total, jvm_…]
 * }</pre>
 */
public final class MetricSamples {

    private static final Pattern SAMPLE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})? (\\S+)( \\S+)?");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\",?");

    /** One line of the scrape. */
    public record Sample(String name, Map<String, String> labels, double value) {}

    private final List<Sample> samples;

    private MetricSamples(List<Sample> samples) {
        this.samples = List.copyOf(samples);
    }

    public static MetricSamples parse(String text) {
        List<Sample> samples = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            Matcher sample = SAMPLE.matcher(line);
            if (!sample.matches()) {
                throw new IllegalArgumentException("not a sample line: " + line);
            }
            Map<String, String> labels = new LinkedHashMap<>();
            if (sample.group(3) != null) {
                Matcher label = LABEL.matcher(sample.group(3));
                while (label.find()) {
                    labels.put(label.group(1), label.group(2));
                }
            }
            samples.add(new Sample(sample.group(1), labels, Double.parseDouble(sample.group(4))));
        }
        return new MetricSamples(samples);
    }

    /** The names of every series, {@code _bucket}, {@code _count} and {@code _sum} included. */
    public Set<String> names() {
        Set<String> names = new TreeSet<>();
        samples.forEach(sample -> names.add(sample.name()));
        return names;
    }

    /** The samples of {@code name} whose labels include every {@code label, value} pair given. */
    public List<Sample> find(String name, String... labelsAndValues) {
        if (labelsAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("labels and values come in pairs");
        }
        return samples.stream()
                .filter(sample -> sample.name().equals(name))
                .filter(sample -> {
                    for (int i = 0; i < labelsAndValues.length; i += 2) {
                        if (!labelsAndValues[i + 1].equals(sample.labels().get(labelsAndValues[i]))) {
                            return false;
                        }
                    }
                    return true;
                })
                .toList();
    }

    /** The bot's own samples, for a failure message: what the scrape had instead. */
    @Override
    public String toString() {
        List<String> ours = samples.stream()
                .filter(sample -> sample.name().startsWith("invalidator_")
                        && !sample.name().endsWith("_bucket"))
                .map(sample -> sample.name() + sample.labels() + " " + sample.value())
                .toList();
        return ours.isEmpty() ? "no invalidator_ sample" : String.join("\n", ours);
    }

    /** The sum of the samples {@link #find} finds: 0 when there is none. */
    public double sum(String name, String... labelsAndValues) {
        return find(name, labelsAndValues).stream().mapToDouble(Sample::value).sum();
    }
}

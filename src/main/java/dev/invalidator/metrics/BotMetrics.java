package dev.invalidator.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The bot's meters, in one Prometheus registry: built once per bot by {@code Bot.start}, which hands each part to the
 * classes that count — {@link #requests()} to the audit log, {@link #cloudFront()} to the CloudFront adapter,
 * {@link #invalidations()} to the tracker, the completion reporter and the refresh check, {@link #slack()} to the
 * Slack adapter — and {@link #scrape} to {@code GET /metrics}.
 *
 * <pre>{@code
 * BotMetrics metrics = BotMetrics.withJvm(Map.of("E1WEBEXAMPLE", "web"));
 * metrics.requests().decided("created");
 * metrics.scrape("text/plain").body();   // … invalidator_requests_total{decision="created"} 1.0 …
 * }</pre>
 *
 * <p>Every name starts with {@code invalidator_} and carries its unit; labels are few and bounded — a decision, an
 * operation, an outcome, a distribution's alias, an AWS account, a Web API method — never a person, a channel, a path
 * or an invalidation. Micrometer stays inside this package (ArchitectureTest), so the rest of the bot counts through
 * these few methods.
 */
public final class BotMetrics implements AutoCloseable {

    static final String WORKER_QUEUE = "invalidator.worker.queue";

    /** The two formats Prometheus reads; OpenMetrics when the scraper asks for it, as Prometheus does. */
    static final String TEXT = "text/plain; version=0.0.4; charset=utf-8";

    static final String OPEN_METRICS = "application/openmetrics-text; version=1.0.0; charset=utf-8";

    /**
     * Two of the binders' meters whose names Prometheus's lint ({@code promtool check metrics}) refuses — an
     * abbreviated unit, a {@code _count} that is no histogram's — and that {@code process_cpu_usage} and
     * {@code system_cpu_usage} already tell.
     */
    private static final Set<String> REFUSED_BY_PROMTOOL = Set.of("process.cpu.time", "system.cpu.count");

    private final PrometheusMeterRegistry registry = registry();
    private final RequestMeters requests = new RequestMeters(registry);
    private final CloudFrontMeters cloudFront = new CloudFrontMeters(registry);
    private final InvalidationMeters invalidations;
    private final SlackMeters slack = new SlackMeters(registry);
    private final QueueMeters queue = new QueueMeters(registry);
    /** Listens to the JVM's collections, so it is closed with the registry. */
    private final Optional<JvmGcMetrics> gc;

    /**
     * The bot's own meters only, for a test of one class that counts.
     *
     * @param aliasByDistributionId the config's alias of each distribution id, for the {@code distribution} label
     */
    public BotMetrics(Map<String, String> aliasByDistributionId) {
        this(aliasByDistributionId, Optional.empty());
    }

    private BotMetrics(Map<String, String> aliasByDistributionId, Optional<JvmGcMetrics> gc) {
        this.invalidations = new InvalidationMeters(registry, aliasByDistributionId);
        this.gc = gc;
    }

    private static PrometheusMeterRegistry registry() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().meterFilter(MeterFilter.deny(id -> REFUSED_BY_PROMTOOL.contains(id.getName())));
        return registry;
    }

    /** With the JVM's and the process's own figures too: memory, garbage collection, threads, classes, CPU, files. */
    public static BotMetrics withJvm(Map<String, String> aliasByDistributionId) {
        JvmGcMetrics gc = new JvmGcMetrics();
        BotMetrics metrics = new BotMetrics(aliasByDistributionId, Optional.of(gc));
        gc.bindTo(metrics.registry);
        new JvmMemoryMetrics().bindTo(metrics.registry);
        new JvmThreadMetrics().bindTo(metrics.registry);
        new ClassLoaderMetrics().bindTo(metrics.registry);
        new ProcessorMetrics().bindTo(metrics.registry);
        new UptimeMetrics().bindTo(metrics.registry);
        new FileDescriptorMetrics().bindTo(metrics.registry);
        return metrics;
    }

    public RequestMeters requests() {
        return requests;
    }

    public CloudFrontMeters cloudFront() {
        return cloudFront;
    }

    public InvalidationMeters invalidations() {
        return invalidations;
    }

    public QueueMeters queue() {
        return queue;
    }

    public SlackMeters slack() {
        return slack;
    }

    /** Shows how many commands, clicks and reports wait in {@code queue} for a worker. */
    public void watchWorkerQueue(Collection<?> queue) {
        Gauge.builder(WORKER_QUEUE, queue, Collection::size)
                .description("Commands, clicks and reports waiting for a worker thread (the bot answers too busy at"
                        + " 1,000)")
                .baseUnit("tasks")
                .register(registry);
    }

    /**
     * Every meter now, in OpenMetrics when {@code accept} (the request's {@code Accept} header; empty or null without
     * one) takes it, in
     * Prometheus's text format otherwise.
     */
    public Scrape scrape(String accept) {
        String format = acceptsOpenMetrics(accept) ? OPEN_METRICS : TEXT;
        return new Scrape(format, registry.scrape(format));
    }

    /** Whether {@code accept} lists OpenMetrics with a quality above zero. */
    static boolean acceptsOpenMetrics(String accept) {
        if (accept == null) {
            return false;
        }
        for (String range : accept.split(",", -1)) {
            String[] parameters = range.split(";", -1);
            if (parameters[0].strip().toLowerCase(Locale.ROOT).equals("application/openmetrics-text")
                    && quality(parameters) > 0) {
                return true;
            }
        }
        return false;
    }

    private static double quality(String[] parameters) {
        for (int i = 1; i < parameters.length; i++) {
            String parameter = parameters[i].strip();
            if (parameter.startsWith("q=")) {
                try {
                    return Double.parseDouble(parameter.substring(2));
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 1;
    }

    @Override
    public void close() {
        gc.ifPresent(JvmGcMetrics::close);
        registry.close();
    }
}

package dev.invalidator.health;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.invalidator.base.DaemonThreads;
import dev.invalidator.metrics.Scrape;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /health} for a container orchestrator: 200 with {@code {"status":"ok",…}} when the bot is healthy, 503
 * otherwise (see {@link Health}). It listens before the bot starts, answering 503 {@code {"status":"starting"}}
 * until {@link #report} hands it the bot's health. On the same port, {@code GET /metrics} is for Prometheus, from
 * when {@link #reportMetrics} hands it the bot's metrics.
 *
 * <pre>{@code
 * Optional<HealthServer> health = HealthServer.fromEnvironment(System.getenv());   // HEALTH_PORT=8080
 * Bot bot = Bot.start(...);
 * health.ifPresent(server -> server.report(bot::health));
 * health.ifPresent(server -> server.reportMetrics(bot.metrics()::scrape));
 * }</pre>
 */
public final class HealthServer implements AutoCloseable {

    /** The port to listen on, on every interface; unset or empty: no health endpoint. */
    public static final String PORT_VARIABLE = "HEALTH_PORT";

    public static final String PATH = "/health";

    /** Where Prometheus scrapes the bot, on the same port. */
    public static final String METRICS_PATH = "/metrics";

    private static final Logger log = LoggerFactory.getLogger(HealthServer.class);
    private static final String STARTING = "{\"status\":\"starting\"}";
    private static final String PLAIN_TEXT = "text/plain; charset=utf-8";

    private final HttpServer server;
    private final ExecutorService executor;
    private volatile Supplier<Health> health;

    private volatile Function<String, Scrape> metrics;

    private HealthServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * Listens on {@value #PORT_VARIABLE} when it is set.
     *
     * @throws IllegalStateException with a one-line reason when the value is not a port or the port is taken
     */
    public static Optional<HealthServer> fromEnvironment(Map<String, String> env) {
        String value = env.get(PORT_VARIABLE);
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        int port;
        try {
            port = Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port < 1 || port > 65_535) {
            throw new IllegalStateException(PORT_VARIABLE + " must be a port number from 1 to 65535, or empty for no"
                    + " health endpoint (it is \"" + value.strip() + "\")");
        }
        return Optional.of(listen(new InetSocketAddress(port)));
    }

    /** Listens on {@code address} (port 0: any free port, see {@link #port()}). */
    public static HealthServer listen(InetSocketAddress address) {
        HttpServer http;
        try {
            http = HttpServer.create(address, 0);
        } catch (IOException e) {
            throw new IllegalStateException(
                    "the health endpoint could not listen on port " + address.getPort() + " (" + e.getMessage()
                            + ") — choose another " + PORT_VARIABLE,
                    e);
        }
        ExecutorService executor = Executors.newSingleThreadExecutor(DaemonThreads.named("health"));
        HealthServer healthServer = new HealthServer(http, executor);
        http.createContext("/", healthServer::answer);
        http.createContext(METRICS_PATH, healthServer::scrape);
        http.setExecutor(executor);
        http.start();
        return healthServer;
    }

    /** From now on the endpoint answers with what {@code health} says. */
    public void report(Supplier<Health> health) {
        this.health = health;
    }

    /**
     * From now on {@value #METRICS_PATH} answers with what {@code metrics} gives for the request's {@code Accept}
     * header (null when it has none).
     */
    public void reportMetrics(Function<String, Scrape> metrics) {
        this.metrics = metrics;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!PATH.equals(exchange.getRequestURI().getPath())) {
                send(exchange, 404, "{\"error\":\"not found; the health endpoint is " + PATH + "\"}");
                return;
            }
            String method = exchange.getRequestMethod();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                send(exchange, 405, "{\"error\":\"use GET\"}");
                return;
            }
            Supplier<Health> current = health;
            if (current == null) {
                send(exchange, 503, STARTING);
                return;
            }
            Health now;
            try {
                now = current.get();
            } catch (RuntimeException e) {
                log.warn("The health check failed", e);
                send(exchange, 503, "{\"status\":\"unhealthy\",\"error\":\"the health check failed\"}");
                return;
            }
            send(exchange, now.isHealthy() ? 200 : 503, now.toJson());
        }
    }

    private void scrape(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!METRICS_PATH.equals(exchange.getRequestURI().getPath())) {
                send(exchange, 404, PLAIN_TEXT, "Not found: the metrics are at " + METRICS_PATH + ".\n");
                return;
            }
            String method = exchange.getRequestMethod();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                send(exchange, 405, PLAIN_TEXT, "Use GET: " + METRICS_PATH + " is read-only.\n");
                return;
            }
            Function<String, Scrape> current = metrics;
            if (current == null) {
                send(exchange, 503, PLAIN_TEXT, "The bot is starting; its metrics follow once it has connected.\n");
                return;
            }
            Scrape scrape = current.apply(exchange.getRequestHeaders().getFirst("Accept"));
            send(exchange, 200, scrape.contentType(), scrape.body());
        }
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        send(exchange, status, "application/json", json);
    }

    private static void send(HttpExchange exchange, int status, String contentType, String text) throws IOException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : body.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}

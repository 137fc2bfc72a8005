package dev.invalidator.health;

import dev.invalidator.base.DaemonThreads;
import dev.invalidator.metrics.Scrape;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The health endpoint for a container orchestrator, on {@value #PORT_VARIABLE}:
 *
 * <ul>
 *   <li>{@value #LIVE} — liveness, for the checks that restart ({@code HEALTHCHECK}, ECS, Kubernetes' liveness
 *       probe): 200 while the process and its Socket Mode loop respond ({@link Liveness}).
 *   <li>{@value #READY} — readiness: 200 while the bot is connected to Slack, with CloudFront per distribution in the
 *       body ({@link Readiness}).
 *   <li>{@value #ALIAS} — the endpoint's first path, kept for the scripts written against it: the same as
 *       {@value #READY}.
 *   <li>{@value #METRICS} — for Prometheus: the bot's meters in its text format, or OpenMetrics when the scraper asks
 *       for it; 503 until {@link #reportMetrics} hands them over.
 * </ul>
 *
 * <p>It listens before the bot starts: while it {@linkplain #starting() starts}, live answers 200 and ready 503, both
 * {@code {"status":"starting"}}. Each connection is served by one of {@value #THREADS} threads and must send its
 * request within {@link #REQUEST_TIMEOUT} (else 408), so a client that connects and stalls never holds up the
 * orchestrator's next probe. It is plain HTTP/1.1 on a socket, not the JDK's {@code HttpServer}, whose only request
 * timeouts are JVM-wide system properties.
 *
 * <pre>{@code
 * Optional<HealthServer> health = HealthServer.fromEnvironment(System.getenv());   // HEALTH_PORT=8080
 * Bot bot = Bot.start(...);
 * health.ifPresent(server -> server.report(bot::liveness, bot::readiness));
 * health.ifPresent(server -> server.reportMetrics(bot.metrics()::scrape));
 * }</pre>
 */
public final class HealthServer implements AutoCloseable {

    /** The port to listen on, on every interface; unset or empty: no health endpoint. */
    public static final String PORT_VARIABLE = "HEALTH_PORT";

    public static final String LIVE = "/health/live";
    public static final String READY = "/health/ready";
    public static final String ALIAS = "/health";

    /** Where Prometheus scrapes the bot. */
    public static final String METRICS = "/metrics";

    /** Probes answered at the same time. */
    static final int THREADS = 4;
    /** How long a client may take to send its request: an orchestrator's probe sends it at once. */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);

    private static final Duration LINGER = Duration.ofSeconds(1);
    private static final int QUEUED_CONNECTIONS = 16;
    private static final int MAX_HEAD_BYTES = 8 * 1024;
    private static final String STARTING = "{\"status\":\"starting\"}";
    private static final Logger log = LoggerFactory.getLogger(HealthServer.class);

    private record Checks(Supplier<Liveness> live, Supplier<Readiness> ready) {}

    private final ServerSocket listening;
    private final ThreadPoolExecutor serving;
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private volatile Optional<Checks> checks = Optional.empty();
    private volatile Optional<Function<String, Scrape>> metrics = Optional.empty();

    private HealthServer(ServerSocket listening) {
        this.listening = listening;
        // More connections than threads and queue can hold are closed at once rather than left to pile up.
        this.serving = new ThreadPoolExecutor(
                THREADS,
                THREADS,
                0,
                TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(QUEUED_CONNECTIONS),
                DaemonThreads.named("health"));
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
        ServerSocket socket;
        try {
            socket = new ServerSocket();
            socket.bind(address);
        } catch (IOException e) {
            throw new IllegalStateException(
                    "the health endpoint could not listen on port " + address.getPort() + " (" + e.getMessage()
                            + ") — choose another " + PORT_VARIABLE,
                    e);
        }
        HealthServer server = new HealthServer(socket);
        DaemonThreads.named("health-accept").newThread(server::accept).start();
        return server;
    }

    /** From now on the endpoint answers with what the running bot says. */
    public void report(Supplier<Liveness> live, Supplier<Readiness> ready) {
        checks = Optional.of(new Checks(live, ready));
    }

    /** The bot is being replaced (new tokens) or stopped: answer "starting" until {@link #report} again. */
    public void starting() {
        checks = Optional.empty();
        metrics = Optional.empty();
    }

    /**
     * From now on {@value #METRICS} answers with what {@code scrape} gives for the request's {@code Accept} header
     * (empty when it has none).
     */
    public void reportMetrics(Function<String, Scrape> scrape) {
        metrics = Optional.of(scrape);
    }

    public int port() {
        return listening.getLocalPort();
    }

    private void accept() {
        while (!listening.isClosed()) {
            Socket connection;
            try {
                connection = listening.accept();
            } catch (IOException e) {
                if (!listening.isClosed()) {
                    log.warn("The health endpoint could not accept a connection: {}", e.getMessage());
                }
                continue;
            }
            connections.add(connection);
            try {
                serving.execute(() -> serve(connection));
            } catch (RejectedExecutionException e) {
                log.debug("More health probes at once than the endpoint serves; closed one");
                connections.remove(connection);
                close(connection);
            }
        }
    }

    private void serve(Socket connection) {
        try (connection) {
            boolean headOnly = false;
            ProbeAnswer answer;
            try {
                ProbeRequest request = ProbeRequest.read(connection, REQUEST_TIMEOUT, MAX_HEAD_BYTES);
                headOnly = request.method().equals("HEAD");
                answer = answer(request);
            } catch (ProbeRequest.Refused refused) {
                answer = refused.answer();
            }
            answer.write(connection.getOutputStream(), headOnly);
            lingerUntilTheClientCloses(connection);
        } catch (IOException e) {
            log.debug("A health probe went away: {}", e.getMessage());
        } finally {
            connections.remove(connection);
        }
    }

    private ProbeAnswer answer(ProbeRequest request) {
        if (request.path().equals(METRICS)) {
            return scrape(request);
        }
        boolean live = request.path().equals(LIVE);
        if (!live && !request.path().equals(READY) && !request.path().equals(ALIAS)) {
            return ProbeAnswer.error(404, "not found; the health endpoints are " + LIVE + " and " + READY);
        }
        if (!request.method().equals("GET") && !request.method().equals("HEAD")) {
            return ProbeAnswer.error(405, "use GET");
        }
        Optional<Checks> current = checks;
        if (current.isEmpty()) {
            return new ProbeAnswer(live ? 200 : 503, STARTING);
        }
        try {
            if (live) {
                Liveness liveness = current.get().live().get();
                return new ProbeAnswer(liveness.isLive() ? 200 : 503, liveness.toJson());
            }
            Readiness readiness = current.get().ready().get();
            return new ProbeAnswer(readiness.isReady() ? 200 : 503, readiness.toJson());
        } catch (RuntimeException e) {
            log.warn("The health check failed", e);
            return ProbeAnswer.error(503, "the health check failed");
        }
    }

    private ProbeAnswer scrape(ProbeRequest request) {
        if (!request.method().equals("GET") && !request.method().equals("HEAD")) {
            return ProbeAnswer.error(405, "use GET");
        }
        Optional<Function<String, Scrape>> current = metrics;
        if (current.isEmpty()) {
            return ProbeAnswer.error(503, "the bot is starting; its metrics follow once it runs");
        }
        try {
            Scrape scrape = current.get().apply(request.accept());
            return new ProbeAnswer(200, scrape.contentType(), scrape.body());
        } catch (RuntimeException e) {
            log.warn("The metrics could not be read", e);
            return ProbeAnswer.error(503, "the metrics could not be read");
        }
    }

    /**
     * Closing a connection with unread bytes in it resets it, and a reset can discard the answer before the client
     * reads it (a refused request may have more of its head, or a body, on the way): say we are done, and read what
     * still comes until the client closes, for a moment at most.
     */
    private static void lingerUntilTheClientCloses(Socket connection) throws IOException {
        connection.shutdownOutput();
        long deadline = System.nanoTime() + LINGER.toNanos();
        InputStream in = connection.getInputStream();
        byte[] discarded = new byte[1024];
        try {
            long left;
            while ((left = deadline - System.nanoTime()) > 0) {
                connection.setSoTimeout((int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                if (in.read(discarded) < 0) {
                    return;
                }
            }
        } catch (SocketTimeoutException e) {
            log.debug("A health probe kept its connection open after the answer");
        }
    }

    private static void close(Socket connection) {
        try {
            connection.close();
        } catch (IOException e) {
            log.debug("Closing a health connection failed: {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        try {
            listening.close();
        } catch (IOException e) {
            log.debug("Closing the health endpoint failed: {}", e.getMessage());
        }
        serving.shutdownNow();
        connections.forEach(HealthServer::close);
    }
}

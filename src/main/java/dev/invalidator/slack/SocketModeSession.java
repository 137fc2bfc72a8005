package dev.invalidator.slack;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.slack.api.Slack;
import com.slack.api.bolt.App;
import com.slack.api.bolt.response.Response;
import com.slack.api.bolt.socket_mode.request.SocketModeRequest;
import com.slack.api.bolt.socket_mode.request.SocketModeRequestParser;
import com.slack.api.socket_mode.SocketModeClient;
import com.slack.api.socket_mode.impl.SocketModeClientJavaWSImpl;
import com.slack.api.socket_mode.queue.SocketModeMessageQueue;
import com.slack.api.util.json.GsonFactory;
import dev.invalidator.base.DaemonThreads;
import dev.invalidator.metrics.SlackMeters;
import java.io.IOException;
import java.lang.reflect.Field;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.java_websocket.client.WebSocketClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bolt on a Socket Mode connection, each envelope handed to Bolt the moment it arrives.
 *
 * <p>Bolt's own {@code SocketModeApp} takes envelopes from the WebSocket through a queue that one thread polls every
 * 10 ms, one envelope per poll for each of its 10 polling tasks: at most 1,000 envelopes a second, so the last of a
 * burst of 1,000 commands waited more than a second for its ack, and one of 200 about 200 ms. Here the queue is a
 * hand-off to a small dispatch pool, which runs the listeners (they only ack and enqueue) and sends the ack; the
 * rest is what {@code SocketModeApp} does: {@code auth.test} at start, the SDK's client with its session monitor
 * and reconnects, and an ack even when a listener throws.
 *
 * <p>Each envelope is timed from the moment the WebSocket hands it over ({@link AckDeadline}): what its listener
 * handed to the workers runs only if its ack left within the budget.
 */
final class SocketModeSession implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SocketModeSession.class);
    /** Where the SDK's client keeps its current WebSocket (see {@link MonitoredClient}). */
    static final String SESSION_FIELD = "currentSession";

    /** How long the SDK's monitor waits after a failed reconnect before it tries again (as it does for its own). */
    private static final Duration RETRY_AFTER_FAILED_RECONNECT = Duration.ofSeconds(10);

    /** The envelope types Slack sends in Socket Mode; another would be counted as {@code other}. */
    private static final Set<String> ENVELOPE_TYPES = Set.of("slash_commands", "interactive", "events_api");

    private final App app;
    private final SocketModeClient client;
    private final ExecutorService dispatch;
    private final SocketModeLiveness liveness;

    private SocketModeSession(App app, SocketModeClient client, ExecutorService dispatch, SocketModeLiveness liveness) {
        this.app = app;
        this.client = client;
        this.dispatch = dispatch;
        this.liveness = liveness;
    }

    /**
     * Starts the app (which checks the bot token with {@code auth.test}) and connects.
     *
     * @throws IllegalArgumentException when Slack refuses the bot token
     * @throws Exception                when the app token is refused or the connection can't be opened
     */
    static SocketModeSession open(
            App app, String appToken, int dispatchThreads, Clock clock, AckDeadline deadline, SlackMeters meters)
            throws Exception {
        app.start();
        ExecutorService dispatch = dispatchPool(dispatchThreads);
        try {
            HandOff handOff = new HandOff();
            SocketModeLiveness liveness = new SocketModeLiveness(dispatch, clock);
            SocketModeClient client = new MonitoredClient(
                    app.slack(), appToken, app.slack().issueSocketModeUrl(appToken), handOff, liveness, meters);
            SocketModeRequestParser parser = new SocketModeRequestParser(app.config());
            Gson gson = GsonFactory.createSnakeCase(app.slack().getConfig());
            client.addWebSocketMessageListener(
                    message -> runBolt(app, client, parser, gson, message, deadline, meters));
            handOff.deliverTo(message -> {
                AckDeadline.Envelope envelope = deadline.arrived();
                dispatch.execute(() -> deadline.answer(envelope, () -> process(client, message)));
            });
            client.connect();
            client.setAutoReconnectEnabled(true);
            return new SocketModeSession(app, client, dispatch, liveness);
        } catch (Exception e) {
            dispatch.shutdownNow();
            app.stop();
            throw e;
        }
    }

    /** Unbounded: the WebSocket's reader thread must never wait, and an envelope must never be dropped here. */
    private static ExecutorService dispatchPool(int threads) {
        return new ThreadPoolExecutor(
                threads,
                threads,
                0,
                TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(),
                DaemonThreads.named("socket-mode-dispatch"));
    }

    /** Reads the envelope's type (a {@code disconnect} reconnects), then runs the listeners on this thread. */
    private static void process(SocketModeClient client, String message) {
        try {
            client.processMessage(message);
        } catch (Exception e) {
            log.error("Could not process a Socket Mode message: {}", e.getMessage(), e);
        }
    }

    private static void runBolt(
            App app,
            SocketModeClient client,
            SocketModeRequestParser parser,
            Gson gson,
            String message,
            AckDeadline deadline,
            SlackMeters meters) {
        SocketModeRequest request = parser.parse(message);
        if (request == null) {
            return;
        }
        Response response;
        try {
            response = app.run(request.getBoltRequest());
        } catch (Exception e) {
            // Slack shows the person an error when nothing is acked; the listener already logged its own failure.
            log.error("A Slack listener failed", e);
            response = Response.ok();
        }
        if (response.getStatusCode() != 200) {
            log.warn("Not acked: Bolt answered {} ({})", response.getStatusCode(), response.getBody());
            return;
        }
        client.sendSocketModeResponse(gson.toJson(ack(request.getEnvelope().getEnvelopeId(), response, gson)));
        String type = request.getEnvelope().getType();
        deadline.answering()
                .ifPresent(envelope -> meters.acked(ENVELOPE_TYPES.contains(type) ? type : "other", envelope.acked()));
    }

    /** {@code {"envelope_id": …}}, with the listener's answer as {@code payload} when it gave one. */
    private static Map<String, Object> ack(String envelopeId, Response response, Gson gson) {
        Map<String, Object> ack = new LinkedHashMap<>();
        ack.put("envelope_id", envelopeId);
        if (response.getBody() != null) {
            ack.put(
                    "payload",
                    response.getContentType().startsWith("application/json")
                            ? gson.fromJson(response.getBody(), JsonElement.class)
                            : Map.of("text", response.getBody()));
        }
        return ack;
    }

    /** See {@link SlackBot#isConnected()}. */
    boolean isConnected() {
        return client.verifyConnection();
    }

    /** See {@link SlackBot#stuck()}. */
    Optional<String> stuck() {
        return liveness.stuck();
    }

    /** Closes the connection for good (no reconnect follows), lets the envelopes in hand be acked, stops the app. */
    @Override
    public void close() {
        try {
            client.close();
            dispatch.shutdown();
            if (!dispatch.awaitTermination(5, TimeUnit.SECONDS)) {
                dispatch.shutdownNow();
            }
            app.stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.warn("Closing the Socket Mode connection failed: {}", e.getMessage());
        }
    }

    /**
     * The client's message queue, turned into a hand-off: what the WebSocket receives goes straight to the dispatch
     * pool, and nothing is left to poll.
     */
    private static final class HandOff implements SocketModeMessageQueue {

        private volatile Consumer<String> receiver;

        void deliverTo(Consumer<String> receiver) {
            this.receiver = receiver;
        }

        @Override
        public void add(String message) {
            receiver.accept(message);
        }

        @Override
        public String poll() {
            return null;
        }
    }

    /**
     * The SDK's Java-WebSocket client, with two changes.
     *
     * <p>Nagle's algorithm is off on every connection it opens (reconnects go through {@link #connect()} too). Acks
     * are small frames; with Nagle on, each one sent while the previous was not yet acknowledged waited for the
     * server's delayed ACK, up to 40 ms: measured on a burst of 200, ack p99 89–117 ms with it, 39–88 ms without. The
     * SDK offers no setting, so the session is reached by its field name; if an SDK upgrade renames it, the bot logs a
     * warning and runs as before.
     *
     * <p>Its session monitor survives a failed reconnect, and tells {@link SocketModeLiveness} each time it checks.
     * Each connection after the first is counted as a reconnect, whatever led to it: the monitor's missing pong,
     * Slack's {@code disconnect} message.
     * The monitor runs {@link #maintainCurrentSession()} on a scheduled executor, which stops calling a task for good
     * once it throws; the SDK catches only an {@code IOException} there, and throws an {@code IllegalStateException}
     * when apps.connections.open answers {@code ok:false} — one such answer, and the bot never reconnected again.
     */
    private static final class MonitoredClient extends SocketModeClientJavaWSImpl {

        private final SocketModeLiveness liveness;
        private final SlackMeters meters;
        private final AtomicBoolean connectedOnce = new AtomicBoolean();
        /**
         * Set before the SDK's close: a monitor check already under way when the bot closes (a late pong on a busy
         * machine) would otherwise open a new connection after the close, which nothing ever closes — Slack would go
         * on handing that connection envelopes the stopped bot never acks.
         */
        private final AtomicBoolean closed = new AtomicBoolean();

        MonitoredClient(
                Slack slack,
                String appToken,
                String url,
                SocketModeMessageQueue queue,
                SocketModeLiveness liveness,
                SlackMeters meters)
                throws URISyntaxException {
            super(
                    slack,
                    appToken,
                    url,
                    0,
                    queue,
                    true,
                    true,
                    SocketModeClient.DEFAULT_SESSION_MONITOR_INTERVAL_MILLISECONDS);
            this.liveness = liveness;
            this.meters = meters;
        }

        /** Returns when the monitor may check again, in epoch milliseconds, as the SDK's own does. */
        @Override
        public long maintainCurrentSession() {
            if (closed.get()) {
                return Long.MAX_VALUE;
            }
            liveness.monitorChecking();
            try {
                return super.maintainCurrentSession();
            } catch (RuntimeException e) {
                log.warn(
                        "Could not reconnect to Slack ({}); trying again in {} s",
                        e.getMessage(),
                        RETRY_AFTER_FAILED_RECONNECT.toSeconds());
                return System.currentTimeMillis() + RETRY_AFTER_FAILED_RECONNECT.toMillis();
            }
        }

        @Override
        public void connect() {
            if (closed.get()) {
                return;
            }
            if (connectedOnce.getAndSet(true)) {
                meters.reconnected();
            }
            try {
                Field session = SocketModeClientJavaWSImpl.class.getDeclaredField(SESSION_FIELD);
                session.setAccessible(true);
                ((WebSocketClient) session.get(this)).setTcpNoDelay(true);
            } catch (ReflectiveOperationException | RuntimeException e) {
                log.warn("Could not turn Nagle's algorithm off for Socket Mode: {}", e.toString());
            }
            super.connect();
        }

        @Override
        public void close() throws IOException {
            closed.set(true);
            super.close();
        }
    }
}

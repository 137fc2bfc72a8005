package dev.invalidator.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.invalidator.sandbox.SlackSimulator.Ack;
import dev.invalidator.sandbox.SlackSimulator.Routing;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.java_websocket.WebSocket;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.drafts.Draft;
import org.java_websocket.exceptions.InvalidDataException;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.framing.Framedata;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.handshake.ServerHandshakeBuilder;
import org.java_websocket.server.WebSocketServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Socket Mode side: a WebSocket server that accepts connections with a ticket issued by
 * {@code apps.connections.open}, says {@code hello}, hands each envelope to exactly one live connection and
 * records the acks. Ping frames are answered with pongs by Java-WebSocket itself.
 */
final class SlackSocketServer extends WebSocketServer {

    private static final Logger log = LoggerFactory.getLogger(SlackSocketServer.class);

    private final ObjectMapper json;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Set<String> tickets = ConcurrentHashMap.newKeySet();
    /** Open connections that may receive envelopes (not yet told to disconnect), oldest first. */
    private final List<WebSocket> live = new CopyOnWriteArrayList<>();

    private final Map<String, CompletableFuture<Ack>> pending = new ConcurrentHashMap<>();
    private final List<Ack> acks = new CopyOnWriteArrayList<>();
    private final AtomicInteger nextConnection = new AtomicInteger();
    /** Numbers connections in the order they open: 1, 2, 3, … (kept as each connection's attachment). */
    private final AtomicInteger openedConnections = new AtomicInteger();

    private final AtomicInteger pings = new AtomicInteger();
    private final CountDownLatch started = new CountDownLatch(1);
    private final Object connectionsChanged = new Object();
    private volatile Routing routing = Routing.ROUND_ROBIN;
    /** When set, every envelope goes to this connection number and to no other. */
    private volatile Integer pinnedTo;

    private volatile Exception startFailure;

    SlackSocketServer(ObjectMapper json, Clock clock) {
        super(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        this.json = json;
        this.clock = clock;
        setReuseAddr(true);
        setDaemon(true);
        // Envelopes leave at once, as from Slack: with Nagle's algorithm each small frame of a burst waited for the
        // client's delayed ACK of the one before.
        setTcpNoDelay(true);
    }

    /** Starts the server and waits until it listens. */
    void startAndWait() {
        start();
        try {
            if (!started.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("Socket Mode server did not start within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the Socket Mode server", e);
        }
        if (startFailure != null) {
            throw new IllegalStateException("Socket Mode server failed to start", startFailure);
        }
    }

    /** A fresh single-use WebSocket URL, as {@code apps.connections.open} returns. */
    String issueUrl() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        String ticket = HexFormat.of().formatHex(bytes);
        tickets.add(ticket);
        return "ws://127.0.0.1:" + getPort() + "/link/?ticket=" + ticket + "&app_id=" + SlackWorld.APP_ID;
    }

    void routing(Routing routing) {
        this.routing = routing;
        this.pinnedTo = null;
    }

    void deliverTo(int connection) {
        this.pinnedTo = connection;
    }

    /** The numbers of the open connections that can receive envelopes, oldest first. */
    List<Integer> connections() {
        return live.stream()
                .filter(WebSocket::isOpen)
                .map(conn -> (Integer) conn.getAttachment())
                .toList();
    }

    @Override
    public ServerHandshakeBuilder onWebsocketHandshakeReceivedAsServer(
            WebSocket conn, Draft draft, ClientHandshake request) throws InvalidDataException {
        ServerHandshakeBuilder response = super.onWebsocketHandshakeReceivedAsServer(conn, draft, request);
        String ticket = ticketOf(request.getResourceDescriptor());
        if (ticket == null || !tickets.remove(ticket)) {
            log.debug("Socket Mode handshake refused: unknown or used ticket");
            throw new InvalidDataException(CloseFrame.POLICY_VALIDATION, "invalid ticket");
        }
        return response;
    }

    private static String ticketOf(String resource) {
        String query = URI.create(resource).getRawQuery();
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&", -1)) {
            if (pair.startsWith("ticket=")) {
                return pair.substring("ticket=".length());
            }
        }
        return null;
    }

    /** Counts ping frames; the pong itself is sent by Java-WebSocket's default handler. */
    @Override
    public void onWebsocketPing(WebSocket conn, Framedata ping) {
        pings.incrementAndGet();
        super.onWebsocketPing(conn, ping);
    }

    int pingsReceived() {
        return pings.get();
    }

    @Override
    public void onOpen(WebSocket conn, ClientHandshake handshake) {
        conn.setAttachment(openedConnections.incrementAndGet());
        live.add(conn);
        ObjectNode hello = json.createObjectNode().put("type", "hello").put("num_connections", live.size());
        hello.putObject("debug_info")
                .put("host", "applink-sim")
                .put("build_number", 1)
                .put("approximate_connection_time", 18060);
        hello.putObject("connection_info").put("app_id", SlackWorld.APP_ID);
        conn.send(hello.toString());
        log.debug("Socket Mode connection opened from {} ({} live)", conn.getRemoteSocketAddress(), live.size());
        signalConnectionsChanged();
    }

    @Override
    public void onClose(WebSocket conn, int code, String reason, boolean remote) {
        live.remove(conn);
        log.debug("Socket Mode connection closed (code {}, remote {}, {} live)", code, remote, live.size());
        signalConnectionsChanged();
    }

    @Override
    public void onMessage(WebSocket conn, String message) {
        JsonNode node;
        try {
            node = json.readTree(message);
        } catch (IOException e) {
            log.debug("Socket Mode: ignoring a frame that is not JSON");
            return;
        }
        String envelopeId = node.path("envelope_id").asText(null);
        if (envelopeId == null) {
            log.debug("Socket Mode: ignoring a message without envelope_id");
            return;
        }
        JsonNode payload = node.get("payload");
        Ack ack = new Ack(envelopeId, clock.instant(), payload == null || payload.isNull() ? null : payload.toString());
        acks.add(ack);
        CompletableFuture<Ack> future = pending.remove(envelopeId);
        if (future == null) {
            log.debug("Socket Mode: ack for an unknown or already acked envelope {}", envelopeId);
        } else {
            future.complete(ack);
        }
    }

    @Override
    public void onError(WebSocket conn, Exception ex) {
        if (conn == null) {
            startFailure = ex;
            started.countDown();
        }
        log.debug("Socket Mode server error: {}", ex.toString());
    }

    @Override
    public void onStart() {
        started.countDown();
    }

    /**
     * Sends an envelope to one live connection. The future completes with the first ack, or exceptionally
     * right away when no connection can take it (Slack shows the user "dispatch_failed" then).
     */
    CompletableFuture<Ack> deliver(String envelopeId, String envelopeJson) {
        CompletableFuture<Ack> future = new CompletableFuture<>();
        pending.put(envelopeId, future);
        WebSocket target = pick();
        try {
            if (target == null) {
                throw new IllegalStateException("dispatch_failed: no open Socket Mode connection"
                        + (pinnedTo == null ? "" : " numbered " + pinnedTo));
            }
            target.send(envelopeJson);
            log.debug("Socket Mode: envelope {} sent to {}", envelopeId, target.getRemoteSocketAddress());
        } catch (RuntimeException e) {
            pending.remove(envelopeId);
            future.completeExceptionally(
                    e instanceof IllegalStateException ? e : new IllegalStateException("dispatch_failed: " + e, e));
        }
        return future;
    }

    private WebSocket pick() {
        List<WebSocket> open = live.stream().filter(WebSocket::isOpen).toList();
        Integer pinned = pinnedTo;
        if (pinned != null) {
            return open.stream()
                    .filter(conn -> pinned.equals(conn.getAttachment()))
                    .findFirst()
                    .orElse(null);
        }
        if (open.isEmpty()) {
            return null;
        }
        int index = routing == Routing.RANDOM
                ? ThreadLocalRandom.current().nextInt(open.size())
                : Math.floorMod(nextConnection.getAndIncrement(), open.size());
        return open.get(index);
    }

    int openConnections() {
        return (int) live.stream().filter(WebSocket::isOpen).count();
    }

    void awaitConnections(int n, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (connectionsChanged) {
            while (openConnections() != n) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new IllegalStateException("expected " + n + " open Socket Mode connection(s) within "
                            + timeout + " but have " + openConnections());
                }
                try {
                    connectionsChanged.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for connections", e);
                }
            }
        }
    }

    private void signalConnectionsChanged() {
        synchronized (connectionsChanged) {
            connectionsChanged.notifyAll();
        }
    }

    /** Sends {@code disconnect} to every live connection; they get no more envelopes. */
    void disconnectAll(String reason) {
        ObjectNode message = json.createObjectNode().put("type", "disconnect").put("reason", reason);
        message.putObject("debug_info").put("host", "applink-sim");
        for (WebSocket conn : new ArrayList<>(live)) {
            live.remove(conn);
            if (conn.isOpen()) {
                conn.send(message.toString());
            }
        }
        signalConnectionsChanged();
    }

    /** Closes every TCP connection without a WebSocket close frame, as a network failure would. */
    void dropAllConnections() {
        for (WebSocket conn : new ArrayList<>(getConnections())) {
            live.remove(conn);
            ((WebSocketImpl) conn).closeConnection(CloseFrame.ABNORMAL_CLOSE, "dropped by the simulator");
        }
        signalConnectionsChanged();
    }

    List<Ack> acks() {
        return List.copyOf(acks);
    }

    void shutdown() {
        try {
            stop(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        pending.values().forEach(f -> f.completeExceptionally(new IllegalStateException("simulator closed")));
        pending.clear();
    }
}

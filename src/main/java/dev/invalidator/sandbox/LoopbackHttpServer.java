package dev.invalidator.sandbox;

import com.sun.net.httpserver.HttpServer;
import dev.invalidator.base.DaemonThreads;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Creates JDK {@link HttpServer}s on 127.0.0.1 for the simulators, with a small bounded pool of daemon threads.
 *
 * <p>The JDK server writes the response headers and the body as two TCP segments; with Nagle's algorithm on,
 * the client's delayed ACK then stalls every exchange by ~40 ms (measured: ~50 ms per SDK call instead of ~5 ms).
 * The only switch is the JVM-wide system property {@code sun.net.httpserver.nodelay}, read once when the first
 * {@code HttpServer} of the process starts. It is set here, before creating a server, unless someone already
 * chose a value.
 */
final class LoopbackHttpServer {

    static final String NO_DELAY_PROPERTY = "sun.net.httpserver.nodelay";

    private LoopbackHttpServer() {}

    /** An unstarted server bound to 127.0.0.1:{@code port} (0 = ephemeral) using {@code executor}. */
    static HttpServer create(int port, ExecutorService executor) {
        if (System.getProperty(NO_DELAY_PROPERTY) == null) {
            System.setProperty(NO_DELAY_PROPERTY, "true");
        }
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
            server.setExecutor(executor);
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot bind to 127.0.0.1:" + port, e);
        }
    }

    /**
     * A fixed pool of {@code threads} daemon threads named {@code <name>-N}, with a bounded queue; when full, the
     * accepting thread runs the exchange itself (back-pressure instead of rejection).
     */
    static ExecutorService boundedPool(String name, int threads, int queue) {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(
                threads,
                threads,
                30,
                TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(queue),
                DaemonThreads.named(name),
                new ThreadPoolExecutor.CallerRunsPolicy());
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }
}

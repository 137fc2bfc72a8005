package dev.invalidator.sandbox;

import com.sun.net.httpserver.HttpServer;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;

/**
 * The viewer's side of the {@link CloudFrontSimulator}: an edge location on 127.0.0.1 that serves each distribution's
 * objects under {@link #baseUrl}, keeps cached copies by exact key and drops them as the simulator's invalidations
 * complete — so a test or the demo can show an invalidation that refreshed its files and one that missed them.
 *
 * <pre>{@code
 * SimulatedEdge edge = simulator.edge();
 * edge.publish("E1WEBEXAMPLE", "/index.html", "v1");
 * edge.cacheCopy("E1WEBEXAMPLE", "/index.html", Duration.ofHours(2));   // viewers got v1 two hours ago
 * edge.publish("E1WEBEXAMPLE", "/index.html", "v2");                   // the deploy; the edge still has v1
 * // invalidating /index.html refreshes it; invalidating /Index.html leaves the v1 copy in place
 * verify: {baseUrl: <edge.baseUrl("E1WEBEXAMPLE")>}                    // in the bot's config
 * }</pre>
 *
 * <p>A distribution with a {@code CacheTagConfig} ({@link CloudFrontSimulator#cacheTagHeader}) tags each copy with
 * the tags in the origin's header of that name ({@link #publish(String, String, String, Map)}); a completed tag
 * invalidation drops every copy tagged with it. Without one, tag items remove nothing, as in CloudFront.
 *
 * <p>Answers carry {@code X-Cache} ({@code Hit}, {@code Miss} or {@code Error from cloudfront}), {@code Age} on a
 * hit, {@code ETag} and {@code Last-Modified}. Thread-safe; started by {@link CloudFrontSimulator#edge()}.
 */
public final class SimulatedEdge implements AutoCloseable {

    private static final int THREADS = 8;
    private static final int QUEUE = 256;

    /** One request as it reached the edge; {@code at} is the system clock's, to order it against other records. */
    public record Request(String method, String distributionId, String pathAndQuery, Instant at) {}

    private final CloudFrontState state;
    private final EdgeCache cache = new EdgeCache();
    private final List<Request> requests = new ArrayList<>();
    private final ExecutorService executor;
    private final HttpServer server;
    private final URI endpoint;
    private boolean holding;

    SimulatedEdge(CloudFrontState state) {
        this.state = state;
        this.executor = LoopbackHttpServer.boundedPool("edge-sim", THREADS, QUEUE);
        try {
            this.server = LoopbackHttpServer.create(0, executor);
        } catch (RuntimeException e) {
            executor.shutdownNow();
            throw e;
        }
        this.endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        server.createContext("/", new EdgeHttpHandler(this));
        server.start();
    }

    /** Where the distribution's URLs start: {@code http://127.0.0.1:<port>/<distribution id>}, no trailing slash. */
    public URI baseUrl(String distributionId) {
        known(distributionId);
        return URI.create(endpoint + "/" + distributionId);
    }

    /** Puts a new version of an object on the origin; {@code path} is decoded as the origin (S3) would. */
    public void publish(String distributionId, String path, String body) {
        publish(distributionId, path, body, Map.of());
    }

    /**
     * The same, with response headers the origin sends with it — e.g. the cache tags in the header the distribution's
     * {@code CacheTagConfig} names ({@code Map.of("Edge-Cache-Tag", "release-42,home")}), which the edge learns when
     * it caches a copy.
     */
    public void publish(String distributionId, String path, String body, Map<String, String> headers) {
        known(distributionId);
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(body, "body");
        cache.publish(distributionId, path, body, Map.copyOf(headers), state.now());
    }

    /**
     * Lets the edge hold a copy of the origin's current object under exactly {@code key} (path, and query string where
     * that path is {@linkplain #keyOnQueryString keyed on it}), cached {@code age} ago.
     *
     * @throws IllegalArgumentException when the origin has no object at the key's path
     */
    public void cacheCopy(String distributionId, String key, Duration age) {
        known(distributionId);
        Objects.requireNonNull(key, "key");
        if (age.isNegative()) {
            throw new IllegalArgumentException("age must not be negative, was " + age);
        }
        cache.cacheCopy(
                distributionId, key, tagHeader(distributionId), state.now().minus(age));
    }

    /**
     * Makes the query string part of the cache key for paths that {@code pathPattern} names (exactly, or by the prefix
     * before a final {@code *}), as a cache behaviour that caches on query strings does.
     */
    public void keyOnQueryString(String distributionId, String pathPattern) {
        known(distributionId);
        cache.keyOnQueryString(distributionId, Objects.requireNonNull(pathPattern, "pathPattern"));
    }

    /** While on, {@code HEAD} answers 405 for this distribution, as some setups do; {@code GET} still works. */
    public void refuseHead(String distributionId, boolean refuse) {
        known(distributionId);
        cache.refuseHead(distributionId, refuse);
    }

    /** While held, requests arrive (and are recorded) but get no answer until the hold is released. */
    public synchronized void holdAnswers(boolean hold) {
        holding = hold;
        notifyAll();
    }

    /** Whether the edge holds a copy under exactly {@code key} now. */
    public boolean holds(String distributionId, String key) {
        return copyAge(distributionId, key).isPresent();
    }

    /** How old the copy under exactly {@code key} is, if the edge holds one. */
    public Optional<Duration> copyAge(String distributionId, String key) {
        known(distributionId);
        Instant now = state.now();
        return cache.copy(distributionId, key, state.invalidations(distributionId), tagHeader(distributionId), now)
                .map(copy -> Duration.between(copy.cachedAt(), now));
    }

    /** Every request that reached the edge, in arrival order (a snapshot). */
    public synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() {
        holdAnswers(false);
        server.stop(0);
        executor.shutdownNow();
    }

    void arrived(String method, String distributionId, String pathAndQuery) {
        synchronized (this) {
            requests.add(new Request(method, distributionId, pathAndQuery, Instant.now()));
            notifyAll();
        }
        awaitRelease();
    }

    boolean refusesHead(String distributionId) {
        return cache.refusesHead(distributionId);
    }

    EdgeCache.Served serve(String distributionId, String path, String rawQuery) {
        if (!isKnown(distributionId)) {
            return new EdgeCache.Served.NotFound();
        }
        return cache.serve(
                distributionId,
                path,
                rawQuery,
                state.invalidations(distributionId),
                tagHeader(distributionId),
                state.now());
    }

    private Optional<String> tagHeader(String distributionId) {
        return state.distribution(distributionId).distribution().cacheTagHeader();
    }

    private synchronized void awaitRelease() {
        while (holding) {
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** A distribution's id, or a distribution tenant's: a tenant's copies are its own, as its invalidations are. */
    private boolean isKnown(String distributionId) {
        return state.knows(distributionId);
    }

    private void known(String distributionId) {
        Objects.requireNonNull(distributionId, "distributionId");
        if (!isKnown(distributionId)) {
            throw new IllegalArgumentException("No distribution " + distributionId);
        }
    }
}

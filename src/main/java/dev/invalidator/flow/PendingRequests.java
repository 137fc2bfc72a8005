package dev.invalidator.flow;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Requests waiting for their requester's click, by a short random id that travels in the button's value. Bounded
 * and expiring: an old or forgotten confirmation can never be clicked into an invalidation later.
 *
 * <pre>{@code
 * String id = pending.put(request);      // "3f9a1c0b7e2d4a58"
 * pending.take(id);                      // the request, once; empty afterwards or after expiry
 * }</pre>
 */
final class PendingRequests<T> {

    static final int CAPACITY = 1_000;

    private final Duration lifetime;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    /** Guarded by {@code this}; insertion order is age order, so the eldest is dropped first. */
    private final Map<String, Entry<T>> entries = new LinkedHashMap<>();

    private record Entry<T>(T request, Instant expires) {
    }

    PendingRequests(Duration lifetime, Clock clock) {
        this.lifetime = lifetime;
        this.clock = clock;
    }

    synchronized String put(T request) {
        String id = newId();
        put(id, request);
        return id;
    }

    /** An id for a request that is stored later, once what carries the id (a message) exists. */
    String newId() {
        byte[] bytes = new byte[8];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    synchronized void put(String id, T request) {
        dropExpired();
        if (entries.size() >= CAPACITY) {
            entries.remove(entries.keySet().iterator().next());
        }
        entries.put(id, new Entry<>(request, clock.instant().plus(lifetime)));
    }

    /** The request without removing it, to check who may act on it. */
    synchronized Optional<T> peek(String id) {
        dropExpired();
        return Optional.ofNullable(entries.get(id)).map(Entry::request);
    }

    /** The request, removed: a second click on the same button finds nothing. */
    synchronized Optional<T> take(String id) {
        dropExpired();
        return Optional.ofNullable(entries.remove(id)).map(Entry::request);
    }

    private void dropExpired() {
        Instant now = clock.instant();
        entries.values().removeIf(entry -> entry.expires().isBefore(now));
    }
}

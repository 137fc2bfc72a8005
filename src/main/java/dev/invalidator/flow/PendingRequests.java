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
 * What this instance knows about the questions it has seen, by a short random id: the requests it asked about and
 * still holds, and the ids already answered here. Bounded and expiring: an old or forgotten question can never be
 * clicked into an invalidation later.
 *
 * <p>An id is answered once per instance whether or not this instance holds its request: a click whose request
 * travelled in the button (a {@link RequestTicket}) claims the id too, so a double click on one instance acts once.
 *
 * <pre>{@code
 * String id = pending.newId();           // "3f9a1c0b7e2d4a58"
 * pending.put(id, request);
 * pending.peek(id);                      // the request, until it is answered or expires
 * pending.claim(id);                     // true once; false for a second click
 * }</pre>
 */
final class PendingRequests<T> {

    static final int CAPACITY = 1_000;

    private final Duration lifetime;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    /** Guarded by {@code this}; insertion order is age order, so the eldest is dropped first. */
    private final Map<String, Entry<T>> entries = new LinkedHashMap<>();

    /** A held request, or — with no request — the mark of an id already answered. */
    private record Entry<T>(Optional<T> request, Instant expires) {}

    PendingRequests(Duration lifetime, Clock clock) {
        this.lifetime = lifetime;
        this.clock = clock;
    }

    /** An id for a request that is stored later, once what carries the id (a message) exists. */
    String newId() {
        byte[] bytes = new byte[8];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    synchronized void put(String id, T request) {
        store(id, new Entry<>(Optional.of(request), clock.instant().plus(lifetime)));
    }

    /** The request while it waits, to check who may act on it. */
    synchronized Optional<T> peek(String id) {
        dropExpired();
        Entry<T> entry = entries.get(id);
        return entry == null ? Optional.empty() : entry.request();
    }

    /** Whether a click on this instance already answered {@code id}. */
    synchronized boolean answered(String id) {
        dropExpired();
        Entry<T> entry = entries.get(id);
        return entry != null && entry.request().isEmpty();
    }

    /**
     * Marks {@code id} answered and lets go of its request: true for the first click, false when it was already
     * answered here. The mark lasts as long as a question may wait.
     */
    synchronized boolean claim(String id) {
        if (answered(id)) {
            return false;
        }
        Entry<T> held = entries.remove(id);
        store(id, new Entry<>(Optional.empty(), held == null ? clock.instant().plus(lifetime) : held.expires()));
        return true;
    }

    private void store(String id, Entry<T> entry) {
        dropExpired();
        if (entries.size() >= CAPACITY) {
            entries.remove(entries.keySet().iterator().next());
        }
        entries.put(id, entry);
    }

    private void dropExpired() {
        Instant now = clock.instant();
        entries.values().removeIf(entry -> entry.expires().isBefore(now));
    }
}

package dev.invalidator.access;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Remembers each group's members for a time-to-live. Thread-safe. A failed lookup is not remembered, so the next
 * request tries again; threads that miss the same group at once share one lookup (and its failure).
 *
 * <pre>{@code
 * GroupMembers groups = new CachedGroupMembers(slackGroups, config.groups().cacheTtl(), Clock.systemUTC());
 * AccessPolicy policy = new AccessPolicy(groups, workspace);
 * }</pre>
 */
public final class CachedGroupMembers implements GroupMembers {

    private record Entry(Set<String> members, Instant expires) {}

    private final GroupMembers source;
    private final Duration ttl;
    private final Clock clock;
    // One entry per user group named in the config, so neither map grows beyond that.
    private final ConcurrentMap<String, Entry> cache = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, CompletableFuture<Set<String>>> inFlight = new ConcurrentHashMap<>();

    /**
     * @param source where members come from, e.g. Slack's {@code usergroups.users.list}
     * @param ttl    how long an answer is used, longer than zero
     * @param clock  the time source; tests pass a clock they move by hand
     */
    public CachedGroupMembers(GroupMembers source, Duration ttl, Clock clock) {
        this.source = Objects.requireNonNull(source, "source");
        this.ttl = Objects.requireNonNull(ttl, "ttl");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (ttl.isZero() || ttl.isNegative()) {
            throw new IllegalArgumentException("ttl must be longer than zero: " + ttl);
        }
    }

    @Override
    public Set<String> membersOf(String groupId) {
        Objects.requireNonNull(groupId, "groupId");
        Set<String> fresh = freshMembers(groupId);
        if (fresh != null) {
            return fresh;
        }
        CompletableFuture<Set<String>> mine = new CompletableFuture<>();
        CompletableFuture<Set<String>> running = inFlight.putIfAbsent(groupId, mine);
        if (running != null) {
            return await(running);
        }
        try {
            return lookUp(groupId, mine);
        } finally {
            inFlight.remove(groupId, mine);
        }
    }

    /** The members while the last answer is fresh; never asks, never waits for a lookup in flight. */
    @Override
    public Optional<Set<String>> knownMembers(String groupId) {
        return Optional.ofNullable(freshMembers(Objects.requireNonNull(groupId, "groupId")));
    }

    private Set<String> lookUp(String groupId, CompletableFuture<Set<String>> mine) {
        try {
            // Another thread may have stored an answer between our miss and winning the in-flight slot.
            Set<String> members = freshMembers(groupId);
            if (members == null) {
                // The answer is as old as the moment we asked, so its age counts from before the call.
                Instant asked = clock.instant();
                members = Set.copyOf(source.membersOf(groupId));
                cache.put(groupId, new Entry(members, asked.plus(ttl)));
            }
            mine.complete(members);
            return members;
        } catch (Throwable failure) {
            // Waiting threads get the same failure; nothing is cached, so the next call asks again.
            mine.completeExceptionally(failure);
            throw failure;
        }
    }

    private Set<String> freshMembers(String groupId) {
        Entry entry = cache.get(groupId);
        return entry != null && clock.instant().isBefore(entry.expires()) ? entry.members() : null;
    }

    private static Set<String> await(CompletableFuture<Set<String>> running) {
        try {
            return running.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }
}

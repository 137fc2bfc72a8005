package dev.invalidator.sandbox;

import dev.invalidator.sandbox.CloudFrontXmlWriter.DistributionView;
import dev.invalidator.sandbox.CloudFrontXmlWriter.Page;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

/**
 * Distributions, distribution tenants, invalidations, the CallerReference index and the account's limits ({@link CloudFrontLimits}). Every
 * method holds the object's monitor, so the HTTP threads and the test thread always see one consistent state; answers
 * are immutable snapshots.
 */
final class CloudFrontState {

    private static final String ID_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    /** Newest first; equal create times: the later-stored one first. */
    private static final Comparator<Stored> NEWEST_FIRST = Comparator.comparing(
                    (Stored s) -> s.invalidation.createTime())
            .reversed()
            .thenComparing(Comparator.comparingLong((Stored s) -> s.sequence).reversed());

    private final Clock clock;
    private final Map<String, Distribution> distributions = new LinkedHashMap<>();
    /** Each tenant with its own invalidations, as a distribution holds its own. */
    private final Map<String, Distribution> tenants = new LinkedHashMap<>();

    private final Map<String, String> distributionOfInvalidation = new HashMap<>();
    private Function<List<String>, Duration> completionDelay = paths -> CompletionTimes.FOR_TESTS;
    private CloudFrontLimits limits;
    private TokenBucket creates;
    private TokenBucket reads;
    private boolean holdCompletions;
    private boolean reusedReferenceIsInvalidArgument;
    private long sequence;

    /** A stored invalidation with its insertion number (tie-breaker for equal create times). */
    private record Stored(SimulatedInvalidation invalidation, long sequence) {}

    /** A distribution, or a distribution tenant ({@code tenant} set, {@code info} null), with its invalidations. */
    private static final class Distribution {
        SimulatedDistribution info;
        final SimulatedTenant tenant;
        final List<Stored> newestFirst = new ArrayList<>();
        final Map<String, String> invalidationIdByReference = new HashMap<>();

        Distribution(SimulatedDistribution info) {
            this.info = info;
            this.tenant = null;
        }

        Distribution(SimulatedTenant tenant) {
            this.info = null;
            this.tenant = tenant;
        }

        String id() {
            return tenant == null ? info.id() : tenant.id();
        }

        /** The distribution whose in-progress limits its invalidations count against. */
        String limitsOf() {
            return tenant == null ? info.id() : tenant.distributionId();
        }
    }

    /** Result of a create: the invalidation, and whether it is new or an idempotent replay. */
    record Created(SimulatedInvalidation invalidation, boolean isNew) {}

    CloudFrontState(Clock clock) {
        this.clock = clock;
        limits(CloudFrontLimits.strict());
    }

    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    // ---- configuration ----

    synchronized void addDistribution(String id, String domainName, List<String> aliases) {
        if (distributions.containsKey(id)) {
            throw new IllegalArgumentException("Distribution " + id + " already exists");
        }
        distributions.put(
                id,
                new Distribution(new SimulatedDistribution(
                        id, domainName, aliases, "E" + randomId(13), now(), Optional.empty())));
    }

    synchronized void cacheTagHeader(String id, Optional<String> header) {
        Distribution d = existing(id);
        d.info = d.info.withCacheTagHeader(header, "E" + randomId(13), now());
    }

    synchronized void addTenant(String id, String distributionId, List<String> domains) {
        if (tenants.containsKey(id) || distributions.containsKey(id)) {
            throw new IllegalArgumentException("Tenant " + id + " already exists");
        }
        if (!distributions.containsKey(distributionId)) {
            throw new IllegalArgumentException("No distribution " + distributionId + " to be the parent of " + id);
        }
        tenants.put(id, new Distribution(new SimulatedTenant(id, distributionId, domains, "E" + randomId(13), now())));
    }

    synchronized void addTenantDomain(String tenantId, String domain) {
        Distribution old = tenants.get(tenantId);
        if (old == null) {
            throw new IllegalArgumentException("No tenant " + tenantId);
        }
        SimulatedTenant t = old.tenant;
        List<String> domains = new ArrayList<>(t.domains());
        domains.add(domain);
        Distribution updated =
                new Distribution(new SimulatedTenant(t.id(), t.distributionId(), domains, t.etag(), t.createdTime()));
        updated.newestFirst.addAll(old.newestFirst);
        updated.invalidationIdByReference.putAll(old.invalidationIdByReference);
        tenants.put(tenantId, updated);
    }

    synchronized void completionDelay(Function<List<String>, Duration> delayForPaths) {
        this.completionDelay = Objects.requireNonNull(delayForPaths, "delayForPaths");
    }

    /** New limits, with both buckets full. */
    synchronized void limits(CloudFrontLimits newLimits) {
        this.limits = Objects.requireNonNull(newLimits, "limits");
        Instant now = now();
        this.creates = new TokenBucket(newLimits.createsPerSecond(), newLimits.createBurst(), now);
        this.reads = new TokenBucket(newLimits.readsPerSecond(), newLimits.readBurst(), now);
    }

    /**
     * Lets a call of {@code isCreate}'s kind through the account's rate limit, or throws {@code Throttling}.
     *
     * @throws CloudFrontError {@code 400 Throttling} "Rate exceeded" when its bucket is empty
     */
    synchronized void admit(boolean isCreate) {
        if (!(isCreate ? creates : reads).tryTake(now())) {
            throw CloudFrontError.throttling();
        }
    }

    synchronized void holdCompletions(boolean hold) {
        this.holdCompletions = hold;
    }

    synchronized void answerReusedReferenceWithInvalidArgument(boolean on) {
        this.reusedReferenceIsInvalidArgument = on;
    }

    synchronized void complete(String invalidationId) {
        String distributionId = distributionOfInvalidation.get(invalidationId);
        if (distributionId == null) {
            throw new IllegalArgumentException("No invalidation " + invalidationId);
        }
        List<Stored> list = held(distributionId).newestFirst;
        Instant now = now();
        for (int i = 0; i < list.size(); i++) {
            Stored s = list.get(i);
            if (s.invalidation.id().equals(invalidationId) && !s.invalidation.completedAt(now)) {
                list.set(i, new Stored(s.invalidation.withCompleteTime(now), s.sequence));
            }
        }
    }

    synchronized SimulatedInvalidation seed(
            String distributionId, List<String> paths, Instant createTime, boolean completed, String callerReference) {
        Distribution d = held(distributionId);
        if (d == null) {
            throw CloudFrontError.noSuchDistribution();
        }
        String reference = callerReference != null ? callerReference : "seed-" + randomId(16);
        if (d.invalidationIdByReference.containsKey(reference)) {
            throw new IllegalArgumentException("CallerReference " + reference + " already used on " + distributionId);
        }
        Instant created = createTime.truncatedTo(ChronoUnit.MILLIS);
        return store(d, reference, paths, created, completed ? created : null);
    }

    // ---- operations (throw CloudFrontError like the service would) ----

    synchronized DistributionView distribution(String id) {
        return view(existing(id), now());
    }

    synchronized Page<DistributionView> listDistributions(String marker, int maxItems) {
        Instant now = now();
        List<DistributionView> all =
                distributions.values().stream().map(d -> view(d, now)).toList();
        return page(all, v -> v.distribution().id(), marker, maxItems);
    }

    synchronized Created createInvalidation(String distributionId, String callerReference, List<String> paths) {
        return create(existing(distributionId), callerReference, paths);
    }

    synchronized Created createTenantInvalidation(String tenantId, String callerReference, List<String> paths) {
        return create(existingTenant(tenantId), callerReference, paths);
    }

    synchronized SimulatedTenant tenant(String tenantId) {
        return existingTenant(tenantId).tenant;
    }

    /** The tenant that serves {@code domain}, in any letter case, as DNS names are. */
    synchronized SimulatedTenant tenantByDomain(String domain) {
        return tenants.values().stream()
                .map(t -> t.tenant)
                .filter(t -> t.domains().stream().anyMatch(own -> own.equalsIgnoreCase(domain)))
                .findFirst()
                .orElseThrow(CloudFrontError::entityNotFound);
    }

    synchronized SimulatedInvalidation tenantInvalidation(String tenantId, String invalidationId) {
        return existingInvalidation(existingTenant(tenantId), invalidationId);
    }

    synchronized Page<SimulatedInvalidation> listTenantInvalidations(String tenantId, String marker, int maxItems) {
        return page(invalidations(existingTenant(tenantId)), SimulatedInvalidation::id, marker, maxItems);
    }

    private Created create(Distribution d, String callerReference, List<String> paths) {
        InvalidationPathRules.validate(paths);
        String existingId = d.invalidationIdByReference.get(callerReference);
        if (existingId != null) {
            if (reusedReferenceIsInvalidArgument) {
                throw CloudFrontError.referenceReused();
            }
            SimulatedInvalidation existing = find(d, existingId);
            if (!new HashSet<>(existing.paths()).equals(new HashSet<>(paths))) {
                throw CloudFrontError.batchAlreadyExists();
            }
            return new Created(existing, false);
        }
        Instant created = now();
        checkInProgress(d, paths, created);
        Instant completes = holdCompletions ? null : created.plus(delayFor(paths));
        return new Created(store(d, callerReference, paths, created, completes), true);
    }

    synchronized SimulatedInvalidation invalidation(String distributionId, String invalidationId) {
        return existingInvalidation(existing(distributionId), invalidationId);
    }

    synchronized Page<SimulatedInvalidation> listInvalidations(String distributionId, String marker, int maxItems) {
        return page(invalidations(existing(distributionId)), SimulatedInvalidation::id, marker, maxItems);
    }

    // ---- inspection ----

    synchronized List<SimulatedInvalidation> invalidations(String distributionId) {
        Distribution d = held(distributionId);
        if (d == null) {
            throw new IllegalArgumentException("No distribution " + distributionId);
        }
        return invalidations(d);
    }

    private static List<SimulatedInvalidation> invalidations(Distribution d) {
        return d.newestFirst.stream().map(Stored::invalidation).toList();
    }

    // ---- internals ----

    /** Whether a distribution or a tenant has this id. */
    synchronized boolean knows(String id) {
        return held(id) != null;
    }

    /** The distribution or the tenant with this id, or null. */
    private Distribution held(String id) {
        Distribution d = distributions.get(id);
        return d != null ? d : tenants.get(id);
    }

    private Distribution existingTenant(String tenantId) {
        Distribution t = tenants.get(tenantId);
        if (t == null) {
            throw CloudFrontError.entityNotFound();
        }
        return t;
    }

    private Distribution existing(String distributionId) {
        Distribution d = distributions.get(distributionId);
        if (d == null) {
            throw CloudFrontError.noSuchDistribution();
        }
        return d;
    }

    private static SimulatedInvalidation existingInvalidation(Distribution d, String invalidationId) {
        SimulatedInvalidation found = find(d, invalidationId);
        if (found == null) {
            throw CloudFrontError.noSuchInvalidation();
        }
        return found;
    }

    private static SimulatedInvalidation find(Distribution d, String invalidationId) {
        for (Stored s : d.newestFirst) {
            if (s.invalidation.id().equals(invalidationId)) {
                return s.invalidation;
            }
        }
        return null;
    }

    private SimulatedInvalidation store(
            Distribution d, String reference, List<String> paths, Instant createTime, Instant completeTime) {
        String id;
        do {
            id = "I" + randomId(13);
        } while (distributionOfInvalidation.containsKey(id));
        SimulatedInvalidation inv = new SimulatedInvalidation(d.id(), id, reference, paths, createTime, completeTime);
        Stored stored = new Stored(inv, sequence++);
        int at = 0;
        while (at < d.newestFirst.size() && NEWEST_FIRST.compare(d.newestFirst.get(at), stored) < 0) {
            at++;
        }
        d.newestFirst.add(at, stored);
        d.invalidationIdByReference.put(reference, id);
        distributionOfInvalidation.put(id, d.id());
        return inv;
    }

    /**
     * CloudFront refuses a batch that would take the distribution over its in-progress paths, counted apart. A tenant's
     * count against its parent's limits, with the parent's own and every other tenant's: whether CloudFront counts them
     * per tenant is unconfirmed, and the simulator is never kinder than CloudFront may be.
     */
    private void checkInProgress(Distribution d, List<String> paths, Instant now) {
        int files = 0;
        int wildcards = 0;
        List<Distribution> sharing = new ArrayList<>();
        sharing.add(distributions.get(d.limitsOf()));
        tenants.values().stream().filter(t -> t.limitsOf().equals(d.limitsOf())).forEach(sharing::add);
        for (Distribution counted : sharing) {
            for (Stored s : counted.newestFirst) {
                if (!s.invalidation.completedAt(now)) {
                    files += count(s.invalidation.paths(), false);
                    wildcards += count(s.invalidation.paths(), true);
                }
            }
        }
        if (files + count(paths, false) > limits.filePathsInProgress()
                || wildcards + count(paths, true) > limits.wildcardPathsInProgress()) {
            throw CloudFrontError.tooManyInvalidationsInProgress();
        }
    }

    /** File paths or wildcard paths among {@code paths}; tag items ({@code #…}) have no published limit. */
    private static int count(List<String> paths, boolean wildcards) {
        return (int) paths.stream()
                .filter(path -> path.startsWith("/") && path.endsWith("*") == wildcards)
                .count();
    }

    private Duration delayFor(List<String> paths) {
        Duration delay = completionDelay.apply(List.copyOf(paths));
        if (delay == null || delay.isNegative()) {
            throw new IllegalStateException("The completion delay function returned " + delay + " for " + paths);
        }
        return delay;
    }

    private static DistributionView view(Distribution d, Instant now) {
        int inProgress = (int) d.newestFirst.stream()
                .filter(s -> !s.invalidation.completedAt(now))
                .count();
        return new DistributionView(d.info, inProgress);
    }

    /** Marker = id of the last item of the previous page; the page starts right after it. */
    private static <T> Page<T> page(List<T> all, Function<T, String> idOf, String marker, int maxItems) {
        int start = 0;
        if (marker != null && !marker.isEmpty()) {
            int index = 0;
            while (index < all.size() && !idOf.apply(all.get(index)).equals(marker)) {
                index++;
            }
            if (index == all.size()) {
                throw CloudFrontError.invalidArgument("The marker " + marker + " is not valid.");
            }
            start = index + 1;
        }
        int end = (int) Math.min((long) start + maxItems, all.size());
        List<T> items = List.copyOf(all.subList(start, end));
        boolean truncated = end < all.size();
        String next = truncated ? idOf.apply(items.get(items.size() - 1)) : null;
        return new Page<>(marker, maxItems, items, truncated, next);
    }

    private static String randomId(int length) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(ID_CHARS.charAt(random.nextInt(ID_CHARS.length())));
        }
        return sb.toString();
    }
}

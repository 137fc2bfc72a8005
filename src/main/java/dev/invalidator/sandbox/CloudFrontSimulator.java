package dev.invalidator.sandbox;

import com.sun.net.httpserver.HttpServer;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local Amazon CloudFront that speaks the real REST-XML API 2020-05-31 over HTTP on 127.0.0.1, for tests,
 * the {@code demo} mode and benchmarks. Point the real AWS SDK at {@link #endpoint()}:
 *
 * <pre>{@code
 * try (CloudFrontSimulator sim = CloudFrontSimulator.start()) {
 *     sim.addDistribution("E1EXAMPLE", "d111111abcdef8.cloudfront.net", "www.example.com");
 *     CloudFrontClient cf = CloudFrontClient.builder()
 *             .region(Region.AWS_GLOBAL)
 *             .endpointOverride(sim.endpoint())
 *             .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
 *             .httpClient(UrlConnectionHttpClient.create())
 *             .build();
 *     cf.createInvalidation(...);
 *     assertThat(sim.calls(Operation.CREATE_INVALIDATION)).isEqualTo(1);
 * }
 * }</pre>
 *
 * <p>Supported: GetDistribution, ListDistributions, CreateInvalidation, GetInvalidation, ListInvalidations
 * (with Marker/MaxItems pagination), the real error envelope, CallerReference de-duplication per distribution,
 * invalidations that complete after a delay, and injected faults. Signatures are not checked. {@link #edge()} adds
 * the viewer's side: an edge location whose cached copies the invalidations remove.
 *
 * <p>One simulator is one AWS account, held to the real service's limits from the start ({@link
 * CloudFrontLimits#strict()}): CreateInvalidation at 0.5 calls a second with a burst of 5 and every other call at 5 a
 * second with a burst of 10, each beyond answered {@code 400 Throttling} "Rate exceeded"; and per distribution 3,000
 * file paths and 15 wildcard paths in progress, beyond which a create is answered {@code 400
 * TooManyInvalidationsInProgress}. A test changes a limit with {@link #limits(CloudFrontLimits)}, saying why.
 *
 * <p>Thread-safe. All state belongs to the instance.
 */
public final class CloudFrontSimulator implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CloudFrontSimulator.class);
    private static final int THREADS = 8;
    private static final int QUEUE = 256;

    /** The CloudFront operations the simulator serves. */
    public enum Operation {
        CREATE_INVALIDATION("cloudfront:CreateInvalidation"),
        GET_INVALIDATION("cloudfront:GetInvalidation"),
        LIST_INVALIDATIONS("cloudfront:ListInvalidations"),
        GET_DISTRIBUTION("cloudfront:GetDistribution"),
        LIST_DISTRIBUTIONS("cloudfront:ListDistributions"),
        CREATE_INVALIDATION_FOR_DISTRIBUTION_TENANT("cloudfront:CreateInvalidationForDistributionTenant"),
        GET_INVALIDATION_FOR_DISTRIBUTION_TENANT("cloudfront:GetInvalidationForDistributionTenant"),
        LIST_INVALIDATIONS_FOR_DISTRIBUTION_TENANT("cloudfront:ListInvalidationsForDistributionTenant"),
        GET_DISTRIBUTION_TENANT("cloudfront:GetDistributionTenant"),
        GET_DISTRIBUTION_TENANT_BY_DOMAIN("cloudfront:GetDistributionTenantByDomain");

        private final String iamAction;

        Operation(String iamAction) {
            this.iamAction = iamAction;
        }

        /** Whether the id in its URL is a distribution tenant's. */
        boolean onTenant() {
            return name().endsWith("DISTRIBUTION_TENANT");
        }

        boolean creates() {
            return this == CREATE_INVALIDATION || this == CREATE_INVALIDATION_FOR_DISTRIBUTION_TENANT;
        }

        /** The IAM action, e.g. {@code cloudfront:CreateInvalidation}. */
        public String iamAction() {
            return iamAction;
        }
    }

    /** Injectable failures; each queued fault answers exactly one call of its operation. */
    public enum Fault {
        /** 400 {@code Throttling} "Rate exceeded" (the SDK retries it by default). */
        THROTTLING,
        /** 503 {@code ServiceUnavailable}, nothing done. */
        SERVICE_UNAVAILABLE,
        /**
         * CreateInvalidation and CreateInvalidationForDistributionTenant only: the invalidation is created (or
         * replayed), then the answer is a 503.
         */
        SERVICE_UNAVAILABLE_AFTER_COMMIT,
        /** 400 {@code TooManyInvalidationsInProgress}. */
        TOO_MANY_INVALIDATIONS_IN_PROGRESS,
        /** 403 {@code AccessDenied} naming the operation's IAM action and the distribution ARN. */
        ACCESS_DENIED
    }

    private final CloudFrontState state;
    private final CloudFrontCallJournal journal = new CloudFrontCallJournal();
    private final CallHolds holds = new CallHolds();
    private final HttpServer server;
    private final ExecutorService executor;
    private final URI endpoint;
    private SimulatedEdge edge;
    private boolean closed;

    private CloudFrontSimulator(int port, Clock clock) {
        this.state = new CloudFrontState(clock);
        this.executor = LoopbackHttpServer.boundedPool("cloudfront-sim", THREADS, QUEUE);
        try {
            this.server = LoopbackHttpServer.create(port, executor);
        } catch (RuntimeException e) {
            executor.shutdownNow();
            throw e;
        }
        this.endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        server.createContext("/", new CloudFrontHttpHandler(state, journal, holds, this::endpoint));
        server.start();
        log.debug("CloudFront simulator listening on {}", endpoint);
    }

    /** Starts a simulator on an ephemeral port of 127.0.0.1. */
    public static CloudFrontSimulator start() {
        return start(0);
    }

    /**
     * Starts a simulator on an ephemeral port whose time — rate limits refilling, create and completion times — is
     * {@code clock}'s, so that a test can move it instead of waiting.
     */
    public static CloudFrontSimulator start(Clock clock) {
        return new CloudFrontSimulator(0, Objects.requireNonNull(clock, "clock"));
    }

    /** Starts a simulator on 127.0.0.1:{@code port} ({@code 0} = ephemeral). */
    public static CloudFrontSimulator start(int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, was " + port);
        }
        return new CloudFrontSimulator(port, Clock.systemUTC());
    }

    /** {@code http://127.0.0.1:<port>}, for {@code endpointOverride}. */
    public URI endpoint() {
        return endpoint;
    }

    /**
     * Adds a deployed distribution.
     *
     * @throws IllegalArgumentException if the id is already known
     */
    public void addDistribution(String id, String domainName, String... aliases) {
        requireText(id, "id");
        requireText(domainName, "domainName");
        Objects.requireNonNull(aliases, "aliases");
        state.addDistribution(id, domainName, List.of(aliases));
    }

    /**
     * Adds a deployed distribution tenant of the multi-tenant distribution {@code distributionId}, serving
     * {@code domains}. Its invalidations are its own (the tenant operations list only them), and count against its
     * parent's in-progress limits with the parent's own and every other tenant's: whether CloudFront counts them per
     * tenant is unconfirmed, and the simulator is never kinder than CloudFront may be.
     *
     * @throws IllegalArgumentException if the id is already known or the parent is not
     */
    public void addTenant(String id, String distributionId, String... domains) {
        requireText(id, "id");
        requireText(distributionId, "distributionId");
        Objects.requireNonNull(domains, "domains");
        state.addTenant(id, distributionId, List.of(domains));
    }

    /** The tenant serves {@code domain} too from now on, as after an UpdateDistributionTenant. */
    public void addTenantDomain(String tenantId, String domain) {
        requireText(tenantId, "tenantId");
        requireText(domain, "domain");
        state.addTenantDomain(tenantId, domain);
    }

    /**
     * Gives the distribution a {@code CacheTagConfig} naming {@code headerName}: from now on its edge learns each
     * object's tags from that response header of the origin, and tag items of its invalidations remove them.
     */
    public void cacheTagHeader(String distributionId, String headerName) {
        requireText(headerName, "headerName");
        state.cacheTagHeader(distributionId, Optional.of(headerName));
    }

    /** Removes the distribution's {@code CacheTagConfig}: its invalidations' tag items remove nothing any more. */
    public void removeCacheTagHeader(String distributionId) {
        state.cacheTagHeader(distributionId, Optional.empty());
    }

    /**
     * The account's limits from now on ({@link CloudFrontLimits#strict()} until then), with both rate buckets full.
     */
    public void limits(CloudFrontLimits limits) {
        state.limits(limits);
    }

    /**
     * Completion delay for invalidations created from now on ({@link CompletionTimes#FOR_TESTS} until then).
     */
    public void completionDelay(Duration delay) {
        Objects.requireNonNull(delay, "delay");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative, was " + delay);
        }
        state.completionDelay(paths -> delay);
    }

    /**
     * Completion delay computed from each new invalidation's paths: to spread completions in benchmarks, or
     * {@link CompletionTimes#since2026(long)} for the real service's times.
     */
    public void completionDelay(Function<List<String>, Duration> delayForPaths) {
        Objects.requireNonNull(delayForPaths, "delayForPaths");
        state.completionDelay(delayForPaths);
    }

    /**
     * While held, new invalidations stay {@code InProgress} until {@link #complete(String)}. Releasing the hold
     * does not complete the ones created meanwhile.
     */
    public void holdCompletions(boolean hold) {
        state.holdCompletions(hold);
    }

    /**
     * Completes an invalidation now (no-op if already completed).
     *
     * @throws IllegalArgumentException for an unknown invalidation id
     */
    public void complete(String invalidationId) {
        requireText(invalidationId, "invalidationId");
        state.complete(invalidationId);
    }

    /**
     * When on, ANY reuse of a CallerReference on the same distribution answers 400 {@code InvalidArgument}
     * "Your request contains a caller reference that was used for a previous invalidation batch for the same
     * distribution." (seen in the field) instead of the documented replay / {@code InvalidationBatchAlreadyExists}.
     */
    public void answerReusedReferenceWithInvalidArgument(boolean on) {
        state.answerReusedReferenceWithInvalidArgument(on);
    }

    /**
     * Queues {@code times} faults for {@code operation}; each answers the next matching call.
     *
     * @throws IllegalArgumentException for {@code SERVICE_UNAVAILABLE_AFTER_COMMIT} on another operation than
     *                                  CreateInvalidation, or negative {@code times}
     */
    public void injectFault(Operation operation, Fault fault, int times) {
        journal.injectFault(operation, fault, times);
    }

    /** The next call of {@code operation} stops at {@code point} until the test releases or abandons it. */
    public CallHold holdNext(Operation operation, CallHold.Point point) {
        return holds.holdNext(operation.name(), point);
    }

    /** How many requests of that operation arrived (faulted and failed ones included). */
    public int calls(Operation operation) {
        Objects.requireNonNull(operation, "operation");
        return journal.count(operation);
    }

    /** How many requests of that operation the account's rate limit answered {@code Throttling} (not injected ones). */
    public int throttledCalls(Operation operation) {
        Objects.requireNonNull(operation, "operation");
        return journal.rateLimitedCount(operation);
    }

    /** How many requests of that operation arrived for that distribution. */
    public int calls(Operation operation, String distributionId) {
        Objects.requireNonNull(operation, "operation");
        return journal.count(operation, distributionId);
    }

    /** Every recognised call in arrival order (a snapshot). */
    public List<CloudFrontCall> recordedCalls() {
        return journal.calls();
    }

    /**
     * The distribution's or the distribution tenant's invalidations, newest first (a snapshot).
     *
     * @throws IllegalArgumentException for an unknown distribution
     */
    public List<SimulatedInvalidation> invalidations(String distributionId) {
        requireText(distributionId, "distributionId");
        return state.invalidations(distributionId);
    }

    /**
     * Adds history. {@code completed} = completed at {@code createTime}; otherwise it stays {@code InProgress}
     * until {@link #complete(String)}. A {@code null} callerReference gets a generated one.
     *
     * @throws IllegalArgumentException for an unknown distribution, invalid paths or a reference already used
     */
    public SimulatedInvalidation seedInvalidation(
            String distributionId, List<String> paths, Instant createTime, boolean completed, String callerReference) {
        requireText(distributionId, "distributionId");
        Objects.requireNonNull(paths, "paths");
        Objects.requireNonNull(createTime, "createTime");
        if (paths.isEmpty() || !paths.stream().allMatch(InvalidationPathRules::isValid)) {
            throw new IllegalArgumentException("paths must be non-empty and valid: " + paths);
        }
        try {
            return state.seed(distributionId, paths, createTime, completed, callerReference);
        } catch (CloudFrontError e) {
            throw new IllegalArgumentException("No distribution " + distributionId, e);
        }
    }

    /**
     * The edge location that serves the distributions' objects to viewers, started on first use: see
     * {@link SimulatedEdge}. Its copies are dropped as this simulator's invalidations complete.
     */
    public synchronized SimulatedEdge edge() {
        if (closed) {
            throw new IllegalStateException("The simulator is closed");
        }
        if (edge == null) {
            edge = new SimulatedEdge(state);
        }
        return edge;
    }

    /** Stops the server and its threads, and the edge's. Idempotent. */
    @Override
    public void close() {
        SimulatedEdge started;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            started = edge;
        }
        if (started != null) {
            started.close();
        }
        server.stop(0);
        executor.shutdownNow();
        log.debug("CloudFront simulator on {} stopped", endpoint);
    }

    private static void requireText(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }
}

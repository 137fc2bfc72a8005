package dev.invalidator.bench;

import dev.invalidator.sandbox.CloudFrontSimulator;
import dev.invalidator.sandbox.SimulatedInvalidation;
import dev.invalidator.testing.Await;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.waiters.WaiterResponse;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import software.amazon.awssdk.services.cloudfront.model.GetInvalidationResponse;
import software.amazon.awssdk.services.cloudfront.waiters.CloudFrontWaiter;

/**
 * The reference: each invalidation followed as {@code aws cloudfront wait invalidation-completed} follows it — the
 * AWS SDK's own {@code InvalidationCompleted} waiter (GetInvalidation, then a fixed pause, botocore's 20 s × 30
 * attempts), started as soon as the invalidation exists, one blocking waiter per invalidation as one CLI process
 * each would be.
 */
final class WaiterReference implements AutoCloseable {

    /** When the waiter saw an invalidation completed, and how many GetInvalidation calls that took. */
    record Detection(Instant at, int calls) {}

    private static final Duration DISCOVERY_INTERVAL = Duration.ofMillis(100);

    private final CloudFrontSimulator cloudFront;
    private final List<String> distributionIds;
    private final CloudFrontClient client;
    private final CloudFrontWaiter waiter;
    private final ExecutorService waiters;
    private final Map<String, Detection> detections = new ConcurrentHashMap<>();
    private final Set<String> started = new HashSet<>();

    WaiterReference(
            CloudFrontSimulator cloudFront,
            List<String> distributionIds,
            Duration delay,
            int maxAttempts,
            int invalidations) {
        this.cloudFront = cloudFront;
        this.distributionIds = distributionIds;
        this.client = CloudFrontClient.builder()
                .region(Region.AWS_GLOBAL)
                .endpointOverride(cloudFront.endpoint())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        this.waiter = CloudFrontWaiter.builder()
                .client(client)
                .overrideConfiguration(o ->
                        o.maxAttempts(maxAttempts).backoffStrategyV2(BackoffStrategy.fixedDelayWithoutJitter(delay)))
                .build();
        this.waiters = Executors.newFixedThreadPool(invalidations);
    }

    /**
     * Starts a waiter for every invalidation as it appears, until they hold {@code paths} paths — requests that came
     * together may go as one invalidation; fails after {@code timeout}.
     */
    void followNew(int paths, Duration timeout) {
        Await.until(
                "invalidations of " + paths + " paths to follow",
                timeout,
                DISCOVERY_INTERVAL,
                this::startWaitersForNew,
                followed -> followed >= paths);
    }

    /** Starts a waiter for each invalidation not followed yet; how many paths the followed ones hold. */
    private int startWaitersForNew() {
        int paths = 0;
        for (String distributionId : distributionIds) {
            for (SimulatedInvalidation invalidation : cloudFront.invalidations(distributionId)) {
                if (started.add(invalidation.id())) {
                    waiters.execute(() -> follow(distributionId, invalidation.id()));
                }
                paths += invalidation.paths().size();
            }
        }
        return paths;
    }

    private void follow(String distributionId, String invalidationId) {
        WaiterResponse<GetInvalidationResponse> response = waiter.waitUntilInvalidationCompleted(
                request -> request.distributionId(distributionId).id(invalidationId));
        detections.put(invalidationId, new Detection(Instant.now(), response.attemptsExecuted()));
    }

    /** Waits until every waiter started has returned; the detections by invalidation id. */
    Map<String, Detection> detections(Duration timeout) {
        waiters.shutdown();
        try {
            waiters.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Map.copyOf(detections);
    }

    @Override
    public void close() {
        waiters.shutdownNow();
        waiter.close();
        client.close();
    }
}

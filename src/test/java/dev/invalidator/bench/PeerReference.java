package dev.invalidator.bench;

import dev.invalidator.sandbox.CloudFrontSimulator;
import dev.invalidator.sandbox.SimulatedInvalidation;
import dev.invalidator.testing.Await;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import software.amazon.awssdk.services.cloudfront.model.CloudFrontException;
import software.amazon.awssdk.services.cloudfront.model.CreateInvalidationResponse;

/**
 * The reference for the load scenario: the same requests sent the way peer tools send them — one CreateInvalidation
 * per request, at the moment it is asked for, with the AWS SDK's standard retries (3 attempts with back-off, as the
 * CLI and the SDKs default to), giving up when CloudFront still answers {@code Throttling} or {@code
 * TooManyInvalidationsInProgress}. It talks to a CloudFront account of its own, with the same limits and completion
 * times as the bot's.
 */
final class PeerReference implements AutoCloseable {

    /** What became of one request: the invalidation made, or CloudFront's last answer. */
    record Outcome(Instant sentAt, Optional<String> invalidationId, Optional<String> error) {}

    private final CloudFrontSimulator cloudFront;
    private final CloudFrontClient client;
    private final ScheduledExecutorService senders;
    private final Map<Integer, Outcome> outcomes = new ConcurrentHashMap<>();
    private final List<Future<?>> sends = new ArrayList<>();

    PeerReference(CloudFrontSimulator cloudFront, int senders) {
        this.cloudFront = cloudFront;
        this.client = CloudFrontClient.builder()
                .region(Region.AWS_GLOBAL)
                .endpointOverride(cloudFront.endpoint())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.standardRetryStrategy()))
                .build();
        this.senders = Executors.newScheduledThreadPool(senders);
    }

    /** Sends each request at its moment after {@code start}. */
    void send(LoadWorkload workload, List<String> distributionIds, Instant start) {
        for (LoadWorkload.Request request : workload.requests()) {
            long delay =
                    Duration.between(Instant.now(), start.plus(request.at())).toMillis();
            sends.add(senders.schedule(
                    () -> create(request, distributionIds.get(request.distribution())),
                    Math.max(0, delay),
                    TimeUnit.MILLISECONDS));
        }
    }

    private void create(LoadWorkload.Request request, String distributionId) {
        Instant sentAt = Instant.now();
        try {
            CreateInvalidationResponse created = client.createInvalidation(r -> r.distributionId(distributionId)
                    .invalidationBatch(b -> b.callerReference("peer-" + request.number())
                            .paths(p -> p.quantity(request.paths().size()).items(request.paths()))));
            outcomes.put(
                    request.number(),
                    new Outcome(sentAt, Optional.of(created.invalidation().id()), Optional.empty()));
        } catch (CloudFrontException e) {
            outcomes.put(
                    request.number(),
                    new Outcome(
                            sentAt,
                            Optional.empty(),
                            Optional.of(e.awsErrorDetails().errorCode())));
        }
    }

    /** Waits until every request has an outcome; the outcomes by request number. */
    Map<Integer, Outcome> outcomes(int requests, Duration timeout) throws ExecutionException, InterruptedException {
        Map<Integer, Outcome> all = Await.until(
                "the reference's " + requests + " requests",
                timeout,
                Duration.ofMillis(200),
                () -> Map.copyOf(outcomes),
                found -> found.size() >= requests);
        LoadScenario.failIfAnyFailed(sends);
        return all;
    }

    /** When CloudFront completed the reference's invalidation {@code id}, if it has. */
    Optional<Instant> completedAt(List<String> distributionIds, String id) {
        return distributionIds.stream()
                .flatMap(distributionId -> cloudFront.invalidations(distributionId).stream())
                .filter(invalidation -> invalidation.id().equals(id))
                .map(SimulatedInvalidation::completeTime)
                .findFirst();
    }

    @Override
    public void close() {
        senders.shutdownNow();
        client.close();
    }
}

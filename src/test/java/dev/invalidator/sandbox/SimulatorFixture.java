package dev.invalidator.sandbox;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import software.amazon.awssdk.services.cloudfront.CloudFrontClientBuilder;
import software.amazon.awssdk.services.cloudfront.model.CreateInvalidationResponse;
import software.amazon.awssdk.services.cloudfront.model.Invalidation;

/**
 * A fresh simulator per test with two distributions, and a real SDK client that does not retry (so call
 * counts are exact). {@link #defaultRetryClient()} gives one with the SDK's default retries.
 */
abstract class SimulatorFixture {

    static final String DIST = "E2SIMULATOR0001";
    static final String DOMAIN = "d111111abcdef8.cloudfront.net";
    static final String OTHER_DIST = "E2SIMULATOR0002";

    CloudFrontSimulator sim;
    CloudFrontClient cf;
    private CloudFrontClient retrying;

    @BeforeEach
    void startSimulator() {
        sim = CloudFrontSimulator.start();
        sim.addDistribution(DIST, DOMAIN, "www.example.com", "static.example.com");
        sim.addDistribution(OTHER_DIST, "d222222abcdef8.cloudfront.net");
        cf = builder(sim.endpoint())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    @AfterEach
    void stopSimulator() {
        cf.close();
        if (retrying != null) {
            retrying.close();
        }
        sim.close();
    }

    CloudFrontClient defaultRetryClient() {
        if (retrying == null) {
            retrying = builder(sim.endpoint()).build();
        }
        return retrying;
    }

    static CloudFrontClientBuilder builder(URI endpoint) {
        return CloudFrontClient.builder()
                .region(Region.AWS_GLOBAL)
                .endpointOverride(endpoint)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create());
    }

    CreateInvalidationResponse create(String distributionId, String callerReference, String... paths) {
        return create(cf, distributionId, callerReference, paths);
    }

    static CreateInvalidationResponse create(
            CloudFrontClient client, String distributionId, String callerReference, String... paths) {
        return client.createInvalidation(r -> r.distributionId(distributionId)
                .invalidationBatch(b -> b.callerReference(callerReference)
                        .paths(p -> p.quantity(paths.length).items(List.of(paths)))));
    }

    Invalidation get(String distributionId, String invalidationId) {
        return cf.getInvalidation(r -> r.distributionId(distributionId).id(invalidationId))
                .invalidation();
    }
}

package dev.invalidator.aws;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * Builds and owns the bot's AWS SDK clients: one light HTTP client shared by all, one retry strategy, and one
 * CloudFront client per IAM role (for distributions in other accounts).
 *
 * <p>Endpoints are left to the SDK, which honours {@code AWS_ENDPOINT_URL_CLOUDFRONT},
 * {@code AWS_ENDPOINT_URL_SECRETS_MANAGER}, {@code AWS_ENDPOINT_URL_STS} and {@code AWS_ENDPOINT_URL}; tests and the
 * demo pass an explicit endpoint instead, because a JVM cannot set its own environment.
 *
 * <pre>{@code
 * try (AwsClients aws = AwsClients.fromEnvironment()) {
 *     CloudFrontClient cloudFront = aws.cloudFront(Optional.of("arn:aws:iam::111122223333:role/invalidator"));
 * }
 * }</pre>
 */
public final class AwsClients implements AutoCloseable {

    private static final String ROLE_SESSION_NAME = "invalidator";

    private final Settings settings;
    private final SdkHttpClient http;
    private final Map<String, CloudFrontClient> cloudFrontByRole = new ConcurrentHashMap<>();
    private final List<SdkAutoCloseable> owned = new ArrayList<>();
    private volatile CloudFrontClient defaultCloudFront;
    private volatile StsClient sts;

    /**
     * How to reach AWS.
     *
     * @param endpoint            one endpoint for every service (a simulator, moto); empty in production
     * @param credentials         the base identity; roles are assumed from it
     * @param maxAttempts         attempts per call including the first, for throttling, 5xx and network errors
     * @param backoffBase         first retry delay for 5xx and network errors (grows exponentially, with jitter)
     * @param throttledBackoffBase first retry delay after "Rate exceeded"
     * @param callTimeout         the whole call, retries included
     */
    public record Settings(
            Optional<URI> endpoint,
            AwsCredentialsProvider credentials,
            int maxAttempts,
            Duration backoffBase,
            Duration throttledBackoffBase,
            Duration callTimeout) {

        /** Production: the default credentials chain and the SDK's own endpoint resolution. */
        public static Settings fromEnvironment() {
            return new Settings(
                    Optional.empty(),
                    DefaultCredentialsProvider.builder().build(),
                    5,
                    Duration.ofMillis(200),
                    Duration.ofSeconds(1),
                    Duration.ofSeconds(60));
        }

        /**
         * A local endpoint that ignores signatures: dummy credentials, quick retries — except after "Rate exceeded":
         * the simulator refills its buckets as CloudFront does (a read every 200 ms, a create every 2 s), so a retry
         * sooner than half a second would only be throttled again.
         */
        public static Settings forLocalEndpoint(URI endpoint) {
            return new Settings(
                    Optional.of(endpoint),
                    StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")),
                    4,
                    Duration.ofMillis(20),
                    Duration.ofMillis(500),
                    Duration.ofSeconds(20));
        }
    }

    public AwsClients(Settings settings) {
        this.settings = settings;
        this.http = UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(3))
                .socketTimeout(Duration.ofSeconds(15))
                .build();
    }

    public static AwsClients fromEnvironment() {
        return new AwsClients(Settings.fromEnvironment());
    }

    /** The CloudFront client for a distribution: with the role's temporary credentials when one is named. */
    public CloudFrontClient cloudFront(Optional<String> roleArn) {
        if (roleArn.isEmpty()) {
            if (defaultCloudFront == null) {
                synchronized (this) {
                    if (defaultCloudFront == null) {
                        defaultCloudFront = own(cloudFrontWith(settings.credentials()));
                    }
                }
            }
            return defaultCloudFront;
        }
        return cloudFrontByRole.computeIfAbsent(roleArn.get(), arn -> own(cloudFrontWith(own(assumeRole(arn)))));
    }

    public SecretsManagerClient secretsManager() {
        return own(configure(SecretsManagerClient.builder(), settings.credentials())
                .region(regionalDefault())
                .build());
    }

    private CloudFrontClient cloudFrontWith(AwsCredentialsProvider credentials) {
        // CloudFront is global: every region of the aws partition signs with us-east-1.
        return configure(CloudFrontClient.builder(), credentials)
                .region(Region.AWS_GLOBAL)
                .build();
    }

    private StsAssumeRoleCredentialsProvider assumeRole(String roleArn) {
        return StsAssumeRoleCredentialsProvider.builder()
                .stsClient(sts())
                .refreshRequest(request -> request.roleArn(roleArn).roleSessionName(ROLE_SESSION_NAME))
                .build();
    }

    /** STS with the bot's own identity: for assuming roles, and for check-config to show who the bot is. */
    public synchronized StsClient sts() {
        if (sts == null) {
            sts = own(configure(StsClient.builder(), settings.credentials())
                    .region(regionalDefault())
                    .build());
        }
        return sts;
    }

    private <B extends AwsClientBuilder<B, ?>> B configure(B builder, AwsCredentialsProvider credentials) {
        builder.credentialsProvider(credentials)
                .overrideConfiguration(o -> o.retryStrategy(retryStrategy()).apiCallTimeout(settings.callTimeout()));
        settings.endpoint().ifPresent(builder::endpointOverride);
        if (builder instanceof SdkSyncClientBuilder<?, ?> sync) {
            sync.httpClient(http);
        }
        return builder;
    }

    private RetryStrategy retryStrategy() {
        return AwsRetryStrategy.standardRetryStrategy().toBuilder()
                .maxAttempts(settings.maxAttempts())
                .backoffStrategy(BackoffStrategy.exponentialDelay(settings.backoffBase(), Duration.ofSeconds(10)))
                .throttlingBackoffStrategy(
                        BackoffStrategy.exponentialDelay(settings.throttledBackoffBase(), Duration.ofSeconds(20)))
                .build();
    }

    private static Region regionalDefault() {
        return Optional.ofNullable(System.getenv("AWS_REGION"))
                .or(() -> Optional.ofNullable(System.getenv("AWS_DEFAULT_REGION")))
                .or(() -> Optional.ofNullable(System.getProperty("aws.region")))
                .map(Region::of)
                .orElse(Region.US_EAST_1);
    }

    private synchronized <T extends SdkAutoCloseable> T own(T closeable) {
        owned.add(closeable);
        return closeable;
    }

    @Override
    public synchronized void close() {
        for (int i = owned.size() - 1; i >= 0; i--) {
            owned.get(i).close();
        }
        owned.clear();
        http.close();
    }
}

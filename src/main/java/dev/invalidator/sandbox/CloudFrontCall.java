package dev.invalidator.sandbox;

import java.time.Instant;
import java.util.Objects;

/**
 * One request that reached the {@link CloudFrontSimulator} and was recognised as a CloudFront operation
 * (faulted and failed requests included).
 *
 * @param operation      the operation
 * @param distributionId the distribution in the URL; {@code null} for {@code ListDistributions}
 * @param time           when it arrived
 */
public record CloudFrontCall(CloudFrontSimulator.Operation operation, String distributionId, Instant time) {
    public CloudFrontCall {
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(time, "time");
    }
}

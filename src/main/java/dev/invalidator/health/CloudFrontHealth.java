package dev.invalidator.health;

import dev.invalidator.cdn.CdnCallObserver;
import dev.invalidator.cdn.CdnException.Failure;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps the outcome of the last CloudFront call about each distribution, as {@code /health/ready} reports it. Each
 * distribution has its own: a role that can no longer be assumed for one, or a status query on one CloudFront has
 * lost, says nothing about the others.
 *
 * <ul>
 *   <li>An answer is <b>ok</b> — also a refusal about the request itself (too many invalidations in progress, a bad
 *       path, an unknown invalidation id, a reused caller reference): CloudFront is reachable and the bot may use it.
 *   <li>"Rate exceeded" that outlasted the SDK's retries is <b>throttled</b>. The next answered call clears it.
 *   <li>Access denied (a role that can't be assumed included), an unknown distribution, CloudFront unreachable or
 *       failing after the retries, or an unexpected error is <b>failing</b> until the next call about that
 *       distribution is answered.
 * </ul>
 *
 * <pre>{@code
 * CloudFrontHealth health = new CloudFrontHealth(Map.of("web", "E1WEBEXAMPLE"));
 * Cdn cdn = new CloudFrontCdn(aws, roles, health);
 * health.distributions();   // [DistributionHealth[name=web, id=E1WEBEXAMPLE, cloudFront=…OK…]]
 * }</pre>
 */
public final class CloudFrontHealth implements CdnCallObserver {

    private final Map<String, String> idByName;
    private final Map<String, CloudFrontStatus> byId = new ConcurrentHashMap<>();

    /** @param distributionIdByName the config's distributions, name to CloudFront id, in the order to report them */
    public CloudFrontHealth(Map<String, String> distributionIdByName) {
        this.idByName = new LinkedHashMap<>(distributionIdByName);
    }

    @Override
    public void answered(String operation, String distributionId, Duration took) {
        byId.put(distributionId, CloudFrontStatus.OK);
    }

    @Override
    public void failed(String operation, String distributionId, Failure failure, Duration took) {
        byId.put(
                distributionId,
                switch (failure) {
                    case TOO_MANY_IN_PROGRESS,
                            NO_SUCH_INVALIDATION,
                            INVALID_ARGUMENT,
                            BATCH_TOO_LARGE,
                            REFERENCE_ALREADY_USED -> CloudFrontStatus.OK;
                    case THROTTLED -> CloudFrontStatus.throttled(operation);
                    // A domain no tenant serves is an answer, not a failing tenant.
                    case NO_SUCH_TENANT ->
                        operation.equals("GetDistributionTenantByDomain")
                                ? CloudFrontStatus.OK
                                : CloudFrontStatus.failing(
                                        operation, failure.name().toLowerCase(Locale.ROOT));
                    case ACCESS_DENIED, NO_SUCH_DISTRIBUTION, UNAVAILABLE, UNEXPECTED ->
                        CloudFrontStatus.failing(operation, failure.name().toLowerCase(Locale.ROOT));
                });
    }

    /** The last call about {@code distributionId}; ok before any. */
    public CloudFrontStatus status(String distributionId) {
        return byId.getOrDefault(distributionId, CloudFrontStatus.OK);
    }

    /** Every configured distribution with its status, in the config's order. */
    public List<DistributionHealth> distributions() {
        return idByName.entrySet().stream()
                .map(entry -> new DistributionHealth(entry.getKey(), entry.getValue(), status(entry.getValue())))
                .toList();
    }
}

package dev.invalidator.cdn.cloudfront;

import dev.invalidator.aws.AwsClients;
import dev.invalidator.cdn.Cdn;
import dev.invalidator.cdn.CdnCallObserver;
import dev.invalidator.cdn.CdnException;
import dev.invalidator.cdn.CdnException.Failure;
import dev.invalidator.cdn.Distribution;
import dev.invalidator.cdn.Invalidation;
import dev.invalidator.cdn.InvalidationPage;
import dev.invalidator.cdn.InvalidationStatus;
import dev.invalidator.cdn.InvalidationSummary;
import dev.invalidator.cdn.Tenant;
import dev.invalidator.config.TargetKind;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import software.amazon.awssdk.services.cloudfront.model.Aliases;
import software.amazon.awssdk.services.cloudfront.model.CacheTagConfig;
import software.amazon.awssdk.services.cloudfront.model.DistributionConfig;
import software.amazon.awssdk.services.cloudfront.model.DistributionTenant;
import software.amazon.awssdk.services.cloudfront.model.DomainResult;
import software.amazon.awssdk.services.cloudfront.model.GetDistributionResponse;
import software.amazon.awssdk.services.cloudfront.model.InvalidationList;

/**
 * {@link Cdn} over the AWS SDK's CloudFront client.
 *
 * <p>A distribution with a {@code roleArn} in the config is reached with that role's credentials, so one bot can
 * serve distributions in several AWS accounts. Every call's outcome and duration go to a {@link CdnCallObserver}.
 *
 * <p>A distribution tenant's id goes to CloudFront's tenant operations (CreateInvalidationForDistributionTenant,
 * GetInvalidationForDistributionTenant, ListInvalidationsForDistributionTenant, GetDistributionTenant): the same
 * {@code InvalidationBatch}, {@code Invalidation} and {@code InvalidationList} shapes, the same errors.
 */
public final class CloudFrontCdn implements Cdn {

    private final AwsClients aws;
    private final Map<String, String> roleArnByDistribution;
    private final CdnCallObserver calls;

    /** @param roleArnByDistribution the role to assume for a distribution id; distributions not named use the bot's own identity */
    public CloudFrontCdn(AwsClients aws, Map<String, String> roleArnByDistribution) {
        this(aws, roleArnByDistribution, CdnCallObserver.NONE);
    }

    /** @param calls told the outcome and the duration of every CloudFront call */
    public CloudFrontCdn(AwsClients aws, Map<String, String> roleArnByDistribution, CdnCallObserver calls) {
        this.aws = aws;
        this.roleArnByDistribution = Map.copyOf(roleArnByDistribution);
        this.calls = calls;
    }

    @Override
    public Distribution distribution(String distributionId) {
        if (isTenant(distributionId)) {
            return tenant(distributionId).asDistribution();
        }
        GetDistributionResponse response = call(
                "GetDistribution",
                distributionId,
                () -> client(distributionId).getDistribution(r -> r.id(distributionId)));
        DistributionConfig config = response.distribution().distributionConfig();
        Aliases aliases = config.aliases();
        return new Distribution(
                response.distribution().id(),
                response.distribution().domainName(),
                aliases == null ? List.of() : aliases.items(),
                Optional.ofNullable(config.cacheTagConfig()).map(CacheTagConfig::headerName));
    }

    @Override
    public Tenant tenant(String tenantId) {
        return toTenant(call(
                        "GetDistributionTenant",
                        tenantId,
                        () -> client(tenantId).getDistributionTenant(r -> r.identifier(tenantId)))
                .distributionTenant());
    }

    @Override
    public Optional<Tenant> tenantByDomain(String domain, String askingAs) {
        try {
            return Optional.of(toTenant(call(
                            "GetDistributionTenantByDomain",
                            askingAs,
                            () -> client(askingAs).getDistributionTenantByDomain(r -> r.domain(domain)))
                    .distributionTenant()));
        } catch (CdnException e) {
            if (e.failure() == Failure.NO_SUCH_TENANT) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public Invalidation create(String distributionId, String callerReference, List<String> paths) {
        try {
            if (isTenant(distributionId)) {
                return toInvalidation(
                        distributionId,
                        call(
                                        "CreateInvalidationForDistributionTenant",
                                        distributionId,
                                        () -> client(distributionId)
                                                .createInvalidationForDistributionTenant(r -> r.id(distributionId)
                                                        .invalidationBatch(b -> b.callerReference(callerReference)
                                                                .paths(p -> p.quantity(paths.size())
                                                                        .items(paths)))))
                                .invalidation());
            }
            return toInvalidation(
                    distributionId,
                    call(
                                    "CreateInvalidation",
                                    distributionId,
                                    () -> client(distributionId)
                                            .createInvalidation(r -> r.distributionId(distributionId)
                                                    .invalidationBatch(b -> b.callerReference(callerReference)
                                                            .paths(p -> p.quantity(paths.size())
                                                                    .items(paths)))))
                            .invalidation());
        } catch (CdnException failure) {
            if (failure.failure() != Failure.REFERENCE_ALREADY_USED) {
                throw failure;
            }
            // The same request was sent before (a lost answer, a restart, another replica): that one is ours.
            return findByCallerReference(distributionId, callerReference)
                    .filter(earlier -> new HashSet<>(earlier.paths()).equals(new HashSet<>(paths)))
                    .orElseThrow(() -> failure);
        }
    }

    @Override
    public Invalidation invalidation(String distributionId, String invalidationId) {
        if (isTenant(distributionId)) {
            return toInvalidation(
                    distributionId,
                    call(
                                    "GetInvalidationForDistributionTenant",
                                    distributionId,
                                    () -> client(distributionId)
                                            .getInvalidationForDistributionTenant(
                                                    r -> r.distributionTenantId(distributionId)
                                                            .id(invalidationId)))
                            .invalidation());
        }
        return toInvalidation(
                distributionId,
                call(
                                "GetInvalidation",
                                distributionId,
                                () -> client(distributionId)
                                        .getInvalidation(r ->
                                                r.distributionId(distributionId).id(invalidationId)))
                        .invalidation());
    }

    @Override
    public InvalidationPage invalidations(String distributionId, String marker, int maxItems) {
        InvalidationList list = isTenant(distributionId)
                ? call(
                                "ListInvalidationsForDistributionTenant",
                                distributionId,
                                () -> client(distributionId)
                                        .listInvalidationsForDistributionTenant(r -> r.id(distributionId)
                                                .marker(marker)
                                                .maxItems(maxItems)))
                        .invalidationList()
                : call(
                                "ListInvalidations",
                                distributionId,
                                () -> client(distributionId)
                                        .listInvalidations(r -> r.distributionId(distributionId)
                                                .marker(marker)
                                                .maxItems(String.valueOf(maxItems))))
                        .invalidationList();
        List<InvalidationSummary> items = list.items().stream()
                .map(s -> new InvalidationSummary(s.id(), InvalidationStatus.parse(s.status()), s.createTime()))
                .toList();
        boolean truncated = Boolean.TRUE.equals(list.isTruncated()) && list.nextMarker() != null;
        return new InvalidationPage(items, truncated ? Optional.of(list.nextMarker()) : Optional.empty());
    }

    private static Invalidation toInvalidation(
            String distributionId, software.amazon.awssdk.services.cloudfront.model.Invalidation i) {
        return new Invalidation(
                distributionId,
                i.id(),
                InvalidationStatus.parse(i.status()),
                i.createTime(),
                i.invalidationBatch().paths().items(),
                i.invalidationBatch().callerReference());
    }

    private static boolean isTenant(String id) {
        return TargetKind.of(id) == TargetKind.TENANT;
    }

    private static Tenant toTenant(DistributionTenant tenant) {
        return new Tenant(
                tenant.id(),
                tenant.distributionId(),
                tenant.domains().stream().map(DomainResult::domain).toList());
    }

    private CloudFrontClient client(String distributionId) {
        return aws.cloudFront(Optional.ofNullable(roleArnByDistribution.get(distributionId)));
    }

    private String accountHint(String distributionId) {
        String role = roleArnByDistribution.get(distributionId);
        return role == null ? "" : " (through role " + role + ")";
    }

    private <T> T call(String operation, String distributionId, Supplier<T> request) {
        long start = System.nanoTime();
        T answer;
        try {
            answer = request.get();
        } catch (SdkException e) {
            CdnException failure =
                    CloudFrontErrors.translate(e, operation, distributionId, accountHint(distributionId));
            calls.failed(operation, distributionId, failure.failure(), Duration.ofNanos(System.nanoTime() - start));
            throw failure;
        }
        calls.answered(operation, distributionId, Duration.ofNanos(System.nanoTime() - start));
        return answer;
    }
}

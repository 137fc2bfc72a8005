package dev.invalidator.cdn;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The CDN as the bot needs it: look up a distribution, create an invalidation, follow its status. Every method that
 * takes a distribution id takes a distribution tenant's id as well, and acts on the tenant (its own invalidations, on
 * CloudFront's tenant operations): which one an id names is {@code config.TargetKind}'s to say.
 *
 * <p>The domain core talks only to this port; {@code cdn.cloudfront.CloudFrontCdn} implements it over the AWS SDK.
 * Every method may throw {@link CdnException}, whose {@link CdnException#failure()} says what went wrong in terms
 * a person can act on.
 *
 * <pre>{@code
 * Invalidation created = cdn.create("E1WEBEXAMPLE", reference.encode(), List.of("/index.html"));
 * Invalidation now = cdn.invalidation(created.distributionId(), created.id());
 * }</pre>
 */
public interface Cdn {

    /**
     * How much earlier than its status message an invalidation of ours may say it was created: CloudFront's clock and
     * Slack's are not the same clock.
     */
    Duration CLOCK_SKEW = Duration.ofMinutes(5);

    /**
     * The distribution's id, domain name and alternate domain names; for a distribution tenant's id, the tenant's
     * domains ({@link Tenant#asDistribution()}).
     */
    Distribution distribution(String distributionId);

    /** A distribution tenant: its parent distribution and its domains (GetDistributionTenant). */
    Tenant tenant(String tenantId);

    /**
     * The distribution tenant that serves {@code domain}, if any (GetDistributionTenantByDomain), asked in the AWS
     * account of the configured tenant {@code askingAs}: a domain names no account by itself.
     */
    Optional<Tenant> tenantByDomain(String domain, String askingAs);

    /**
     * Creates an invalidation, or returns the one created earlier with the same {@code callerReference}: a request
     * that is sent twice (a retry after a lost answer, a second replica) never creates two invalidations.
     */
    Invalidation create(String distributionId, String callerReference, List<String> paths);

    /** One invalidation with its paths and caller reference. */
    Invalidation invalidation(String distributionId, String invalidationId);

    /** One page of the distribution's invalidations, newest first; {@code marker} null for the first page. */
    InvalidationPage invalidations(String distributionId, String marker, int maxItems);

    /**
     * The invalidation created with {@code callerReference}, if any. A reference of ours names its status message,
     * and nothing is created before that message is posted, so only invalidations created since then (less
     * {@link #CLOCK_SKEW}) are read — each with one GetInvalidation, since list entries carry no reference — however
     * many that is: an empty answer means the distribution has no such invalidation, never that the look-up gave up.
     *
     * @throws CdnException when CloudFront fails, or when its list could not be read back to the status message's time
     */
    default Optional<Invalidation> findByCallerReference(String distributionId, String callerReference) {
        Instant notBefore = CallerReference.decode(callerReference)
                .map(reference -> reference.messageTime().minus(CLOCK_SKEW))
                .orElse(Instant.EPOCH);
        InvalidationPages pages = invalidationPages(distributionId, 100);
        for (InvalidationPage page : pages) {
            for (InvalidationSummary summary : page.items()) {
                if (summary.createTime().isBefore(notBefore)) {
                    continue;
                }
                Invalidation candidate = invalidation(distributionId, summary.id());
                if (callerReference.equals(candidate.callerReference())) {
                    return Optional.of(candidate);
                }
            }
            if (page.endsBefore(notBefore)) {
                return Optional.empty();
            }
        }
        if (pages.cutShort()) {
            throw new CdnException(
                    CdnException.Failure.UNEXPECTED,
                    "CloudFront's list of the invalidations of " + distributionId + " repeated itself before reaching "
                            + notBefore + ", so whether " + callerReference + " was sent can't be told yet",
                    "Try again in a minute; if this persists, look for it in the distribution's invalidations in the"
                            + " CloudFront console.");
        }
        return Optional.empty();
    }

    /**
     * The distribution's invalidations, newest first, read a page of {@code pageSize} (1 to 100) at a time and only
     * as far as the caller reads.
     */
    default InvalidationPages invalidationPages(String distributionId, int pageSize) {
        return new InvalidationPages(this, distributionId, pageSize);
    }

    /** The newest {@code limit} (at least 1) invalidations, following pages as needed. */
    default List<InvalidationSummary> recentInvalidations(String distributionId, int limit) {
        return invalidationPages(distributionId, Math.min(100, limit))
                .summaries()
                .limit(limit)
                .toList();
    }
}

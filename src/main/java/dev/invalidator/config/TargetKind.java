package dev.invalidator.config;

import java.util.Objects;

/**
 * What a configured target is: a CloudFront distribution, or a distribution tenant of a multi-tenant distribution
 * (CloudFront SaaS Manager). The one place that tells them apart: their ids never look alike (a distribution's is
 * upper-case letters and digits, a tenant's starts with {@code dt_}), so the kind follows from the id wherever an id
 * travels — a ticket, a status message's facts, a CallerReference's invalidation — and a target needs no second
 * record.
 *
 * <pre>{@code
 * TargetKind.of("E1WEBEXAMPLE");                     // DISTRIBUTION
 * TargetKind.of("dt_2wjDZi3hD1ivOXf6rpZJOSNE1AB");   // TENANT
 * }</pre>
 */
public enum TargetKind {
    /** A distribution: CreateInvalidation, GetDistribution, … on {@code /distribution/{id}}. */
    DISTRIBUTION,
    /**
     * A distribution tenant: CreateInvalidationForDistributionTenant, GetDistributionTenant, … on
     * {@code /distribution-tenant/{id}}; its invalidations are its own, its limits its parent's.
     */
    TENANT;

    /** The kind of the target with this id, which the config checked to be one or the other. */
    public static TargetKind of(String id) {
        return Identifiers.isTenantId(Objects.requireNonNull(id, "id")) ? TENANT : DISTRIBUTION;
    }
}

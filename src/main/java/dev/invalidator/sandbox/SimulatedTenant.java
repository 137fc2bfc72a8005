package dev.invalidator.sandbox;

import java.time.Instant;
import java.util.List;

/** A distribution tenant known to the simulator: its parent distribution and its domains (fixed configuration). */
record SimulatedTenant(String id, String distributionId, List<String> domains, String etag, Instant createdTime) {

    SimulatedTenant {
        domains = List.copyOf(domains);
    }

    String arn() {
        return CloudFrontError.tenantArn(id);
    }

    /** CloudFront requires a tenant's name; the simulator derives it from the first domain. */
    String name() {
        return domains.isEmpty() ? id : domains.get(0).replace('.', '-');
    }
}

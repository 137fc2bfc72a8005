package dev.invalidator.cdn;

import java.util.List;
import java.util.Objects;

/**
 * A distribution tenant as invalidations care: its id, its parent (the multi-tenant distribution whose settings and
 * whose in-progress limits it shares) and the domains it serves.
 *
 * <pre>{@code
 * Tenant acme = new Tenant("dt_2wjDZi3hD1ivOXf6rpZJOSNE1AB", "E1SAASEXAMPLE", List.of("acme.example.com"));
 * acme.asDistribution().viewerHost();   // acme.example.com: where the refresh check asks
 * }</pre>
 *
 * @param domains the tenant's domains in CloudFront's order, the first being where the refresh check asks
 */
public record Tenant(String id, String distributionId, List<String> domains) {

    public Tenant {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(distributionId, "distributionId");
        domains = List.copyOf(domains);
    }

    /**
     * The tenant as the flow sees any target: its domains are its host names. A tenant has no cloudfront.net name of
     * its own, so its first domain stands in for one and is also the first "alternate" name, which makes it the
     * viewer host and the public host.
     */
    public Distribution asDistribution() {
        return new Distribution(id, domains.isEmpty() ? id : domains.get(0), domains);
    }
}

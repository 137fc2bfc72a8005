package dev.invalidator.cdn;

import dev.invalidator.config.BotConfig;
import dev.invalidator.config.DistributionConfig;
import dev.invalidator.config.TargetKind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The configured distributions and distribution tenants, found the way people name them: by alias ({@code web}), by id
 * ({@code E1WEBEXAMPLE}, {@code dt_…}) or by a host name they serve ({@code www.example.com}, {@code
 * d111.cloudfront.net}, a tenant's domain).
 *
 * <p>Only configured targets are ever found: the allow-list is the config, so an id that is not in it means nothing to
 * the bot. Host names come from CloudFront (GetDistribution; a tenant's domains and parent from GetDistributionTenant)
 * and are cached, since they change rarely; a domain none of them serves yet is asked of CloudFront
 * (GetDistributionTenantByDomain), since a tenant may have gained it since it was read.
 *
 * <pre>{@code
 * catalog.resolve("www.example.com")   // Optional[DistributionConfig[alias=web, id=E1WEBEXAMPLE, …]]
 * catalog.details(web).hosts()         // [d111111abcdef8.cloudfront.net, www.example.com]
 * }</pre>
 */
public final class DistributionCatalog {

    private static final Logger log = LoggerFactory.getLogger(DistributionCatalog.class);

    private final BotConfig config;
    private final Cdn cdn;
    private final Duration ttl;
    private final Clock clock;
    private final Map<String, Fetched> details = new ConcurrentHashMap<>();

    /** @param parent a tenant's multi-tenant distribution; empty for a distribution */
    private record Fetched(Distribution distribution, Optional<String> parent, Instant at) {}

    public DistributionCatalog(BotConfig config, Cdn cdn, Duration ttl, Clock clock) {
        this.config = config;
        this.cdn = cdn;
        this.ttl = ttl;
        this.clock = clock;
    }

    /** The configured distribution a person means by {@code name}: alias first, then id, then host name. */
    public Optional<DistributionConfig> resolve(String name) {
        Optional<DistributionConfig> byName = config.byAlias(name).or(() -> config.byId(name));
        if (byName.isPresent()) {
            return byName;
        }
        String host = name.toLowerCase(Locale.ROOT);
        return config.distributions().values().stream()
                .filter(distribution -> hostsIfKnown(distribution)
                        .map(hosts -> hosts.contains(host))
                        .orElse(false))
                .findFirst()
                .or(() -> tenantServing(host));
    }

    /**
     * The configured tenant CloudFront says serves {@code host}, asked in each AWS account that holds a configured
     * tenant; its details are kept as if read.
     */
    private Optional<DistributionConfig> tenantServing(String host) {
        if (!host.contains(".")) {
            return Optional.empty();
        }
        Map<String, DistributionConfig> oneTenantPerAccount = new LinkedHashMap<>();
        config.distributions().values().stream()
                .filter(target -> target.kind() == TargetKind.TENANT)
                .forEach(tenant -> oneTenantPerAccount.putIfAbsent(tenant.account(), tenant));
        for (DistributionConfig askingAs : oneTenantPerAccount.values()) {
            try {
                Optional<Tenant> found = cdn.tenantByDomain(host, askingAs.id());
                Optional<DistributionConfig> configured = found.flatMap(tenant -> config.byId(tenant.id()));
                if (configured.isPresent()) {
                    details.put(configured.get().id(), fetched(configured.get(), found.get()));
                    return configured;
                }
            } catch (CdnException e) {
                log.warn("Could not ask CloudFront which tenant serves {}: {}", host, e.getMessage());
            }
        }
        return Optional.empty();
    }

    /**
     * The distribution's domain names, or a tenant's domains (and its parent, for {@link #limitScope}), from CloudFront
     * (cached for the TTL). Throws {@link CdnException}.
     */
    public Distribution details(DistributionConfig distribution) {
        Fetched fetched = details.get(distribution.id());
        if (fetched == null || fetched.at().plus(ttl).isBefore(clock.instant())) {
            fetched = distribution.kind() == TargetKind.TENANT
                    ? fetched(distribution, cdn.tenant(distribution.id()))
                    : new Fetched(cdn.distribution(distribution.id()), Optional.empty(), clock.instant());
            details.put(distribution.id(), fetched);
        }
        return fetched.distribution();
    }

    private Fetched fetched(DistributionConfig target, Tenant tenant) {
        return new Fetched(
                new Tenant(target.id(), tenant.distributionId(), tenant.domains()).asDistribution(),
                Optional.of(tenant.distributionId()),
                clock.instant());
    }

    /**
     * The distribution whose in-progress limits (3,000 file paths, 15 wildcard paths) an invalidation of the target
     * counts against: a distribution's own, and a tenant's parent's, with every other tenant's and the parent's own —
     * as last read, the tenant alone until its details are read (every request reads them before it is sent).
     *
     * <p>Whether CloudFront counts a tenant's invalidations per tenant or per parent is UNCONFIRMED in its
     * documentation (shared reference cloudfront.md §10). Per parent is the safe reading: were it per tenant, the
     * queue would only hold back requests CloudFront would have taken. This is the one place to change should
     * CloudFront say otherwise ({@code return targetId;}).
     */
    public String limitScope(String targetId) {
        return Optional.ofNullable(details.get(targetId))
                .flatMap(Fetched::parent)
                .orElse(targetId);
    }

    /** What is already known of the distribution, without asking CloudFront: for answers that must be instant. */
    public Optional<Distribution> knownDetails(DistributionConfig distribution) {
        return Optional.ofNullable(details.get(distribution.id())).map(Fetched::distribution);
    }

    /** Reads every distribution once, so the first person to ask doesn't wait for CloudFront. */
    public void warmUp() {
        config.distributions().values().forEach(this::hostsIfKnown);
    }

    private Optional<Set<String>> hostsIfKnown(DistributionConfig distribution) {
        try {
            return Optional.of(details(distribution).hosts());
        } catch (CdnException e) {
            log.warn(
                    "Could not read the domain names of {} ({}): {}",
                    distribution.alias(),
                    distribution.id(),
                    e.getMessage());
            return Optional.empty();
        }
    }
}

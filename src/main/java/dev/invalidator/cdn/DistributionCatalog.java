package dev.invalidator.cdn;

import dev.invalidator.config.BotConfig;
import dev.invalidator.config.DistributionConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The configured distributions, found the way people name them: by alias ({@code web}), by id
 * ({@code E1WEBEXAMPLE}) or by a host name they serve ({@code www.example.com}, {@code d111.cloudfront.net}).
 *
 * <p>Only configured distributions are ever found: the allow-list is the config, so an id that is not in it means
 * nothing to the bot. Host names come from CloudFront (GetDistribution) and are cached, since they change rarely.
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

    private record Fetched(Distribution distribution, Instant at) {}

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
                .findFirst();
    }

    /** The distribution's domain names, from CloudFront (cached for the TTL). Throws {@link CdnException}. */
    public Distribution details(DistributionConfig distribution) {
        Fetched fetched = details.get(distribution.id());
        if (fetched == null || fetched.at().plus(ttl).isBefore(clock.instant())) {
            fetched = new Fetched(cdn.distribution(distribution.id()), clock.instant());
            details.put(distribution.id(), fetched);
        }
        return fetched.distribution();
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

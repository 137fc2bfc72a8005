package dev.invalidator.sandbox;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A distribution known to the simulator (only what the bot reads).
 *
 * @param cacheTagHeader the response header its {@code CacheTagConfig} names; empty when it has none, and then
 *                       CloudFront ignores tag items
 */
record SimulatedDistribution(
        String id,
        String domainName,
        List<String> aliases,
        String etag,
        Instant lastModifiedTime,
        Optional<String> cacheTagHeader) {

    SimulatedDistribution {
        aliases = List.copyOf(aliases);
    }

    /** The same distribution with another {@code CacheTagConfig}: a change of its config, so a new ETag. */
    SimulatedDistribution withCacheTagHeader(Optional<String> header, String newEtag, Instant now) {
        return new SimulatedDistribution(id, domainName, aliases, newEtag, now, header);
    }

    String arn() {
        return CloudFrontError.distributionArn(id);
    }

    String callerReference() {
        return "sandbox-" + id;
    }

    String originId() {
        return "origin-" + id;
    }

    String originDomainName() {
        return id.toLowerCase(java.util.Locale.ROOT) + "-origin.s3.us-east-1.amazonaws.com";
    }
}

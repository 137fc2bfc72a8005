package dev.invalidator.sandbox;

import java.time.Instant;
import java.util.List;

/** A distribution known to the simulator (fixed configuration; only what the bot reads). */
record SimulatedDistribution(
        String id, String domainName, List<String> aliases, String etag, Instant lastModifiedTime) {

    SimulatedDistribution {
        aliases = List.copyOf(aliases);
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

package dev.invalidator.health;

import java.util.Objects;

/**
 * What the last CloudFront call about one configured distribution said.
 *
 * <pre>{@code
 * new DistributionHealth("web", "E1WEBEXAMPLE", CloudFrontStatus.OK);
 * }</pre>
 *
 * @param name the distribution's name in the config, e.g. {@code web}
 * @param id   its CloudFront id
 */
public record DistributionHealth(String name, String id, CloudFrontStatus cloudFront) {

    public DistributionHealth {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(cloudFront, "cloudFront");
    }
}

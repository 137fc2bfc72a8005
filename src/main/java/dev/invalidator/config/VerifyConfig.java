package dev.invalidator.config;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether and how the bot checks, once an invalidation completes, that the edge really serves fresh copies: it asks
 * for each invalidated file (at most {@code maxUrls}, each within {@code timeout}) and reads what CloudFront says
 * about the copy it served. A distribution may turn it off, or name the base URL to ask instead of its first
 * domain name (a private setup, or the simulator in tests).
 *
 * <pre>{@code
 * VerifyConfig verify = VerifyConfig.defaults();       // on, 20 URLs, 3s each
 * verify.forDistribution("E1WEBEXAMPLE").baseUrl();    // Optional.empty: https://<first alternate domain name>
 * }</pre>
 *
 * @param overrides per-distribution settings, by CloudFront distribution id
 */
public record VerifyConfig(
        boolean enabled, int maxUrls, Duration timeout, Map<String, DistributionOverride> overrides) {

    /** The longest wait for one URL: a check is a courtesy after the fact, never a long job. */
    public static final Duration MAX_TIMEOUT = Duration.ofSeconds(30);
    /** Each URL is one request to the site, and a few more when it must be looked at closely. */
    public static final int MAX_URLS = 100;

    /**
     * What one distribution says differently.
     *
     * @param baseUrl where to ask instead of {@code https://<first alternate domain name>}; no trailing slash
     * @param enabled on or off for this distribution, whatever the bot-wide setting
     */
    public record DistributionOverride(Optional<URI> baseUrl, Optional<Boolean> enabled) {

        public DistributionOverride {
            Objects.requireNonNull(baseUrl, "baseUrl");
            Objects.requireNonNull(enabled, "enabled");
        }
    }

    /** The settings that apply to one distribution. */
    public record Settings(boolean enabled, int maxUrls, Duration timeout, Optional<URI> baseUrl) {}

    public VerifyConfig {
        if (maxUrls < 1 || maxUrls > MAX_URLS) {
            throw new IllegalArgumentException("maxUrls must be 1.." + MAX_URLS + ", got " + maxUrls);
        }
        PollingConfig.requirePositive(timeout, "timeout");
        if (timeout.compareTo(MAX_TIMEOUT) > 0) {
            throw new IllegalArgumentException("timeout must be at most " + MAX_TIMEOUT + ", got " + timeout);
        }
        overrides = Map.copyOf(overrides);
    }

    /** On, 20 URLs, 3 s: the values a config gets when it leaves {@code verify} out. */
    public static VerifyConfig defaults() {
        return new VerifyConfig(true, 20, Duration.ofSeconds(3), Map.of());
    }

    public Settings forDistribution(String distributionId) {
        Optional<DistributionOverride> override = Optional.ofNullable(overrides.get(distributionId));
        return new Settings(
                override.flatMap(DistributionOverride::enabled).orElse(enabled),
                maxUrls,
                timeout,
                override.flatMap(DistributionOverride::baseUrl));
    }
}

package dev.invalidator.health;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Whether the bot takes work: {@code /health/ready}, ready while its Socket Mode connection to Slack is up. CloudFront
 * is reported per distribution in the body, for operators, and never decides readiness: a distribution whose role can
 * no longer be assumed must not take the healthy ones away.
 *
 * <pre>{@code
 * new Readiness(true, List.of(
 *         new DistributionHealth("web", "E1WEBEXAMPLE", CloudFrontStatus.OK),
 *         new DistributionHealth("images", "E2IMAGESEXAMPLE", CloudFrontStatus.failing("GetDistribution", "access_denied"))))
 *     .toJson();
 * // {"status":"ok","slack":"connected","distributions":{"web":{"id":"E1WEBEXAMPLE","cloudfront":"ok"},
 * //  "images":{"id":"E2IMAGESEXAMPLE","cloudfront":"failing","operation":"GetDistribution","error":"access_denied"}}}
 * }</pre>
 *
 * @param distributions the config's distributions, in its order
 */
public record Readiness(boolean slackConnected, List<DistributionHealth> distributions) {

    public Readiness {
        distributions = List.copyOf(distributions);
    }

    public boolean isReady() {
        return slackConnected;
    }

    public String toJson() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", isReady() ? "ok" : "not_ready");
        body.put("slack", slackConnected ? "connected" : "disconnected");
        Map<String, Map<String, String>> byName = new LinkedHashMap<>();
        for (DistributionHealth distribution : distributions) {
            CloudFrontStatus cloudFront = distribution.cloudFront();
            Map<String, String> entry = new LinkedHashMap<>();
            entry.put("id", distribution.id());
            entry.put("cloudfront", cloudFront.state().name().toLowerCase(Locale.ROOT));
            cloudFront.operation().ifPresent(operation -> entry.put("operation", operation));
            cloudFront.error().ifPresent(error -> entry.put("error", error));
            byName.put(distribution.name(), entry);
        }
        body.put("distributions", byName);
        return ProbeAnswer.json(body);
    }
}

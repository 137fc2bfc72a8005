package dev.invalidator.health;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The bot's health at one moment: healthy when the Socket Mode connection is up and CloudFront's last answer
 * allows work ({@link CloudFrontStatus#isHealthy()}).
 *
 * <pre>{@code
 * new Health(true, CloudFrontStatus.OK).toJson();
 *     // {"status":"ok","slack":"connected","cloudfront":"ok"}
 * new Health(false, CloudFrontStatus.failing("CreateInvalidation", "access_denied")).toJson();
 *     // {"status":"unhealthy","slack":"disconnected","cloudfront":"failing","operation":"CreateInvalidation","error":"access_denied"}
 * }</pre>
 */
public record Health(boolean slackConnected, CloudFrontStatus cloudFront) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public Health {
        Objects.requireNonNull(cloudFront, "cloudFront");
    }

    public boolean isHealthy() {
        return slackConnected && cloudFront.isHealthy();
    }

    /** A small JSON object: status, slack, cloudfront, and for a throttled or failing call its operation and error. */
    public String toJson() {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("status", isHealthy() ? "ok" : "unhealthy");
        body.put("slack", slackConnected ? "connected" : "disconnected");
        body.put("cloudfront", cloudFront.state().name().toLowerCase(Locale.ROOT));
        cloudFront.operation().ifPresent(operation -> body.put("operation", operation));
        cloudFront.error().ifPresent(error -> body.put("error", error));
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}

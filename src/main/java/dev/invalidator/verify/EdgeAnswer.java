package dev.invalidator.verify;

import java.util.Objects;
import java.util.Optional;

/**
 * What the edge said about one URL: the status and the headers in which CloudFront describes the copy it served.
 *
 * <pre>{@code
 * new EdgeAnswer(200, Optional.of("Hit from cloudfront"), Optional.of(7200L), Optional.of("\"v1\""),
 *         Optional.of("Tue, 01 Apr 2025 10:00:00 GMT"));   // a copy cached two hours before it was asked for
 * }</pre>
 *
 * @param xCache       {@code X-Cache}: {@code Hit from cloudfront}, {@code RefreshHit …}, {@code Miss …},
 *                     {@code Error …}
 * @param ageSeconds   {@code Age}: how long the copy had been cached when it was served
 * @param etag         {@code ETag} of the copy
 * @param lastModified {@code Last-Modified} of the copy, as sent
 */
public record EdgeAnswer(
        int status,
        Optional<String> xCache,
        Optional<Long> ageSeconds,
        Optional<String> etag,
        Optional<String> lastModified) {

    public EdgeAnswer {
        Objects.requireNonNull(xCache, "xCache");
        Objects.requireNonNull(ageSeconds, "ageSeconds");
        Objects.requireNonNull(etag, "etag");
        Objects.requireNonNull(lastModified, "lastModified");
    }
}

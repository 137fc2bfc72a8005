package dev.invalidator.metrics;

import java.util.Objects;

/**
 * One answer of {@code GET /metrics}: the exposition and the media type it is written in.
 *
 * <pre>{@code
 * Scrape scrape = metrics.scrape("application/openmetrics-text; version=1.0.0");
 * scrape.contentType();   // application/openmetrics-text; version=1.0.0; charset=utf-8
 * scrape.body();          // # TYPE invalidator_requests counter … # EOF
 * }</pre>
 */
public record Scrape(String contentType, String body) {

    public Scrape {
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(body, "body");
    }
}

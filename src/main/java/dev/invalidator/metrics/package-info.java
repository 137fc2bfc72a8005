/**
 * What the bot exposes to Prometheus on {@code GET /metrics}: {@link dev.invalidator.metrics.BotMetrics} holds the
 * registry and hands each part to the classes that count — requests by decision, CloudFront calls, invalidations in
 * flight and their times, refresh checks, paths used this month, Slack calls, acks and reconnects — plus the JVM's own
 * figures.
 *
 * <pre>{@code
 * BotMetrics metrics = BotMetrics.withJvm(aliasById);
 * CloudFrontCdn cdn = new CloudFrontCdn(aws, roles, health.andThen(metrics.cloudFront()));
 * healthServer.reportMetrics(metrics::scrape);
 * }</pre>
 *
 * <p>Micrometer stays inside this package; the rest of the bot calls these few methods with plain values, so a
 * core class that counts knows no metrics library. The names, and what each means to an operator, are in
 * docs/operating.md, "Observe it".
 */
package dev.invalidator.metrics;

package dev.invalidator.verify;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether the copy an edge served has been refreshed, read from what CloudFront says about it. A {@code Miss} came
 * from the origin just now and a {@code RefreshHit} was revalidated with it: both are fresh. A {@code Hit} is stale
 * when its {@code Age} says it was cached before the invalidation was created — such a copy outlived an invalidation
 * that should have removed it. A copy cached while the invalidation was in progress is not counted against it: it
 * came from the origin after the request, and edges apply an invalidation at different moments before CloudFront
 * reports it completed, so the stricter boundary would call fresh copies stale.
 *
 * <pre>{@code
 * Freshness.of(new EdgeAnswer(200, Optional.of("Hit from cloudfront"), Optional.of(7200L), …), now, aMinuteAgo);
 * // STALE: cached 1h 59m before the invalidation
 * }</pre>
 *
 * @param cachedBefore for a stale copy, how long before the invalidation it was cached
 */
public record Freshness(Verdict verdict, String detail, Optional<Duration> cachedBefore) {

    public enum Verdict {
        /** Served from the origin, revalidated, or cached after the invalidation was created. */
        FRESH,
        /** A hit cached before the invalidation was created. */
        STALE,
        /** A 4xx or 5xx answer: nothing was served to judge. */
        ERROR,
        /** An answer that doesn't say when its copy was cached. */
        UNKNOWN
    }

    /** Age counts whole seconds, and the bot's clock is not CloudFront's: a copy this close to the line is fresh. */
    static final Duration TOLERANCE = Duration.ofSeconds(5);

    public Freshness {
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(cachedBefore, "cachedBefore");
    }

    /**
     * Judges one answer of the edge against the moment the invalidation was created.
     *
     * @param receivedAt          when the answer arrived, by the bot's clock
     * @param invalidationCreated when CloudFront created the invalidation
     */
    public static Freshness of(EdgeAnswer answer, Instant receivedAt, Instant invalidationCreated) {
        if (answer.status() >= 400) {
            return new Freshness(
                    Verdict.ERROR,
                    "answered " + answer.status()
                            + answer.xCache().map(xCache -> " (" + xCache + ")").orElse(""),
                    Optional.empty());
        }
        if (answer.xCache().isEmpty()) {
            return unknown("no X-Cache header: the answer did not come from CloudFront");
        }
        String xCache = answer.xCache().get();
        String kind = xCache.toLowerCase(Locale.ROOT);
        if (kind.startsWith("miss") || kind.startsWith("refreshhit")) {
            return new Freshness(Verdict.FRESH, xCache, Optional.empty());
        }
        if (!kind.startsWith("hit")) {
            return unknown("X-Cache: " + xCache);
        }
        if (answer.ageSeconds().isEmpty()) {
            return unknown("a Hit without an Age header, which says nothing of when it was cached");
        }
        Instant cachedAt = receivedAt.minusSeconds(answer.ageSeconds().get());
        if (cachedAt.isBefore(invalidationCreated.minus(TOLERANCE))) {
            return new Freshness(Verdict.STALE, xCache, Optional.of(Duration.between(cachedAt, invalidationCreated)));
        }
        return new Freshness(Verdict.FRESH, xCache, Optional.empty());
    }

    private static Freshness unknown(String why) {
        return new Freshness(Verdict.UNKNOWN, why, Optional.empty());
    }
}

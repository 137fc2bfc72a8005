package dev.invalidator.verify;

import dev.invalidator.request.PathVariants;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Asks the edge for each URL of a {@link CheckPlan} and judges the copy it served ({@link Freshness}). A URL that
 * answers 404 — or 403, which is how S3 says "no such key" to a reader that may not list the bucket — is looked at
 * closer: its usual variants ({@link PathVariants}) are asked for too, and one served from a copy cached before the
 * invalidation means the request's path missed the cached object. No answer, and an error no variant explains, is
 * "could not check", never "stale".
 *
 * <p>Each URL is one task on {@code executor}, whose threads bound how many requests run at once; a URL's variants
 * are asked for one after another within its task. Nothing here waits for another task, so the check never holds
 * a thread while it waits.
 */
public final class RefreshCheck {

    private final EdgeProbe probe;
    private final Clock clock;
    private final Executor executor;

    public RefreshCheck(EdgeProbe probe, Clock clock, Executor executor) {
        this.probe = probe;
        this.clock = clock;
        this.executor = executor;
    }

    /**
     * Checks every URL of {@code plan}; the report completes once each has been judged.
     *
     * @param baseUrl             where the distribution's URLs start, without a trailing slash; each URL is it followed
     *                            by a path as the invalidation sent it, already percent-encoded as viewers send it
     * @param requestPaths        the paths the invalidation sent, to explain a stale copy against
     * @param invalidationCreated when CloudFront created the invalidation: copies cached before it are stale
     */
    public CompletableFuture<RefreshReport> run(
            URI baseUrl, CheckPlan plan, List<String> requestPaths, Instant invalidationCreated) {
        List<CompletableFuture<UrlCheck>> checks = plan.paths().stream()
                .map(path -> submit(baseUrl, path, requestPaths, invalidationCreated))
                .toList();
        return CompletableFuture.allOf(checks.toArray(CompletableFuture[]::new))
                .thenApply(allDone -> new RefreshReport(
                        checks.stream().map(CompletableFuture::join).toList(), plan));
    }

    private CompletableFuture<UrlCheck> submit(URI baseUrl, String path, List<String> requestPaths, Instant created) {
        try {
            return CompletableFuture.supplyAsync(() -> check(baseUrl, path, requestPaths, created), executor);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.completedFuture(
                    new UrlCheck.Unchecked(path, baseUrl + path, "the bot had too many URLs to check at once"));
        }
    }

    UrlCheck check(URI baseUrl, String path, List<String> requestPaths, Instant created) {
        String url = baseUrl + path;
        EdgeAnswer answer;
        try {
            answer = probe.ask(URI.create(url));
        } catch (EdgeUnreachable e) {
            return new UrlCheck.Unchecked(path, url, e.getMessage());
        } catch (IllegalArgumentException e) {
            return new UrlCheck.Unchecked(path, url, "not a URL that can be asked for");
        }
        Freshness freshness = Freshness.of(answer, clock.instant(), created);
        return switch (freshness.verdict()) {
            case FRESH -> new UrlCheck.Fresh(path, url, freshness);
            case STALE ->
                new UrlCheck.Stale(
                        path,
                        url,
                        answer.status(),
                        path,
                        answer,
                        freshness.cachedBefore().orElseThrow(),
                        StaleCause.of(path, requestPaths));
            case UNKNOWN -> new UrlCheck.Unchecked(path, url, freshness.detail());
            case ERROR ->
                answer.status() == 404 || answer.status() == 403
                        ? underVariants(baseUrl, path, url, answer.status(), freshness, requestPaths, created)
                        : new UrlCheck.Unchecked(path, url, freshness.detail());
        };
    }

    private UrlCheck underVariants(
            URI baseUrl,
            String path,
            String url,
            int answered,
            Freshness notFound,
            List<String> requestPaths,
            Instant created) {
        for (String variant : PathVariants.of(path)) {
            try {
                EdgeAnswer answer = probe.ask(URI.create(baseUrl + variant));
                Freshness freshness = Freshness.of(answer, clock.instant(), created);
                if (freshness.verdict() == Freshness.Verdict.STALE) {
                    return new UrlCheck.Stale(
                            path,
                            url,
                            answered,
                            variant,
                            answer,
                            freshness.cachedBefore().orElseThrow(),
                            StaleCause.of(variant, requestPaths));
                }
            } catch (EdgeUnreachable | IllegalArgumentException e) {
                // A variant that can't be asked for explains nothing; the others may.
            }
        }
        return new UrlCheck.Unchecked(
                path,
                url,
                notFound.detail()
                        + ", and no other letter case, encoding or trailing slash of it is served from an older copy");
    }
}

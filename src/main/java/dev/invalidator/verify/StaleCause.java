package dev.invalidator.verify;

import dev.invalidator.request.NearMatch;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Why an edge still serves a copy from before an invalidation, judged from the key of that copy and the paths the
 * request sent: CloudFront removes only the keys a path names exactly, so the usual cause is a path that misses the
 * key by its query string, its percent-encoding, its letter case or a trailing slash.
 *
 * <pre>{@code
 * StaleCause.of("/index.html", List.of("/Index.html"));
 * // StaleCause[kind=LETTER_CASE, requestPath=Optional[/Index.html], fix=Optional[/index.html]]
 * StaleCause.of("/app.js?v=2", List.of("/app.js"));
 * // StaleCause[kind=QUERY_STRING, requestPath=Optional[/app.js], fix=Optional[/app.js*]]
 * }</pre>
 *
 * @param requestPath the request's path that came closest to the key, if any did
 * @param fix         the path to invalidate next time, when one would have removed the copy
 */
public record StaleCause(Kind kind, Optional<String> requestPath, Optional<String> fix) {

    public enum Kind {
        /** The query string is part of the cache key: each variant is its own copy. */
        QUERY_STRING,
        /** The same path encoded differently: CloudFront compares paths as sent. */
        ENCODING,
        /** Paths are case-sensitive. */
        LETTER_CASE,
        /** {@code /dir} and {@code /dir/} are different keys. */
        TRAILING_SLASH,
        /** A path of the request names the key exactly: nothing in the paths explains the old copy. */
        NO_SLIP,
        /** No path of the request comes close to the key. */
        UNRELATED
    }

    public StaleCause {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(requestPath, "requestPath");
        Objects.requireNonNull(fix, "fix");
    }

    /**
     * Why the copy held under {@code heldKey} outlived an invalidation of {@code requestPaths}.
     *
     * @param heldKey      the key of the old copy: the URL's path (and query) that was served stale, or the variant
     *                     of a path that answered 404 which the edge turned out to hold
     * @param requestPaths the paths the invalidation sent
     */
    public static StaleCause of(String heldKey, List<String> requestPaths) {
        Optional<NearMatch> match = NearMatch.find(heldKey, requestPaths);
        if (match.isEmpty()) {
            return new StaleCause(Kind.UNRELATED, Optional.empty(), Optional.empty());
        }
        String path = match.get().path();
        String allVariants = NearMatch.beforeQuery(heldKey) + "*";
        return switch (match.get().kind()) {
            // Named exactly, yet served old: with a query string, the edge keyed the copy on another form of it.
            case COVERED ->
                heldKey.contains("?")
                        ? cause(Kind.QUERY_STRING, path, Optional.of(allVariants))
                        : cause(Kind.NO_SLIP, path, Optional.empty());
            case QUERY_STRING -> cause(Kind.QUERY_STRING, path, Optional.of(allVariants));
            case ENCODING -> cause(Kind.ENCODING, path, Optional.of(heldKey));
            case LETTER_CASE -> cause(Kind.LETTER_CASE, path, Optional.of(caseFix(path, heldKey)));
            case TRAILING_SLASH -> cause(Kind.TRAILING_SLASH, path, Optional.of(heldKey));
        };
    }

    private static StaleCause cause(Kind kind, String requestPath, Optional<String> fix) {
        return new StaleCause(kind, Optional.of(requestPath), fix);
    }

    /** A wildcard keeps its reach with the key's letter case ({@code /IMG/*} → {@code /img/*}); a file is the key. */
    private static String caseFix(String path, String heldKey) {
        int prefix = path.length() - 1;
        boolean wildcard =
                path.endsWith("*") && prefix <= heldKey.length() && heldKey.regionMatches(true, 0, path, 0, prefix);
        return wildcard ? heldKey.substring(0, prefix) + "*" : heldKey;
    }
}

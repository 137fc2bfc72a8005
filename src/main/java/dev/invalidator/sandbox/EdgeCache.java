package dev.invalidator.sandbox;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What one simulated edge location holds, per distribution: the origin's objects, the cached copies by exact cache
 * key, and which paths are keyed on their query string. Every method holds the object's monitor.
 *
 * <p>The rules are CloudFront's as far as invalidations care. A cache key is the path exactly as requested — case
 * and percent-encoding included — plus the query string where the behaviour caches on it. An invalidation removes,
 * when it completes, the copies cached before then whose key it names exactly or by a wildcard prefix. The origin
 * (like S3) finds an object by its decoded path, so two encodings of one name reach the same object but make two
 * cache keys.
 *
 * <p>Cache tags as CloudFront keeps them: a copy learns its object's tags when it is cached, from the origin's
 * response header that the distribution's {@code CacheTagConfig} names (tags separated by commas); a completed
 * invalidation's {@code #tag} item removes every copy — every variant — tagged with it, ignoring case, and only
 * while the distribution has a {@code CacheTagConfig}: without one, tag items remove nothing.
 */
final class EdgeCache {

    /**
     * An origin object in one version.
     *
     * @param headers the origin's response headers besides the edge's own, by name ignoring case
     */
    record OriginObject(String body, String etag, Instant lastModified, Map<String, String> headers) {

        OriginObject {
            Map<String, String> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            byName.putAll(headers);
            headers = byName;
        }

        /** The tags in the header the distribution's {@code CacheTagConfig} names, lower case; none without one. */
        Set<String> tags(Optional<String> tagHeader) {
            return tagHeader
                    .map(headers::get)
                    .map(value -> Arrays.stream(value.split(","))
                            .map(tag -> tag.trim().toLowerCase(Locale.ROOT))
                            .filter(tag -> !tag.isEmpty())
                            .collect(Collectors.toUnmodifiableSet()))
                    .orElse(Set.of());
        }
    }

    /** A copy the edge keeps under one key, with the cache tags it was cached with. */
    record Copy(OriginObject object, Instant cachedAt, Set<String> tags) {}

    /** What the edge answers for one request: a copy it had (a hit), one it fetched now (a miss), or nothing. */
    sealed interface Served {
        record Hit(OriginObject object, Duration age) implements Served {}

        record Miss(OriginObject object) implements Served {}

        record NotFound() implements Served {}
    }

    private static final class Site {
        final Map<String, OriginObject> origin = new HashMap<>();
        final Map<String, Copy> copies = new HashMap<>();
        final List<String> queryKeyed = new ArrayList<>();
        boolean refusesHead;
        int versions;
    }

    private final Map<String, Site> sites = new HashMap<>();

    synchronized void publish(
            String distributionId, String path, String body, Map<String, String> headers, Instant now) {
        Site site = site(distributionId);
        String etag = "\"" + Integer.toHexString(body.hashCode()) + "-" + ++site.versions + "\"";
        site.origin.put(decoded(path), new OriginObject(body, etag, now, headers));
    }

    synchronized void cacheCopy(String distributionId, String key, Optional<String> tagHeader, Instant cachedAt) {
        Site site = site(distributionId);
        OriginObject object = site.origin.get(decoded(beforeQuery(key)));
        if (object == null) {
            throw new IllegalArgumentException(
                    "Publish " + beforeQuery(key) + " on " + distributionId + " before caching a copy of it");
        }
        site.copies.put(key, new Copy(object, cachedAt, object.tags(tagHeader)));
    }

    synchronized void keyOnQueryString(String distributionId, String pathPattern) {
        site(distributionId).queryKeyed.add(pathPattern);
    }

    synchronized void refuseHead(String distributionId, boolean refuse) {
        site(distributionId).refusesHead = refuse;
    }

    synchronized boolean refusesHead(String distributionId) {
        Site site = sites.get(distributionId);
        return site != null && site.refusesHead;
    }

    /** The copy under {@code key}, if the edge still holds one at {@code now}. */
    synchronized Optional<Copy> copy(
            String distributionId,
            String key,
            List<SimulatedInvalidation> invalidations,
            Optional<String> tagHeader,
            Instant now) {
        Site site = site(distributionId);
        dropInvalidated(site, key, invalidations, tagHeader.isPresent(), now);
        return Optional.ofNullable(site.copies.get(key));
    }

    /**
     * Answers a viewer's request: a hit from the copy under its key, or a miss that fetches the object from the
     * origin and keeps a copy.
     *
     * @param rawQuery  the query string as requested, or {@code null}
     * @param tagHeader the header the distribution's {@code CacheTagConfig} names, if it has one
     */
    synchronized Served serve(
            String distributionId,
            String rawPath,
            String rawQuery,
            List<SimulatedInvalidation> invalidations,
            Optional<String> tagHeader,
            Instant now) {
        Site site = site(distributionId);
        String key = rawQuery != null && isQueryKeyed(site, rawPath) ? rawPath + "?" + rawQuery : rawPath;
        dropInvalidated(site, key, invalidations, tagHeader.isPresent(), now);
        Copy copy = site.copies.get(key);
        if (copy != null) {
            return new Served.Hit(copy.object(), Duration.between(copy.cachedAt(), now));
        }
        OriginObject object = site.origin.get(decoded(rawPath));
        if (object == null) {
            return new Served.NotFound();
        }
        site.copies.put(key, new Copy(object, now, object.tags(tagHeader)));
        return new Served.Miss(object);
    }

    /** What CloudFront does at each invalidation's completion, applied when the key is next looked at. */
    private static void dropInvalidated(
            Site site, String key, List<SimulatedInvalidation> invalidations, boolean honoursTags, Instant now) {
        Copy copy = site.copies.get(key);
        boolean invalidated = copy != null
                && invalidations.stream()
                        .anyMatch(invalidation -> invalidation.completedAt(now)
                                && invalidation.completeTime().isAfter(copy.cachedAt())
                                && invalidation.paths().stream()
                                        .anyMatch(item -> item.startsWith("#")
                                                ? honoursTags
                                                        && copy.tags()
                                                                .contains(item.substring(1)
                                                                        .toLowerCase(Locale.ROOT))
                                                : names(item, key)));
        if (invalidated) {
            site.copies.remove(key);
        }
    }

    /** An invalidation path names a key exactly, or by the prefix before its final {@code *}. */
    static boolean names(String path, String key) {
        return path.endsWith("*") ? key.startsWith(path.substring(0, path.length() - 1)) : key.equals(path);
    }

    private static boolean isQueryKeyed(Site site, String rawPath) {
        return site.queryKeyed.stream().anyMatch(pattern -> names(pattern, rawPath));
    }

    private Site site(String distributionId) {
        return sites.computeIfAbsent(distributionId, id -> new Site());
    }

    private static String beforeQuery(String key) {
        int query = key.indexOf('?');
        return query < 0 ? key : key.substring(0, query);
    }

    /** As S3 reads a key from a URL: percent-escapes decoded as UTF-8, anything else as it is. */
    static String decoded(String rawPath) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(rawPath.length());
        int i = 0;
        while (i < rawPath.length()) {
            if (rawPath.charAt(i) == '%'
                    && i + 2 < rawPath.length()
                    && isHex(rawPath.charAt(i + 1))
                    && isHex(rawPath.charAt(i + 2))) {
                bytes.write(Integer.parseInt(rawPath.substring(i + 1, i + 3), 16));
                i += 3;
            } else {
                int codePoint = rawPath.codePointAt(i);
                bytes.writeBytes(Character.toString(codePoint).getBytes(StandardCharsets.UTF_8));
                i += Character.charCount(codePoint);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}

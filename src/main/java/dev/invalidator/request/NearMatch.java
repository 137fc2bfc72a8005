package dev.invalidator.request;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * How the paths of a request relate to one cache key: they cover it, or they miss it by one of the slips that make
 * a completed invalidation leave the old object in place — a query string, a different percent-encoding, another
 * letter case, a trailing slash. CloudFront compares paths exactly, so each of these is a miss.
 *
 * <pre>{@code
 * NearMatch.find("/index.html", List.of("/Index.html"));   // Optional[NearMatch[kind=LETTER_CASE, path=/Index.html]]
 * NearMatch.find("/app.js?v=2", List.of("/app.js"));       // Optional[NearMatch[kind=QUERY_STRING, path=/app.js]]
 * NearMatch.find("/img/a.png", List.of("/img/*"));         // Optional[NearMatch[kind=COVERED, path=/img/*]]
 * NearMatch.find("/about.html", List.of("/img/*"));        // Optional.empty
 * }</pre>
 *
 * @param kind how close the request came
 * @param path the first path of the request that comes that close
 */
public record NearMatch(Kind kind, String path) {

    /** In the order they are looked for: the first that applies is the answer. */
    public enum Kind {
        COVERED,
        QUERY_STRING,
        ENCODING,
        LETTER_CASE,
        TRAILING_SLASH
    }

    public NearMatch {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(path, "path");
    }

    /**
     * The closest the paths come to {@code key}: the first {@link Kind}, in its order, that one of them matches, or
     * empty when none comes close.
     *
     * @param key   a path as the edge would key it, query string included: {@code /app.js?v=2}
     * @param paths the request's path values (file paths and wildcards; cache tags are ignored)
     */
    public static Optional<NearMatch> find(String key, List<String> paths) {
        return first(Kind.COVERED, paths, path -> covers(path, key))
                .or(() -> first(Kind.QUERY_STRING, paths, path -> sameBeforeQuery(path, key)))
                .or(() -> first(Kind.ENCODING, paths, path -> covers(decoded(path), decoded(key))))
                .or(() -> first(Kind.LETTER_CASE, paths, path -> covers(folded(path), folded(key))))
                .or(() -> first(Kind.TRAILING_SLASH, paths, path -> differsBySlash(path, key)));
    }

    /** Whether CloudFront would remove {@code key} for {@code path}: the same string, or a wildcard's prefix of it. */
    public static boolean covers(String path, String key) {
        return isWildcard(path) ? key.startsWith(path.substring(0, path.length() - 1)) : key.equals(path);
    }

    /** The part before the query string: {@code /app.js} of {@code /app.js?v=2}. */
    public static String beforeQuery(String path) {
        int query = path.indexOf('?');
        return query < 0 ? path : path.substring(0, query);
    }

    /** Percent-escapes decoded as UTF-8; a {@code %} that starts no escape stays as it is. */
    public static String decoded(String path) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(path.length());
        int i = 0;
        while (i < path.length()) {
            if (PathEncoder.isEscapeAt(path, i)) {
                bytes.write(Integer.parseInt(path.substring(i + 1, i + 3), 16));
                i += 3;
            } else {
                int codePoint = path.codePointAt(i);
                byte[] utf8 = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8);
                bytes.write(utf8, 0, utf8.length);
                i += Character.charCount(codePoint);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static Optional<NearMatch> first(Kind kind, List<String> paths, Predicate<String> test) {
        return paths.stream()
                .filter(path -> !path.startsWith("#"))
                .filter(test)
                .findFirst()
                .map(path -> new NearMatch(kind, path));
    }

    private static boolean isWildcard(String path) {
        return path.endsWith("*");
    }

    /** {@code /app.js} and {@code /app.js?v=2}, or {@code /app.js?v=1} and {@code /app.js?v=2}: one object, two keys. */
    private static boolean sameBeforeQuery(String path, String key) {
        String item = isWildcard(path) ? path.substring(0, path.length() - 1) : path;
        boolean queryInvolved = item.contains("?") || (!isWildcard(path) && key.contains("?"));
        return queryInvolved && beforeQuery(item).equals(beforeQuery(key));
    }

    private static String folded(String path) {
        return decoded(path).toLowerCase(Locale.ROOT);
    }

    private static boolean differsBySlash(String path, String key) {
        return covers(path, key + "/")
                || (key.length() > 1 && key.endsWith("/") && covers(path, key.substring(0, key.length() - 1)));
    }
}

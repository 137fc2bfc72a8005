package dev.invalidator.request;

import java.util.Objects;

/**
 * One item of an invalidation batch: a file path, a wildcard path or a cache tag.
 *
 * <pre>{@code
 * var path = new InvalidationPath("/café menu.pdf", "/caf%C3%A9%20menu.pdf", Kind.FILE);
 * path.wasEncoded();   // true: show the user the value CloudFront will receive
 * }</pre>
 *
 * @param typed what the user typed: the path, the link it was taken from, or the {@code #tag}
 * @param value what goes to CloudFront: the path relative to the distribution, percent-encoded where required
 * @param kind  how CloudFront treats the item, which decides the limits it counts against
 */
public record InvalidationPath(String typed, String value, Kind kind) {

    /** FILE and WILDCARD items are paths (a wildcard ends in {@code *}); TAG items start with {@code #}. */
    public enum Kind {
        FILE,
        WILDCARD,
        TAG
    }

    public InvalidationPath {
        Objects.requireNonNull(typed, "typed");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(kind, "kind");
    }

    /** True when CloudFront receives something other than what was typed: percent-encoded, or taken from a link. */
    public boolean wasEncoded() {
        return !typed.equals(value);
    }

    /**
     * True for a wildcard at the top level: {@code /*} empties the whole cache, and {@code /a*} every folder and file
     * whose name starts with {@code a}, so fifteen of them ({@code /a*} … {@code /o*}, CloudFront's limit of wildcards
     * in progress) sweep most of a site. Below a folder ({@code /css/*}) a wildcard sweeps only that folder.
     */
    public boolean isWipe() {
        return kind == Kind.WILDCARD && value.indexOf('/', 1) < 0;
    }
}

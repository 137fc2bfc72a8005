package dev.invalidator.request;

/**
 * Limits a request must respect; CloudFront's own are the defaults.
 *
 * <p>CloudFront allows 3,000 file paths and 15 wildcard paths <em>in progress</em> per distribution, and no
 * smaller per-request cap is documented, so those are the most one request can hold. A team may set tighter
 * limits; looser ones only move the rejection to CloudFront.
 *
 * <pre>{@code
 * new PathParser(PathLimits.cloudFrontDefaults());
 * new PathParser(new PathLimits(100, 0));   // at most 100 items, no wildcards
 * }</pre>
 *
 * @param maxPaths     most items (files, wildcards and tags together) in one request; at least 1
 * @param maxWildcards most wildcard paths in one request; 0 forbids wildcards
 */
public record PathLimits(int maxPaths, int maxWildcards) {

    /** Longest path CloudFront accepts, counted after percent-encoding. */
    public static final int CLOUDFRONT_MAX_PATH_LENGTH = 4000;

    public PathLimits {
        if (maxPaths < 1) {
            throw new IllegalArgumentException("maxPaths must be at least 1, was " + maxPaths);
        }
        if (maxWildcards < 0) {
            throw new IllegalArgumentException("maxWildcards must not be negative, was " + maxWildcards);
        }
    }

    public static PathLimits cloudFrontDefaults() {
        return new PathLimits(3000, 15);
    }
}

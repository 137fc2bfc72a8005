package dev.invalidator.request;

import java.util.ArrayList;
import java.util.List;

/**
 * Limits a request must respect; CloudFront's own are the defaults.
 *
 * <p>CloudFront allows 3,000 file paths and 15 wildcard paths <em>in progress</em> per distribution
 * ({@link #cloudFrontDefaults()}). A larger request goes out in successive invalidations, each within those
 * ({@link #batches}), so a request may hold more: {@link #perRequest} bounds it at ten batches' worth of wildcards.
 *
 * <pre>{@code
 * new PathParser(PathLimits.cloudFrontDefaults());
 * new PathParser(new PathLimits(100, 0));   // at most 100 items, no wildcards
 * PathLimits.cloudFrontDefaults().batches(sevenThousandFiles);   // 3 batches: 3,000, 3,000, 1,000
 * }</pre>
 *
 * @param maxPaths     most items (files, wildcards and tags together) in one request; at least 1
 * @param maxWildcards most wildcard paths in one request; 0 forbids wildcards
 */
public record PathLimits(int maxPaths, int maxWildcards) {

    /** Longest path CloudFront accepts, counted after percent-encoding. */
    public static final int CLOUDFRONT_MAX_PATH_LENGTH = 4000;

    /**
     * The most wildcard paths one request may hold: ten batches of CloudFront's 15 in progress, so a request still
     * ends within minutes, while a wipe of a site's sections by hand still fits.
     */
    public static final int MAX_WILDCARDS_PER_REQUEST = 150;

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

    /** What one request may hold: {@code maxPaths} items, at most {@value #MAX_WILDCARDS_PER_REQUEST} wildcards. */
    public static PathLimits perRequest(int maxPaths) {
        return new PathLimits(maxPaths, MAX_WILDCARDS_PER_REQUEST);
    }

    /**
     * {@code paths} cut in order into successive batches of at most {@code maxPaths} files and {@code maxWildcards}
     * wildcards each: one batch when they fit. A batch ends only when the next path would not fit in it, so each batch
     * but the last fills one of the limits, and the next can only go once the one before it has completed.
     */
    public List<List<String>> batches(List<String> paths) {
        List<List<String>> batches = new ArrayList<>();
        List<String> batch = new ArrayList<>();
        int files = 0;
        int wildcards = 0;
        for (String path : paths) {
            boolean wildcard = path.endsWith("*");
            if (wildcard ? wildcards == maxWildcards : files == maxPaths) {
                batches.add(List.copyOf(batch));
                batch.clear();
                files = 0;
                wildcards = 0;
            }
            batch.add(path);
            if (wildcard) {
                wildcards++;
            } else {
                files++;
            }
        }
        if (!batch.isEmpty()) {
            batches.add(List.copyOf(batch));
        }
        return List.copyOf(batches);
    }
}

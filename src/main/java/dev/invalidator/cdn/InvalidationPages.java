package dev.invalidator.cdn;

import java.util.HashSet;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A distribution's invalidations, newest first, one ListInvalidations page at a time: the one place that follows
 * {@code nextMarker}, so each caller writes only its own rule for when to stop reading.
 *
 * <p>Like the AWS SDK's own paginators, nothing is asked until the caller reads, and a page is asked for only when
 * the caller goes on past the one before: leaving a {@code for} loop with {@code break} after a page, or taking
 * a {@code limit} of {@link #summaries()}, costs no further call. Each {@link #iterator()} starts again from the
 * newest page.
 *
 * <pre>{@code
 * for (InvalidationPage page : cdn.invalidationPages("E1WEBEXAMPLE", 100)) {
 *     count(page.items());
 *     if (page.endsBefore(monthStart)) {
 *         break;                                   // the next page is never asked for
 *     }
 * }
 * cdn.invalidationPages("E1WEBEXAMPLE", 10).summaries().limit(10).toList();   // one call
 * }</pre>
 *
 * <p>An empty page that names a next marker is passed on like any other; reading ends where CloudFront names no next
 * marker. A marker that CloudFront has named before would read the same pages again without end, so reading ends
 * there too, with a warning (as the AWS SDK for Go stops on a repeated token).
 */
public final class InvalidationPages implements Iterable<InvalidationPage> {

    private static final Logger log = LoggerFactory.getLogger(InvalidationPages.class);

    private final Cdn cdn;
    private final String distributionId;
    private final int pageSize;
    /** Set by the last reading when it stopped at a repeated marker rather than at the end of CloudFront's list. */
    private volatile boolean cutShort;

    /** @param pageSize MaxItems of each call, 1 to 100 as CloudFront allows */
    InvalidationPages(Cdn cdn, String distributionId, int pageSize) {
        if (pageSize < 1 || pageSize > 100) {
            throw new IllegalArgumentException("pageSize must be 1 to 100: " + pageSize);
        }
        this.cdn = cdn;
        this.distributionId = distributionId;
        this.pageSize = pageSize;
    }

    @Override
    public Iterator<InvalidationPage> iterator() {
        cutShort = false;
        return new Pages();
    }

    /**
     * Whether the last reading stopped at a marker CloudFront had named before, so pages may have gone unread: an
     * answer such as "not in the list" needs the whole list.
     */
    public boolean cutShort() {
        return cutShort;
    }

    /** The invalidations of every page read, newest first; a page is asked for when its first entry is wanted. */
    public Stream<InvalidationSummary> summaries() {
        return StreamSupport.stream(spliterator(), false).flatMap(page -> page.items().stream());
    }

    /** Reads a page in {@link #next()} only, so {@link #hasNext()} never costs a call. */
    private final class Pages implements Iterator<InvalidationPage> {

        private final Set<String> followed = new HashSet<>();
        private boolean started;
        private Optional<String> nextMarker = Optional.empty();

        @Override
        public boolean hasNext() {
            return !started || nextMarker.isPresent();
        }

        @Override
        public InvalidationPage next() {
            if (!hasNext()) {
                throw new NoSuchElementException("no page after the last one of " + distributionId);
            }
            String marker = nextMarker.orElse(null);
            InvalidationPage page = cdn.invalidations(distributionId, marker, pageSize);
            started = true;
            if (marker != null) {
                followed.add(marker);
            }
            nextMarker = page.nextMarker().filter(this::notFollowedYet);
            return page;
        }

        private boolean notFollowedYet(String marker) {
            if (followed.contains(marker)) {
                cutShort = true;
                log.warn(
                        "CloudFront named marker {} of distribution {} a second time; reading its invalidations stops"
                                + " here",
                        marker,
                        distributionId);
                return false;
            }
            return true;
        }
    }
}

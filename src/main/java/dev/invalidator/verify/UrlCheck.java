package dev.invalidator.verify;

import java.time.Duration;

/** What the check found for one URL: a fresh copy, a stale one (and why), or nothing it could judge. */
public sealed interface UrlCheck {

    /** The path of the invalidation (or sample) this URL was built from. */
    String path();

    /** The URL asked for, as sent. */
    String url();

    record Fresh(String path, String url, Freshness freshness) implements UrlCheck {}

    /**
     * A copy cached before the invalidation was still served.
     *
     * @param answered     how the URL itself answered: the stale copy's status, or the 404 that sent the check to
     *                     the variant {@code heldKey}
     * @param heldKey      the key of the stale copy: the path itself, or the variant the edge turned out to hold
     * @param answer       what the edge said about the stale copy
     * @param cachedBefore how long before the invalidation the copy was cached
     */
    record Stale(
            String path,
            String url,
            int answered,
            String heldKey,
            EdgeAnswer answer,
            Duration cachedBefore,
            StaleCause cause)
            implements UrlCheck {

        /** Whether the URL missed the cached object altogether and the stale copy was found under a variant. */
        public boolean foundUnderVariant() {
            return !heldKey.equals(path);
        }
    }

    /** Nothing to judge: no answer, or an answer that says nothing of the copy. Never counted as stale. */
    record Unchecked(String path, String url, String reason) implements UrlCheck {}
}

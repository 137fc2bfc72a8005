package dev.invalidator.verify;

import java.net.URI;

/**
 * Asks a distribution's edge for one URL the way a viewer would, and reports what CloudFront said about the copy it
 * served. Implemented over HTTP by {@code verify.http.HttpEdgeProbe}; its requests are bounded by a timeout.
 */
public interface EdgeProbe {

    /**
     * Asks the edge for {@code url} and returns what it answered.
     *
     * @throws EdgeUnreachable when no answer came: a network error, a timeout, a URL that can't be asked for
     */
    EdgeAnswer ask(URI url);
}

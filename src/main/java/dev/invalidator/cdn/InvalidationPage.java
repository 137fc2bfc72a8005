package dev.invalidator.cdn;

import java.util.List;
import java.util.Optional;

/** A page of ListInvalidations, newest first; {@code nextMarker} is present while more pages follow. */
public record InvalidationPage(List<InvalidationSummary> items, Optional<String> nextMarker) {

    public InvalidationPage {
        items = List.copyOf(items);
    }
}

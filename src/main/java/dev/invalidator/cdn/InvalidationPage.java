package dev.invalidator.cdn;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A page of ListInvalidations, newest first; {@code nextMarker} is present while more pages follow. */
public record InvalidationPage(List<InvalidationSummary> items, Optional<String> nextMarker) {

    public InvalidationPage {
        items = List.copyOf(items);
    }

    /**
     * Whether the page's last, oldest entry was created before {@code time}: the pages after it hold nothing newer.
     * False for an empty page, which says nothing about time.
     */
    public boolean endsBefore(Instant time) {
        return !items.isEmpty() && items.get(items.size() - 1).createTime().isBefore(time);
    }
}

package dev.invalidator.request;

import java.util.Objects;

/**
 * A valid input left out of the batch because another item already invalidates it; it costs nothing to drop.
 *
 * <pre>{@code
 * new DroppedPath("/css/a.css", "covered by /css/*");
 * }</pre>
 *
 * @param input  what the user typed
 * @param reason the item that makes it redundant
 */
public record DroppedPath(String input, String reason) {

    public DroppedPath {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(reason, "reason");
    }
}

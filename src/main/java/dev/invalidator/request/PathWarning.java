package dev.invalidator.request;

import java.util.Objects;

/**
 * Something about an accepted item the user may not expect; it does not block the request.
 *
 * <pre>{@code
 * new PathWarning("/Img/Logo.PNG", "Paths are case-sensitive: /Img/Logo.PNG only matches that exact case.");
 * }</pre>
 *
 * @param path    what the user typed for the accepted item
 * @param message what to watch out for
 */
public record PathWarning(String path, String message) {

    public PathWarning {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
    }
}

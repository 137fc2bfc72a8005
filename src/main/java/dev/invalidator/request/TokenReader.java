package dev.invalidator.request;

import java.util.Set;

/**
 * Decides what one token is by its first character, and reads it with the matching rules:
 * {@code /} a path (without its {@code #fragment}), {@code #} a cache tag, a link to the distribution, or else an input that is none of these.
 *
 * <pre>{@code
 * var reader = new TokenReader(Set.of("www.example.com"));
 * reader.read("index.html");   // Rejected: "Paths must start with /. Did you mean /index.html?"
 * }</pre>
 */
final class TokenReader {

    private final LinkReduction links;

    TokenReader(Set<String> hosts) {
        this.links = new LinkReduction(hosts);
    }

    Reading read(String token) {
        if (token.isEmpty()) {
            return Reading.rejected(token, "An empty path. Paths start with /, e.g. /index.html.");
        }
        return switch (token.charAt(0)) {
            case '/' -> path(token);
            case '#' -> TagRules.read(token);
            default -> LinkReduction.isLink(token) ? links.read(token) : Reading.rejected(token, missingSlash(token));
        };
    }

    /** A browser never sends an address's #fragment, so nothing from a typed {@code #} on is part of the cache key. */
    private static Reading path(String token) {
        int fragment = token.indexOf('#');
        return fragment < 0
                ? PathRules.read(token, token, false)
                : PathRules.read(token, token.substring(0, fragment), true);
    }

    /** Suggests the path the user most likely meant: "css/*" → "/css/*", "www.example.com/a.jpg" → "/a.jpg". */
    private String missingSlash(String token) {
        int slash = token.indexOf('/');
        String head = slash < 0 ? token : token.substring(0, slash);
        if (links.isOwnHost(head)) {
            String path = slash < 0 ? "/" : token.substring(slash);
            return "Paths start with / and leave out the domain. Did you mean " + Wording.shorten(path) + "?";
        }
        return "Paths must start with /. Did you mean /" + Wording.shorten(token) + "?";
    }
}

package dev.invalidator.request;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a link to the distribution into the path CloudFront wants, since users paste what their browser shows:
 * {@code https://www.example.com/img/a.jpg?v=2} becomes {@code /img/a.jpg?v=2}. Only http and https links on one
 * of the distribution's own domains qualify; a link elsewhere most likely means the wrong distribution.
 *
 * <pre>{@code
 * var links = new LinkReduction(Set.of("www.example.com"));
 * links.read("https://WWW.example.com:443/a.jpg#top");   // Item /a.jpg, fragment dropped
 * links.read("https://cdn.other.com/a.jpg");             // Rejected, naming cdn.other.com and www.example.com
 * }</pre>
 */
final class LinkReduction {

    private static final Pattern HIERARCHICAL_SCHEME = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*)://");
    private static final String EMAIL_SCHEME = "mailto:";

    /** Lower-case and sorted, so messages list them the same way every time. */
    private final Set<String> hosts = new TreeSet<>();

    LinkReduction(Set<String> hosts) {
        hosts.forEach(host -> this.hosts.add(host.toLowerCase(Locale.ROOT)));
    }

    /** Whether the token is a web or e-mail link rather than a path or a tag. */
    static boolean isLink(String token) {
        return HIERARCHICAL_SCHEME.matcher(token).lookingAt()
                || token.regionMatches(true, 0, EMAIL_SCHEME, 0, EMAIL_SCHEME.length());
    }

    /** Whether {@code hostAndPort} ("www.example.com", "WWW.example.com:443") names this distribution. */
    boolean isOwnHost(String hostAndPort) {
        return hosts.contains(withoutPort(hostAndPort).toLowerCase(Locale.ROOT));
    }

    /** Reads a token for which {@link #isLink} holds. */
    Reading read(String link) {
        Matcher scheme = HIERARCHICAL_SCHEME.matcher(link);
        if (!scheme.lookingAt()) {
            return Reading.rejected(
                    link, "This is an e-mail address, not a path. Paths start with /, e.g. /index.html.");
        }
        String name = scheme.group(1).toLowerCase(Locale.ROOT);
        if (!name.equals("http") && !name.equals("https")) {
            return Reading.rejected(
                    link,
                    String.format(
                            "Only http:// and https:// links can be turned into paths, not %s:// ones. "
                                    + "Give the path instead, e.g. /index.html.",
                            Wording.shorten(name)));
        }
        String rest = link.substring(scheme.end());
        int pathStart = indexOfAny(rest, "/?#");
        String path = rest.substring(pathStart);
        int fragment = path.indexOf('#');
        if (fragment >= 0) {
            path = path.substring(0, fragment);
        }
        if (!path.startsWith("/")) {
            path = "/" + path;
        }
        String host = hostOf(rest.substring(0, pathStart));
        if (!hosts.contains(host)) {
            return Reading.rejected(link, foreignHost(host, path));
        }
        return PathRules.read(link, path, fragment >= 0);
    }

    private String foreignHost(String host, String path) {
        String instead = " Give just the path, e.g. " + Wording.shorten(path) + ".";
        if (hosts.isEmpty()) {
            return "This distribution has no domain names on record, so links can't be checked." + instead;
        }
        if (host.isEmpty()) {
            return "This link has no domain." + instead;
        }
        return String.format(
                "%s is not one of this distribution's domains (%s). Check the distribution, or give"
                        + " just the path, e.g. %s.",
                Wording.shorten(host), String.join(", ", hosts), Wording.shorten(path));
    }

    private static int indexOfAny(String text, String characters) {
        for (int i = 0; i < text.length(); i++) {
            if (characters.indexOf(text.charAt(i)) >= 0) {
                return i;
            }
        }
        return text.length();
    }

    /** The host of an authority: without "user@" and ":port", lower-cased. */
    private static String hostOf(String authority) {
        return withoutPort(authority.substring(authority.lastIndexOf('@') + 1)).toLowerCase(Locale.ROOT);
    }

    private static String withoutPort(String hostAndPort) {
        int colon = hostAndPort.lastIndexOf(':');
        boolean port = colon >= 0 && hostAndPort.substring(colon + 1).chars().allMatch(c -> c >= '0' && c <= '9');
        return port ? hostAndPort.substring(0, colon) : hostAndPort;
    }
}

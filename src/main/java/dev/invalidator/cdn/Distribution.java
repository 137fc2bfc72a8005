package dev.invalidator.cdn;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A CloudFront distribution as far as invalidations care: its id, the host names it serves, and the response header
 * that carries its objects' cache tags ({@code CacheTagConfig.HeaderName}) — without it, CloudFront ignores
 * {@code #tag} items: the invalidation completes and removes nothing.
 *
 * <pre>{@code
 * new Distribution("E1WEBEXAMPLE", "d111111abcdef8.cloudfront.net", List.of("www.example.com")).hosts()
 *     // [d111111abcdef8.cloudfront.net, www.example.com]
 * new Distribution("E1WEBEXAMPLE", "d111111abcdef8.cloudfront.net", List.of(), Optional.of("Edge-Cache-Tag"))
 *     .honoursCacheTags()   // true
 * }</pre>
 *
 * @param cacheTagHeader the header named by the distribution's {@code CacheTagConfig}; empty when it has none
 */
public record Distribution(String id, String domainName, List<String> aliases, Optional<String> cacheTagHeader) {

    public Distribution {
        aliases = List.copyOf(aliases);
        cacheTagHeader = cacheTagHeader.filter(header -> !header.isBlank());
    }

    /** A distribution without {@code CacheTagConfig}. */
    public Distribution(String id, String domainName, List<String> aliases) {
        this(id, domainName, aliases, Optional.empty());
    }

    /** Whether {@code #tag} items invalidate anything here: only with a cache tag header configured. */
    public boolean honoursCacheTags() {
        return cacheTagHeader.isPresent();
    }

    /** Every host name a URL of this distribution may carry, lower case; the cloudfront.net name first. */
    public Set<String> hosts() {
        Set<String> hosts = new LinkedHashSet<>();
        hosts.add(domainName.toLowerCase(Locale.ROOT));
        aliases.forEach(alias -> hosts.add(alias.toLowerCase(Locale.ROOT)));
        return Set.copyOf(hosts);
    }

    /** The name people know the site by: the first alternate domain name, else the cloudfront.net name. */
    public String publicHost() {
        return aliases.isEmpty() ? domainName : aliases.get(0);
    }

    /**
     * The host a viewer's request goes to: the first alternate domain name that names one host (a wildcard such as
     * {@code *.example.com} names none), else the cloudfront.net name.
     */
    public String viewerHost() {
        return aliases.stream()
                .filter(alias -> !alias.startsWith("*"))
                .findFirst()
                .orElse(domainName);
    }
}

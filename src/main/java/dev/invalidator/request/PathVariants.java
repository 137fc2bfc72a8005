package dev.invalidator.request;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Where a file that answered "not found" may really live: the same path in lower case, with its percent-encoding
 * written another way, and with or without a trailing slash. The check asks the edge for these, so a request for
 * {@code /Index.html} that missed the cached {@code /index.html} is reported as what it is.
 *
 * <pre>{@code
 * PathVariants.of("/Docs/Caf%c3%a9");   // [/docs/caf%c3%a9, /Docs/Caf%C3%A9, /Docs/Caf%c3%a9/]
 * }</pre>
 */
public final class PathVariants {

    /** Characters a browser sends as they are, which a path may carry encoded: {@code %7E} is {@code ~}. */
    private static final String PLAIN = "-._~!$&'()*+,;=:@";

    private PathVariants() {}

    /** Distinct from {@code path} and from each other, most likely first; the query string is kept as it is. */
    public static List<String> of(String path) {
        int query = path.indexOf('?');
        String bare = query < 0 ? path : path.substring(0, query);
        String rest = query < 0 ? "" : path.substring(query);
        Set<String> variants = new LinkedHashSet<>();
        variants.add(lowerCase(bare) + rest);
        variants.add(upperCaseEscapes(bare) + rest);
        variants.add(plainCharactersDecoded(bare) + rest);
        if (bare.length() > 1) {
            variants.add((bare.endsWith("/") ? bare.substring(0, bare.length() - 1) : bare + "/") + rest);
        }
        variants.remove(path);
        return List.copyOf(variants);
    }

    /** Letters in lower case, the hex digits of escapes left as they are (they are encoding, not case). */
    private static String lowerCase(String path) {
        StringBuilder out = new StringBuilder(path.length());
        for (int i = 0; i < path.length(); i++) {
            if (PathEncoder.isEscapeAt(path, i)) {
                out.append(path, i, i + 3);
                i += 2;
            } else {
                out.append(Character.toLowerCase(path.charAt(i)));
            }
        }
        return out.toString();
    }

    private static String upperCaseEscapes(String path) {
        StringBuilder out = new StringBuilder(path.length());
        for (int i = 0; i < path.length(); i++) {
            if (PathEncoder.isEscapeAt(path, i)) {
                out.append(path.substring(i, i + 3).toUpperCase(Locale.ROOT));
                i += 2;
            } else {
                out.append(path.charAt(i));
            }
        }
        return out.toString();
    }

    /** Escapes of letters, digits and what browsers send plain, decoded; {@code %25XX} back to {@code %XX}. */
    private static String plainCharactersDecoded(String path) {
        StringBuilder out = new StringBuilder(path.length());
        for (int i = 0; i < path.length(); i++) {
            if (PathEncoder.isEscapeAt(path, i)) {
                char decoded = (char) Integer.parseInt(path.substring(i + 1, i + 3), 16);
                boolean doubleEncoded = decoded == '%' && PathEncoder.isEscapeAt("%" + path.substring(i + 3), 0);
                boolean plain = (decoded < 128 && Character.isLetterOrDigit(decoded)) || PLAIN.indexOf(decoded) >= 0;
                if (plain || doubleEncoded) {
                    out.append(decoded);
                } else {
                    out.append(path, i, i + 3);
                }
                i += 2;
            } else {
                out.append(path.charAt(i));
            }
        }
        return out.toString();
    }
}

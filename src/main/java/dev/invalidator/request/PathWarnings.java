package dev.invalidator.request;

import dev.invalidator.request.InvalidationPath.Kind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What deserves a second look in the accepted items, without blocking them: each warning kind at most once per
 * item, in the order of the items.
 *
 * <pre>{@code
 * PathWarnings.of(items of "/img.jpg?v=2", "/Img/Logo.PNG");
 * // "/img.jpg?v=2": the query string selects one cached variant, use /img.jpg* for all
 * // "/Img/Logo.PNG": paths are case-sensitive
 * }</pre>
 */
final class PathWarnings {

    private PathWarnings() {}

    static List<PathWarning> of(List<Reading.Item> items) {
        Map<String, String> firstSpelling = new HashMap<>();
        List<PathWarning> warnings = new ArrayList<>();
        for (Reading.Item item : items) {
            InvalidationPath path = item.path();
            List<String> notes = path.kind() == Kind.TAG ? List.of(tag(path.value())) : notesOn(item, firstSpelling);
            notes.forEach(note -> warnings.add(new PathWarning(path.typed(), note)));
        }
        return List.copyOf(warnings);
    }

    private static String tag(String item) {
        return String.format(
                "%s is a cache tag, not a path: it invalidates what the origin tagged %s, and only on "
                        + "distributions with cache tags set up. For a path, start with /.",
                Wording.shorten(item), Wording.shorten(item.substring(1)));
    }

    private static List<String> notesOn(Reading.Item item, Map<String, String> firstSpelling) {
        String value = item.path().value();
        String valuePath = beforeQuery(value);
        String typedPath = beforeQuery(item.unencoded());
        List<String> notes = new ArrayList<>();
        if (item.fragmentDropped()) {
            notes.add("A #fragment never reaches CloudFront (browsers keep it to themselves), so it was left out: this "
                    + "invalidates " + Wording.shorten(value) + ". If # is part of the file's name, write it as %23.");
        }
        if (afterQuery(item.unencoded()).contains(",/")) {
            notes.add("The comma in the query string was kept: this is the one URL " + Wording.shorten(value)
                    + ". If you meant separate paths, put a space or a new line between them.");
        }
        firstLowerCaseEscape(value)
                .ifPresent(escape -> notes.add(String.format(
                        "%s is written in lower case, and CloudFront compares escapes letter for letter: this "
                                + "matches only requests spelled that way. Browsers write the escapes they make for "
                                + "non-ASCII characters in upper case: if the site links the file unencoded, "
                                + "invalidate %s instead, or as well.",
                        escape, Wording.shorten(upperCaseEscapes(value)))));
        if (value.regionMatches(true, value.length() - 3, "%2A", 0, 3)) {
            notes.add("%2A at the end is a literal asterisk, not a wildcard: this invalidates only an object whose "
                    + "name ends in *. For a wildcard, type * itself.");
        }
        item.unencoded()
                .codePoints()
                .filter(c -> Character.getType(c) == Character.FORMAT)
                .findFirst()
                .ifPresent(c -> notes.add(String.format(
                        "Contains the invisible character %s, sent as %s: make sure " + "it belongs in the path.",
                        Wording.codePoint(c), PathEncoder.encode(Character.toString(c)))));
        if (value.contains("?") && item.path().kind() != Kind.WILDCARD) {
            notes.add(String.format(
                    "CloudFront caches each query-string variant separately when the behaviour "
                            + "forwards query strings; this removes only that variant. Use %s* to cover all of them.",
                    Wording.shorten(valuePath)));
        }
        if (valuePath.length() > 1 && valuePath.endsWith("/")) {
            String bare = valuePath.substring(0, valuePath.length() - 1);
            notes.add(String.format(
                    "%s and %s are different cache keys, and the index document (e.g. %sindex.html) "
                            + "is yet another: invalidate each one the site serves.",
                    Wording.shorten(valuePath), Wording.shorten(bare), Wording.shorten(valuePath)));
        }
        if (hasUpperCaseLetter(typedPath)) {
            notes.add("Paths are case-sensitive: " + Wording.shorten(valuePath) + " only matches that exact case.");
        }
        String twin = firstSpelling.putIfAbsent(value.toLowerCase(Locale.ROOT), value);
        if (twin != null) {
            notes.add(String.format(
                    "%s and %s differ only by letter case: both will be invalidated, as distinct " + "objects.",
                    Wording.shorten(twin), Wording.shorten(value)));
        }
        return notes;
    }

    private static String afterQuery(String path) {
        int query = path.indexOf('?');
        return query < 0 ? "" : path.substring(query);
    }

    private static String beforeQuery(String path) {
        int query = path.indexOf('?');
        return query < 0 ? path : path.substring(0, query);
    }

    /**
     * Escapes are kept as typed, never normalised to upper case (see {@link PathEncoder}): "%c3" names another cache
     * key than "%C3", and either may be the one the site's links produce. Only escapes of non-ASCII bytes are looked
     * at: a browser writes those itself, in upper case, for a link that holds the character unencoded, while many
     * ASCII ones (the "*" of "%2a", the "/" of "%2f") it never writes, so upper-casing them would suggest nothing.
     */
    private static Optional<String> firstLowerCaseEscape(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (isNonAsciiEscapeAt(value, i)) {
                String escape = value.substring(i, i + 3);
                if (!escape.equals(escape.toUpperCase(Locale.ROOT))) {
                    return Optional.of(escape);
                }
                i += 2;
            }
        }
        return Optional.empty();
    }

    private static String upperCaseEscapes(String value) {
        StringBuilder out = new StringBuilder(value);
        for (int i = 0; i < out.length(); i++) {
            if (isNonAsciiEscapeAt(value, i)) {
                out.replace(i + 1, i + 3, value.substring(i + 1, i + 3).toUpperCase(Locale.ROOT));
                i += 2;
            }
        }
        return out.toString();
    }

    private static boolean isNonAsciiEscapeAt(String value, int index) {
        return PathEncoder.isEscapeAt(value, index) && Character.digit(value.charAt(index + 1), 16) >= 8;
    }

    /** Letters of %XX escapes don't count: "%2F" is no capital the user chose. */
    private static boolean hasUpperCaseLetter(String path) {
        for (int i = 0; i < path.length(); i++) {
            if (PathEncoder.isEscapeAt(path, i)) {
                i += 2;
            } else if (Character.isUpperCase(path.charAt(i))) {
                return true;
            }
        }
        return false;
    }
}

package dev.invalidator.request;

import dev.invalidator.base.Numbers;
import dev.invalidator.request.InvalidationPath.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * The rules for one path that starts with {@code /}: no control characters or broken Unicode, {@code *} only
 * at the end, percent-encoding, and CloudFront's length limit. Every broken rule is reported, not just the first.
 *
 * <pre>{@code
 * PathRules.read("/a*b", "/a*b", false);   // Rejected: "A * may only be the last character ..."
 * }</pre>
 */
final class PathRules {

    private PathRules() {}

    /**
     * @param typed           what the user typed, named in problems
     * @param path            the path to check: {@code typed} itself, or the path taken from a link
     * @param fragmentDropped whether a {@code #fragment} was left out, typed or in a link, for the warning
     */
    static Reading read(String typed, String path, boolean fragmentDropped) {
        List<String> broken = new ArrayList<>();
        firstControlCharacter(path)
                .ifPresent(c -> broken.add(String.format(
                        "Contains the invisible control character %s, which no web address can hold. "
                                + "Retype the path without it.",
                        Wording.codePoint(c))));
        firstLoneSurrogate(path)
                .ifPresent(c -> broken.add(String.format(
                        "Contains a broken character (an unpaired surrogate, %s), likely from a bad copy. "
                                + "Copy the path again or retype it.",
                        Wording.codePoint(c))));
        int star = path.indexOf('*');
        if (star >= 0 && star < path.length() - 1) {
            broken.add(String.format(
                    "A * may only be the last character of a path: CloudFront has no wildcard in the middle. "
                            + "Use %s to invalidate everything that starts with %s.",
                    Wording.shorten(path.substring(0, star + 1)), Wording.shorten(path.substring(0, star))));
        }
        String value = PathEncoder.encode(path);
        if (value.length() > PathLimits.CLOUDFRONT_MAX_PATH_LENGTH) {
            broken.add(String.format(
                    "This path is %s characters long%s; CloudFront accepts at most %s. "
                            + "Shorten it, or cover it with a wildcard on a shorter prefix such as /folder/*.",
                    Numbers.grouped(value.length()),
                    value.equals(path) ? "" : " once encoded",
                    Numbers.grouped(PathLimits.CLOUDFRONT_MAX_PATH_LENGTH)));
        }
        if (!broken.isEmpty()) {
            return Reading.rejected(typed, broken);
        }
        Kind kind = value.endsWith("*") ? Kind.WILDCARD : Kind.FILE;
        return new Reading.Item(new InvalidationPath(typed, value, kind), path, fragmentDropped);
    }

    /** C0 controls, DEL and C1 controls. */
    private static OptionalInt firstControlCharacter(String path) {
        return path.chars().filter(c -> c < 0x20 || (c >= 0x7F && c <= 0x9F)).findFirst();
    }

    private static OptionalInt firstLoneSurrogate(String path) {
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            boolean pairedHigh = Character.isHighSurrogate(c)
                    && i + 1 < path.length()
                    && Character.isLowSurrogate(path.charAt(i + 1));
            if (pairedHigh) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return OptionalInt.of(c);
            }
        }
        return OptionalInt.empty();
    }
}

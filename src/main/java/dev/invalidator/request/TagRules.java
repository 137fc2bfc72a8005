package dev.invalidator.request;

import dev.invalidator.base.Numbers;
import dev.invalidator.request.InvalidationPath.Kind;
import java.util.ArrayList;
import java.util.List;

/**
 * The rules for a cache-tag item ({@code #tag}), from CloudFront's "What you need to know when invalidating
 * tags": visible ASCII (codes 33–126) without commas, no wildcard, at most 256 characters. The limit is applied
 * to the tag itself, the part after {@code #}, because that is what the guide calls the tag
 * ({@code #product:electronics} names the tag {@code product:electronics}). The item is sent as typed:
 * tags are case-insensitive, so there is nothing to normalise.
 *
 * <pre>{@code
 * TagRules.read("#product:electronics");   // Item of kind TAG
 * TagRules.read("#news,sport");            // Rejected: commas separate tags
 * }</pre>
 */
final class TagRules {

    private static final int MAX_TAG_LENGTH = 256;

    private TagRules() {}

    static Reading read(String item) {
        String tag = item.substring(1);
        if (tag.isEmpty()) {
            return Reading.rejected(
                    item, "A cache tag needs a name after the #, e.g. #product:electronics. For a path, start with /.");
        }
        List<String> broken = new ArrayList<>();
        if (tag.length() > MAX_TAG_LENGTH) {
            broken.add(String.format(
                    "This cache tag is %s characters long; CloudFront allows at most %s after the #.",
                    Numbers.grouped(tag.length()), Numbers.grouped(MAX_TAG_LENGTH)));
        }
        if (tag.indexOf('*') >= 0) {
            broken.add("Cache tags take no wildcard: each # item matches one tag exactly. List every tag in full.");
        }
        tag.codePoints()
                .filter(c -> c < 33 || c > 126 || c == ',')
                .findFirst()
                .ifPresent(c -> broken.add(String.format(
                        "Cache tags may only hold visible ASCII characters (codes 33–126) and no commas; "
                                + "this one contains %s.",
                        describe(c))));
        return broken.isEmpty()
                ? new Reading.Item(new InvalidationPath(item, item, Kind.TAG), item, false)
                : Reading.rejected(item, broken);
    }

    private static String describe(int codePoint) {
        return codePoint == ',' ? "a comma" : Wording.codePoint(codePoint);
    }
}

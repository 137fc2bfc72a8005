package dev.invalidator.sandbox;

import java.util.List;

/**
 * The path rules CloudFront applies to {@code InvalidationBatch.Paths.Items} ({@code cloudfront.md} §1):
 * a path starts with {@code /}, holds no whitespace or control character, has {@code *} only as its last
 * character and is at most 4,000 characters long. Items starting with {@code #} are cache tags: ASCII 33–126,
 * no comma, no wildcard, at most 256 characters.
 */
final class InvalidationPathRules {

    static final int MAX_PATH_LENGTH = 4000;
    static final int MAX_TAG_LENGTH = 256;

    private InvalidationPathRules() {}

    /** @throws CloudFrontError {@code InvalidArgument} when any item breaks a rule */
    static void validate(List<String> items) {
        for (String item : items) {
            if (!isValid(item)) {
                throw CloudFrontError.invalidPaths();
            }
        }
    }

    static boolean isValid(String item) {
        if (item == null || item.isEmpty()) {
            return false;
        }
        if (item.charAt(0) == '#') {
            return isValidTag(item);
        }
        if (item.charAt(0) != '/' || item.length() > MAX_PATH_LENGTH) {
            return false;
        }
        int star = item.indexOf('*');
        if (star >= 0 && star != item.length() - 1) {
            return false;
        }
        return item.codePoints()
                .noneMatch(cp -> Character.isWhitespace(cp) || Character.isSpaceChar(cp) || Character.isISOControl(cp));
    }

    private static boolean isValidTag(String item) {
        String tag = item.substring(1);
        return !tag.isEmpty()
                && tag.length() <= MAX_TAG_LENGTH
                && tag.chars().allMatch(c -> c >= 33 && c <= 126 && c != ',' && c != '*');
    }
}

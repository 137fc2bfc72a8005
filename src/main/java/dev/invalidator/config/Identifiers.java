package dev.invalidator.config;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The shapes of the identifiers a config holds. The records check them to stay valid whoever builds them; the
 * loader checks them first so it can name the key path and say how to fix a value.
 */
final class Identifiers {

    /** Written in the config as a list entry meaning "every channel" or "everyone". */
    static final String ANYONE = "*";

    /** Aliases are typed after the slash command, so they stay short and shell-like. */
    static final Pattern ALIAS = Pattern.compile("[a-z0-9][a-z0-9_-]{0,31}");

    /** Sub-commands of the slash command; an alias with one of these names could never be reached. */
    static final Set<String> RESERVED_ALIASES = Set.of("help", "status", "list");

    static final Pattern DISTRIBUTION_ID = Pattern.compile("[A-Z][A-Z0-9]{7,31}");

    // Slack ids are 9 to 11 characters today; the cap of 32 keeps a pasted blob from passing as an id.
    static final Pattern CHANNEL_ID = Pattern.compile("[CG][A-Z0-9]{2,31}");
    static final Pattern USER_ID = Pattern.compile("[UW][A-Z0-9]{2,31}");
    static final Pattern GROUP_ID = Pattern.compile("S[A-Z0-9]{2,31}");
    static final Pattern SLACK_ID = Pattern.compile("[A-Z][A-Z0-9]{2,31}");

    static final Pattern ROLE_ARN = Pattern.compile("arn:aws[a-z-]*:iam::\\d{12}:role/[\\w+=,.@/-]+");
    // STS AssumeRole accepts role ARNs of up to 2,048 characters.
    private static final int ROLE_ARN_MAX_LENGTH = 2048;

    private Identifiers() {}

    /** The alias as stored: aliases are case-insensitive, so the lower-case form is the key. */
    static String normalizeAlias(String alias) {
        return alias.toLowerCase(Locale.ROOT);
    }

    static boolean isAlias(String alias) {
        return ALIAS.matcher(alias).matches() && !RESERVED_ALIASES.contains(alias);
    }

    static boolean isDistributionId(String id) {
        return DISTRIBUTION_ID.matcher(id).matches();
    }

    static boolean isChannelId(String id) {
        return CHANNEL_ID.matcher(id).matches();
    }

    static boolean isUserOrGroupId(String id) {
        return USER_ID.matcher(id).matches() || GROUP_ID.matcher(id).matches();
    }

    static boolean isGroupId(String id) {
        return GROUP_ID.matcher(id).matches();
    }

    static boolean isSlackId(String id) {
        return SLACK_ID.matcher(id).matches();
    }

    static boolean isRoleArn(String arn) {
        return arn.length() <= ROLE_ARN_MAX_LENGTH && ROLE_ARN.matcher(arn).matches();
    }
}

package dev.invalidator.config;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The shapes of Slack and CloudFront identifiers, in one place for the config and for what Slack sends. The config's
 * records check them to stay valid whoever builds them; the loader checks them first so it can name the key path and
 * say how to fix a value; the flow and the listeners check what comes back in a ticket or a form.
 *
 * <p><b>Channels and conversations.</b> A request can come from a direct message: {@code /invalidate} typed there,
 * or the form opened there, carries a {@code D…} id, and a distribution open to any channel ({@code channels: "*"})
 * lets it through, with the status message posted in that conversation. So what Slack sends is checked with
 * {@link #isConversationId} ({@code C…}, {@code G…} or {@code D…}), the same for a typed command, the form and the
 * ticket a confirmation carries. A config's channel list names channels as their details in Slack show them
 * ({@code C…}, {@code G…}: {@link #isChannelId}) and refuses a {@code D…} id, so only {@code "*"} opens a distribution
 * to direct messages.
 *
 * <pre>{@code
 * Identifiers.isChannelId("C0OPS");          // true: may stand in a config's channel list
 * Identifiers.isChannelId("D0ALICE");        // false
 * Identifiers.isConversationId("D0ALICE");   // true: a command or form from a direct message
 * Identifiers.isUserId("W0GRIDUSER");        // true
 * Identifiers.isDistributionId("E1WEBEXAMPLE");
 * }</pre>
 */
public final class Identifiers {

    /** Written in the config as a list entry meaning "every channel" or "everyone". */
    static final String ANYONE = "*";

    /** Aliases are typed after the slash command, so they stay short and shell-like. */
    static final Pattern ALIAS = Pattern.compile("[a-z0-9][a-z0-9_-]{0,31}");

    /** Sub-commands of the slash command; an alias with one of these names could never be reached. */
    static final Set<String> RESERVED_ALIASES = Set.of("help", "status", "list", "ls");

    static final Pattern DISTRIBUTION_ID = Pattern.compile("[A-Z][A-Z0-9]{7,31}");

    /**
     * A distribution tenant's id: {@code dt_} and letters and digits in both cases, e.g.
     * {@code dt_2wjDZi3hD1ivOXf6rpZJOSNE1AB}. CloudFront's API reference gives no pattern; this is the form of every id
     * in its CLI examples and of the ARNs the Terraform provider's tests expect ({@code distribution-tenant/dt_[0-9A-Za-z]+});
     * the cap of 64 keeps a pasted blob out.
     */
    static final Pattern TENANT_ID = Pattern.compile("dt_[0-9A-Za-z]{1,61}");

    // Slack ids are 9 to 11 characters today; the cap of 32 keeps a pasted blob from passing as an id.
    static final Pattern CHANNEL_ID = Pattern.compile("[CG][A-Z0-9]{2,31}");
    static final Pattern CONVERSATION_ID = Pattern.compile("[CGD][A-Z0-9]{2,31}");
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

    /**
     * Why {@code name}, already {@linkplain #normalizeAlias normalised}, can't be written where a {@code what} (an
     * alias, a group name) goes, if it can't: both name what people type after the slash command.
     */
    static Optional<String> nameProblem(String name, String what, String example) {
        if (!ALIAS.matcher(name).matches()) {
            return Optional.of("not a valid " + what + " — use 1 to 32 lower-case letters, digits, \"-\" or \"_\","
                    + " starting with a letter or digit, e.g. " + example);
        }
        if (RESERVED_ALIASES.contains(name)) {
            return Optional.of(Text.quote(name) + " is a sub-command of the bot, so it can't be " + article(what) + " "
                    + what + " — pick another name");
        }
        return Optional.empty();
    }

    private static String article(String noun) {
        return "aeiou".indexOf(noun.charAt(0)) >= 0 ? "an" : "a";
    }

    /** A distribution's alias as the config names it: {@code web}, {@code shop-eu}. */
    public static boolean isAlias(String alias) {
        return alias != null && ALIAS.matcher(alias).matches() && !RESERVED_ALIASES.contains(alias);
    }

    /** A CloudFront distribution id as the console shows it: {@code E1WEBEXAMPLE}. */
    public static boolean isDistributionId(String id) {
        return id != null && DISTRIBUTION_ID.matcher(id).matches();
    }

    /** A distribution tenant's id as CloudFront shows it: {@code dt_2wjDZi3hD1ivOXf6rpZJOSNE1AB}. */
    public static boolean isTenantId(String id) {
        return id != null && TENANT_ID.matcher(id).matches();
    }

    /** The id of a target the bot may invalidate: a distribution's or a distribution tenant's. */
    public static boolean isTargetId(String id) {
        return isDistributionId(id) || isTenantId(id);
    }

    /** A public ({@code C…}) or private ({@code G…}) channel: what a config's channel list may name. */
    public static boolean isChannelId(String id) {
        return id != null && CHANNEL_ID.matcher(id).matches();
    }

    /** A channel or a direct message ({@code D…}): where Slack says a command was typed or a form opened. */
    public static boolean isConversationId(String id) {
        return id != null && CONVERSATION_ID.matcher(id).matches();
    }

    /** A person: {@code U…}, or {@code W…} in an Enterprise Grid. */
    public static boolean isUserId(String id) {
        return id != null && USER_ID.matcher(id).matches();
    }

    static boolean isUserOrGroupId(String id) {
        return isUserId(id) || GROUP_ID.matcher(id).matches();
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

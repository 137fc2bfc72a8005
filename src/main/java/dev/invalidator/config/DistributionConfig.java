package dev.invalidator.config;

import java.util.Objects;
import java.util.Optional;

/**
 * One target the bot may invalidate — a CloudFront distribution, or a distribution tenant ({@link #kind()}) — under the
 * alias people type after the slash command. Both are configured, checked and used alike; only the CloudFront calls
 * differ, and {@link TargetKind} decides which.
 *
 * <pre>{@code
 * DistributionConfig web = new DistributionConfig("web", "E1WEBEXAMPLE",
 *         AccessList.of("C0OPS"), AccessList.anyone(), Optional.empty());
 * // "/invalidate web /index.html" from #ops, by anyone
 * }</pre>
 *
 * @param alias    lower case, {@code [a-z0-9][a-z0-9_-]{0,31}}, not a sub-command ({@code help}, {@code status},
 *                 {@code list})
 * @param id       the CloudFront distribution id, upper case, e.g. {@code E1WEBEXAMPLE}, or a distribution tenant's
 *                 id, e.g. {@code dt_2wjDZi3hD1ivOXf6rpZJOSNE1AB}
 * @param channels channel ids ({@code C…}, {@code G…}) the distribution may be used in, or anyone
 * @param users    user ids ({@code U…}, {@code W…}) and user-group ids ({@code S…}) who may use it, or anyone
 * @param roleArn  an IAM role to assume for this distribution (one in another AWS account), if any
 * @param approval which requests need a second person's approval, and whose
 * @param workflowsSkipConfirm whether a workflow's step may send what a chat would ask to confirm (a wipe, a cache
 *     tag, many paths, a charge), which nobody can confirm in a workflow; off by default
 */
public record DistributionConfig(
        String alias,
        String id,
        AccessList channels,
        AccessList users,
        Optional<String> roleArn,
        Approval approval,
        boolean workflowsSkipConfirm) {

    /** A distribution whose workflows may send only what a chat would not ask to confirm. */
    public DistributionConfig(
            String alias,
            String id,
            AccessList channels,
            AccessList users,
            Optional<String> roleArn,
            Approval approval) {
        this(alias, id, channels, users, roleArn, approval, false);
    }

    /** The key of the bot's own AWS account: distributions configured without a {@code roleArn}. */
    public static final String OWN_ACCOUNT = "default";

    /** A distribution whose requests need nobody's approval. */
    public DistributionConfig(
            String alias, String id, AccessList channels, AccessList users, Optional<String> roleArn) {
        this(alias, id, channels, users, roleArn, Approval.NONE);
    }

    public DistributionConfig {
        Objects.requireNonNull(alias, "alias");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(channels, "channels");
        Objects.requireNonNull(users, "users");
        Objects.requireNonNull(roleArn, "roleArn");
        Objects.requireNonNull(approval, "approval");
        if (!Identifiers.isAlias(alias)) {
            throw new IllegalArgumentException(
                    "alias must match [a-z0-9][a-z0-9_-]{0,31} and not be help, status, list or ls: " + alias);
        }
        if (!Identifiers.isTargetId(id)) {
            // A tenant's id (dt_…) is the one other form; a distribution's is what people mistype.
            throw new IllegalArgumentException("id must match [A-Z][A-Z0-9]{7,31}: " + id);
        }
        for (String channel : channels.ids()) {
            if (!Identifiers.isChannelId(channel)) {
                throw new IllegalArgumentException("not a channel id (C… or G…): " + channel);
            }
        }
        for (String user : users.ids()) {
            if (!Identifiers.isUserOrGroupId(user)) {
                throw new IllegalArgumentException("not a user or user-group id (U…, W… or S…): " + user);
            }
        }
        roleArn.ifPresent(arn -> {
            if (!Identifiers.isRoleArn(arn)) {
                throw new IllegalArgumentException("not an IAM role ARN: " + arn);
            }
        });
    }

    /** A distribution or a distribution tenant. */
    public TargetKind kind() {
        return TargetKind.of(id);
    }

    /**
     * The AWS account the distribution lives in: the 12 digits of its {@code roleArn}, or {@value #OWN_ACCOUNT}. A
     * role that points back into the bot's own account is therefore an account apart from {@value #OWN_ACCOUNT} (the
     * bot does not ask STS who it is).
     */
    public String account() {
        // Validated above: arn:<partition>:iam::<12 digits>:role/<name>.
        return roleArn.map(arn -> arn.split(":", 6)[4]).orElse(OWN_ACCOUNT);
    }
}

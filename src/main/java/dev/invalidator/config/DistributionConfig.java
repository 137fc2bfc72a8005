package dev.invalidator.config;

import java.util.Objects;
import java.util.Optional;

/**
 * One CloudFront distribution the bot may invalidate, under the alias people type after the slash command.
 *
 * <pre>{@code
 * DistributionConfig web = new DistributionConfig("web", "E1WEBEXAMPLE",
 *         AccessList.of("C0OPS"), AccessList.anyone(), Optional.empty());
 * // "/invalidate web /index.html" from #ops, by anyone
 * }</pre>
 *
 * @param alias    lower case, {@code [a-z0-9][a-z0-9_-]{0,31}}, not a sub-command ({@code help}, {@code status},
 *                 {@code list})
 * @param id       the CloudFront distribution id, upper case, e.g. {@code E1WEBEXAMPLE}
 * @param channels channel ids ({@code C…}, {@code G…}) the distribution may be used in, or anyone
 * @param users    user ids ({@code U…}, {@code W…}) and user-group ids ({@code S…}) who may use it, or anyone
 * @param roleArn  an IAM role to assume for this distribution (one in another AWS account), if any
 * @param approval which requests need a second person's approval, and whose
 */
public record DistributionConfig(
        String alias, String id, AccessList channels, AccessList users, Optional<String> roleArn, Approval approval) {

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
                    "alias must match [a-z0-9][a-z0-9_-]{0,31} and not be help, status" + " or list: " + alias);
        }
        if (!Identifiers.isDistributionId(id)) {
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
}

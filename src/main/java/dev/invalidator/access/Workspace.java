package dev.invalidator.access;

import java.util.Optional;

/**
 * Who a person is to the workspace the bot is installed in. In a Slack Connect channel people of other organisations
 * can type the bot's command, and a workspace may have guests (people let into a few channels only); the allow-list's
 * {@code "*"} is about our own full members, so outsiders are refused everywhere and guests pass only where the list
 * names them by their own id.
 *
 * <pre>{@code
 * Workspace everyoneIsAMember = userId -> Workspace.Standing.MEMBER;   // as in tests
 * }</pre>
 */
@FunctionalInterface
public interface Workspace {

    /** A person's place: a full member, a guest of our workspace, or someone of another organisation. */
    enum Standing {
        MEMBER,
        /** Slack's multi- and single-channel guests ({@code is_restricted}, {@code is_ultra_restricted}). */
        GUEST,
        OUTSIDER
    }

    /** May throw a RuntimeException when the lookup fails: the policy then refuses (fails closed). */
    Standing standingOf(String userId);

    /**
     * The answer {@link #standingOf} would give from what it has at hand, without asking anyone: empty when it would
     * have to ask. What has no cache knows nothing.
     */
    default Optional<Standing> knownStanding(String userId) {
        return Optional.empty();
    }
}

package dev.invalidator.access;

import java.util.Optional;

/**
 * Whether a person belongs to the workspace the bot is installed in. In a Slack Connect channel people of other
 * organisations can type the bot's command; the allow-list is about our own people, so they are refused — even
 * where the list says {@code "*"}.
 */
@FunctionalInterface
public interface Workspace {

    /** May throw a RuntimeException when the lookup fails: the policy then refuses (fails closed). */
    boolean isMember(String userId);

    /**
     * The answer {@link #isMember} would give from what it has at hand, without asking anyone: empty when it would
     * have to ask. What has no cache knows nothing.
     */
    default Optional<Boolean> knownMember(String userId) {
        return Optional.empty();
    }
}

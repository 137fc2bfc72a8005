package dev.invalidator.access;

import java.util.Optional;
import java.util.Set;

/**
 * Who is in a Slack user group. The Slack layer implements it with {@code usergroups.users.list}; wrap that in
 * {@link CachedGroupMembers} so a busy channel doesn't call Slack for every command.
 *
 * <pre>{@code
 * GroupMembers groups = groupId -> Set.of("U0ALICE", "U0BOB");   // a fixed set, as in tests
 * groups.membersOf("S0OPS").contains("U0ALICE");                  // true
 * }</pre>
 */
@FunctionalInterface
public interface GroupMembers {

    /**
     * The user ids in the group.
     *
     * @throws RuntimeException when the lookup fails; {@link AccessPolicy} then denies rather than guessing
     */
    Set<String> membersOf(String groupId);

    /**
     * The answer {@link #membersOf} would give from what it has at hand, without asking anyone: empty when it would
     * have to ask. What has no cache knows nothing.
     */
    default Optional<Set<String>> knownMembers(String groupId) {
        return Optional.empty();
    }
}

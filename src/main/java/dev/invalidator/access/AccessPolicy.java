package dev.invalidator.access;

import dev.invalidator.config.AccessList;
import dev.invalidator.config.Approval;
import dev.invalidator.config.DistributionConfig;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that decides who may invalidate what, and where. Deny by default: a distribution is usable only
 * from one of its channels and by one of its users or a member of one of its user groups. The channel is checked
 * first, because "wrong channel" is the more common mistake and its answer is the more useful one.
 *
 * <p>When a user group can't be read, the answer is no (fail closed), unless another listed group already
 * vouches for the user.
 *
 * <pre>{@code
 * AccessPolicy policy = new AccessPolicy(new CachedGroupMembers(slackGroups, Duration.ofMinutes(5), Clock.systemUTC()),
 *         slackWorkspace);
 * AccessDecision decision = policy.decide("U0ALICE", "C0OPS", config.byAlias("web").orElseThrow());
 * List<DistributionConfig> mine = policy.usableBy("U0ALICE", "C0OPS", config.distributions().values());
 * }</pre>
 */
public final class AccessPolicy {

    private static final Logger log = LoggerFactory.getLogger(AccessPolicy.class);
    private static final String OTHER_WORKSPACE = "This bot takes requests only from people of its own workspace.";

    private final GroupMembers groups;
    private final Workspace workspace;

    public AccessPolicy(GroupMembers groups, Workspace workspace) {
        this.groups = Objects.requireNonNull(groups, "groups");
        this.workspace = workspace;
    }

    /** Whether {@code userId} may use {@code distribution} from {@code channelId}, and if not, what to do. */
    public AccessDecision decide(String userId, String channelId, DistributionConfig distribution) {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(channelId, "channelId");
        Objects.requireNonNull(distribution, "distribution");
        if (!distribution.channels().contains(channelId)) {
            return AccessDecision.deny(DenialReasons.wrongChannel(distribution));
        }
        return fromOurWorkspace(userId).orElseGet(() -> decideUser(userId, distribution));
    }

    /**
     * The same decision from the answers at hand (the cached workspace membership and user groups), without asking
     * Slack: for an answer that must not wait. Empty when one of those answers is not at hand; the caller then says
     * it couldn't check, and {@link #decide} (which asks) fills the caches for the next time.
     */
    public Optional<AccessDecision> decideFromWhatIsKnown(
            String userId, String channelId, DistributionConfig distribution) {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(channelId, "channelId");
        Objects.requireNonNull(distribution, "distribution");
        if (!distribution.channels().contains(channelId)) {
            return Optional.of(AccessDecision.deny(DenialReasons.wrongChannel(distribution)));
        }
        Optional<Boolean> member = workspace.knownMember(userId);
        if (member.isEmpty()) {
            return Optional.empty();
        }
        if (!member.get()) {
            return Optional.of(AccessDecision.deny(OTHER_WORKSPACE));
        }
        return switch (membership(userId, distribution.users(), groups::knownMembers)) {
            case MEMBER -> Optional.of(AccessDecision.allow());
            case UNKNOWN -> Optional.empty();
            case OUTSIDER -> Optional.of(AccessDecision.deny(DenialReasons.notListed(distribution)));
        };
    }

    /** Whether the person is on the distribution's list at all, whatever the channel: for the Home tab. */
    public boolean isListed(String userId, DistributionConfig distribution) {
        return fromOurWorkspace(userId).isEmpty()
                && decideUser(userId, distribution).allowed();
    }

    /** A refusal for people of other workspaces (Slack Connect), and for anyone when that can't be checked. */
    private Optional<AccessDecision> fromOurWorkspace(String userId) {
        try {
            return workspace.isMember(userId) ? Optional.empty() : Optional.of(AccessDecision.deny(OTHER_WORKSPACE));
        } catch (RuntimeException e) {
            log.warn("Could not check the workspace of {}; denied", userId, e);
            return Optional.of(
                    AccessDecision.deny("I couldn't check your workspace right now; try again in a minute."));
        }
    }

    /** The distributions this user may use from this channel, in the order given: for help and the modal. */
    public List<DistributionConfig> usableBy(String userId, String channelId, Collection<DistributionConfig> all) {
        return all.stream().filter(d -> decide(userId, channelId, d).allowed()).toList();
    }

    /**
     * Whether {@code userId} may approve {@code requester}'s request on this distribution: an approver, and not the
     * requester — nobody approves their own request.
     */
    public AccessDecision mayApprove(String userId, String requester, DistributionConfig distribution) {
        if (distribution.approval().scope() == Approval.Scope.NONE) {
            return AccessDecision.deny("Requests on `" + distribution.alias() + "` need no approval.");
        }
        if (userId.equals(requester)) {
            return AccessDecision.deny("You asked for this one: another approver has to approve it.");
        }
        Optional<AccessDecision> outsider = fromOurWorkspace(userId);
        if (outsider.isPresent()) {
            return outsider.get();
        }
        return switch (membership(userId, distribution.approval().approvers(), askFor(userId, distribution))) {
            case MEMBER -> AccessDecision.allow();
            case UNKNOWN -> AccessDecision.deny(DenialReasons.groupsUnavailable(distribution));
            case OUTSIDER -> AccessDecision.deny(DenialReasons.notAnApprover(distribution));
        };
    }

    private AccessDecision decideUser(String userId, DistributionConfig distribution) {
        return switch (membership(userId, distribution.users(), askFor(userId, distribution))) {
            case MEMBER -> AccessDecision.allow();
            case UNKNOWN -> AccessDecision.deny(DenialReasons.groupsUnavailable(distribution));
            case OUTSIDER -> AccessDecision.deny(DenialReasons.notListed(distribution));
        };
    }

    private enum Membership {
        MEMBER,
        OUTSIDER,
        UNKNOWN
    }

    /**
     * Whether the list takes the user in, reading each group's members with {@code members}, which is empty when they
     * are not known (a failed lookup, or no answer at hand): unknown when no group let the user in and one was unknown.
     */
    private static Membership membership(
            String userId, AccessList list, Function<String, Optional<Set<String>>> members) {
        if (list.allowsAnyone() || isListedPerson(userId, list)) {
            return Membership.MEMBER;
        }
        boolean unknown = false;
        for (String groupId : list.groupIds()) {
            Optional<Set<String>> found = members.apply(groupId);
            if (found.isPresent() && found.get().contains(userId)) {
                return Membership.MEMBER;
            }
            unknown |= found.isEmpty();
        }
        return unknown ? Membership.UNKNOWN : Membership.OUTSIDER;
    }

    /** Group members asked of {@link GroupMembers}; a failed lookup (or a null answer) is logged and not known. */
    private Function<String, Optional<Set<String>>> askFor(String userId, DistributionConfig distribution) {
        return groupId -> {
            try {
                return Optional.of(groups.membersOf(groupId));
            } catch (RuntimeException e) {
                log.warn(
                        "Could not read the members of user group {} for {}; {} is denied unless another group"
                                + " lets them in",
                        groupId,
                        distribution.alias(),
                        userId,
                        e);
                return Optional.empty();
            }
        };
    }

    // A group id passed as the user must not match the group's own entry: only its members are let in.
    private static boolean isListedPerson(String userId, AccessList list) {
        return list.ids().contains(userId) && !list.groupIds().contains(userId);
    }
}

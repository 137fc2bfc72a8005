package dev.invalidator.access;

import dev.invalidator.config.AccessList;
import dev.invalidator.config.Approval;
import dev.invalidator.config.DistributionConfig;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
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

    /** Whether the person is on the distribution's list at all, whatever the channel: for the Home tab. */
    public boolean isListed(String userId, DistributionConfig distribution) {
        return fromOurWorkspace(userId).isEmpty()
                && decideUser(userId, distribution).allowed();
    }

    /** A refusal for people of other workspaces (Slack Connect), and for anyone when that can't be checked. */
    private Optional<AccessDecision> fromOurWorkspace(String userId) {
        try {
            return workspace.isMember(userId)
                    ? Optional.empty()
                    : Optional.of(
                            AccessDecision.deny("This bot takes requests only from people of its own workspace."));
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
        return switch (membership(userId, distribution.approval().approvers(), distribution.alias())) {
            case MEMBER -> AccessDecision.allow();
            case UNKNOWN -> AccessDecision.deny(DenialReasons.groupsUnavailable(distribution));
            case OUTSIDER -> AccessDecision.deny(DenialReasons.notAnApprover(distribution));
        };
    }

    private AccessDecision decideUser(String userId, DistributionConfig distribution) {
        return switch (membership(userId, distribution.users(), distribution.alias())) {
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

    private Membership membership(String userId, AccessList list, String alias) {
        if (list.allowsAnyone() || isListedPerson(userId, list)) {
            return Membership.MEMBER;
        }
        boolean lookupFailed = false;
        for (String groupId : list.groupIds()) {
            try {
                if (groups.membersOf(groupId).contains(userId)) {
                    return Membership.MEMBER;
                }
            } catch (RuntimeException e) {
                log.warn(
                        "Could not read the members of user group {} for {}; {} is denied unless another group"
                                + " lets them in",
                        groupId,
                        alias,
                        userId,
                        e);
                lookupFailed = true;
            }
        }
        return lookupFailed ? Membership.UNKNOWN : Membership.OUTSIDER;
    }

    // A group id passed as the user must not match the group's own entry: only its members are let in.
    private static boolean isListedPerson(String userId, AccessList list) {
        return list.ids().contains(userId) && !list.groupIds().contains(userId);
    }
}

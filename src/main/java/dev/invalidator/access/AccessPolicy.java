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
 * <p>{@code "*"} means the workspace's full members. A guest ({@link Workspace.Standing#GUEST}) is let in, as a user
 * or as an approver, only where the list names them by their own id: a guest's access is given one person at a time,
 * never by {@code "*"} or through a user group. People of other workspaces are refused everywhere.
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
        Person person = person(userId);
        return person.refusal().orElseGet(() -> decideUser(person, distribution));
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
        return decideUserFromWhatIsKnown(userId, distribution);
    }

    /**
     * Whether the person is on the distribution's list, whatever the channel, from the answers at hand: for the
     * form's type-ahead, which answers inside Slack's acknowledgement. Empty when an answer is not at hand.
     */
    public Optional<Boolean> isListedFromWhatIsKnown(String userId, DistributionConfig distribution) {
        return decideUserFromWhatIsKnown(userId, distribution).map(AccessDecision::allowed);
    }

    private Optional<AccessDecision> decideUserFromWhatIsKnown(String userId, DistributionConfig distribution) {
        Optional<Workspace.Standing> standing = workspace.knownStanding(userId);
        if (standing.isEmpty()) {
            return Optional.empty();
        }
        Person person = new Person(userId, standing.get(), refusalOf(standing.get()));
        if (person.refusal().isPresent()) {
            return person.refusal();
        }
        return switch (membership(person, distribution.users(), groups::knownMembers)) {
            case MEMBER -> Optional.of(AccessDecision.allow());
            case UNKNOWN -> Optional.empty();
            case OUTSIDER -> Optional.of(AccessDecision.deny(DenialReasons.notListed(distribution)));
            case UNLISTED_GUEST -> Optional.of(AccessDecision.deny(DenialReasons.guestNotListed(distribution, userId)));
        };
    }

    /** Whether the person is on the distribution's list at all, whatever the channel: for the Home tab. */
    public boolean isListed(String userId, DistributionConfig distribution) {
        Person person = person(userId);
        return person.refusal().isEmpty() && decideUser(person, distribution).allowed();
    }

    /** Whether the person is of this workspace at all, a member or a guest: before telling them anything. */
    public AccessDecision inWorkspace(String userId) {
        return person(userId).refusal().orElseGet(AccessDecision::allow);
    }

    /** Who asks, and the refusal for people of other workspaces (Slack Connect) or when that can't be checked. */
    private record Person(String userId, Workspace.Standing standing, Optional<AccessDecision> refusal) {}

    private Person person(String userId) {
        try {
            Workspace.Standing standing = workspace.standingOf(userId);
            return new Person(userId, standing, refusalOf(standing));
        } catch (RuntimeException e) {
            log.warn("Could not check the workspace of {}; denied", userId, e);
            return new Person(
                    userId,
                    Workspace.Standing.OUTSIDER,
                    Optional.of(
                            AccessDecision.deny("I couldn't check your workspace right now; try again in a minute.")));
        }
    }

    private static Optional<AccessDecision> refusalOf(Workspace.Standing standing) {
        return standing == Workspace.Standing.OUTSIDER
                ? Optional.of(AccessDecision.deny(OTHER_WORKSPACE))
                : Optional.empty();
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
        Person person = person(userId);
        if (person.refusal().isPresent()) {
            return person.refusal().get();
        }
        return switch (membership(person, distribution.approval().approvers(), askFor(userId, distribution))) {
            case MEMBER -> AccessDecision.allow();
            case UNKNOWN -> AccessDecision.deny(DenialReasons.groupsUnavailable(distribution));
            case OUTSIDER -> AccessDecision.deny(DenialReasons.notAnApprover(distribution));
            case UNLISTED_GUEST -> AccessDecision.deny(DenialReasons.guestNotAnApprover(distribution, userId));
        };
    }

    private AccessDecision decideUser(Person person, DistributionConfig distribution) {
        return switch (membership(person, distribution.users(), askFor(person.userId(), distribution))) {
            case MEMBER -> AccessDecision.allow();
            case UNKNOWN -> AccessDecision.deny(DenialReasons.groupsUnavailable(distribution));
            case OUTSIDER -> AccessDecision.deny(DenialReasons.notListed(distribution));
            case UNLISTED_GUEST -> AccessDecision.deny(DenialReasons.guestNotListed(distribution, person.userId()));
        };
    }

    private enum Membership {
        MEMBER,
        OUTSIDER,
        UNKNOWN,
        /** A guest the list doesn't name by id, whatever its {@code "*"} or groups say. */
        UNLISTED_GUEST
    }

    /**
     * Whether the list takes the person in, reading each group's members with {@code members}, which is empty when
     * they are not known (a failed lookup, or no answer at hand): unknown when no group let the person in and one was
     * unknown. A guest is let in only by their own id.
     */
    private static Membership membership(
            Person person, AccessList list, Function<String, Optional<Set<String>>> members) {
        String userId = person.userId();
        if (isListedPerson(userId, list)) {
            return Membership.MEMBER;
        }
        if (person.standing() == Workspace.Standing.GUEST) {
            return Membership.UNLISTED_GUEST;
        }
        if (list.allowsAnyone()) {
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

package dev.invalidator.access;

import dev.invalidator.config.AccessList;
import dev.invalidator.config.DistributionConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The sentences a denied user reads, in Slack mrkdwn. Ids are written as mentions, which Slack shows as names
 * ({@code <#C0OPS>} as #ops); the config records guarantee ids and aliases are plain letters and digits, so nothing
 * here needs escaping.
 */
final class DenialReasons {

    // Enough names to act on without turning the reply into a roster.
    private static final int MAX_NAMED = 5;

    private DenialReasons() {}

    /** {@code `web` may be used in <#C0OPS> or <#C0WEB> only.} */
    static String wrongChannel(DistributionConfig distribution) {
        List<String> channels = distribution.channels().ids().stream()
                .map(id -> "<#" + id + ">")
                .toList();
        String shown = channels.size() <= MAX_NAMED
                ? joinOr(channels)
                : String.join(", ", channels.subList(0, MAX_NAMED)) + " and " + (channels.size() - MAX_NAMED)
                        + " more channels";
        return code(distribution.alias()) + " may be used in " + shown + " only.";
    }

    /** {@code You are not on the list for `images`; ask one of <@U1>, <@U2> or a member of <!subteam^S1>.} */
    static String notListed(DistributionConfig distribution) {
        return "You are not on the list for " + code(distribution.alias()) + "; " + askOneOf(distribution.users())
                + ".";
    }

    static String notAnApprover(DistributionConfig distribution) {
        return "Only approvers can approve requests on " + code(distribution.alias()) + "; "
                + askOneOf(distribution.approval().approvers()) + ".";
    }

    /** {@code Guests may use `web` only when its users name them by their own id — ask whoever runs the bot …}. */
    static String guestNotListed(DistributionConfig distribution, String userId) {
        return "Guests may use " + code(distribution.alias()) + " only when its users name them by their own id — ask"
                + " whoever runs the bot to add yours, " + code(userId) + ".";
    }

    static String guestNotAnApprover(DistributionConfig distribution, String userId) {
        return "Guests may approve requests on " + code(distribution.alias()) + " only when its approvers name them by"
                + " their own id — ask whoever runs the bot to add yours, " + code(userId)
                + ", or ask another approver.";
    }

    /** "ask <@U1>", "ask one of <@U1>, <@U2> or a member of <!subteam^S1>", shortened past a few names. */
    static String askOneOf(AccessList list) {
        Set<String> groups = list.groupIds();
        List<String> people = new ArrayList<>();
        for (String id : list.ids()) {
            people.add(groups.contains(id) ? "a member of <!subteam^" + id + ">" : "<@" + id + ">");
        }
        String ask;
        if (people.size() == 1) {
            ask = "ask " + people.get(0);
        } else if (people.size() <= MAX_NAMED) {
            ask = "ask one of " + joinOr(people);
        } else {
            ask = "ask one of " + String.join(", ", people.subList(0, MAX_NAMED)) + " or one of the "
                    + (people.size() - MAX_NAMED) + " others on the list";
        }
        return ask;
    }

    static String groupsUnavailable(DistributionConfig distribution) {
        return "I couldn't check the user groups for " + code(distribution.alias()) + " right now; try again in a"
                + " minute.";
    }

    private static String code(String text) {
        return "`" + text + "`";
    }

    /** {@code A}, {@code A or B}, {@code A, B or C}. */
    private static String joinOr(List<String> items) {
        if (items.size() == 1) {
            return items.get(0);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " or " + items.get(items.size() - 1);
    }
}

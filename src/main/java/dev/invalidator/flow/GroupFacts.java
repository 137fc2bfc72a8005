package dev.invalidator.flow;

import dev.invalidator.chat.Chat;
import dev.invalidator.chat.GroupStatusCard;
import dev.invalidator.config.Identifiers;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What is kept with a group request's message: the group, who asked, the members it went to, the paths count, the
 * note, and the members that never got a status message. No {@code distribution} among them, so nothing that reads
 * status messages ({@link StatusFacts#wellFormed}) takes it for one; and only facts of the shape written here make one
 * (another app may post the same event type, and SlackChat reads back only the bot's own messages anyway).
 */
final class GroupFacts {

    static final String GROUP = "group";
    static final String REQUESTER = StatusFacts.REQUESTER;
    static final String PATHS = StatusFacts.PATHS;
    static final String NOTE = StatusFacts.NOTE;
    /** The aliases of the members the request went to, in the group's order, comma-separated. */
    static final String MEMBERS = "members";
    /** The members among them that never got a status message (refused at the last moment: the requester was told). */
    static final String NOT_SENT = "not_sent";

    private static final Pattern COUNT = Pattern.compile("[0-9]{1,9}");

    private GroupFacts() {}

    static Map<String, String> of(GroupStatusCard card, List<String> members, List<String> notSent) {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put(GROUP, card.group());
        facts.put(REQUESTER, card.requester());
        facts.put(PATHS, String.valueOf(card.pathCount()));
        card.note().ifPresent(note -> facts.put(NOTE, note));
        facts.put(MEMBERS, String.join(",", members));
        if (!notSent.isEmpty()) {
            facts.put(NOT_SENT, String.join(",", notSent));
        }
        return facts;
    }

    static boolean wellFormed(Map<String, String> facts) {
        return Identifiers.isAlias(facts.get(GROUP))
                && !facts.containsKey(StatusFacts.DISTRIBUTION)
                && Identifiers.isUserId(facts.get(REQUESTER))
                && facts.get(PATHS) != null
                && COUNT.matcher(facts.get(PATHS)).matches()
                && facts.get(MEMBERS) != null
                && aliases(facts, MEMBERS).stream().allMatch(Identifiers::isAlias)
                && aliases(facts, NOT_SENT).stream().allMatch(Identifiers::isAlias);
    }

    static boolean wellFormed(Chat.StatusRecord record) {
        return wellFormed(record.facts());
    }

    static List<String> members(Map<String, String> facts) {
        return aliases(facts, MEMBERS);
    }

    static List<String> notSent(Map<String, String> facts) {
        return aliases(facts, NOT_SENT);
    }

    /** The card as its facts describe it, every member waiting: the lines come from the members' messages. */
    static Optional<GroupStatusCard> card(Map<String, String> facts) {
        if (!wellFormed(facts)) {
            return Optional.empty();
        }
        return Optional.of(new GroupStatusCard(
                facts.get(GROUP),
                facts.get(REQUESTER),
                Integer.parseInt(facts.get(PATHS)),
                StatusFacts.note(facts),
                members(facts).stream().map(GroupStatusCard.Line::waiting).toList()));
    }

    private static List<String> aliases(Map<String, String> facts, String key) {
        String value = facts.getOrDefault(key, "");
        return value.isEmpty() ? List.of() : Arrays.asList(value.split(",", -1));
    }
}

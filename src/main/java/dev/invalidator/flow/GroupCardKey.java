package dev.invalidator.flow;

import dev.invalidator.config.Identifiers;
import java.util.List;
import java.util.Optional;

/**
 * What a group card's buttons carry: the group, the members the card offers to send to, and the request's
 * {@link RequestTicket} (one for every member: they get the same paths), so that whichever instance Slack hands the
 * click to can act on it. Too big for a button, the ticket gives way to its bare id, held by the instance that asked.
 *
 * <pre>{@code
 * GroupCardKey.of("sites", List.of("web", "docs"), ticket);   // "sites|web,docs|t1.q1Yq…"
 * GroupCardKey.parse("sites|web,docs|3f9a1c0b7e2d4a58");      // the bare id: held by the instance that asked
 * }</pre>
 *
 * @param going          the aliases of the members the card offers, in its order
 * @param ticketOrBareId a ticket's key, or the request's id alone
 */
record GroupCardKey(String group, List<String> going, String ticketOrBareId) {

    private static final String SEPARATOR = "|";

    GroupCardKey {
        going = List.copyOf(going);
    }

    static String of(String group, List<String> going, RequestTicket ticket) {
        String named = group + SEPARATOR + String.join(",", going) + SEPARATOR;
        String full = named + ticket.key();
        return full.length() <= RequestTicket.MAX_KEY_CHARS ? full : named + ticket.id();
    }

    /** The key a button brought back; empty for anything the bot did not write. */
    static Optional<GroupCardKey> parse(String key) {
        if (key == null || key.length() > RequestTicket.MAX_KEY_CHARS) {
            return Optional.empty();
        }
        String[] parts = key.split("\\|", 3);
        if (parts.length != 3 || !Identifiers.isAlias(parts[0])) {
            return Optional.empty();
        }
        List<String> going = List.of(parts[1].split(","));
        if (going.stream().anyMatch(alias -> !Identifiers.isAlias(alias))) {
            return Optional.empty();
        }
        return Optional.of(new GroupCardKey(parts[0], going, parts[2]));
    }

    Optional<RequestTicket> ticket() {
        return RequestTicket.decode(ticketOrBareId);
    }

    /** The question's id: a click acts once per id on each instance. */
    String id() {
        return ticket().map(RequestTicket::id).orElse(ticketOrBareId);
    }
}

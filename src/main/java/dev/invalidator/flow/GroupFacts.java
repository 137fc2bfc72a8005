package dev.invalidator.flow;

import dev.invalidator.chat.Chat;
import dev.invalidator.chat.GroupStatusCard;
import dev.invalidator.config.Identifiers;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
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

    /** The workflow step's run that sent the group request ({@link StepExecution}), named once for every member. */
    static final String STEP = StatusFacts.STEP;

    static final String STEP_WAITS = StatusFacts.STEP_WAITS;
    /** A digest of the lines last drawn: a look or a sweep that would draw the same makes no edit. */
    static final String LINES = "lines";

    private static final Pattern COUNT = Pattern.compile("[0-9]{1,9}");
    private static final Pattern DIGEST = Pattern.compile("[A-Za-z0-9_-]{43}");

    private GroupFacts() {}

    static Map<String, String> of(GroupStatusCard card, List<String> members, List<String> notSent) {
        return of(card, members, notSent, Optional.empty());
    }

    static Map<String, String> of(
            GroupStatusCard card, List<String> members, List<String> notSent, Optional<StepExecution> step) {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put(GROUP, card.group());
        facts.put(REQUESTER, card.requester());
        facts.put(PATHS, String.valueOf(card.pathCount()));
        card.note().ifPresent(note -> facts.put(NOTE, note));
        facts.put(MEMBERS, String.join(",", members));
        if (!notSent.isEmpty()) {
            facts.put(NOT_SENT, String.join(",", notSent));
        }
        step.ifPresent(run -> {
            facts.put(STEP, run.id());
            facts.put(STEP_WAITS, run.waits() ? "yes" : "no");
        });
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
                && aliases(facts, NOT_SENT).stream().allMatch(Identifiers::isAlias)
                && (!facts.containsKey(STEP) || StatusFacts.isExecutionId(facts.get(STEP)))
                && (!facts.containsKey(STEP_WAITS) || List.of("yes", "no").contains(facts.get(STEP_WAITS)))
                && (!facts.containsKey(LINES)
                        || DIGEST.matcher(facts.get(LINES)).matches());
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

    /** The workflow step's run the group request was sent for, if the facts are well formed and name one. */
    static Optional<StepExecution> step(Map<String, String> facts) {
        return wellFormed(facts) ? StatusFacts.execution(facts, STEP) : Optional.empty();
    }

    /** Whether the group message shows {@code drawn} already, as its facts' digest of the lines says. */
    static boolean shows(Map<String, String> facts, GroupStatusCard drawn) {
        return digest(drawn).equals(facts.get(LINES));
    }

    /** The facts once {@code drawn} is shown. */
    static Map<String, String> showing(Map<String, String> facts, GroupStatusCard drawn) {
        Map<String, String> updated = new LinkedHashMap<>(facts);
        updated.put(LINES, digest(drawn));
        return updated;
    }

    private static String digest(GroupStatusCard drawn) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest(drawn.message().toString().getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
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

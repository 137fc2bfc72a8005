package dev.invalidator.flow;

import dev.invalidator.chat.StatusCard;
import dev.invalidator.request.InvalidationPath;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What is kept with a status message besides its text: the request in a few fields, so that whoever edits the
 * message later — after a restart, or another replica — can render it in full. The CallerReference already holds
 * the channel, the message and the requester; these add what it can't.
 */
final class StatusFacts {

    static final String DISTRIBUTION = "distribution";
    static final String ALIAS = "alias";
    static final String PATHS = "paths";
    static final String NOTE = "note";
    static final String REQUESTER = "requester";
    /** The {@code check:} samples, one per line: they are not invalidated, so CloudFront doesn't keep them. */
    static final String SAMPLES = "check";
    /** What the check after completion found, for every later edit of the message to show again. */
    static final String REFRESH = "refresh";
    /** The id of the confirmation the request went through: no two status messages go on for one (see StatusPosts). */
    static final String CONFIRMATION = "confirmation";
    /** The {@link RequestTicket#digest()} of the ticket an approval's buttons carry: only that ticket acts here. */
    static final String TICKET = "ticket";

    private StatusFacts() {}

    static Map<String, String> of(PreparedRequest request) {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put(REQUESTER, request.requester());
        facts.put(DISTRIBUTION, request.distribution().id());
        facts.put(ALIAS, request.distribution().alias());
        facts.put(PATHS, String.valueOf(request.paths().accepted().size()));
        request.note().ifPresent(note -> facts.put(NOTE, note));
        if (!request.paths().samples().isEmpty()) {
            facts.put(
                    SAMPLES,
                    request.paths().samples().stream()
                            .map(InvalidationPath::value)
                            .collect(Collectors.joining("\n")));
        }
        return facts;
    }

    static List<String> samples(Map<String, String> facts) {
        return Optional.ofNullable(facts.get(SAMPLES)).stream()
                .flatMap(String::lines)
                .filter(sample -> !sample.isBlank())
                .toList();
    }

    static Optional<String> refreshMark(Map<String, String> facts) {
        return Optional.ofNullable(facts.get(REFRESH)).filter(mark -> !mark.isBlank());
    }

    static Map<String, String> withRefreshMark(Map<String, String> facts, String mark) {
        Map<String, String> updated = new LinkedHashMap<>(facts);
        updated.put(REFRESH, mark);
        return updated;
    }

    /**
     * The message's card as it was first posted (at "requesting"), from its facts alone, for an instance that did not
     * post it; empty when facts are missing.
     */
    static Optional<StatusCard> card(Map<String, String> facts) {
        String requester = facts.get(REQUESTER);
        String distribution = facts.get(DISTRIBUTION);
        String paths = facts.getOrDefault(PATHS, "");
        if (requester == null || distribution == null || !paths.matches("[0-9]{1,9}")) {
            return Optional.empty();
        }
        return Optional.of(StatusCard.requesting(
                        requester, facts.getOrDefault(ALIAS, distribution), distribution, Integer.parseInt(paths))
                .withNote(note(facts)));
    }

    static Optional<String> note(Map<String, String> facts) {
        return Optional.ofNullable(facts.get(NOTE)).filter(note -> !note.isBlank());
    }
}

package dev.invalidator.flow;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

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

    private StatusFacts() {
    }

    static Map<String, String> of(PreparedRequest request) {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put(REQUESTER, request.requester());
        facts.put(DISTRIBUTION, request.distribution().id());
        facts.put(ALIAS, request.distribution().alias());
        facts.put(PATHS, String.valueOf(request.paths().accepted().size()));
        request.note().ifPresent(note -> facts.put(NOTE, note));
        return facts;
    }

    static Optional<String> note(Map<String, String> facts) {
        return Optional.ofNullable(facts.get(NOTE)).filter(note -> !note.isBlank());
    }
}

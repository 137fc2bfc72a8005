package dev.invalidator.flow;

import dev.invalidator.cdn.CallerReference;
import dev.invalidator.chat.Chat;
import dev.invalidator.chat.StatusCard;
import dev.invalidator.config.Identifiers;
import dev.invalidator.request.InvalidationPath;
import dev.invalidator.request.PathLimits;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;
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
    /** When a queued request was queued, in epoch milliseconds. */
    static final String QUEUED_AT = "queued_at";
    /** When the instance holding a queued request last showed it was alive, in epoch milliseconds. */
    static final String TOUCHED_AT = "touched_at";
    /**
     * By when that instance touches the message again, in epoch milliseconds: a sweep takes over a queued request
     * nobody touched for {@code polling.abandonedAfter} past this promise. The holder promises later the more requests
     * it holds, so that its touches stay within Slack's edit rate.
     */
    static final String TOUCH_DUE = "touch_due";
    /** The id of the workflow step's run the request belongs to ({@link StepExecution}), if a workflow sent it. */
    static final String STEP = "step";
    /** {@code no} when that workflow goes on once the invalidation is created; {@code yes} when it waits for its end. */
    static final String STEP_WAITS = "step_waits";

    /**
     * A group's member's: the run of the workflow step its group request was sent for (with {@link #STEP_WAITS}), which
     * the group's message ends, not this one. Kept so that whoever rebuilds the member from its message — an approval
     * on another instance, a sweep taking it over — still sends and audits it as the step's.
     */
    static final String GROUP_STEP = "group_step";

    /**
     * The id of the invalidation once CloudFront created it (the latest batch's, for a split request): whoever ends
     * the request's workflow step from the message alone names it.
     */
    static final String INVALIDATION = "invalidation";

    /** The CallerReference of the invalidation a queued request goes out in with others: the first one's. */
    static final String BATCH_REFERENCE = "batch_reference";

    /**
     * How many invalidations a request too large for CloudFront's in-progress limits goes out in, one after another:
     * a sweep finds each by its reference ({@code …/b2of3}).
     */
    static final String BATCHES = "batches";

    private static final Pattern COUNT = Pattern.compile("[0-9]{1,9}");
    private static final Pattern MILLIS = Pattern.compile("[0-9]{1,15}");
    /** {@link PendingRequests#newId()}: 8 random bytes in hex. */
    private static final Pattern REQUEST_ID = Pattern.compile("[0-9a-f]{16}");
    /** {@link RequestTicket#digest()}: a SHA-256 in base64url without padding. */
    private static final Pattern DIGEST = Pattern.compile("[A-Za-z0-9_-]{43}");
    /** Slack's function execution ids: {@code Fx} and letters and digits. */
    private static final Pattern EXECUTION_ID = Pattern.compile("Fx[A-Za-z0-9]{1,40}");
    /** CloudFront's invalidation ids: {@code I} and capital letters and digits. */
    private static final Pattern INVALIDATION_ID = Pattern.compile("I[A-Z0-9]{1,40}");

    private StatusFacts() {}

    /**
     * Whether every fact has the shape the bot writes: the ids of a person and a distribution, a count, an alias, a
     * request id, a digest. A status message whose facts don't is not taken for one of the bot's, whoever posted it:
     * nothing read back from a channel reaches a mention, a CallerReference or a number unchecked.
     */
    static boolean wellFormed(Map<String, String> facts) {
        return Identifiers.isUserId(facts.get(REQUESTER))
                && Identifiers.isTargetId(facts.get(DISTRIBUTION))
                && matches(facts.get(PATHS), COUNT)
                && absentOr(facts, ALIAS, Identifiers::isAlias)
                && absentOr(facts, CONFIRMATION, id -> matches(id, REQUEST_ID))
                && absentOr(facts, TICKET, digest -> matches(digest, DIGEST))
                && absentOr(facts, QUEUED_AT, millis -> matches(millis, MILLIS))
                && absentOr(facts, TOUCHED_AT, millis -> matches(millis, MILLIS))
                && absentOr(facts, TOUCH_DUE, millis -> matches(millis, MILLIS))
                && absentOr(facts, BATCHES, count -> matches(count, COUNT))
                && absentOr(facts, STEP, StatusFacts::isExecutionId)
                && absentOr(facts, GROUP_STEP, StatusFacts::isExecutionId)
                && absentOr(facts, INVALIDATION, id -> matches(id, INVALIDATION_ID))
                && absentOr(facts, STEP_WAITS, waits -> "yes".equals(waits) || "no".equals(waits))
                && absentOr(
                        facts,
                        BATCH_REFERENCE,
                        reference -> CallerReference.decode(reference).isPresent());
    }

    static boolean wellFormed(Chat.StatusRecord record) {
        return wellFormed(record.facts());
    }

    /** Whether {@code id} has the shape of Slack's function execution ids. */
    static boolean isExecutionId(String id) {
        return matches(id, EXECUTION_ID);
    }

    private static boolean absentOr(Map<String, String> facts, String key, Predicate<String> shape) {
        return !facts.containsKey(key) || shape.test(facts.get(key));
    }

    private static boolean matches(String value, Pattern shape) {
        return value != null && shape.matcher(value).matches();
    }

    static Map<String, String> of(PreparedRequest request) {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put(REQUESTER, request.requester());
        facts.put(DISTRIBUTION, request.distribution().id());
        facts.put(ALIAS, request.distribution().alias());
        facts.put(PATHS, String.valueOf(request.paths().accepted().size()));
        request.note().ifPresent(note -> facts.put(NOTE, note));
        // A group's member runs for the step through its group's message, which names the step once for all members:
        // the member's own facts name it under another key, so that nothing ends the step at the member's end.
        request.step().ifPresent(step -> {
            facts.put(request.group().isEmpty() ? STEP : GROUP_STEP, step.id());
            facts.put(STEP_WAITS, step.waits() ? "yes" : "no");
        });
        int batches = PathLimits.cloudFrontDefaults().batches(request.values()).size();
        if (batches > 1) {
            // From the first post on, so that a sweep finding the message left at any point looks for every batch.
            facts.put(BATCHES, String.valueOf(batches));
        }
        if (!request.paths().samples().isEmpty()) {
            facts.put(
                    SAMPLES,
                    request.paths().samples().stream()
                            .map(InvalidationPath::value)
                            .collect(Collectors.joining("\n")));
        }
        return facts;
    }

    /** The facts of a queued request its holder is sending now, alive at {@code touched}: no later touch is promised. */
    static Map<String, String> queued(PreparedRequest request, Instant queuedAt, Instant touched) {
        return queued(request, queuedAt, touched, touched);
    }

    /**
     * The facts of a queued request: its own, when it was queued, that its holder is alive at {@code touched} and
     * touches it again by {@code due}.
     */
    static Map<String, String> queued(PreparedRequest request, Instant queuedAt, Instant touched, Instant due) {
        Map<String, String> facts = of(request);
        facts.put(QUEUED_AT, String.valueOf(queuedAt.toEpochMilli()));
        facts.put(TOUCHED_AT, String.valueOf(touched.toEpochMilli()));
        facts.put(TOUCH_DUE, String.valueOf(due.toEpochMilli()));
        return facts;
    }

    /**
     * The facts of a queued request about to go to CloudFront with others, under {@code reference}, the batch's (its
     * first member's): a sweep that finds it left looks that invalidation up.
     */
    static Map<String, String> inBatch(Map<String, String> facts, String reference) {
        Map<String, String> updated = new LinkedHashMap<>(facts);
        updated.put(BATCH_REFERENCE, reference);
        return updated;
    }

    /** How many invalidations the request goes out in: more than 1 when it is split. */
    static int batches(Map<String, String> facts) {
        return Optional.ofNullable(facts.get(BATCHES))
                .filter(count -> matches(count, COUNT))
                .map(Integer::parseInt)
                .orElse(1);
    }

    /** The batch's reference a queued request recorded before its create, if it did and the reference is the bot's. */
    static Optional<String> batchReference(Map<String, String> facts) {
        return Optional.ofNullable(facts.get(BATCH_REFERENCE))
                .filter(reference -> CallerReference.decode(reference).isPresent());
    }

    static Optional<Instant> queuedAt(Map<String, String> facts) {
        return millis(facts, QUEUED_AT);
    }

    static Optional<Instant> touchedAt(Map<String, String> facts) {
        return millis(facts, TOUCHED_AT);
    }

    /**
     * By when the holder of a queued request promised to touch it again: {@code touch_due}, trusted up to {@code
     * longest} after its last touch (a message written before the promise existed has none: its last touch, then).
     */
    static Optional<Instant> touchDue(Map<String, String> facts, Duration longest) {
        Optional<Instant> touched = touchedAt(facts);
        Optional<Instant> due = millis(facts, TOUCH_DUE);
        if (touched.isEmpty() || due.isEmpty()) {
            return touched;
        }
        Instant latest = touched.get().plus(longest);
        return Optional.of(due.get().isAfter(latest) ? latest : due.get());
    }

    private static Optional<Instant> millis(Map<String, String> facts, String key) {
        return Optional.ofNullable(facts.get(key))
                .filter(value -> matches(value, MILLIS))
                .map(value -> Instant.ofEpochMilli(Long.parseLong(value)));
    }

    static List<String> samples(Map<String, String> facts) {
        return Optional.ofNullable(facts.get(SAMPLES)).stream()
                .flatMap(String::lines)
                .filter(sample -> !sample.isBlank())
                .toList();
    }

    /** The workflow step's run the request ends, if the facts are well formed and name one: a group's member ends none. */
    static Optional<StepExecution> step(Map<String, String> facts) {
        return wellFormed(facts) ? execution(facts, STEP) : Optional.empty();
    }

    /**
     * The workflow step's run the request was sent for, if the facts are well formed and name one: its own, or for a
     * group's member its group's.
     */
    static Optional<StepExecution> sentFor(Map<String, String> facts) {
        return wellFormed(facts) ? execution(facts, STEP).or(() -> execution(facts, GROUP_STEP)) : Optional.empty();
    }

    /**
     * The run whose id the facts keep under {@code key}, with whether its workflow waits, once the id has the shape of
     * one; the caller checks the rest of the facts (a status message's or a group message's).
     */
    static Optional<StepExecution> execution(Map<String, String> facts, String key) {
        return Optional.ofNullable(facts.get(key))
                .filter(StatusFacts::isExecutionId)
                .map(id -> new StepExecution(id, !"no".equals(facts.get(STEP_WAITS))));
    }

    /** The invalidation the message says was created, if the facts are well formed and name one. */
    static Optional<String> invalidationId(Map<String, String> facts) {
        return wellFormed(facts) ? Optional.ofNullable(facts.get(INVALIDATION)) : Optional.empty();
    }

    static Map<String, String> withInvalidation(Map<String, String> facts, String invalidationId) {
        Map<String, String> updated = new LinkedHashMap<>(facts);
        updated.put(INVALIDATION, invalidationId);
        return updated;
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
     * post it; empty when facts are missing or not {@linkplain #wellFormed well formed}.
     */
    static Optional<StatusCard> card(Map<String, String> facts) {
        if (!wellFormed(facts)) {
            return Optional.empty();
        }
        String distribution = facts.get(DISTRIBUTION);
        return Optional.of(StatusCard.requesting(
                        facts.get(REQUESTER),
                        facts.getOrDefault(ALIAS, distribution),
                        distribution,
                        Integer.parseInt(facts.get(PATHS)))
                .withNote(note(facts)));
    }

    static Optional<String> note(Map<String, String> facts) {
        return Optional.ofNullable(facts.get(NOTE)).filter(note -> !note.isBlank());
    }
}

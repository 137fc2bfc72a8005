package dev.invalidator.flow;

import dev.invalidator.chat.Chat;
import dev.invalidator.chat.PostedMessage;
import dev.invalidator.chat.StatusCard;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends the workflow steps requests run for, from the request's status message: its facts name the step's run ({@link
 * StatusFacts#STEP}), so the instance that sees the request end completes it, whether it started it or not. A step
 * that does not wait completes once its invalidation is created; one that waits, once the invalidation completed and
 * its refresh check is done, or when the request ended otherwise (failed, rejected, expired, cancelled).
 *
 * <p>Slack ends a run once and answers any later completion that it ended already, so two replicas, or a replica and
 * a sweep, that both try complete it once. A completion Slack could not take is tried again by a sweep ({@link
 * #settle}).
 */
public final class StepOutcomes {

    /** The outputs, as {@code manifest.yml} declares them under {@code functions.invalidate_cloudfront}. */
    static final String INVALIDATION_IDS = "invalidation_ids";

    static final String STATE = "state";
    static final String STALE_URLS = "stale_urls";
    static final String STATUS_MESSAGE = "status_message";

    /** Every output the step gives, in the order {@code manifest.yml} declares them. */
    public static final List<String> OUTPUTS = List.of(INVALIDATION_IDS, STATE, STALE_URLS, STATUS_MESSAGE);

    private static final Logger log = LoggerFactory.getLogger(StepOutcomes.class);
    private static final Pattern STALE_MARK = Pattern.compile("([0-9]{1,9}) stale");

    private final WorkflowSteps steps;
    private final Chat chat;
    private final Executor workers;
    /** The runs this instance knows ended: a sweep asks Slack no more about them. */
    private final Set<String> ended = ConcurrentHashMap.newKeySet();
    /** The outputs of completions Slack did not take, for the sweep to send again as they were. */
    private final Map<String, Map<String, Object>> unsent = new ConcurrentHashMap<>();

    /** Told when a group's member completed and its refresh check left no mark: its group's step need not wait for one. */
    private volatile BiConsumer<Map<String, String>, PostedMessage> checkedWithoutMark = (facts, member) -> {};

    /** @param workers where the Slack calls of a completion run, so that no create or poll waits on them */
    public StepOutcomes(WorkflowSteps steps, Chat chat, Executor workers) {
        this.steps = steps;
        this.chat = chat;
        this.workers = workers;
    }

    /** A request's invalidation was created: a step that does not wait completes now. */
    void created(Map<String, String> facts, PostedMessage status, String invalidationId) {
        StatusFacts.step(facts)
                .filter(step -> !step.waits())
                .ifPresent(step -> completeLater(step, status, "in_progress", invalidationId, OptionalInt.empty()));
    }

    /**
     * A request ended in {@code state}: its step completes with what is known of it.
     *
     * @param stale how many URLs the refresh check found stale, when it ran
     */
    void ended(
            Map<String, String> facts,
            PostedMessage status,
            StatusCard.State state,
            Optional<String> invalidationId,
            OptionalInt stale) {
        if (status.inThread() && state == StatusCard.State.COMPLETED && stale.isEmpty()) {
            checkedWithoutMark.accept(facts, status);
        }
        StatusFacts.step(facts)
                .ifPresent(step -> completeLater(step, status, outcome(state), invalidationId.orElse(""), stale));
    }

    /** {@code listener} hears of each group member whose refresh check is over without a mark. */
    void onCheckedWithoutMark(BiConsumer<Map<String, String>, PostedMessage> listener) {
        checkedWithoutMark = listener;
    }

    /** The step could not start a request: it fails with {@code error}, which says why and what to do. */
    void refused(StepExecution step, String error) {
        WorkflowSteps.Answer answer = steps.fail(step.id(), error);
        log.info("Workflow step {} refused ({}): {}", step.id(), answer, error);
        if (answer != WorkflowSteps.Answer.FAILED) {
            ended.add(step.id());
        }
    }

    /**
     * A group request's members came to {@code outcome}: the step its group message names completes with it, once for
     * the group.
     */
    void groupEnded(StepExecution step, PostedMessage group, GroupStepOutcome outcome) {
        completeLater(step, group, outcome.state(), String.join(",", outcome.invalidationIds()), outcome.stale());
    }

    /**
     * Whether {@code facts}, a status message's or a group message's, name a step's run this instance has not seen end:
     * a sweep keeps looking at its message.
     */
    boolean open(Map<String, String> facts) {
        return StatusFacts.step(facts)
                .or(() -> GroupFacts.step(facts))
                .filter(step -> !ended.contains(step.id()))
                .isPresent();
    }

    /**
     * A sweep found {@code record}: if its request ended at least {@code settled} ago (so that whoever saw it end has
     * had time to complete the step, the refresh check included) and its step is still open, completes it from what
     * the message shows.
     */
    void settle(Chat.StatusRecord record, Instant now, Duration settled) {
        Optional<StatusCard.State> state = StatusCard.endedIn(record.text());
        if (state.isEmpty()
                || !open(record.facts())
                || record.message().postedAt().isAfter(now.minus(settled))) {
            return;
        }
        StepExecution step = StatusFacts.step(record.facts()).orElseThrow();
        Map<String, Object> outputs = unsent.get(step.id());
        if (outputs != null) {
            send(step, record.message(), outputs);
            return;
        }
        OptionalInt stale = StatusFacts.refreshMark(record.facts())
                .map(StepOutcomes::staleIn)
                .orElse(OptionalInt.empty());
        ended(record.facts(), record.message(), state.get(), StatusFacts.invalidationId(record.facts()), stale);
    }

    /** The link to the status message; none when Slack won't give one now (the step completes all the same). */
    private String permalink(PostedMessage status) {
        try {
            return chat.permalink(status).orElse("");
        } catch (RuntimeException e) {
            log.warn("No link to status message {} for its workflow step: {}", status.ts(), e.getMessage());
            return "";
        }
    }

    static OptionalInt staleIn(String mark) {
        Matcher matcher = STALE_MARK.matcher(mark);
        return matcher.find() ? OptionalInt.of(Integer.parseInt(matcher.group(1))) : OptionalInt.of(0);
    }

    static String outcome(StatusCard.State state) {
        return switch (state) {
            case COMPLETED, REJECTED, EXPIRED, CANCELLED -> state.name().toLowerCase(Locale.ROOT);
            case QUEUE_EXPIRED -> "expired";
            default -> "failed";
        };
    }

    private void completeLater(
            StepExecution step, PostedMessage status, String state, String invalidationId, OptionalInt stale) {
        try {
            workers.execute(() -> complete(step, status, state, invalidationId, stale));
        } catch (RejectedExecutionException e) {
            log.warn("Too busy to complete workflow step {} now; a sweep completes it", step.id());
        }
    }

    private void complete(
            StepExecution step, PostedMessage status, String state, String invalidationId, OptionalInt stale) {
        if (ended.contains(step.id())) {
            return;
        }
        Map<String, Object> outputs = new LinkedHashMap<>();
        outputs.put(INVALIDATION_IDS, invalidationId);
        outputs.put(STATE, state);
        outputs.put(STALE_URLS, stale.orElse(0));
        outputs.put(STATUS_MESSAGE, permalink(status));
        send(step, status, outputs);
    }

    private void send(StepExecution step, PostedMessage status, Map<String, Object> outputs) {
        WorkflowSteps.Answer answer = steps.complete(step.id(), outputs);
        log.info(
                "Workflow step {} completed as {} ({}), status message {}",
                step.id(),
                outputs.get(STATE),
                answer,
                status.ts());
        if (answer == WorkflowSteps.Answer.FAILED) {
            unsent.put(step.id(), outputs);
        } else {
            ended.add(step.id());
            unsent.remove(step.id());
        }
    }
}

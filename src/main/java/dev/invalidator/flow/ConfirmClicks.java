package dev.invalidator.flow;

import dev.invalidator.chat.Chat;
import dev.invalidator.chat.ConfirmationCard;
import dev.invalidator.chat.Message;
import dev.invalidator.chat.Replies;
import dev.invalidator.chat.Responder;
import dev.invalidator.config.DistributionConfig;
import dev.invalidator.request.CheckSamples;
import dev.invalidator.request.InvalidationPath;
import dev.invalidator.request.WildcardSuggestion;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A click on Confirm, Cancel or "use the wildcard instead", on whichever instance of the bot Slack hands it to.
 * Nothing in the click is trusted: only the requester may act on the request, whether this instance holds it or reads
 * it from the button's ticket; the request is checked again (a ticket's paths parsed again as if typed); rate limits
 * and the need for approval are applied as for a typed command; and a wildcard is computed again from the request.
 * The first click answers the question on this instance; on two instances at once, {@link StatusPosts} lets one go on.
 */
final class ConfirmClicks {

    private final Gate gate;
    private final Confirmations confirmations;
    private final SubmitInvalidation submit;
    private final Chat chat;
    private final AuditLog audit;

    ConfirmClicks(Gate gate, Confirmations confirmations, SubmitInvalidation submit, Chat chat, AuditLog audit) {
        this.gate = gate;
        this.confirmations = confirmations;
        this.submit = submit;
        this.chat = chat;
        this.audit = audit;
    }

    /**
     * Before a form's Confirm closes the modal: why this click can't go on, to show in the modal itself (the form has
     * no channel to answer in until its request is found); empty when it may go on.
     */
    Optional<Message> formRefusal(String userId, String key) {
        Confirmations.Lookup found = confirmations.find(key);
        if (found == Confirmations.Missing.GONE) {
            return Optional.of(Replies.confirmationGone());
        }
        return found == Confirmations.Missing.NOT_HELD
                ? Optional.of(Replies.formHeldByAnotherInstance())
                : problem(userId, found, Optional.empty());
    }

    /** The Confirm button of a form's confirmation step: the answers go to the form's channel, privately. */
    void confirmFromForm(String userId, String key) {
        Responder whisper = confirmations.find(key) instanceof Confirmations.Found found
                ? message -> chat.whisper(found.waiting().channel(), userId, message)
                : message -> {};
        click(userId, ConfirmationCard.CONFIRM, key, Optional.empty(), whisper, whisper);
    }

    /**
     * @param key       the button's value: the request's ticket, or its bare id
     * @param clickedIn the channel the question was shown in, when it was a message (a form has none)
     * @param replace   replaces the confirmation message itself
     * @param whisper   answers the clicker privately, leaving the confirmation as it is
     */
    void click(
            String userId,
            String action,
            String key,
            Optional<String> clickedIn,
            Responder replace,
            Responder whisper) {
        Confirmations.Lookup found = confirmations.find(key);
        if (found == Confirmations.Missing.GONE) {
            replace.answer(Replies.confirmationGone());
            return;
        }
        Optional<Message> problem = problem(userId, found, clickedIn);
        if (problem.isPresent()) {
            whisper.answer(problem.get());
            return;
        }
        Waiting waiting = ((Confirmations.Found) found).waiting();
        if (ConfirmationCard.CANCEL.equals(action)) {
            if (!confirmations.claim(waiting)) {
                replace.answer(Replies.confirmationGone());
                return;
            }
            audit.record(AuditEntry.cancelled(waiting));
            replace.answer(Replies.cancelled(gate.distribution(waiting.distributionId())
                    .map(DistributionConfig::alias)
                    .orElse(waiting.distributionId())));
            return;
        }
        Preparation preparation = submit.recheck(waiting);
        if (preparation instanceof Preparation.Refused refused) {
            // The clicker is the requester by now: problem() turned anyone else away.
            audit.record(AuditEntry.refused(refused, waiting));
            replace.answer(refused.answer());
            return;
        }
        PreparedRequest request = ((Preparation.Ready) preparation).request();
        Optional<PreparedRequest> toRun = ConfirmationCard.USE_WILDCARDS.equals(action)
                ? withSuggestedWildcards(request, whisper)
                : Optional.of(request);
        if (toRun.isEmpty()) {
            return;
        }
        PreparedRequest confirmed = toRun.get();
        // The question is answered only once every check has passed: a refused click leaves it open to click again.
        Optional<Message> limited = submit.admit(confirmed);
        if (limited.isPresent()) {
            whisper.answer(limited.get());
            return;
        }
        // Admitted first, so a second click racing this one on this instance counts once against the limits in vain;
        // claiming first would need taking the claim back when the limits refuse.
        if (!confirmations.claim(waiting)) {
            replace.answer(Replies.confirmationGone());
            return;
        }
        audit.record(AuditEntry.of(AuditEntry.Decision.CONFIRMED, confirmed, action));
        replace.answer(Replies.confirmed(
                confirmed.distribution().alias(), confirmed.paths().accepted().size()));
        submit.proceed(confirmed, whisper, Optional.of(StatusPosts.Confirmed.of(waiting)));
    }

    /** Why this person's click can't go on while the question stays as it is; empty when it may. */
    private static Optional<Message> problem(String userId, Confirmations.Lookup found, Optional<String> clickedIn) {
        if (found == Confirmations.Missing.NOT_HELD) {
            return Optional.of(Replies.heldByAnotherInstance());
        }
        if (!(found instanceof Confirmations.Found present)) {
            return Optional.of(Replies.unreadableButton());
        }
        Waiting waiting = present.waiting();
        if (!waiting.requester().equals(userId)) {
            return Optional.of(Replies.notYourRequest(waiting.requester()));
        }
        // A question is shown in the channel its status message goes to: a button that names another is not its own.
        if (clickedIn.isPresent() && !clickedIn.get().equals(waiting.channel())) {
            return Optional.of(Replies.unreadableButton());
        }
        return Optional.empty();
    }

    /**
     * The request with the wildcards suggested for it, checked like any typed request. The files a wildcard replaces
     * are what the person cared about, so they become {@code check:} samples (after the person's own, up to the
     * limit): once the wildcard completes, the bot shows that those files really were refreshed.
     */
    private Optional<PreparedRequest> withSuggestedWildcards(PreparedRequest request, Responder whisper) {
        List<String> files = new ArrayList<>();
        List<String> others = new ArrayList<>();
        for (InvalidationPath path : request.paths().accepted()) {
            (path.kind() == InvalidationPath.Kind.FILE ? files : others).add(path.value());
        }
        List<String> tokens = new ArrayList<>(others);
        List<String> samples = new ArrayList<>(
                request.paths().samples().stream().map(InvalidationPath::typed).toList());
        WildcardSuggestion.suggest(files, Confirmations.FILES_PER_SUGGESTED_WILDCARD)
                .ifPresentOrElse(
                        suggestion -> {
                            tokens.addAll(suggestion.wildcards());
                            tokens.addAll(suggestion.keptAsIs());
                            files.stream()
                                    .filter(file -> !suggestion.keptAsIs().contains(file))
                                    .limit(Math.max(0, CheckSamples.MAX_SAMPLES - samples.size()))
                                    .forEach(file -> samples.add(CheckSamples.token(file)));
                        },
                        () -> tokens.addAll(files));
        tokens.addAll(samples);
        Preparation preparation = submit.prepare(
                request.requester(), request.channel(), request.distribution().id(), tokens, request.note());
        if (preparation instanceof Preparation.Refused refused) {
            whisper.answer(refused.answer());
            return Optional.empty();
        }
        return Optional.of(((Preparation.Ready) preparation).request());
    }
}

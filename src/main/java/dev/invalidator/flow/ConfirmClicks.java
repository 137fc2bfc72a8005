package dev.invalidator.flow;

import dev.invalidator.access.AccessDecision;
import dev.invalidator.chat.Chat;
import dev.invalidator.chat.ConfirmationCard;
import dev.invalidator.chat.Replies;
import dev.invalidator.chat.Responder;
import dev.invalidator.request.CheckSamples;
import dev.invalidator.request.InvalidationPath;
import dev.invalidator.request.WildcardSuggestion;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A click on Confirm, Cancel or "use the wildcard instead". Nothing in the click is trusted: the request is looked up
 * by its id, only its requester may act on it, the allow-list is checked again, and a wildcard is computed again
 * from the request itself. Taking the request out of the store is what makes a double click create one invalidation.
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

    /** The Confirm button of a form's confirmation step: the answers go to the form's channel, privately. */
    void confirmFromForm(String userId, String pendingId) {
        Responder whisper = confirmations.peek(pendingId)
                .<Responder>map(request -> message -> chat.whisper(request.channel(), userId, message))
                .orElse(message -> { });
        click(userId, ConfirmationCard.CONFIRM, pendingId, whisper, whisper);
    }

    /**
     * @param replace replaces the confirmation message itself
     * @param whisper answers the clicker privately, leaving the confirmation as it is
     */
    void click(String userId, String action, String pendingId, Responder replace, Responder whisper) {
        Optional<PreparedRequest> waiting = confirmations.peek(pendingId);
        if (waiting.isEmpty()) {
            replace.answer(Replies.confirmationGone());
            return;
        }
        if (!waiting.get().requester().equals(userId)) {
            whisper.answer(Replies.notYourRequest(waiting.get().requester()));
            return;
        }
        Optional<PreparedRequest> taken = confirmations.take(pendingId);
        if (taken.isEmpty()) {
            replace.answer(Replies.confirmationGone());
            return;
        }
        PreparedRequest request = taken.get();
        if (ConfirmationCard.CANCEL.equals(action)) {
            audit.record(AuditLog.Decision.CANCELLED, request, "");
            replace.answer(Replies.cancelled(request.distribution().alias()));
            return;
        }
        AccessDecision decision = gate.recheck(userId, request.channel(), request.distribution());
        if (!decision.allowed()) {
            replace.answer(Replies.denied(decision.reason()));
            return;
        }
        Optional<PreparedRequest> toRun = ConfirmationCard.USE_WILDCARDS.equals(action)
                ? withSuggestedWildcards(request, whisper) : Optional.of(request);
        toRun.ifPresent(confirmed -> {
            audit.record(AuditLog.Decision.CONFIRMED, confirmed, action);
            replace.answer(Replies.confirmed(confirmed.distribution().alias(), confirmed.paths().accepted().size()));
            submit.run(confirmed, whisper);
        });
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
        List<String> samples = new ArrayList<>(request.paths().samples().stream().map(InvalidationPath::typed).toList());
        WildcardSuggestion.suggest(files, Confirmations.FILES_PER_SUGGESTED_WILDCARD).ifPresentOrElse(
                suggestion -> {
                    tokens.addAll(suggestion.wildcards());
                    tokens.addAll(suggestion.keptAsIs());
                    files.stream().filter(file -> !suggestion.keptAsIs().contains(file))
                            .limit(Math.max(0, CheckSamples.MAX_SAMPLES - samples.size()))
                            .forEach(file -> samples.add(CheckSamples.token(file)));
                },
                () -> tokens.addAll(files));
        tokens.addAll(samples);
        Preparation preparation = submit.prepare(request.requester(), request.channel(), request.distribution().id(),
                tokens, request.note());
        if (preparation instanceof Preparation.Refused refused) {
            whisper.answer(refused.answer());
            return Optional.empty();
        }
        return Optional.of(((Preparation.Ready) preparation).request());
    }
}

package dev.invalidator.slack.listeners.views;

import com.slack.api.app_backend.views.payload.ViewSubmissionPayload;
import com.slack.api.bolt.App;
import com.slack.api.bolt.context.builtin.ViewSubmissionContext;
import com.slack.api.bolt.request.builtin.ViewSubmissionRequest;
import com.slack.api.bolt.response.Response;
import com.slack.api.model.view.ViewState;
import dev.invalidator.chat.Message;
import dev.invalidator.chat.Replies;
import dev.invalidator.chat.RequestForm;
import dev.invalidator.flow.CommandHandler;
import dev.invalidator.flow.FormAnswer;
import dev.invalidator.flow.Preparation;
import dev.invalidator.slack.blockkit.RequestModal;
import dev.invalidator.slack.listeners.Handoff;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * Submissions of the request form and of its confirmation step. Validation answers inside the ack (Slack shows the
 * errors under the fields), from what the bot knows without asking Slack or CloudFront; the slow part — asking,
 * posting, creating — runs after it on the worker pool.
 */
public final class RequestModalListener {

    private final CommandHandler handler;
    private final Executor workers;

    private RequestModalListener(CommandHandler handler, Executor workers) {
        this.handler = handler;
        this.workers = workers;
    }

    public static void register(App app, CommandHandler handler, Executor workers) {
        RequestModalListener listener = new RequestModalListener(handler, workers);
        app.viewSubmission(RequestModal.FORM_CALLBACK, listener::form);
        app.viewSubmission(RequestModal.CONFIRM_CALLBACK, listener::confirmation);
        // The picker is the form's one element with suggestions; its action id is every input's.
        app.blockSuggestion(RequestModal.VALUE, new TargetPickerListener(handler, workers)::suggest);
    }

    private Response form(ViewSubmissionRequest request, ViewSubmissionContext context) {
        ViewSubmissionPayload payload = request.getPayload();
        Map<String, Map<String, ViewState.Value>> values =
                payload.getView().getState().getValues();
        String channel = payload.getView().getPrivateMetadata();
        if (channel == null || channel.isBlank()) {
            ViewState.Value chosen =
                    values.getOrDefault(RequestForm.CHANNEL_FIELD, Map.of()).get(RequestModal.VALUE);
            channel = chosen == null ? null : chosen.getSelectedConversation();
        }
        FormAnswer answer = handler.formSubmitted(
                payload.getUser().getId(),
                channel,
                selected(values, RequestForm.DISTRIBUTION_FIELD),
                text(values, RequestForm.PATHS_FIELD),
                Optional.ofNullable(text(values, RequestForm.NOTE_FIELD)));
        if (answer instanceof FormAnswer.Invalid invalid) {
            return context.ackWithErrors(blocksOf(invalid.errors()));
        }
        if (answer instanceof FormAnswer.Unchecked unchecked) {
            // When the pool is full nothing is asked: the next try says the same and asks again.
            Handoff.toWorkers(workers, unchecked.lookUp(), "a form's look-up");
            return context.ackWithErrors(blocksOf(unchecked.errors()));
        }
        if (answer instanceof FormAnswer.Confirm confirm) {
            return context.ackWithUpdate(RequestModal.confirmation(confirm.card()));
        }
        if (!Handoff.toWorkers(workers, ((FormAnswer.Accepted) answer).afterClose(), "a submitted form")) {
            return context.ackWithErrors(Map.of(RequestForm.PATHS_FIELD, Replies.formTooBusy()));
        }
        return context.ack();
    }

    private Response confirmation(ViewSubmissionRequest request, ViewSubmissionContext context) {
        ViewSubmissionPayload payload = request.getPayload();
        String key = payload.getView().getPrivateMetadata();
        String userId = payload.getUser().getId();
        Optional<Message> refusal = handler.formConfirmationRefusal(userId, key);
        if (refusal.isPresent()) {
            return context.ackWithUpdate(RequestModal.notice(refusal.get()));
        }
        // When the pool is full the request stays pending until it expires: confirming again works.
        Handoff.toWorkers(workers, () -> handler.formConfirmed(userId, key), "a confirmed form");
        return context.ack();
    }

    private static Map<String, String> blocksOf(Map<Preparation.Field, String> errors) {
        Map<String, String> byBlock = new LinkedHashMap<>();
        errors.forEach((field, message) -> byBlock.put(blockOf(field), message));
        return byBlock;
    }

    private static String blockOf(Preparation.Field field) {
        return switch (field) {
            case CHANNEL -> RequestForm.CHANNEL_FIELD;
            case DISTRIBUTION -> RequestForm.DISTRIBUTION_FIELD;
            case PATHS -> RequestForm.PATHS_FIELD;
        };
    }

    private static String text(Map<String, Map<String, ViewState.Value>> values, String block) {
        ViewState.Value value = values.getOrDefault(block, Map.of()).get(RequestModal.VALUE);
        return value == null ? null : value.getValue();
    }

    private static String selected(Map<String, Map<String, ViewState.Value>> values, String block) {
        ViewState.Value value = values.getOrDefault(block, Map.of()).get(RequestModal.VALUE);
        return value == null || value.getSelectedOption() == null
                ? ""
                : value.getSelectedOption().getValue();
    }
}

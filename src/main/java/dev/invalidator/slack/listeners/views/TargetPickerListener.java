package dev.invalidator.slack.listeners.views;

import static com.slack.api.model.block.composition.BlockCompositions.plainText;

import com.slack.api.app_backend.interactive_components.payload.BlockSuggestionPayload;
import com.slack.api.app_backend.interactive_components.response.Option;
import com.slack.api.bolt.context.builtin.BlockSuggestionContext;
import com.slack.api.bolt.request.builtin.BlockSuggestionRequest;
import com.slack.api.bolt.response.Response;
import dev.invalidator.chat.Fit;
import dev.invalidator.chat.RequestForm;
import dev.invalidator.flow.CommandHandler;
import dev.invalidator.flow.TargetChoices;
import dev.invalidator.slack.blockkit.RequestModal;
import dev.invalidator.slack.listeners.Handoff;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * The form's target picker as the person types: Slack sends a {@code block_suggestion} and shows the options of the
 * ack, if it comes within three seconds. They are decided from memory ({@link CommandHandler#formTargets}); a look-up
 * of what was not at hand goes to the workers after the ack.
 */
final class TargetPickerListener {

    private final CommandHandler handler;
    private final Executor workers;

    TargetPickerListener(CommandHandler handler, Executor workers) {
        this.handler = handler;
        this.workers = workers;
    }

    Response suggest(BlockSuggestionRequest request, BlockSuggestionContext context) {
        BlockSuggestionPayload payload = request.getPayload();
        if (payload.getView() == null
                || !RequestModal.FORM_CALLBACK.equals(payload.getView().getCallbackId())
                || !RequestForm.DISTRIBUTION_FIELD.equals(payload.getBlockId())) {
            return context.ack(r -> r.options(List.of()));
        }
        String channel = payload.getView().getPrivateMetadata();
        TargetChoices targets = handler.formTargets(
                payload.getUser().getId(),
                channel == null || channel.isBlank() ? Optional.empty() : Optional.of(channel),
                payload.getValue() == null ? "" : payload.getValue());
        // When the pool is full nothing is asked: the next keystroke asks again.
        targets.lookUp().ifPresent(lookUp -> Handoff.toWorkers(workers, lookUp, "a picker's look-up"));
        List<Option> options = targets.choices().stream()
                .map(choice -> Option.builder()
                        .text(plainText(Fit.plain(choice.label(), Fit.LABEL)))
                        .value(choice.alias())
                        .build())
                .toList();
        return context.ack(r -> r.options(options));
    }
}

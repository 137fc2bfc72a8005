package dev.invalidator.slack.listeners.actions;

import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.app_backend.interactive_components.response.ActionResponse;
import com.slack.api.bolt.App;
import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.response.Response;
import dev.invalidator.chat.ConfirmationCard;
import dev.invalidator.chat.GroupCard;
import dev.invalidator.chat.Message;
import dev.invalidator.chat.Responder;
import dev.invalidator.flow.CommandHandler;
import dev.invalidator.slack.listeners.Handoff;
import dev.invalidator.slack.listeners.ResponseUrl;
import java.util.Optional;
import java.util.concurrent.Executor;

/** Confirm, Cancel, "use the wildcard instead", and a group card's "Send to …" and "Send nothing": ack at once, then let the flow re-check and act. */
public final class ConfirmationButtonsListener {

    private final CommandHandler handler;
    private final Executor workers;

    private ConfirmationButtonsListener(CommandHandler handler, Executor workers) {
        this.handler = handler;
        this.workers = workers;
    }

    public static void register(App app, CommandHandler handler, Executor workers) {
        ConfirmationButtonsListener listener = new ConfirmationButtonsListener(handler, workers);
        for (String action : new String[] {
            ConfirmationCard.CONFIRM,
            ConfirmationCard.CANCEL,
            ConfirmationCard.USE_WILDCARDS,
            GroupCard.SEND,
            GroupCard.SEND_NOTHING
        }) {
            app.blockAction(action, listener::handle);
        }
    }

    private Response handle(BlockActionRequest request, ActionContext context) {
        BlockActionPayload payload = request.getPayload();
        BlockActionPayload.Action action = payload.getActions().get(0);
        String userId = payload.getUser().getId();
        Optional<String> clickedIn = Optional.ofNullable(payload.getChannel())
                .map(channel -> channel.getId())
                .or(() -> Optional.ofNullable(payload.getContainer()).map(container -> container.getChannelId()));
        Responder replace = message -> respond(context, message, true);
        Responder whisper = message -> respond(context, message, false);
        // When the pool is full the confirmation stays as it is: a second click works.
        Handoff.toWorkers(
                workers,
                () -> handler.handleClick(userId, action.getActionId(), action.getValue(), clickedIn, replace, whisper),
                "a confirmation click");
        return context.ack();
    }

    private static void respond(ActionContext context, Message message, boolean replaceOriginal) {
        ResponseUrl.answer(
                message,
                m -> context.respond(ActionResponse.builder()
                        .responseType("ephemeral")
                        .replaceOriginal(replaceOriginal)
                        .text(m.text())
                        .blocks(ResponseUrl.layout(m))
                        .build()));
    }
}

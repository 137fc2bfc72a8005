package dev.invalidator.slack.listeners.actions;

import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.bolt.App;
import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.response.Response;
import dev.invalidator.chat.PostedMessage;
import dev.invalidator.chat.StatusCard;
import dev.invalidator.flow.CommandHandler;
import dev.invalidator.slack.listeners.Handoff;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Approve and Reject on a status message that waits for an approver: ack at once, the flow checks the clicker. */
public final class ApprovalButtonsListener {

    private static final Logger log = LoggerFactory.getLogger(ApprovalButtonsListener.class);

    private final CommandHandler handler;
    private final Executor workers;

    private ApprovalButtonsListener(CommandHandler handler, Executor workers) {
        this.handler = handler;
        this.workers = workers;
    }

    public static void register(App app, CommandHandler handler, Executor workers) {
        ApprovalButtonsListener listener = new ApprovalButtonsListener(handler, workers);
        app.blockAction(StatusCard.APPROVE, listener::handle);
        app.blockAction(StatusCard.REJECT, listener::handle);
    }

    private Response handle(BlockActionRequest request, ActionContext context) {
        BlockActionPayload payload = request.getPayload();
        BlockActionPayload.Action action = payload.getActions().get(0);
        String userId = payload.getUser().getId();
        String channel = payload.getChannel() != null
                ? payload.getChannel().getId()
                : payload.getContainer().getChannelId();
        String messageTs =
                payload.getContainer() != null ? payload.getContainer().getMessageTs() : null;
        // A group member's status message is a reply in the group's thread; what answers it there must name the root.
        Optional<String> root = Optional.ofNullable(
                        payload.getContainer() != null ? payload.getContainer().getThreadTs() : null)
                .filter(thread -> !thread.equals(messageTs));
        if (channel == null || messageTs == null) {
            log.warn("Ignored an approval click from {} that names no message", userId);
            return context.ack();
        }
        // When the pool is full the request keeps waiting: the approver can click again.
        Handoff.toWorkers(
                workers,
                () -> handler.handleApproval(
                        userId,
                        StatusCard.APPROVE.equals(action.getActionId()),
                        action.getValue(),
                        new PostedMessage(channel, messageTs, root)),
                "an approval click");
        return context.ack();
    }
}

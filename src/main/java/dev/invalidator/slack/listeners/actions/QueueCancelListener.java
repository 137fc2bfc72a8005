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

/**
 * Cancel on a queued request's status message: ack at once; the flow reads the message back to check the clicker, since
 * a click's payload can say anything.
 */
public final class QueueCancelListener {

    private static final Logger log = LoggerFactory.getLogger(QueueCancelListener.class);

    private final CommandHandler handler;
    private final Executor workers;

    private QueueCancelListener(CommandHandler handler, Executor workers) {
        this.handler = handler;
        this.workers = workers;
    }

    public static void register(App app, CommandHandler handler, Executor workers) {
        app.blockAction(StatusCard.CANCEL_QUEUED, new QueueCancelListener(handler, workers)::handle);
    }

    private Response handle(BlockActionRequest request, ActionContext context) {
        BlockActionPayload payload = request.getPayload();
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
            log.warn("Ignored a Cancel click from {} that names no message", userId);
            return context.ack();
        }
        // When the pool is full the request stays queued: the requester can click again.
        Handoff.toWorkers(
                workers,
                () -> handler.handleQueueCancel(userId, new PostedMessage(channel, messageTs, root)),
                "a Cancel click on a queued request");
        return context.ack();
    }
}

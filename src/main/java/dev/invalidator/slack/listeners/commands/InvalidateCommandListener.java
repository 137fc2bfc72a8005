package dev.invalidator.slack.listeners.commands;

import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.app_backend.slash_commands.response.SlashCommandResponse;
import com.slack.api.bolt.App;
import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import com.slack.api.bolt.response.Response;
import dev.invalidator.chat.Message;
import dev.invalidator.chat.Replies;
import dev.invalidator.chat.Responder;
import dev.invalidator.flow.CommandHandler;
import dev.invalidator.flow.SlashCommand;
import dev.invalidator.slack.listeners.Handoff;
import dev.invalidator.slack.listeners.ResponseUrl;
import java.util.concurrent.Executor;

/** {@code /invalidate}: acks at once, then hands the command to the flow on the worker pool. */
public final class InvalidateCommandListener {

    public static final String COMMAND = "/invalidate";

    private final CommandHandler handler;
    private final Executor workers;

    private InvalidateCommandListener(CommandHandler handler, Executor workers) {
        this.handler = handler;
        this.workers = workers;
    }

    public static void register(App app, CommandHandler handler, Executor workers) {
        app.command(COMMAND, new InvalidateCommandListener(handler, workers)::handle);
    }

    private Response handle(SlashCommandRequest request, SlashCommandContext context) {
        SlashCommandPayload payload = request.getPayload();
        SlashCommand command = new SlashCommand(
                payload.getUserId(), payload.getChannelId(), payload.getText(), payload.getTriggerId());
        Responder responder = message -> respond(context, message);
        if (!Handoff.toWorkers(workers, () -> handler.handle(command, responder), "a command")) {
            return context.ack(Replies.tooBusy());
        }
        return handler.acknowledgement(command.text()).map(context::ack).orElseGet(context::ack);
    }

    private static void respond(SlashCommandContext context, Message message) {
        ResponseUrl.answer(
                message,
                m -> context.respond(SlashCommandResponse.builder()
                        .responseType("ephemeral")
                        .text(m.text())
                        .blocks(ResponseUrl.layout(m))
                        .build()));
    }
}

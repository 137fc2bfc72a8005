package dev.invalidator.flow;

import dev.invalidator.access.AccessPolicy;
import dev.invalidator.cdn.Cdn;
import dev.invalidator.cdn.DistributionCatalog;
import dev.invalidator.chat.Chat;
import dev.invalidator.chat.Replies;
import dev.invalidator.chat.Responder;
import dev.invalidator.config.BotConfig;
import dev.invalidator.request.PathLimits;
import dev.invalidator.request.PathParser;
import dev.invalidator.tracking.Tracker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The way in for every {@code /invalidate}: parses the text into a {@link Command} and runs its use case. Runs after
 * the Slack ack, on the bot's worker pool; whatever happens, the person gets an answer.
 */
public final class CommandHandler {

    private static final Logger log = LoggerFactory.getLogger(CommandHandler.class);

    private final Gate gate;
    private final SubmitInvalidation submit;
    private final Queries queries;

    public CommandHandler(BotConfig config, DistributionCatalog catalog, AccessPolicy policy, Cdn cdn, Chat chat,
                          Tracker tracker) {
        this.gate = new Gate(config, catalog, policy);
        PathParser parser = new PathParser(new PathLimits(config.limits().maxPathsPerRequest(),
                PathLimits.cloudFrontDefaults().maxWildcards()));
        this.submit = new SubmitInvalidation(gate, catalog, parser, cdn, chat, tracker);
        this.queries = new Queries(gate, cdn);
    }

    public void handle(SlashCommand command, Responder responder) {
        try {
            Command parsed = Command.parse(command.text());
            if (parsed instanceof Command.Status status) {
                queries.status(command, status, responder);
            } else if (parsed instanceof Command.ListRecent list) {
                queries.list(command, list, responder);
            } else if (parsed instanceof Command.Invalidate invalidate) {
                submit.submit(command, invalidate, responder);
            } else {
                responder.answer(Replies.help(gate.usable(command)));
            }
        } catch (RuntimeException e) {
            log.error("Handling a command from {} in {} failed", command.userId(), command.channelId(), e);
            responder.answer(Replies.internalError());
        }
    }
}

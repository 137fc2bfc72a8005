package dev.invalidator.flow;

import dev.invalidator.cdn.CallerReference;
import dev.invalidator.cdn.Cdn;
import dev.invalidator.cdn.CdnException;
import dev.invalidator.cdn.Distribution;
import dev.invalidator.cdn.DistributionCatalog;
import dev.invalidator.cdn.Invalidation;
import dev.invalidator.chat.Chat;
import dev.invalidator.chat.ChatException;
import dev.invalidator.chat.PostedMessage;
import dev.invalidator.chat.Replies;
import dev.invalidator.chat.Responder;
import dev.invalidator.chat.StatusCard;
import dev.invalidator.config.DistributionConfig;
import dev.invalidator.request.InvalidationPath;
import dev.invalidator.request.ParsedPaths;
import dev.invalidator.request.PathParser;
import dev.invalidator.tracking.Tracker;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens when someone types {@code /invalidate web /index.html}: check, post the status message, create the
 * invalidation with a reference derived from that message, show its id and paths, and hand it to the tracker.
 *
 * <p>Nothing is created before the status message exists, so every invalidation the bot makes has a visible home;
 * and every failure after that point is written into the status message, so no accepted request ends silently.
 */
final class SubmitInvalidation {

    private static final Logger log = LoggerFactory.getLogger(SubmitInvalidation.class);

    private final Gate gate;
    private final DistributionCatalog catalog;
    private final PathParser parser;
    private final Cdn cdn;
    private final Chat chat;
    private final Tracker tracker;

    SubmitInvalidation(Gate gate, DistributionCatalog catalog, PathParser parser, Cdn cdn, Chat chat, Tracker tracker) {
        this.gate = gate;
        this.catalog = catalog;
        this.parser = parser;
        this.cdn = cdn;
        this.chat = chat;
        this.tracker = tracker;
    }

    void submit(SlashCommand command, Command.Invalidate request, Responder responder) {
        Optional<DistributionConfig> admitted = gate.admit(command, Optional.of(request.target()), responder);
        if (admitted.isEmpty()) {
            return;
        }
        DistributionConfig distribution = admitted.get();
        Distribution details;
        try {
            details = catalog.details(distribution);
        } catch (CdnException e) {
            responder.answer(Replies.cdnProblem(e));
            return;
        }
        ParsedPaths parsed = parser.parse(request.pathTokens(), details.hosts());
        if (!parsed.ok()) {
            responder.answer(Replies.invalidPaths(distribution.alias(), parsed));
            return;
        }
        StatusCard card = StatusCard.requesting(command.userId(), distribution.alias(), distribution.id(),
                parsed.accepted().size());
        PostedMessage status;
        try {
            status = chat.post(command.channelId(), card.message());
        } catch (ChatException e) {
            responder.answer(Replies.cannotPost(e));
            return;
        }
        create(command, distribution, parsed, card, status);
    }

    private void create(SlashCommand command, DistributionConfig distribution, ParsedPaths parsed, StatusCard card,
                        PostedMessage status) {
        String reference = new CallerReference(status.channel(), status.ts(), command.userId()).encode();
        List<String> paths = parsed.accepted().stream().map(InvalidationPath::value).toList();
        Invalidation invalidation;
        try {
            invalidation = cdn.create(distribution.id(), reference, paths);
        } catch (CdnException e) {
            log.warn("Creating an invalidation on {} failed: {}", distribution.id(), e.getMessage());
            showQuietly(() -> chat.update(status, card.failed(e.getMessage(), e.nextStep()).message()));
            showQuietly(() -> chat.reply(status, Replies.failedNotice(command.userId(), e)));
            return;
        }
        log.info("Created invalidation {} on {} ({} paths) for {} in {}", invalidation.id(), distribution.id(),
                paths.size(), command.userId(), command.channelId());
        showQuietly(() -> chat.update(status, card.inProgress(invalidation.id(), invalidation.createTime()).message()));
        showQuietly(() -> chat.reply(status, Replies.pathList(parsed)));
        tracker.follow(invalidation);
    }

    /** The invalidation exists whatever Slack says now: a failed edit must not stop the tracker from following it. */
    private static void showQuietly(Runnable chatCall) {
        try {
            chatCall.run();
        } catch (ChatException e) {
            log.warn("Could not show progress in Slack: {}", e.getMessage());
        }
    }
}

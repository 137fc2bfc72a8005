package dev.invalidator.flow;

import dev.invalidator.cdn.Cdn;
import dev.invalidator.cdn.CdnException;
import dev.invalidator.cdn.Invalidation;
import dev.invalidator.cdn.InvalidationSummary;
import dev.invalidator.chat.LatelyUsed;
import dev.invalidator.chat.Message;
import dev.invalidator.chat.QueuedRequest;
import dev.invalidator.chat.Replies;
import dev.invalidator.chat.Responder;
import dev.invalidator.config.DistributionConfig;
import dev.invalidator.cost.MonthCount;
import dev.invalidator.cost.MonthToDatePaths;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /invalidate help}, {@code status} and {@code list}: read-only answers for on-call, to the asker only, about
 * what the asker may use.
 */
final class Queries {

    static final int LIST_SIZE = 10;

    private final Gate gate;
    private final Cdn cdn;
    private final MonthToDatePaths monthToDate;
    private final InvalidationDetails details;
    private final QueuedRequests queued;

    Queries(Gate gate, Cdn cdn, MonthToDatePaths monthToDate, InvalidationDetails details, QueuedRequests queued) {
        this.gate = gate;
        this.cdn = cdn;
        this.monthToDate = monthToDate;
        this.details = details;
        this.queued = queued;
    }

    /**
     * The month's paths for a distribution's account within {@link MonthToDatePaths#LONGEST_WAIT} (as of when last
     * read, or not known yet, past it), or empty when CloudFront can't tell right now.
     */
    Optional<MonthCount> usedThisMonth(String distributionId) {
        try {
            return Optional.of(monthToDate.countThisMonth(distributionId));
        } catch (CdnException e) {
            return Optional.empty();
        }
    }

    /**
     * The month's paths of the accounts these distributions belong to, and of no other; empty for no distribution, or
     * when CloudFront can't tell right now.
     */
    Optional<Map<String, MonthCount>> usedThisMonth(Collection<DistributionConfig> distributions) {
        if (distributions.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(monthToDate.countThisMonthByAccount(
                    distributions.stream().map(DistributionConfig::id).toList()));
        } catch (CdnException e) {
            return Optional.empty();
        }
    }

    /**
     * How to use the bot, with the distributions usable here and their accounts' month so far; a person of another
     * workspace learns nothing but the refusal.
     */
    void help(SlashCommand command, Responder responder) {
        Optional<Message> outsider = gate.outsider(command.userId());
        if (outsider.isPresent()) {
            responder.answer(outsider.get());
            return;
        }
        List<DistributionConfig> usable = gate.usable(command.userId(), command.channelId());
        Optional<Map<String, MonthCount>> used = usedThisMonth(usable);
        // After the count, which has just read what was invalidated: the Home tab's order, from memory.
        responder.answer(Replies.help(LatelyUsed.first(usable, monthToDate.lastInvalidated()), used));
    }

    void status(SlashCommand command, Command.Status query, Responder responder) {
        gate.admit(command, query.target(), responder).ifPresent(distribution -> {
            try {
                Optional<Invalidation> invalidation = query.invalidationId().isPresent()
                        ? Optional.of(cdn.invalidation(
                                distribution.id(), query.invalidationId().get()))
                        : cdn.recentInvalidations(distribution.id(), 1).stream()
                                .findFirst()
                                .map(latest -> cdn.invalidation(distribution.id(), latest.id()));
                responder.answer(QueuedRequest.after(
                        invalidation
                                .map(found ->
                                        Replies.status(distribution.alias(), found, usedThisMonth(distribution.id())))
                                .orElseGet(() -> Replies.noInvalidations(distribution.alias())),
                        queued.in(command.channelId(), distribution)));
            } catch (CdnException e) {
                // What waits is read from Slack: CloudFront failing doesn't hide it.
                responder.answer(
                        QueuedRequest.after(Replies.cdnProblem(e), queued.in(command.channelId(), distribution)));
            }
        });
    }

    void list(SlashCommand command, Command.ListRecent query, Responder responder) {
        gate.admit(command, query.target(), responder).ifPresent(distribution -> {
            try {
                responder.answer(QueuedRequest.after(
                        Replies.recent(distribution.alias(), details(distribution)),
                        queued.in(command.channelId(), distribution)));
            } catch (CdnException e) {
                // What waits is read from Slack: CloudFront failing doesn't hide it.
                responder.answer(
                        QueuedRequest.after(Replies.cdnProblem(e), queued.in(command.channelId(), distribution)));
            }
        });
    }

    private List<Invalidation> details(DistributionConfig distribution) {
        List<Invalidation> recent = new ArrayList<>();
        for (InvalidationSummary summary : cdn.recentInvalidations(distribution.id(), LIST_SIZE)) {
            recent.add(details.of(distribution.id(), summary));
        }
        return recent;
    }
}

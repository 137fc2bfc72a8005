package dev.invalidator.flow;

import dev.invalidator.cdn.CallerReference;
import dev.invalidator.cdn.Invalidation;
import dev.invalidator.chat.Chat;
import dev.invalidator.chat.Message;
import dev.invalidator.chat.PostedMessage;
import dev.invalidator.chat.Replies;
import dev.invalidator.chat.StatusCard;
import dev.invalidator.config.BotConfig;
import dev.invalidator.config.DistributionConfig;
import dev.invalidator.metrics.InvalidationMeters;
import dev.invalidator.tracking.InvalidationListener;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * Tells the channel how an invalidation ended: edits its status message and replies in the thread, mentioning the
 * requester (an edit notifies nobody). Everything it needs comes from CloudFront — the CallerReference names the
 * message and the requester — so it works just as well for invalidations a previous run of the bot created.
 */
public final class CompletionReporter implements InvalidationListener {

    private final BotConfig config;
    private final Chat chat;
    private final Executor executor;
    private final RefreshVerification verification;
    private final Clock clock;
    private final InvalidationMeters meters;
    private final FreedCapacity freed;
    private final BatchMembers members;
    private final StepOutcomes steps;

    /**
     * @param executor     where the Slack calls run, so the tracker's threads only ever poll
     * @param verification checks the refresh once the completion notice is in the thread
     * @param meters       times each completion from the poll that saw it to the edit that shows it
     * @param freed        hears of every end, so that what waits for room on the distribution may go
     * @param members      the other requests an invalidation was sent for, told of its end as well
     * @param steps        completes the workflow step a request ran for, once its refresh check is done
     */
    public CompletionReporter(
            BotConfig config,
            Chat chat,
            Executor executor,
            RefreshVerification verification,
            Clock clock,
            InvalidationMeters meters,
            FreedCapacity freed,
            BatchMembers members,
            StepOutcomes steps) {
        this.config = config;
        this.chat = chat;
        this.executor = executor;
        this.verification = verification;
        this.clock = clock;
        this.meters = meters;
        this.freed = freed;
        this.members = members;
        this.steps = steps;
    }

    @Override
    public void completed(Invalidation invalidation, Instant observedAt) {
        if (!CallerReference.decode(invalidation.callerReference())
                .map(CallerReference::last)
                .orElse(true)) {
            // A batch of a split request: the room it frees lets the queue send the next; the request ends with its
            // last.
            freed.freed(invalidation.distributionId());
            return;
        }
        report(invalidation, card -> card.completed(observedAt), Optional.of(observedAt));
    }

    @Override
    public void lost(Invalidation invalidation, String reason) {
        report(invalidation, card -> card.lost(reason), Optional.empty());
    }

    /** @param observedAt when the tracker saw it completed; empty when it was lost */
    private void report(
            Invalidation invalidation, Function<StatusCard, StatusCard> outcome, Optional<Instant> observedAt) {
        freed.freed(invalidation.distributionId());
        CallerReference.decode(invalidation.callerReference()).ifPresent(reference -> {
            executor.execute(() -> reportTo(
                    StatusReferences.statusOf(reference),
                    Optional.of(reference.requester()),
                    invalidation,
                    outcome,
                    observedAt));
            for (PostedMessage member : members.of(invalidation.id())) {
                executor.execute(() -> reportTo(member, Optional.empty(), invalidation, outcome, observedAt));
            }
        });
    }

    /**
     * Tells one request's status message and thread how the invalidation ended.
     *
     * @param requester who asked, when the reference says; otherwise read from the message's facts (a member of a
     *     batch, whose reference names the first member)
     */
    private void reportTo(
            PostedMessage status,
            Optional<String> requester,
            Invalidation invalidation,
            Function<StatusCard, StatusCard> outcome,
            Optional<Instant> observedAt) {
        String alias = config.byId(invalidation.distributionId())
                .map(DistributionConfig::alias)
                .orElse(invalidation.distributionId());
        Map<String, String> facts = Optional.of(chat.factsOf(status))
                .filter(StatusFacts::wellFormed)
                .orElse(Map.of());
        Optional<StatusCard> posted = StatusFacts.card(facts);
        Optional<String> who = requester.or(() -> posted.map(StatusCard::requester));
        if (who.isEmpty()) {
            return;
        }
        StatusCard card = outcome.apply(StatusCard.requesting(
                                who.get(),
                                alias,
                                invalidation.distributionId(),
                                posted.map(StatusCard::pathCount)
                                        .orElse(invalidation.paths().size()))
                        .withNote(StatusFacts.note(facts))
                        .inProgress(invalidation.id(), invalidation.createTime()))
                .withRefreshMark(StatusFacts.refreshMark(facts));
        Quietly.show("the end of invalidation " + invalidation.id(), () -> {
            chat.update(status, card.message());
            observedAt.ifPresent(seen ->
                    meters.completionShown(invalidation.distributionId(), Duration.between(seen, clock.instant())));
            // Another replica (or a previous run) may have seen the same completion: one notice per thread.
            // A group's member names its distribution and mentions nobody: the group's notice mentions the requester.
            Message notice = status.inThread() ? Replies.memberOutcomeNotice(card) : Replies.outcomeNotice(card);
            if (chat.replyUnlessThreadHas(status, Replies.outcomeMarker(invalidation.id()), notice)) {
                // After the edit and the notice, never before; and only here, where the notice was posted.
                if (card.state() == StatusCard.State.COMPLETED) {
                    verification
                            .completed(invalidation, status, card, facts)
                            .thenAccept(stale ->
                                    steps.ended(facts, status, card.state(), Optional.of(invalidation.id()), stale));
                } else {
                    steps.ended(facts, status, card.state(), Optional.of(invalidation.id()), OptionalInt.empty());
                }
            }
        });
    }
}

package dev.invalidator.flow;

import dev.invalidator.cdn.CallerReference;
import dev.invalidator.cdn.Cdn;
import dev.invalidator.cdn.Invalidation;
import dev.invalidator.chat.Chat;
import dev.invalidator.chat.ChatException;
import dev.invalidator.chat.GroupStatusCard;
import dev.invalidator.chat.PostedMessage;
import dev.invalidator.chat.Replies;
import dev.invalidator.chat.StatusCard;
import dev.invalidator.config.BotConfig;
import dev.invalidator.config.DistributionConfig;
import dev.invalidator.tracking.Tracker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sweep that finishes what any instance of the bot left: run by every instance at start-up and then every {@code
 * polling.sweepInterval} (see {@link PeriodicSweep}), over every channel the bot is a member of and every status
 * message there within {@code polling.recoveryWindow}.
 *
 * <ul>
 *   <li>A message still at "requesting" after {@code polling.abandonedAfter} was left by a bot that stopped between
 *       posting it and creating its invalidation. CloudFront answers which: an invalidation with the message's
 *       CallerReference means the create went through (the message moves on and the invalidation is followed); none,
 *       after reading every invalidation created since the message, means nothing was sent (the message says so, and
 *       the requester is asked to send it again). Younger ones are left for now: they may belong to a replica that is
 *       creating them right now, and a later sweep comes back to them.
 *   <li>A message still "in progress" after {@code polling.abandonedAfter} that this instance doesn't follow may have
 *       been left by an instance that stopped and never started again: its invalidation, found by its CallerReference,
 *       is adopted and followed to its end, which is reported after a grace that lets a live creator speak first.
 *   <li>A message awaiting approval whose first decision was left undone — its decider stopped, or Slack wouldn't read
 *       the thread back — has that decision carried out; one nobody decided on expires when its time is up ({@link
 *       Approvals#sweep}).
 * </ul>
 *
 * <p>A message that can't be settled — Slack or CloudFront failing, facts that make no sense — is logged and left for
 * the next sweep; it never stops the others. After the first look at a channel, a sweep reads its history only back to
 * the oldest message that was still open at the last look (or a few minutes before that look): "requesting" and
 * "awaiting approval" are where every request starts, so no message older than that can need a sweep.
 */
final class Reconciler {

    private static final Logger log = LoggerFactory.getLogger(Reconciler.class);

    /**
     * How far before the last look at a channel the next one reads again: a message another replica posted may carry
     * a {@code ts} from Slack's clock that is a little behind ours.
     */
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    /** Why a request left by a stopped instance failed, in the audit log. */
    private static final String STOPPED_BEFORE_SENDING = "the bot stopped before it sent this to CloudFront";

    private static final String PATHS_NOT_KEPT =
            "the bot that queued this stopped, and its thread doesn't keep its paths";

    private final BotConfig config;
    private final Chat chat;
    private final Cdn cdn;
    private final Tracker tracker;
    private final Approvals approvals;
    private final SubmitInvalidation submit;
    private final CreateQueue queue;
    private final BatchMembers members;
    private final StepOutcomes steps;
    private final GroupLines lines;
    private final AuditLog audit;
    private final Clock clock;
    /** Per channel, how far back the next sweep reads. */
    private final Map<String, Instant> readFrom = new ConcurrentHashMap<>();

    Reconciler(
            BotConfig config,
            Chat chat,
            Cdn cdn,
            Tracker tracker,
            Approvals approvals,
            SubmitInvalidation submit,
            CreateQueue queue,
            BatchMembers members,
            StepOutcomes steps,
            GroupLines lines,
            AuditLog audit,
            Clock clock) {
        this.config = config;
        this.chat = chat;
        this.cdn = cdn;
        this.tracker = tracker;
        this.approvals = approvals;
        this.submit = submit;
        this.queue = queue;
        this.members = members;
        this.steps = steps;
        this.lines = lines;
        this.audit = audit;
        this.clock = clock;
    }

    /** One sweep of every channel the bot is in. */
    void sweep() {
        Instant now = clock.instant();
        List<String> channels;
        try {
            channels = chat.memberChannels();
        } catch (ChatException e) {
            log.warn("Could not list the channels the bot is in, so this sweep settles nothing: {}", e.getMessage());
            return;
        }
        for (String channel : channels) {
            sweep(channel, now);
        }
    }

    private void sweep(String channel, Instant now) {
        Instant windowStart = now.minus(config.polling().recoveryWindow());
        Instant from = readFrom.getOrDefault(channel, windowStart);
        List<Chat.StatusRecord> records;
        try {
            records = StatusMessages.in(chat, channel, from.isBefore(windowStart) ? windowStart : from);
        } catch (RuntimeException e) {
            log.warn("Could not read the status messages of {}; the next sweep tries again: {}", channel, e.toString());
            return;
        }
        Instant nextFrom = now.minus(CLOCK_SKEW);
        // Oldest first, so that queued requests taken over keep the order they were queued in.
        List<Chat.StatusRecord> oldestFirst = new ArrayList<>(records);
        Collections.reverse(oldestFirst);
        List<CreateQueue.Entry> takenOver = new ArrayList<>();
        for (Chat.StatusRecord record : oldestFirst) {
            if (!record.message().inThread() && GroupFacts.wellFormed(record)) {
                // A group message not yet drawn ended, or whose step is open here, stays in view until it is.
                Instant postedAt = record.message().postedAt();
                boolean open = !GroupStatusCard.isSettled(record.text()) || steps.open(record.facts());
                if (open && postedAt.isBefore(nextFrom)) {
                    nextFrom = postedAt;
                }
                settleGroup(record, records, now);
                continue;
            }
            if (!StatusFacts.wellFormed(record)) {
                continue;
            }
            // A group's member is read through its group's message: the next read must reach back to that one. A step
            // whose request ended but that this instance hasn't seen complete keeps its message in view.
            Instant readsFrom = record.message().threadRoot().postedAt();
            if ((isOpen(record) || steps.open(record.facts())) && readsFrom.isBefore(nextFrom)) {
                nextFrom = readsFrom;
            }
            try {
                if (StatusCard.isQueued(record.text())) {
                    settleQueued(record, now).ifPresent(takenOver::add);
                } else if (StatusCard.isInProgress(record.text()) && StatusFacts.batches(record.facts()) > 1) {
                    settleSplit(record, now).ifPresent(takenOver::add);
                } else {
                    settle(record, now);
                }
                steps.settle(record, now, config.polling().abandonedAfter());
            } catch (RuntimeException e) {
                log.warn(
                        "Could not settle status message {} in {}; the next sweep tries again: {}",
                        record.message().ts(),
                        channel,
                        e.toString());
            }
        }
        readFrom.put(channel, nextFrom);
        // All at once, so that those that fit go to CloudFront together.
        if (!takenOver.isEmpty()) {
            queue.takeOver(takenOver);
        }
    }

    /**
     * A group message whose lines lag behind its members — an instance stopped between a member's last edit and its
     * look at the group, and the member ended in a way CloudFront doesn't know (rejected, expired, cancelled, not sent)
     * — is looked at again; an ended one whose step is still open here, {@code abandonedAfter} after it was posted, has
     * its step settled. The members are those the sweep read already ({@link StatusMessages}); a settled group's
     * thread is read only for a step still open here.
     */
    private void settleGroup(Chat.StatusRecord group, List<Chat.StatusRecord> records, Instant now) {
        PostedMessage root = group.message();
        if (!GroupStatusCard.isSettled(group.text())) {
            List<Chat.StatusRecord> members = records.stream()
                    .filter(record -> record.message().inThread()
                            && record.message().channel().equals(root.channel())
                            && record.message().threadTs().equals(root.ts()))
                    .toList();
            if (GroupLines.due(group, members)) {
                lines.look(root);
            }
        } else if (steps.open(group.facts())
                && !root.postedAt().isAfter(now.minus(config.polling().abandonedAfter()))) {
            lines.settleStep(root);
        }
    }

    /** Whether the message was, when read, in a state a sweep may have to finish. */
    private static boolean isOpen(Chat.StatusRecord record) {
        return StatusCard.isOpen(record.text());
    }

    private void settle(Chat.StatusRecord record, Instant now) {
        if (StatusCard.awaitsApproval(record.text())) {
            approvals.sweep(record).ifPresent(submit::approved);
        } else if (StatusCard.isRequesting(record.text())) {
            settleRequesting(record, now);
        } else if (StatusCard.isInProgress(record.text())) {
            settleInProgress(record, now);
        }
    }

    /**
     * A queued request its holder has not touched for {@code abandonedAfter} past the touch it promised is gone with its
     * holder: if its create reached CloudFront after all (the holder died sending it), the invalidation is followed;
     * otherwise it is queued here, from the paths its thread keeps, read back and checked again as if typed.
     *
     * @return the request to queue here, if it is
     */
    private Optional<CreateQueue.Entry> settleQueued(Chat.StatusRecord record, Instant now) {
        if (queue.holds(record.message())) {
            return Optional.empty();
        }
        Optional<StatusCard> posted = StatusFacts.card(record.facts());
        Optional<DistributionConfig> distribution =
                posted.map(StatusCard::distributionId).flatMap(config::byId);
        if (posted.isEmpty() || distribution.isEmpty()) {
            return Optional.empty();
        }
        Instant due = StatusFacts.touchDue(record.facts(), CreateQueue.LONGEST_TOUCH_INTERVAL)
                .orElse(record.message().postedAt());
        if (due.isAfter(now.minus(config.polling().abandonedAfter()))) {
            return Optional.empty();
        }
        StatusCard card = posted.get();
        String own = StatusReferences.of(record.message(), card.requester()).encode();
        // Sent with others, it went under the first one's reference, which it recorded before the create.
        String reference = StatusFacts.batchReference(record.facts()).orElse(own);
        Optional<Invalidation> created =
                cdn.findByCallerReference(distribution.get().id(), reference);
        if (created.isPresent()) {
            if (!reference.equals(own)) {
                members.add(created.get().id(), record.message());
            }
            log.info(
                    "Queued request {} in {} was left while being sent; its invalidation {} is followed here",
                    record.message().ts(),
                    record.message().channel(),
                    created.get().id());
            chat.update(
                    record.message(),
                    card.inProgress(created.get().id(), created.get().createTime())
                            .message(),
                    StatusFacts.withInvalidation(record.facts(), created.get().id()));
            tracker.adopt(created.get());
            return Optional.empty();
        }
        Optional<List<String>> paths = chat.queuedPaths(record.message());
        if (paths.isEmpty()) {
            log.warn(
                    "Queued request {} in {} was left, and its thread doesn't keep its paths; nothing was sent",
                    record.message().ts(),
                    record.message().channel());
            notSent(record, card, PATHS_NOT_KEPT);
            return Optional.empty();
        }
        Preparation again = submit.prepare(
                card.requester(), record.message().channel(), distribution.get().id(), paths.get(), card.note());
        if (again instanceof Preparation.Refused refused) {
            ended(
                    record,
                    card.refused(refused.inline()),
                    AuditEntry.refused(refused, record.message().channel(), card));
            return Optional.empty();
        }
        log.info(
                "Queued request {} in {} was left by an instance that is gone; it waits here now",
                record.message().ts(),
                record.message().channel());
        PreparedRequest request = ((Preparation.Ready) again).request().asPosted(record.message(), record.facts());
        return Optional.of(CreateQueue.Entry.takenOver(
                request,
                card,
                record.message(),
                StatusFacts.queuedAt(record.facts()).orElse(record.message().postedAt())));
    }

    private void settleInProgress(Chat.StatusRecord record, Instant now) {
        Optional<Left> left = left(record, now);
        if (left.isEmpty()) {
            return;
        }
        String own = left.get().reference().encode();
        // A request sent with others went under the first one's reference, recorded in its facts before the create.
        String reference = StatusFacts.batchReference(record.facts()).orElse(own);
        Optional<Invalidation> followed = tracker.following().stream()
                .filter(invalidation -> reference.equals(invalidation.callerReference()))
                .findFirst();
        if (followed.isPresent()) {
            if (!reference.equals(own)) {
                members.add(followed.get().id(), record.message());
            }
            return;
        }
        Optional<Invalidation> created =
                cdn.findByCallerReference(left.get().distribution().id(), reference);
        if (created.isPresent() && !reference.equals(own)) {
            members.add(created.get().id(), record.message());
        }
        if (created.isEmpty()) {
            log.warn(
                    "Status message {} in {} says in progress, but CloudFront has no invalidation of it; left as it is",
                    record.message().ts(),
                    record.message().channel());
            return;
        }
        log.info(
                "Status message {} in {} was left in progress; its invalidation {} is followed here",
                record.message().ts(),
                record.message().channel(),
                created.get().id());
        tracker.adopt(created.get());
    }

    /**
     * A split request in progress that no instance here holds: its latest batch at CloudFront (each found by its own
     * reference) is followed while it runs; once it has completed, and the next is not at CloudFront, the rest are
     * queued here from the paths its thread keeps. A live holder sends the next batch as soon as the one before
     * completes, so a sweep rarely finds that gap unless the holder is gone; if both send it, its reference makes it
     * one invalidation.
     *
     * @return the request to queue here, if the rest go from here
     */
    private Optional<CreateQueue.Entry> settleSplit(Chat.StatusRecord record, Instant now) {
        if (queue.holds(record.message())) {
            return Optional.empty();
        }
        Optional<Left> left = left(record, now);
        if (left.isEmpty()) {
            return Optional.empty();
        }
        int of = StatusFacts.batches(record.facts());
        String distributionId = left.get().distribution().id();
        for (int number = of; number >= 1; number--) {
            String reference = StatusReferences.of(
                            record.message(), left.get().card().requester(), number, of)
                    .encode();
            Optional<Invalidation> followed = tracker.following().stream()
                    .filter(invalidation -> reference.equals(invalidation.callerReference()))
                    .findFirst();
            if (followed.isPresent()) {
                return Optional.empty();
            }
            Optional<Invalidation> found = cdn.findByCallerReference(distributionId, reference);
            if (found.isEmpty()) {
                continue;
            }
            if (!found.get().completed() || number == of) {
                tracker.adopt(found.get());
                return Optional.empty();
            }
            return resumed(record, left.get(), number);
        }
        log.warn(
                "Split request {} in {} says in progress, but CloudFront has none of its batches; left as it is",
                record.message().ts(),
                record.message().channel());
        return Optional.empty();
    }

    /** The rest of a split request whose first {@code sent} batches went, read back from its thread. */
    private Optional<CreateQueue.Entry> resumed(Chat.StatusRecord record, Left left, int sent) {
        StatusCard card = left.card();
        Optional<List<String>> paths = chat.queuedPaths(record.message());
        if (paths.isEmpty()) {
            log.warn(
                    "Split request {} in {} was left after batch {}, and its thread doesn't keep its paths",
                    record.message().ts(),
                    record.message().channel(),
                    sent);
            int of = StatusFacts.batches(record.facts());
            ended(
                    record,
                    card.restNotSent(sent, of),
                    AuditEntry.notSent(
                            record.message().channel(),
                            card,
                            "the bot stopped after batch " + sent + " of " + of
                                    + ", and its thread doesn't keep the rest of its paths"));
            chat.reply(record.message(), Replies.restNotSentNotice(card.requester()));
            return Optional.empty();
        }
        Preparation again = submit.prepare(
                card.requester(),
                record.message().channel(),
                left.distribution().id(),
                paths.get(),
                card.note());
        if (again instanceof Preparation.Refused refused) {
            ended(
                    record,
                    card.refused(refused.inline()),
                    AuditEntry.refused(refused, record.message().channel(), card));
            return Optional.empty();
        }
        log.info(
                "Split request {} in {} was left after batch {}; the rest go from here",
                record.message().ts(),
                record.message().channel(),
                sent);
        return Optional.of(CreateQueue.Entry.resumed(
                ((Preparation.Ready) again).request().asPosted(record.message(), record.facts()),
                card,
                record.message(),
                StatusFacts.queuedAt(record.facts()).orElse(record.message().postedAt()),
                sent));
    }

    /** A message of the bot's, about a distribution in the config, posted longer than abandonedAfter ago. */
    private record Left(StatusCard card, DistributionConfig distribution, CallerReference reference) {}

    private Optional<Left> left(Chat.StatusRecord record, Instant now) {
        Optional<StatusCard> card = StatusFacts.card(record.facts());
        Optional<DistributionConfig> distribution =
                card.map(StatusCard::distributionId).flatMap(config::byId);
        if (card.isEmpty() || distribution.isEmpty()) {
            return Optional.empty();
        }
        CallerReference reference =
                StatusReferences.of(record.message(), card.get().requester());
        if (reference.messageTime().isAfter(now.minus(config.polling().abandonedAfter()))) {
            return Optional.empty();
        }
        return Optional.of(new Left(card.get(), distribution.get(), reference));
    }

    private void settleRequesting(Chat.StatusRecord record, Instant now) {
        // Queued here while Slack still shows it at requesting (the edit that says Queued may wait its turn): nobody
        // left it, and this instance sends it when CloudFront has room.
        if (queue.holds(record.message())) {
            return;
        }
        Optional<Left> left = left(record, now);
        if (left.isEmpty()) {
            return;
        }
        StatusCard card = left.get().card();
        int of = StatusFacts.batches(record.facts());
        // A split request's first batch goes under a reference of its own.
        String reference = of > 1
                ? StatusReferences.of(record.message(), card.requester(), 1, of).encode()
                : left.get().reference().encode();
        Optional<Invalidation> created =
                cdn.findByCallerReference(left.get().distribution().id(), reference);
        if (created.isPresent() && of > 1) {
            chat.update(
                    record.message(),
                    card.inProgress(created.get().id(), created.get().createTime())
                            .inBatch(1, of)
                            .message(),
                    StatusFacts.withInvalidation(record.facts(), created.get().id()));
            tracker.follow(created.get());
        } else if (created.isPresent()) {
            log.info(
                    "Status message {} in {} was left at requesting; its invalidation {} exists and is followed",
                    record.message().ts(),
                    record.message().channel(),
                    created.get().id());
            chat.update(
                    record.message(),
                    card.inProgress(created.get().id(), created.get().createTime())
                            .message(),
                    StatusFacts.withInvalidation(record.facts(), created.get().id()));
            tracker.follow(created.get());
        } else {
            log.info(
                    "Status message {} in {} was left at requesting and nothing was sent; it says so",
                    record.message().ts(),
                    record.message().channel());
            notSent(record, card, STOPPED_BEFORE_SENDING);
        }
    }

    /** A request nobody can send any more: it says so, and its requester is asked to send it again. */
    private void notSent(Chat.StatusRecord record, StatusCard card, String why) {
        ended(record, card.notSent(), AuditEntry.notSent(record.message().channel(), card, why));
        chat.reply(record.message(), Replies.notRunNotice(card.requester()));
    }

    /**
     * Ends a request a stopped instance left, as that instance would have: its message shows {@code end}, then the
     * audit log records {@code entry}, as the step's when a workflow's step asked (after the edit, so that an edit
     * Slack refuses, tried again by the next sweep, is recorded once). The step itself ends at the next sweep, from
     * the message ({@link StepOutcomes#settle}); a group's member, through its group's lines ({@link #settleGroup}).
     */
    private void ended(Chat.StatusRecord record, StatusCard end, AuditEntry entry) {
        chat.update(record.message(), end.message());
        audit.record(entry.fromStep(StatusFacts.sentFor(record.facts())));
    }
}

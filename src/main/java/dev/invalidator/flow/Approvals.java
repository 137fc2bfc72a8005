package dev.invalidator.flow;

import dev.invalidator.access.AccessDecision;
import dev.invalidator.access.AccessPolicy;
import dev.invalidator.chat.Chat;
import dev.invalidator.chat.ChatException;
import dev.invalidator.chat.Decision;
import dev.invalidator.chat.Decision.Verdict;
import dev.invalidator.chat.Message;
import dev.invalidator.chat.PostedMessage;
import dev.invalidator.chat.Replies;
import dev.invalidator.chat.Responder;
import dev.invalidator.chat.StatusCard;
import dev.invalidator.config.BotConfig;
import dev.invalidator.config.DistributionConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Requests that a second person must approve: posted as a status message in state "awaiting approval" with Approve
 * and Reject buttons. Only an approver other than the requester may click; every click is checked on the server and
 * recorded in the thread; approval continues the normal flow in the same message; nobody approving ends it as
 * "expired".
 *
 * <p>Any instance of the bot may get the click, so the status message in the channel is the state they share: a click
 * acts only while the message still says "awaiting approval", the buttons carry the request as a {@link RequestTicket}
 * whose digest the message's facts hold (so no other ticket acts on it), and every decision — approve, reject,
 * expire — is first posted in the thread. The earliest decision in the thread is the request's fate: the instance
 * that posted it carries it out at once; if it can't — it stopped, or Slack wouldn't read the thread back — whoever
 * finds the message still waiting with a decision older than {@code polling.abandonedAfter} carries it out instead (a
 * click on its buttons, or any instance's sweep). The CallerReference, derived from the message, makes a create that
 * still happened twice one invalidation at CloudFront.
 */
final class Approvals {

    private static final Logger log = LoggerFactory.getLogger(Approvals.class);

    /**
     * How long after its deadline a sweep expires a request: the instance that asked expires it at the deadline itself
     * when it still runs.
     */
    private static final Duration EXPIRY_GRACE = Duration.ofSeconds(30);

    /** Why an approval nobody can send failed, in the audit log. */
    private static final String HELD_ONLY_BY_A_STOPPED_INSTANCE =
            "approved, but its paths were held only by an instance that stopped before sending them; nothing was sent";

    /** An approver said yes: the request, to check again and run in the status message that waited. */
    record Approved(Waiting request, PostedMessage status, StatusCard card, Map<String, String> facts) {}

    /** What the instance that asked keeps: the request as checked then, and the message it waits in. */
    private record Kept(Waiting.Held request, PostedMessage status) {}

    private final BotConfig config;
    private final AccessPolicy policy;
    private final Chat chat;
    private final StatusPosts posts;
    private final Duration expiresAfter;
    private final Duration abandonedAfter;
    private final Duration sweepInterval;
    private final Clock clock;
    private final PendingRequests<Kept> held;
    private final ScheduledExecutorService timer;
    private final AuditLog audit;
    private final StepOutcomes steps;

    Approvals(
            BotConfig config,
            AccessPolicy policy,
            Chat chat,
            StatusPosts posts,
            Clock clock,
            ScheduledExecutorService timer,
            AuditLog audit,
            StepOutcomes steps) {
        this.config = config;
        this.policy = policy;
        this.chat = chat;
        this.posts = posts;
        this.expiresAfter = config.confirm().approvalExpiresAfter();
        this.abandonedAfter = config.polling().abandonedAfter();
        this.sweepInterval = config.polling().sweepInterval();
        this.clock = clock;
        this.held = new PendingRequests<>(expiresAfter, clock);
        this.timer = timer;
        this.audit = audit;
        this.steps = steps;
    }

    boolean required(PreparedRequest request) {
        return request.distribution().approval().requiredFor(request.paths().containsWipe());
    }

    /** Posts the request for approval and mentions the approvers in its thread. */
    void ask(
            PreparedRequest request,
            StatusCard requesting,
            Responder responder,
            Optional<StatusPosts.Confirmed> confirmed) {
        String id = held.newId();
        RequestTicket ticket = RequestTicket.of(id, request, clock.instant());
        Optional<PostedMessage> posted = posts.post(
                request,
                requesting.awaitingApproval(Optional.empty()),
                Map.of(StatusFacts.TICKET, ticket.digest()),
                confirmed,
                responder);
        if (posted.isEmpty()) {
            return;
        }
        PostedMessage status = posted.get();
        // Held before the buttons appear, so that no click on this instance can arrive for a request it doesn't hold.
        held.put(id, new Kept(new Waiting.Held(id, request, ticket.askedAt()), status));
        Quietly.show(
                "the Approve and Reject buttons",
                () -> chat.update(
                        status,
                        requesting.awaitingApproval(Optional.of(ticket.key())).message()));
        Quietly.show(
                "the call for an approver",
                () -> chat.reply(
                        status,
                        Replies.approvalWanted(
                                request.requester(),
                                request.distribution().approval().approvers())));
        expireLater(status, expiresAfter);
    }

    /**
     * A click on Approve or Reject in {@code clicked}. Returns the request to run when it was approved — by this
     * click, or by an earlier decision left undone.
     *
     * @param key     the button's value: the request's ticket, or its bare id when it was too big for one
     * @param whisper answers the clicker privately
     */
    Optional<Approved> click(String userId, boolean approve, String key, PostedMessage clicked, Responder whisper) {
        Optional<Chat.StatusRecord> record = chat.status(clicked);
        Optional<StatusCard> card = record.filter(status -> StatusCard.awaitsApproval(status.text()))
                .flatMap(status -> StatusFacts.card(status.facts()));
        if (card.isEmpty()) {
            whisper.answer(Replies.approvalGone());
            return Optional.empty();
        }
        Optional<Waiting> waiting = find(key, record.get());
        if (waiting.isEmpty()) {
            whisper.answer(RequestTicket.isId(key) ? Replies.heldByAnotherInstance() : Replies.unreadableButton());
            return Optional.empty();
        }
        Waiting request = waiting.get();
        Optional<DistributionConfig> distribution = config.byId(request.distributionId());
        if (distribution.isEmpty()) {
            whisper.answer(Replies.distributionRemoved());
            return Optional.empty();
        }
        AccessDecision mayApprove = policy.mayApprove(userId, request.requester(), distribution.get());
        if (!mayApprove.allowed()) {
            whisper.answer(Replies.denied(mayApprove.reason()));
            return Optional.empty();
        }
        Optional<Decision> earlier = chat.firstDecision(clicked);
        if (earlier.isPresent()) {
            whisper.answer(Replies.approvalGone());
            return carryOutIfLeft(record.get(), card.get(), earlier.get());
        }
        if (isPastDeadline(clicked)) {
            expire(record.get(), card.get());
            whisper.answer(Replies.approvalGone());
            return Optional.empty();
        }
        Verdict verdict = approve ? Verdict.APPROVED : Verdict.REJECTED;
        PostedMessage posted = chat.postDecision(
                clicked,
                verdict,
                Optional.of(userId),
                approve
                        ? Replies.approvedNotice(request.requester(), userId)
                        : Replies.rejectedNotice(request.requester(), userId));
        Optional<Decision> mine;
        try {
            mine = ifFirst(clicked, new Decision(posted, verdict, Optional.of(userId)));
        } catch (ChatException e) {
            log.warn(
                    "Recorded a decision on status message {} in {} but could not read the thread back; a sweep carries"
                            + " out the first one: {}",
                    clicked.ts(),
                    clicked.channel(),
                    e.getMessage());
            whisper.answer(Replies.decisionUnchecked(abandonedAfter.plus(sweepInterval)));
            return Optional.empty();
        }
        if (mine.isEmpty()) {
            whisper.answer(Replies.approvalGone());
            return Optional.empty();
        }
        return carryOut(record.get(), card.get(), mine.get(), Optional.of(request));
    }

    /**
     * A sweep found {@code record}: if it still waits for approval, carries out a decision its decider left undone, or
     * expires it when nobody decided in time. Returns the request to run when that decision is an approval.
     */
    Optional<Approved> sweep(Chat.StatusRecord record) {
        Optional<StatusCard> card = Optional.of(record)
                .filter(status -> StatusCard.awaitsApproval(status.text()))
                .flatMap(status -> StatusFacts.card(status.facts()));
        if (card.isEmpty()) {
            return Optional.empty();
        }
        Optional<Decision> first = chat.firstDecision(record.message());
        if (first.isPresent()) {
            return carryOutIfLeft(record, card.get(), first.get());
        }
        if (clock.instant().isAfter(deadline(record.message()).plus(EXPIRY_GRACE))) {
            expire(record, card.get());
        }
        return Optional.empty();
    }

    /**
     * The request the key names in this message: held here when this instance asked, else the key's ticket — but only
     * the ticket whose digest the message keeps, clicked in the message's channel.
     */
    private Optional<Waiting> find(String key, Chat.StatusRecord status) {
        Optional<RequestTicket> ticket = RequestTicket.decode(key);
        String id = ticket.map(RequestTicket::id).orElse(key);
        Optional<Waiting> mine = held.peek(id)
                .filter(request -> request.status().equals(status.message()))
                .map(Kept::request);
        if (mine.isPresent()) {
            return mine;
        }
        return ticket.filter(carried -> carried.digest().equals(status.facts().get(StatusFacts.TICKET))
                        && carried.channel().equals(status.message().channel()))
                .map(Waiting.Carried::new);
    }

    /**
     * A decision whose request still waits: carried out here only once it is older than {@code
     * polling.abandonedAfter}, since until then the instance that recorded it may be carrying it out right now.
     */
    private Optional<Approved> carryOutIfLeft(Chat.StatusRecord record, StatusCard card, Decision decision) {
        if (decision.recordedAt().plus(abandonedAfter).isAfter(clock.instant())) {
            return Optional.empty();
        }
        log.info(
                "Carrying out the decision ({}) left undone on status message {} in {}",
                decision.verdict(),
                record.message().ts(),
                record.message().channel());
        return carryOut(record, card, decision, Optional.empty());
    }

    /**
     * Records the decision in the audit log (here rather than where it is posted, so that one its decider left undone
     * is recorded by whichever instance carries it out) and shows a rejection or an expiry; for an approval,
     * returns the request to run — the one the click brought, else the one its Approve button names. A request too big
     * for a ticket that only a stopped instance held can't be run by anyone: the message says so.
     */
    private Optional<Approved> carryOut(
            Chat.StatusRecord record, StatusCard card, Decision decision, Optional<Waiting> clicked) {
        PostedMessage status = record.message();
        // A ticket names no workflow step: the message that waited does, and a group's member its group's.
        Optional<StepExecution> step = StatusFacts.sentFor(record.facts());
        audit.record(audited(decision, status.channel(), card).fromStep(step));
        switch (decision.verdict()) {
            case APPROVED -> {
                Optional<Waiting> request =
                        clicked.or(() -> record.approvalKey().flatMap(key -> find(key, record)));
                if (request.isPresent()) {
                    return Optional.of(new Approved(request.get(), status, card, record.facts()));
                }
                Quietly.show(
                        "an approval nobody can send",
                        () -> chat.update(status, card.approvedButLost().message()));
                Quietly.show(
                        "the notice to send it again",
                        () -> chat.reply(status, Replies.notRunNotice(card.requester())));
                audit.record(AuditEntry.notSent(status.channel(), card, HELD_ONLY_BY_A_STOPPED_INSTANCE)
                        .fromStep(step));
                ended(record.facts(), status, StatusCard.State.FAILED);
            }
            case REJECTED -> {
                Quietly.show(
                        "the rejection",
                        () -> chat.update(
                                status,
                                card.rejected(decision.decider().orElseThrow()).message()));
                ended(record.facts(), status, StatusCard.State.REJECTED);
            }
            case EXPIRED -> {
                Quietly.show(
                        "the expiry",
                        () -> chat.update(status, card.expired(expiresAfter).message()));
                ended(record.facts(), status, StatusCard.State.EXPIRED);
            }
        }
        return Optional.empty();
    }

    private AuditEntry audited(Decision decision, String channel, StatusCard card) {
        return switch (decision.verdict()) {
            case APPROVED, REJECTED ->
                AuditEntry.decided(
                        decision.verdict() == Verdict.APPROVED,
                        channel,
                        card,
                        decision.decider().orElseThrow());
            case EXPIRED -> AuditEntry.expired(channel, card, expiresAfter);
        };
    }

    /** A workflow's step waiting for this request ends with it. */
    private void ended(Map<String, String> facts, PostedMessage status, StatusCard.State state) {
        steps.ended(facts, status, state, Optional.empty(), OptionalInt.empty());
    }

    // FutureReturnValueIgnored: the task logs its own failures, and nothing cancels an expiry (it checks whether the
    // request still waits), so the ScheduledFuture has nothing to tell.
    @SuppressWarnings("FutureReturnValueIgnored")
    private void expireLater(PostedMessage status, Duration delay) {
        timer.schedule(
                () -> {
                    try {
                        expireIfUndecided(status);
                    } catch (RuntimeException e) {
                        log.warn("Could not expire the request in status message {}: {}", status.ts(), e.getMessage());
                    }
                },
                delay.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /**
     * At the deadline, on the instance that asked: ends a request nobody decided. A decided one is left to whoever
     * decided it, or to a sweep once that decision is old enough to have been left undone.
     */
    private void expireIfUndecided(PostedMessage status) {
        Optional<Chat.StatusRecord> found =
                chat.status(status).filter(record -> StatusCard.awaitsApproval(record.text()));
        Optional<StatusCard> card = found.flatMap(record -> StatusFacts.card(record.facts()));
        if (card.isPresent() && chat.firstDecision(status).isEmpty()) {
            expire(found.get(), card.get());
        }
    }

    /** Records the expiry of an undecided request, and carries it out unless another decision came first. */
    private void expire(Chat.StatusRecord record, StatusCard card) {
        decide(record.message(), Verdict.EXPIRED, Optional.empty(), Replies.expiredNotice(card.requester()))
                .ifPresent(expiry -> carryOut(record, card, expiry, Optional.empty()));
    }

    private Instant deadline(PostedMessage status) {
        return status.postedAt().plus(expiresAfter);
    }

    private boolean isPastDeadline(PostedMessage status) {
        return clock.instant().isAfter(deadline(status));
    }

    /**
     * Records a decision in the thread and returns it when it is the one that counts: the earliest in the thread. A
     * later one says it changed nothing, and the answer is empty.
     *
     * @param decider who decided; empty for an expiry
     */
    private Optional<Decision> decide(PostedMessage status, Verdict verdict, Optional<String> decider, Message notice) {
        PostedMessage mine = chat.postDecision(status, verdict, decider, notice);
        return ifFirst(status, new Decision(mine, verdict, decider));
    }

    /** {@code recorded} when it is the earliest decision in the thread; else it is marked as late, and empty. */
    private Optional<Decision> ifFirst(PostedMessage status, Decision recorded) {
        PostedMessage mine = recorded.message();
        Decision first = chat.firstDecision(status).orElse(recorded);
        if (!first.message().equals(mine)) {
            Quietly.show("a late decision as late", () -> chat.update(mine, Replies.lateDecision()));
            return Optional.empty();
        }
        return Optional.of(recorded);
    }
}

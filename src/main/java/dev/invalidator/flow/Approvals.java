package dev.invalidator.flow;

import dev.invalidator.access.AccessDecision;
import dev.invalidator.access.AccessPolicy;
import dev.invalidator.chat.Chat;
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
 * expire — is first posted in the thread: when two instances decide at once, the earliest decision in the thread is
 * the one that acts, the other says it came late. The CallerReference, derived from the message, makes a create
 * that still happened twice one invalidation at CloudFront.
 */
final class Approvals {

    private static final Logger log = LoggerFactory.getLogger(Approvals.class);

    /**
     * How long after its deadline a sweep expires a request: the instance that asked expires it at the deadline itself
     * when it still runs.
     */
    private static final Duration EXPIRY_GRACE = Duration.ofSeconds(30);

    /** An approver said yes: the request, to check again and run in the status message that waited. */
    record Approved(Waiting request, PostedMessage status, StatusCard card) {}

    /** What the instance that asked keeps: the request as checked then, and the message it waits in. */
    private record Kept(Waiting.Held request, PostedMessage status) {}

    private final BotConfig config;
    private final AccessPolicy policy;
    private final Chat chat;
    private final StatusPosts posts;
    private final Duration expiresAfter;
    private final Clock clock;
    private final PendingRequests<Kept> held;
    private final ScheduledExecutorService timer;
    private final AuditLog audit;

    Approvals(
            BotConfig config,
            AccessPolicy policy,
            Chat chat,
            StatusPosts posts,
            Clock clock,
            ScheduledExecutorService timer,
            AuditLog audit) {
        this.config = config;
        this.policy = policy;
        this.chat = chat;
        this.posts = posts;
        this.expiresAfter = config.confirm().approvalExpiresAfter();
        this.clock = clock;
        this.held = new PendingRequests<>(expiresAfter, clock);
        this.timer = timer;
        this.audit = audit;
    }

    boolean required(PreparedRequest request) {
        return request.distribution().approval().requiredFor(request.paths().containsFullWipe());
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
     * A click on Approve or Reject in {@code clicked}. Returns the request to run when it was approved.
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
        if (isPastDeadline(clicked)) {
            expire(clicked);
            whisper.answer(Replies.approvalGone());
            return Optional.empty();
        }
        Message decision = approve
                ? Replies.approvedNotice(request.requester(), userId)
                : Replies.rejectedNotice(request.requester(), userId);
        if (!held.claim(request.id()) || !decide(clicked, decision)) {
            whisper.answer(Replies.approvalGone());
            return Optional.empty();
        }
        audit.record(AuditEntry.decided(approve, request, userId));
        if (!approve) {
            Quietly.show(
                    "the rejection",
                    () -> chat.update(clicked, card.get().rejected(userId).message()));
            return Optional.empty();
        }
        return Optional.of(new Approved(request, clicked, card.get()));
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
     * A sweep found {@code record}: a request still waiting for approval that nobody decided on expires 30 s after its
     * deadline, in case the instance that asked — which expires it at the deadline — has stopped, taking its timer
     * along.
     */
    void sweep(Chat.StatusRecord record) {
        if (StatusCard.awaitsApproval(record.text())
                && clock.instant().isAfter(deadline(record.message()).plus(EXPIRY_GRACE))
                && chat.firstDecision(record.message()).isEmpty()) {
            expire(record.message());
        }
    }

    // FutureReturnValueIgnored: the task logs its own failures, and nothing cancels an expiry (expire() checks whether
    // the request still waits), so the ScheduledFuture has nothing to tell.
    @SuppressWarnings("FutureReturnValueIgnored")
    private void expireLater(PostedMessage status, Duration delay) {
        timer.schedule(
                () -> {
                    try {
                        expire(status);
                    } catch (RuntimeException e) {
                        log.warn("Could not expire the request in status message {}: {}", status.ts(), e.getMessage());
                    }
                },
                delay.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** Ends a request nobody approved in time, if it still waits and no other decision came first. */
    private void expire(PostedMessage status) {
        Optional<Chat.StatusRecord> record = chat.status(status);
        Optional<StatusCard> card = record.filter(found -> StatusCard.awaitsApproval(found.text()))
                .flatMap(found -> StatusFacts.card(found.facts()));
        if (card.isEmpty() || !decide(status, Replies.expiredNotice(card.get().requester()))) {
            return;
        }
        audit.record(AuditEntry.expired(status.channel(), card.get(), expiresAfter));
        Quietly.show(
                "the expiry",
                () -> chat.update(status, card.get().expired(expiresAfter).message()));
    }

    private Instant deadline(PostedMessage status) {
        return status.postedAt().plus(expiresAfter);
    }

    private boolean isPastDeadline(PostedMessage status) {
        return clock.instant().isAfter(deadline(status));
    }

    /**
     * Records {@code notice} in the thread and tells whether it is the decision that counts: the earliest in the
     * thread. A later one says it changed nothing.
     */
    private boolean decide(PostedMessage status, Message notice) {
        PostedMessage mine = chat.postDecision(status, notice);
        boolean first = chat.firstDecision(status).map(mine::equals).orElse(true);
        if (!first) {
            Quietly.show("a late decision as late", () -> chat.update(mine, Replies.lateDecision()));
        }
        return first;
    }
}

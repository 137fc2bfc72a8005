package dev.invalidator.flow;

import dev.invalidator.access.AccessDecision;
import dev.invalidator.access.AccessPolicy;
import dev.invalidator.chat.Chat;
import dev.invalidator.chat.ChatException;
import dev.invalidator.chat.PostedMessage;
import dev.invalidator.chat.Replies;
import dev.invalidator.chat.Responder;
import dev.invalidator.chat.StatusCard;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Requests that a second person must approve: posted as a status message in state "awaiting approval" with Approve
 * and Reject buttons. Only an approver other than the requester may click; every click is checked on the server and
 * recorded in the thread; approval continues the normal flow in the same message; nobody approving ends it as
 * "expired". Taking the request out of the store is what makes two clicks, or a click racing the expiry, act once.
 */
final class Approvals {

    private static final Logger log = LoggerFactory.getLogger(Approvals.class);

    /** A request waiting in its status message. */
    record Waiting(PreparedRequest request, StatusCard card, PostedMessage status) {
    }

    private final AccessPolicy policy;
    private final Gate gate;
    private final Chat chat;
    private final Duration expiresAfter;
    private final PendingRequests<Waiting> waiting;
    private final ScheduledExecutorService timer;
    private final AuditLog audit;

    Approvals(AccessPolicy policy, Gate gate, Chat chat, Duration expiresAfter, Clock clock,
              ScheduledExecutorService timer, AuditLog audit) {
        this.policy = policy;
        this.gate = gate;
        this.chat = chat;
        this.expiresAfter = expiresAfter;
        // The store keeps entries a little longer than the timer, so the timer always finds what it must expire.
        this.waiting = new PendingRequests<>(expiresAfter.plusMinutes(1), clock);
        this.timer = timer;
        this.audit = audit;
    }

    boolean required(PreparedRequest request) {
        return request.distribution().approval().requiredFor(request.paths().containsFullWipe());
    }

    /** Posts the request for approval and mentions the approvers in its thread. */
    void ask(PreparedRequest request, StatusCard requesting, Responder responder) {
        String id = waiting.newId();
        StatusCard card = requesting.awaitingApproval(Optional.of(id));
        PostedMessage status;
        try {
            status = chat.post(request.channel(), requesting.awaitingApproval(Optional.empty()).message(),
                    StatusFacts.of(request));
        } catch (ChatException e) {
            responder.answer(Replies.cannotPost(e));
            return;
        }
        // Stored before the buttons appear, so that no click can arrive for a request the bot doesn't hold yet.
        waiting.put(id, new Waiting(request, card, status));
        quietly(() -> chat.update(status, card.message()));
        quietly(() -> chat.reply(status, Replies.approvalWanted(request.requester(),
                request.distribution().approval().approvers())));
        timer.schedule(() -> expire(id), expiresAfter.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * A click on Approve or Reject. Returns the request to run when it was approved.
     *
     * @param whisper answers the clicker privately
     */
    Optional<Waiting> click(String userId, boolean approve, String id, Responder whisper) {
        Optional<Waiting> found = waiting.peek(id);
        if (found.isEmpty()) {
            whisper.answer(Replies.approvalGone());
            return Optional.empty();
        }
        PreparedRequest request = found.get().request();
        AccessDecision mayApprove = policy.mayApprove(userId, request.requester(), request.distribution());
        if (!mayApprove.allowed()) {
            whisper.answer(Replies.denied(mayApprove.reason()));
            return Optional.empty();
        }
        Optional<Waiting> taken = waiting.take(id);
        if (taken.isEmpty()) {
            whisper.answer(Replies.approvalGone());
            return Optional.empty();
        }
        Waiting decided = taken.get();
        audit.record(approve ? AuditLog.Decision.APPROVED : AuditLog.Decision.REJECTED, request, "by " + userId);
        if (!approve) {
            quietly(() -> chat.update(decided.status(), decided.card().rejected(userId).message()));
            quietly(() -> chat.reply(decided.status(), Replies.rejectedNotice(request.requester(), userId)));
            return Optional.empty();
        }
        AccessDecision stillAllowed = gate.recheck(request.requester(), request.channel(), request.distribution());
        if (!stillAllowed.allowed()) {
            quietly(() -> chat.update(decided.status(), decided.card().failed(stillAllowed.reason(),
                    "Nothing was invalidated.").message()));
            return Optional.empty();
        }
        quietly(() -> chat.reply(decided.status(), Replies.approvedNotice(request.requester(), userId)));
        return Optional.of(decided);
    }

    private void expire(String id) {
        waiting.take(id).ifPresent(expired -> {
            audit.record(AuditLog.Decision.EXPIRED, expired.request(), "nobody approved within " + expiresAfter);
            quietly(() -> chat.update(expired.status(), expired.card().expired(expiresAfter).message()));
            quietly(() -> chat.reply(expired.status(), Replies.expiredNotice(expired.request().requester())));
        });
    }

    private static void quietly(Runnable chatCall) {
        try {
            chatCall.run();
        } catch (ChatException e) {
            log.warn("Could not show an approval step in Slack: {}", e.getMessage());
        }
    }
}

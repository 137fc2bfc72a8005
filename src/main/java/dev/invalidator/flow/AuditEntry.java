package dev.invalidator.flow;

import dev.invalidator.cdn.CdnException;
import dev.invalidator.cdn.Invalidation;
import dev.invalidator.chat.StatusCard;
import java.time.Duration;
import java.util.Optional;

/**
 * One decision about a request, as the {@link AuditLog} writes it. The factories take the flow's own objects, so each
 * kind of decision fills its fields the same way wherever it is taken, and no caller lines up six strings by hand.
 *
 * <pre>{@code
 * audit.record(AuditEntry.created(request, invalidation, reference));
 * audit.record(AuditEntry.of(AuditEntry.Decision.RATE_LIMITED, request, reason));
 * }</pre>
 *
 * @param distribution    the distribution id; for a refused typed command, the name that was typed
 * @param reason          why, in words; empty when the decision needs none
 * @param invalidation    the invalidation's id once CloudFront created it, else empty
 * @param callerReference the reference sent to CloudFront, once one was, else empty
 * @param source          what asked: {@code command} (typed, clicked or a form), or {@code workflow}
 * @param step            the run of the workflow's step that asked, else empty
 */
record AuditEntry(
        Decision decision,
        String channel,
        String user,
        String distribution,
        int paths,
        String reason,
        String invalidation,
        String callerReference,
        String source,
        String step) {

    static final String COMMAND = "command";
    static final String WORKFLOW = "workflow";

    /** What happened to a request. */
    enum Decision {
        CREATED,
        FAILED,
        DENIED,
        INVALID,
        RATE_LIMITED,
        CONFIRMED,
        CANCELLED,
        AWAITING_APPROVAL,
        QUEUED,
        QUEUE_FULL,
        APPROVED,
        REJECTED,
        EXPIRED
    }

    /** A decision about a request that passed every check, before anything was sent to CloudFront. */
    static AuditEntry of(Decision decision, PreparedRequest request, String reason) {
        return of(decision, request, request.paths().accepted().size(), reason);
    }

    /** The same decision, about a request a workflow's step sent (or none). */
    AuditEntry fromStep(Optional<StepExecution> run) {
        return run.map(execution -> new AuditEntry(
                        decision,
                        channel,
                        user,
                        distribution,
                        paths,
                        reason,
                        invalidation,
                        callerReference,
                        WORKFLOW,
                        execution.id()))
                .orElse(this);
    }

    /** A typed command refused before it became a request: the distribution is the name typed, the paths the tokens. */
    static AuditEntry refused(Preparation.Refused refused, SlashCommand command, Command.Invalidate typed) {
        int paths = typed.pathTokens().size();
        return about(refusal(refused), command.channelId(), command.userId(), typed.target(), paths, refused.inline());
    }

    /** A waiting request refused when checked again at the click that would have sent it. */
    static AuditEntry refused(Preparation.Refused refused, Waiting request) {
        return of(refusal(refused), request, refused.inline());
    }

    static AuditEntry cancelled(Waiting request) {
        return of(Decision.CANCELLED, request, "");
    }

    /**
     * An approver's decision, carried out by the instance that recorded it or, when that one couldn't, by whoever found
     * it left undone: approved or rejected {@code by} them, as the status message in {@code channel} shows the request.
     */
    static AuditEntry decided(boolean approved, String channel, StatusCard card, String approver) {
        Decision decision = approved ? Decision.APPROVED : Decision.REJECTED;
        return about(decision, channel, card.requester(), card.distributionId(), card.pathCount(), "by " + approver);
    }

    /**
     * A request a sweep took over from a stopped instance (queued, or the rest of a split one), refused when checked
     * again, as its status message in {@code channel} shows it.
     */
    static AuditEntry refused(Preparation.Refused refused, String channel, StatusCard card) {
        return about(
                refusal(refused), channel, card.requester(), card.distributionId(), card.pathCount(), refused.inline());
    }

    /** A request a stopped instance left that nobody can send any more: it failed {@code why}, and nothing was sent. */
    static AuditEntry notSent(String channel, StatusCard card, String why) {
        return about(Decision.FAILED, channel, card.requester(), card.distributionId(), card.pathCount(), why);
    }

    /** A request nobody approved within {@code waited}, as its status message in {@code channel} shows it. */
    static AuditEntry expired(String channel, StatusCard card, Duration waited) {
        String reason = "nobody approved within " + waited;
        return about(Decision.EXPIRED, channel, card.requester(), card.distributionId(), card.pathCount(), reason);
    }

    /** CloudFront refused the create sent with {@code callerReference}. */
    static AuditEntry failed(PreparedRequest request, CdnException e, String callerReference) {
        return of(Decision.FAILED, request, e.getMessage()).sent("", callerReference);
    }

    /** CloudFront created {@code invalidation}; its paths are counted as CloudFront took them. */
    static AuditEntry created(PreparedRequest request, Invalidation invalidation, String callerReference) {
        return of(Decision.CREATED, request, invalidation.paths().size(), "").sent(invalidation.id(), callerReference);
    }

    private static AuditEntry of(Decision decision, Waiting request, String reason) {
        String user = request.requester();
        return about(decision, request.channel(), user, request.distributionId(), request.pathCount(), reason);
    }

    private static AuditEntry of(Decision decision, PreparedRequest request, int paths, String reason) {
        String distribution = request.distribution().id();
        return about(decision, request.channel(), request.requester(), distribution, paths, reason)
                .fromStep(request.step());
    }

    /** Before CloudFront: no invalidation, no reference. */
    private static AuditEntry about(
            Decision decision, String channel, String user, String distribution, int paths, String reason) {
        return new AuditEntry(decision, channel, user, distribution, paths, reason, "", "", COMMAND, "");
    }

    /** This decision, once a create was sent with {@code callerReference}. */
    private AuditEntry sent(String invalidation, String callerReference) {
        return new AuditEntry(
                decision, channel, user, distribution, paths, reason, invalidation, callerReference, source, step);
    }

    /** Bad paths are the person's typo; anything else is access, or a distribution CloudFront can't describe. */
    private static Decision refusal(Preparation.Refused refused) {
        return refused.field() == Preparation.Field.PATHS ? Decision.INVALID : Decision.DENIED;
    }
}

package dev.invalidator.flow;

import dev.invalidator.cdn.CdnException;
import dev.invalidator.chat.ConfirmationCard;
import dev.invalidator.chat.Replies;
import dev.invalidator.chat.StepReplies;
import dev.invalidator.config.DistributionGroup;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The custom step "Invalidate CloudFront paths" of a workflow: the same request as {@code /invalidate <target>
 * <paths>} typed by the person the step runs for, in the channel it names — every check, the rate limits, the queue,
 * the approval, the status message and its thread, the refresh check — with the step's run kept in the status
 * message's facts, so that whoever sees the request end completes the step ({@link StepOutcomes}).
 *
 * <p>Nobody is there to click in a workflow: a request a chat would ask to confirm (a wipe, a cache tag, many paths,
 * a charge) fails the step, saying why, unless the distribution lets workflows send such requests ({@code
 * workflowsSkipConfirm}); it then goes on as if confirmed, to its approvers first if it has any.
 */
final class WorkflowStep {

    private static final Logger log = LoggerFactory.getLogger(WorkflowStep.class);

    private final SubmitInvalidation submit;
    private final Confirmations confirmations;
    private final GroupRequests groups;
    private final StepOutcomes outcomes;
    private final AuditLog audit;

    WorkflowStep(
            SubmitInvalidation submit,
            Confirmations confirmations,
            GroupRequests groups,
            StepOutcomes outcomes,
            AuditLog audit) {
        this.submit = submit;
        this.confirmations = confirmations;
        this.groups = groups;
        this.outcomes = outcomes;
        this.audit = audit;
    }

    void run(StepRun run) {
        StepExecution step = run.execution();
        log.info("Workflow step {} runs for {} in {} on {}", step.id(), run.user(), run.channel(), run.target());
        Optional<DistributionGroup> group = groups.named(Optional.of(run.target()));
        if (group.isPresent()) {
            groups.runStep(run, group.get(), error -> outcomes.refused(step, error));
            return;
        }
        Preparation preparation = submit.prepare(run.user(), run.channel(), run.target(), run.pathTokens(), run.note());
        if (preparation instanceof Preparation.Refused refused) {
            audit.record(AuditEntry.refused(
                            refused,
                            new SlashCommand(run.user(), run.channel(), "", ""),
                            new Command.Invalidate(run.target(), run.pathTokens()))
                    .fromStep(Optional.of(step)));
            outcomes.refused(
                    step,
                    refused.field() == Preparation.Field.PATHS
                            ? StepReplies.refused(refused.inline())
                            : StepReplies.refused(refused.answer()));
            return;
        }
        PreparedRequest request = ((Preparation.Ready) preparation).request().forStep(Optional.of(step));
        Optional<ConfirmationCard> question;
        try {
            question = confirmations.ask(request);
        } catch (CdnException e) {
            outcomes.refused(step, StepReplies.refused(Replies.cdnProblem(e)));
            return;
        }
        if (question.isPresent() && !request.distribution().workflowsSkipConfirm()) {
            audit.record(AuditEntry.of(AuditEntry.Decision.CANCELLED, request, "a workflow can't confirm it"));
            outcomes.refused(step, StepReplies.needsConfirmation(question.get()));
            return;
        }
        submit.run(request, answer -> outcomes.refused(step, StepReplies.refused(answer)), Optional.empty());
    }
}

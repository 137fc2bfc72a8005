package dev.invalidator.flow;

import java.util.Objects;

/**
 * The run of a workflow's custom step a request belongs to: Slack's id for it, and whether the workflow waits for the
 * invalidation to complete or goes on once it is created. Kept with the status message's facts, so that whichever
 * instance sees the request end — after a restart, or another replica — completes the step.
 *
 * @param id    the function execution id, e.g. {@code Fx0123ABCDEF}
 * @param waits true: the step completes when the invalidation completes (and the refresh check is done); false: when
 *              it is created
 */
public record StepExecution(String id, boolean waits) {

    public StepExecution {
        Objects.requireNonNull(id, "id");
    }
}

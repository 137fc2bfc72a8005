package dev.invalidator.flow;

import java.util.Map;

/**
 * Ends the run of a workflow's custom step ({@code functions.completeSuccess} / {@code functions.completeError} in
 * Slack). Slack lets a run end once: a second completion, from another replica or a sweep, is answered {@link
 * Answer#ENDED_ALREADY} and changes nothing, which is what lets every instance try.
 */
public interface WorkflowSteps {

    /** What Slack said to a completion. */
    enum Answer {
        /** This call ended the run. */
        DONE,
        /** The run had ended already (or Slack no longer knows it): nothing to do. */
        ENDED_ALREADY,
        /** Slack could not be reached or refused otherwise: whoever finds the run still open tries again. */
        FAILED
    }

    /** Ends the run successfully with {@code outputs}, named and typed as the manifest declares them. */
    Answer complete(String executionId, Map<String, Object> outputs);

    /** Ends the run as failed with {@code error}, which Slack shows the person who ran the workflow. */
    Answer fail(String executionId, String error);
}

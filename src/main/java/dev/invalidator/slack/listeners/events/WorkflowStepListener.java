package dev.invalidator.slack.listeners.events;

import com.slack.api.bolt.App;
import com.slack.api.bolt.response.Response;
import com.slack.api.model.event.FunctionExecutedEvent;
import dev.invalidator.flow.CommandHandler;
import dev.invalidator.flow.StepExecution;
import dev.invalidator.flow.StepRun;
import dev.invalidator.slack.listeners.Handoff;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;

/**
 * The custom step "Invalidate CloudFront paths" ({@code functions.invalidate_cloudfront} in {@code manifest.yml}): Slack
 * sends {@code function_executed} when a workflow reaches it. The envelope is acked at once and the request runs on a
 * worker; the step ends later, when the request does ({@code flow/StepOutcomes}).
 */
public final class WorkflowStepListener {

    /** The step's {@code callback_id}, as {@code manifest.yml} declares it. */
    public static final String CALLBACK_ID = "invalidate_cloudfront";

    /** The step's inputs, as {@code manifest.yml} names them. */
    public static final List<String> INPUTS = List.of("target", "paths", "user", "channel", "note", "check", "wait");

    private WorkflowStepListener() {}

    /**
     * Listens for the step's runs.
     *
     * @param started told each run's id and the token its event carries, which ends that run (kept by {@code
     *     slack/SlackWorkflowSteps}; never passed to the flow, which logs what it handles)
     */
    public static void register(App app, CommandHandler handler, Executor workers, BiConsumer<String, String> started) {
        app.function(CALLBACK_ID, (request, context) -> {
            FunctionExecutedEvent event = request.getEvent();
            started.accept(event.getFunctionExecutionId(), event.getBotAccessToken());
            StepRun run = run(event);
            if (!Handoff.toWorkers(workers, () -> handler.runStep(run), "a workflow step")) {
                // Not acked: Slack delivers an unacknowledged event again later, when the workers may have room.
                return Response.builder().statusCode(503).build();
            }
            return context.ack();
        });
    }

    private static StepRun run(FunctionExecutedEvent event) {
        Map<String, FunctionExecutedEvent.InputValue> inputs =
                Optional.ofNullable(event.getInputs()).orElse(Map.of());
        return new StepRun(
                new StepExecution(event.getFunctionExecutionId(), !"false".equalsIgnoreCase(text(inputs, "wait"))),
                text(inputs, "target"),
                text(inputs, "paths"),
                text(inputs, "user"),
                text(inputs, "channel"),
                Optional.of(text(inputs, "note")),
                text(inputs, "check"));
    }

    /** An input as text: an array's items one per line; empty when the workflow left it out. */
    private static String text(Map<String, FunctionExecutedEvent.InputValue> inputs, String name) {
        FunctionExecutedEvent.InputValue value = inputs.get(name);
        if (value == null) {
            return "";
        }
        if (value.getStringValues() != null) {
            return String.join("\n", value.getStringValues());
        }
        return Optional.ofNullable(value.getStringValue()).orElse("");
    }
}

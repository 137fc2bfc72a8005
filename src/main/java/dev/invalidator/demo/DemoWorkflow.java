package dev.invalidator.demo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.invalidator.sandbox.SlackSimulator;
import dev.invalidator.sandbox.SlackSimulator.StepCompletion;
import dev.invalidator.sandbox.SlackSimulator.StepExecution;
import dev.invalidator.slack.listeners.events.WorkflowStepListener;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code :workflow web /index.html /css/*} in the demo: a workflow reaches the bot's custom step "Invalidate CloudFront
 * paths" with those inputs, for the person typing, in the channel they are in, waiting for completion — as Workflow
 * Builder would run it — and the demo shows how Slack saw the step end.
 */
final class DemoWorkflow {

    static final String COMMAND = ":workflow";
    private static final long POLL_NANOS = Duration.ofMillis(20).toNanos();

    private final SlackSimulator slack;
    private final ObjectMapper json = new ObjectMapper();

    DemoWorkflow(SlackSimulator slack) {
        this.slack = slack;
    }

    /** Runs the step; empty when {@code argument} names no target and paths (the line to show says how). */
    Optional<StepExecution> run(String personId, String channelId, String argument) {
        List<String> words = List.of(argument.strip().split("\\s+"));
        if (words.size() < 2) {
            return Optional.empty();
        }
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("target", words.get(0));
        inputs.put("paths", String.join("\n", words.subList(1, words.size())));
        inputs.put("user", personId);
        inputs.put("channel", channelId);
        inputs.put("wait", true);
        return Optional.of(slack.runStep(WorkflowStepListener.CALLBACK_ID, inputs));
    }

    static String usage() {
        return "Say the distribution and the paths, e.g. " + COMMAND + " web /index.html /css/*";
    }

    /** How Slack saw the run end, once it has within {@code timeout}. */
    Optional<StepCompletion> awaitEnd(StepExecution execution, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<StepCompletion> end = slack.stepCompletions().stream()
                    .filter(completion -> completion.executionId().equals(execution.executionId()))
                    .filter(StepCompletion::accepted)
                    .findFirst();
            if (end.isPresent()) {
                return end;
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
        return Optional.empty();
    }

    /** The end as Workflow Builder would show it: the outputs the next steps get, or the error the person sees. */
    String describe(StepCompletion end) {
        if (!end.success()) {
            return "⚙ Workflow step failed: " + end.error().orElse("");
        }
        JsonNode outputs = parse(end.outputs().orElse("{}"));
        return "⚙ Workflow step completed: state " + outputs.path("state").asText() + " · invalidation "
                + outputs.path("invalidation_ids").asText() + " · "
                + outputs.path("stale_urls").asInt()
                + " stale URLs · " + outputs.path("status_message").asText();
    }

    private JsonNode parse(String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            return json.createObjectNode();
        }
    }
}

package dev.invalidator.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.invalidator.sandbox.SlackMethod.Failure;
import dev.invalidator.sandbox.SlackMethod.Request;
import dev.invalidator.sandbox.SlackMethod.Route;
import dev.invalidator.sandbox.SlackSimulator.Auth;
import dev.invalidator.sandbox.SlackSimulator.Envelope;
import dev.invalidator.sandbox.SlackSimulator.StepCompletion;
import dev.invalidator.sandbox.SlackSimulator.StepExecution;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Workflow Builder's custom steps as Slack runs them for a Bolt app: a {@code function_executed} event in an {@code
 * events_api} envelope, carrying the step's inputs and a token for this execution alone, and {@code
 * functions.completeSuccess} / {@code functions.completeError}, which end the execution once. An execution that ended
 * answers {@code function_execution_not_found} to any later completion, as Slack documents for a function "completed
 * and cannot be found" (docs.slack.dev/reference/methods/functions.completeError).
 */
final class SlackFunctions {

    /** One run of a step: its token, and whether a completion ended it. */
    private record Execution(String token, boolean ended) {}

    private final ObjectMapper json;
    private final Clock clock;
    private final SlackPayloads payloads;
    private final SlackSocketServer socket;
    private final Supplier<String> newToken;
    private final Map<String, Execution> executions = new HashMap<>();
    private final List<StepCompletion> completions = new ArrayList<>();

    SlackFunctions(
            ObjectMapper json, Clock clock, SlackPayloads payloads, SlackSocketServer socket, Supplier<String> token) {
        this.json = json;
        this.clock = clock;
        this.payloads = payloads;
        this.socket = socket;
        this.newToken = token;
    }

    void register(Map<String, Route> routes) {
        // docs.slack.dev/reference/methods/functions.completeSuccess: bot tokens, no scope; the event's token is one
        Set<Auth> tokens = Set.of(Auth.BOT, Auth.WORKFLOW);
        routes.put("functions.completeSuccess", new Route(tokens, r -> complete(r, true)));
        routes.put("functions.completeError", new Route(tokens, r -> complete(r, false)));
    }

    /** Whether {@code token} is the token of a step's execution. */
    synchronized boolean isExecutionToken(String token) {
        return executions.values().stream()
                .anyMatch(execution -> execution.token().equals(token));
    }

    /** Runs the step {@code callbackId} with {@code inputs}: the event goes out over Socket Mode. */
    StepExecution execute(String callbackId, Map<String, ?> inputs) {
        String executionId = "Fx0SIM" + random(8);
        String token = newToken.get();
        synchronized (this) {
            executions.put(executionId, new Execution(token, false));
        }
        ObjectNode function = json.createObjectNode()
                .put("id", "Fn0SIM" + callbackId.hashCode())
                .put("callback_id", callbackId)
                .put("title", callbackId)
                .put("type", "app")
                .put("app_id", SlackWorld.APP_ID)
                .put("date_created", clock.millis() / 1000)
                .put("date_updated", clock.millis() / 1000)
                .put("date_deleted", 0);
        function.putArray("input_parameters");
        function.putArray("output_parameters");
        ObjectNode event = json.createObjectNode().put("type", "function_executed");
        event.set("function", function);
        event.set("inputs", json.valueToTree(inputs));
        event.put("function_execution_id", executionId)
                .put("workflow_execution_id", "Wx0SIM" + random(8))
                .put("event_ts", String.format(Locale.ROOT, "%.6f", clock.millis() / 1000.0))
                .put("bot_access_token", token);
        ObjectNode payload = payloads.eventCallback(event);
        String envelopeId = UUID.randomUUID().toString();
        Instant sentAt = clock.instant();
        CompletableFuture<SlackSimulator.Ack> ack = socket.deliver(
                envelopeId,
                payloads.envelope(envelopeId, "events_api", payload, false).toString());
        return new StepExecution(executionId, new Envelope(envelopeId, "events_api", ack, sentAt, null, null));
    }

    synchronized List<StepCompletion> completions() {
        return List.copyOf(completions);
    }

    private synchronized ObjectNode complete(Request r, boolean success) {
        String executionId = r.param("function_execution_id");
        Optional<String> outputs = Optional.ofNullable(r.param("outputs"));
        Optional<String> error = Optional.ofNullable(r.param("error"));
        Execution execution = executionId == null ? null : executions.get(executionId);
        String refusal = refusal(r, success, execution, outputs, error);
        if (refusal == null && success && !isObject(outputs.get())) {
            refusal = "invalid_arguments";
        }
        completions.add(new StepCompletion(
                String.valueOf(executionId), r.method(), outputs, error, r.auth(), refusal == null, clock.instant()));
        if (refusal != null) {
            throw new Failure(refusal);
        }
        executions.put(executionId, new Execution(execution.token(), true));
        return json.createObjectNode();
    }

    private static String refusal(
            Request r, boolean success, Execution execution, Optional<String> outputs, Optional<String> error) {
        if (r.param("function_execution_id") == null || (success ? outputs.isEmpty() : error.isEmpty())) {
            return "invalid_arguments";
        }
        if (execution == null || execution.ended()) {
            return "function_execution_not_found";
        }
        return null;
    }

    private boolean isObject(String text) {
        try {
            JsonNode node = json.readTree(text);
            return node != null && node.isObject();
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    private static String random(int chars) {
        return UUID.randomUUID().toString().replace("-", "").substring(0, chars).toUpperCase(Locale.ROOT);
    }
}

package dev.invalidator.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.methods.response.functions.FunctionsCompleteErrorResponse;
import com.slack.api.methods.response.functions.FunctionsCompleteSuccessResponse;
import com.slack.api.model.event.FunctionExecutedEvent;
import dev.invalidator.sandbox.SlackSimulator.Auth;
import dev.invalidator.sandbox.SlackSimulator.StepCompletion;
import dev.invalidator.sandbox.SlackSimulator.StepExecution;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Workflow steps as Slack runs them for a Bolt app: {@code function_executed} reaches a real Bolt {@code
 * app.function} listener with its inputs and its own token, and a run ends once, as Slack's methods say.
 */
class SlackFunctionsTest {

    private SlackSimulator sim;
    private SlackBolt bolt;
    private final CompletableFuture<FunctionExecutedEvent> received = new CompletableFuture<>();

    @BeforeEach
    void start() throws Exception {
        sim = SlackSimulator.start();
        bolt = new SlackBolt(sim);
        bolt.app.function("invalidate_cloudfront", (request, context) -> {
            received.complete(request.getEvent());
            return context.ack();
        });
        bolt.start(sim);
        sim.awaitConnections(1, Duration.ofSeconds(20));
    }

    @AfterEach
    void stop() {
        bolt.close();
        sim.close();
    }

    private FunctionExecutedEvent execute(StepExecution execution) {
        execution.envelope().ack().orTimeout(10, TimeUnit.SECONDS).join();
        return received.orTimeout(10, TimeUnit.SECONDS).join();
    }

    @Test
    void the_event_carries_the_inputs_the_execution_id_and_a_token_for_the_execution() {
        StepExecution execution = sim.runStep(
                "invalidate_cloudfront", Map.of("target", "web", "user", SlackSimulator.ALICE, "wait", false));

        FunctionExecutedEvent event = execute(execution);

        assertThat(event.getFunction().getCallbackId()).isEqualTo("invalidate_cloudfront");
        assertThat(event.getFunctionExecutionId()).isEqualTo(execution.executionId());
        assertThat(event.getInputs().get("target").asString()).isEqualTo("web");
        assertThat(event.getInputs().get("user").asString()).isEqualTo(SlackSimulator.ALICE);
        assertThat(event.getInputs().get("wait").asString()).isEqualTo("false");
        assertThat(event.getBotAccessToken()).startsWith("xwfp-").isNotEqualTo(sim.botToken());
    }

    @Test
    void a_run_ends_once_a_second_completion_is_told_the_execution_is_not_found() throws Exception {
        StepExecution execution = sim.runStep("invalidate_cloudfront", Map.of("target", "web"));
        FunctionExecutedEvent event = execute(execution);

        FunctionsCompleteSuccessResponse first = bolt.slack
                .methods(event.getBotAccessToken())
                .functionsCompleteSuccess(
                        r -> r.functionExecutionId(execution.executionId()).outputs(Map.of("state", "completed")));
        FunctionsCompleteErrorResponse second = bolt.slack
                .methods(sim.botToken())
                .functionsCompleteError(
                        r -> r.functionExecutionId(execution.executionId()).error("too late"));

        assertThat(first.isOk()).isTrue();
        assertThat(second.isOk()).isFalse();
        assertThat(second.getError()).isEqualTo("function_execution_not_found");
        List<StepCompletion> completions = sim.stepCompletions();
        assertThat(completions).extracting(StepCompletion::accepted).containsExactly(true, false);
        assertThat(completions).extracting(StepCompletion::auth).containsExactly(Auth.WORKFLOW, Auth.BOT);
        assertThat(completions.get(0).outputs())
                .hasValueSatisfying(json -> assertThat(json).contains("\"state\":\"completed\""));
    }

    @Test
    void an_execution_slack_never_ran_is_not_found() throws Exception {
        FunctionsCompleteSuccessResponse answer = bolt.slack
                .methods(sim.botToken())
                .functionsCompleteSuccess(
                        r -> r.functionExecutionId("Fx0NEVERRAN").outputs(Map.of()));

        assertThat(answer.getError()).isEqualTo("function_execution_not_found");
    }
}

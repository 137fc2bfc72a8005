package dev.invalidator.slack;

import com.slack.api.Slack;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import dev.invalidator.flow.WorkflowSteps;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link WorkflowSteps} over Slack's {@code functions.completeSuccess} and {@code functions.completeError}. A run is
 * completed with the token its {@code function_executed} event carried, as Bolt's {@code ctx.complete} does, while this
 * instance still holds it; a run it never saw — another replica's, or one from before a restart — with the bot token,
 * which these methods accept as well (they need no scope). Tokens stay in memory only, never in a message or a log.
 */
public final class SlackWorkflowSteps implements WorkflowSteps {

    private static final Logger log = LoggerFactory.getLogger(SlackWorkflowSteps.class);

    /**
     * What Slack answers a completion of a run that has ended (docs.slack.dev/reference/methods/functions.completeError:
     * "function_execution_not_found" for one completed already, "execution_not_in_running_state").
     */
    private static final Set<String> ENDED = Set.of("function_execution_not_found", "execution_not_in_running_state");

    @FunctionalInterface
    private interface Call {
        SlackApiTextResponse on(MethodsClient methods) throws IOException, SlackApiException;
    }

    private final Slack slack;
    private final String botToken;
    private final Map<String, String> tokens = new ConcurrentHashMap<>();

    public SlackWorkflowSteps(Slack slack, String botToken) {
        this.slack = slack;
        this.botToken = botToken;
    }

    /** A run started: its event's token ends it. */
    public void started(String executionId, String token) {
        if (token != null && !token.isBlank()) {
            tokens.put(executionId, token);
        }
    }

    @Override
    public Answer complete(String executionId, Map<String, Object> outputs) {
        return call(
                executionId,
                methods -> methods.functionsCompleteSuccess(
                        r -> r.functionExecutionId(executionId).outputs(outputs)));
    }

    @Override
    public Answer fail(String executionId, String error) {
        return call(
                executionId,
                methods -> methods.functionsCompleteError(
                        r -> r.functionExecutionId(executionId).error(error)));
    }

    private Answer call(String executionId, Call call) {
        MethodsClient methods = slack.methods(tokens.getOrDefault(executionId, botToken));
        try {
            SlackApiTextResponse response = call.on(methods);
            if (response.isOk()) {
                tokens.remove(executionId);
                return Answer.DONE;
            }
            if (ENDED.contains(response.getError())) {
                tokens.remove(executionId);
                return Answer.ENDED_ALREADY;
            }
            log.warn("Slack refused to end workflow step {}: {}", executionId, response.getError());
        } catch (IOException | SlackApiException e) {
            log.warn("Could not reach Slack to end workflow step {}: {}", executionId, e.getMessage());
        }
        return Answer.FAILED;
    }
}

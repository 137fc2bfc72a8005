package dev.invalidator.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.slack.api.util.http.listener.HttpResponseListener;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Watches every Web API answer — the bot's own calls and Bolt's {@code apps.connections.open} alike — for the errors
 * Slack gives a token that was revoked or rotated, and raises the alarm once, with the error code (never the token).
 */
final class RefusedTokenAlarm extends HttpResponseListener {

    private static final Set<String> REFUSALS =
            Set.of("invalid_auth", "token_revoked", "token_expired", "account_inactive");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Consumer<String> onRefused;
    private final AtomicBoolean raised = new AtomicBoolean();

    RefusedTokenAlarm(Consumer<String> onRefused) {
        this.onRefused = onRefused;
    }

    @Override
    public void accept(State state) {
        String body = state.getParsedResponseBody();
        if (body == null || !body.contains("\"ok\":false")) {
            return;
        }
        try {
            JsonNode answer = JSON.readTree(body);
            String error = answer.path("error").asText("");
            if (REFUSALS.contains(error) && raised.compareAndSet(false, true)) {
                onRefused.accept(error);
            }
        } catch (IOException e) {
            // Not JSON: not an answer that says anything about the token.
        }
    }
}

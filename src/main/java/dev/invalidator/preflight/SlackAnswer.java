package dev.invalidator.preflight;

import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import java.io.IOException;
import java.util.Optional;

/**
 * One Web API call's outcome for the checklist: the response, or what went wrong in words. Asked once, without
 * retries: a checklist that says "ratelimited, run it again" is more useful than one that hangs.
 */
record SlackAnswer<T extends SlackApiTextResponse>(Optional<T> response, String error, Optional<String> neededScope) {

    /** A Web API call as the SDK makes it. */
    @FunctionalInterface
    interface Call<T extends SlackApiTextResponse> {
        T call() throws IOException, SlackApiException;
    }

    static <T extends SlackApiTextResponse> SlackAnswer<T> ask(Call<T> call) {
        try {
            T response = call.call();
            if (response.isOk()) {
                return new SlackAnswer<>(Optional.of(response), "", Optional.empty());
            }
            return new SlackAnswer<>(Optional.empty(), response.getError(), Optional.ofNullable(response.getNeeded()));
        } catch (SlackApiException e) {
            String error = e.getResponse().code() == 429
                    ? "ratelimited"
                    : "HTTP " + e.getResponse().code();
            return new SlackAnswer<>(Optional.empty(), error, Optional.empty());
        } catch (IOException e) {
            return new SlackAnswer<>(
                    Optional.empty(), "nothing: it could not be reached (" + e.getMessage() + ")", Optional.empty());
        }
    }

    boolean isOk() {
        return response.isPresent();
    }

    T get() {
        return response.orElseThrow();
    }

    /**
     * The checklist item for an error no check expects: a missing scope names the scope to add, anything else
     * (rate limits, outages) asks for another run.
     */
    CheckItem unexpected(String subject) {
        if (error.equals("missing_scope")) {
            return CheckItem.failed(
                    subject,
                    "the bot token lacks "
                            + neededScope.map(scope -> "the scope " + scope).orElse("a scope this check needs"),
                    "add " + neededScope.orElse("the scopes listed in manifest.yml") + " to the app's bot scopes"
                            + " (OAuth & Permissions) and reinstall the app");
        }
        return CheckItem.failed(
                subject,
                "could not be checked: Slack answered " + error,
                "run check-config again in a minute; if it keeps failing, check the network path to Slack");
    }
}

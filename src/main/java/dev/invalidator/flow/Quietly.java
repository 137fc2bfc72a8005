package dev.invalidator.flow;

import dev.invalidator.chat.ChatException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chat calls that only show what has already happened, and whose failure must not stop the flow that made it happen.
 *
 * <p>A failed call may be ignored when the state it shows is already kept where it counts — the invalidation at
 * CloudFront, the decision in the thread, the facts of the status message — so that nothing is left undone and a
 * later edit renders it again: the edit to "in progress" after a create, the path list, an approval step, a
 * completion notice, the refresh check. It may not be ignored when the call is the state itself (posting the status
 * message, posting a decision) or when the person is waiting for the answer: those catch {@link ChatException}
 * themselves.
 *
 * <pre>{@code
 * Quietly.show("the path list", () -> chat.reply(status, Replies.pathList(request.paths())));
 * }</pre>
 */
final class Quietly {

    private static final Logger log = LoggerFactory.getLogger(Quietly.class);

    private Quietly() {}

    /**
     * Runs {@code chatCall}; when Slack refuses it (after the adapter's own retries) logs one warning, {@code Could not
     * show <what> in Slack: <Slack's reason>}, and returns. Any other exception is a bug and passes through.
     *
     * @param what what the call shows, for the log: "an approval step", "the end of invalidation I2J0I21PCUYOIK"
     * @return whether Slack took it
     */
    static boolean show(String what, Runnable chatCall) {
        try {
            chatCall.run();
            return true;
        } catch (ChatException e) {
            log.warn("Could not show {} in Slack: {}", what, e.getMessage());
            return false;
        }
    }

    /**
     * {@link #show} for a call that goes on without the caller ({@code chat.updateLater}, {@code chat.replyLater}):
     * when Slack refuses it, the same warning once it does. Any other exception is a bug, logged as one.
     */
    static void showLater(String what, Supplier<? extends CompletionStage<?>> chatCall) {
        CompletionStage<?> call;
        try {
            call = chatCall.get();
        } catch (ChatException e) {
            log.warn("Could not show {} in Slack: {}", what, e.getMessage());
            return;
        }
        call.whenComplete((done, failure) -> {
            Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
            if (cause instanceof ChatException e) {
                log.warn("Could not show {} in Slack: {}", what, e.getMessage());
            } else if (cause != null) {
                log.error("Showing {} in Slack failed unexpectedly", what, cause);
            }
        });
    }
}

package dev.invalidator.slack;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import com.slack.api.model.block.LayoutBlock;
import dev.invalidator.chat.ChatException;
import dev.invalidator.chat.ChatException.Reason;
import dev.invalidator.chat.Message;
import dev.invalidator.slack.blockkit.SlackMessages;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Web API calls with the synchronous {@link MethodsClient}, each in its turn within Slack's rate limits
 * ({@link WebApiPace}): posts per channel, every other limited method per workspace, so that a burst of requests waits
 * its turn instead of meeting 429s. The synchronous client never retries by itself, so this does: a 429 moves the
 * method's next turn to Slack's {@code Retry-After} and the call waits for it, again and again up to
 * {@link #RATE_LIMITED_PATIENCE} — a rate limit delays what a person sees, it does not fail it; network errors and 5xx
 * back off exponentially, a bounded number of times. Slack's errors become a {@link ChatException} whose reason the
 * flow can act on. The calls run on the bot's worker threads, after the Slack ack, so waiting here delays nobody's
 * acknowledgement.
 *
 * <pre>{@code
 * SlackCalls calls = new SlackCalls(5, Duration.ofSeconds(30));
 * calls.call("users.info", () -> client.usersInfo(r -> r.user(userId)));   // waits its turn, retried
 * }</pre>
 */
final class SlackCalls {

    private static final Logger log = LoggerFactory.getLogger(SlackCalls.class);

    /**
     * How long a call keeps meeting 429s before it fails: Slack's {@code Retry-After} is seconds, a minute at worst
     * when a workspace is busy, so five minutes of waiting only ends a call Slack will not take at all.
     */
    static final Duration RATE_LIMITED_PATIENCE = Duration.ofMinutes(5);

    /** A Web API call that Slack may rate-limit or fail transiently. */
    @FunctionalInterface
    interface WebApiCall<T extends SlackApiTextResponse> {
        T call() throws IOException, SlackApiException;
    }

    private final int maxAttempts;
    private final Duration maxWait;
    private final WebApiPace pace = new WebApiPace(System::nanoTime);
    private final AtomicInteger waitingForTurn = new AtomicInteger();

    /**
     * @param maxAttempts attempts of a call that fails other than by a 429 (a network error, a 5xx)
     * @param maxWait     the longest single back-off after such a failure
     */
    SlackCalls(int maxAttempts, Duration maxWait) {
        this.maxAttempts = maxAttempts;
        this.maxWait = maxWait;
    }

    /** Calls waiting for their turn within Slack's rate limits now. */
    int waitingForTurn() {
        return waitingForTurn.get();
    }

    /** Reserves the next turn of {@code method} (in {@code channel}, for posts) without waiting: how long until it. */
    Duration reserve(String method, String channel) {
        return pace.reserve(method, channel);
    }

    <T extends SlackApiTextResponse> T call(String method, WebApiCall<T> call) {
        return call(method, null, call);
    }

    <T extends SlackApiTextResponse> T call(String method, String channel, WebApiCall<T> call) {
        return call(method, channel, call, Optional::empty, false);
    }

    <T extends SlackApiTextResponse> T send(
            String method,
            String channel,
            Message message,
            Message fallback,
            Function<Message, WebApiCall<T>> request) {
        return send(method, channel, message, fallback, request, Optional::empty);
    }

    <T extends SlackApiTextResponse> T send(
            String method,
            String channel,
            Message message,
            Message fallback,
            Function<Message, WebApiCall<T>> request,
            Supplier<Optional<T>> tookEffect) {
        return send(method, channel, message, fallback, request, tookEffect, false);
    }

    /**
     * Sends {@code message} with {@code request}, as {@link #call(String, String, WebApiCall, Supplier, boolean)} does; when Slack
     * refuses its layout (a block too long, too much text), sends {@code fallback}, which has none, so that what the
     * message says still arrives. A refused message was not posted, so the fallback is no second post.
     * {@code hasTurn}: the caller waited for the first attempt's turn already.
     */
    <T extends SlackApiTextResponse> T send(
            String method,
            String channel,
            Message message,
            Message fallback,
            Function<Message, WebApiCall<T>> request,
            Supplier<Optional<T>> tookEffect,
            boolean hasTurn) {
        try {
            return call(method, channel, request.apply(message), tookEffect, hasTurn);
        } catch (ChatException e) {
            if (e.reason() != Reason.REFUSED) {
                throw e;
            }
            log.warn("Slack refused the layout of a message ({}); sending it as text", e.getMessage());
            return call(method, channel, request.apply(fallback), tookEffect, false);
        }
    }

    /** The blocks of {@code message}, or none at all (not an empty list) for text alone. */
    static List<LayoutBlock> layout(Message message) {
        return message.blocks().isEmpty() ? null : SlackMessages.blocks(message);
    }

    /**
     * {@code call} in its turn ({@code channel} counts for posts only; {@code hasTurn}: the caller waited for the
     * first turn already), retried; before an attempt that follows one which may have taken effect although it failed —
     * a timeout or a dropped connection, a 5xx, {@code internal_error} — asks {@code tookEffect} whether it did, and if
     * so answers with that instead of making the call again. A 429 or another {@code ok:false} means Slack did nothing:
     * a 429 waits for the method's next turn, which it moves to {@code Retry-After} for every caller, without counting
     * as a failed attempt.
     */
    <T extends SlackApiTextResponse> T call(
            String method, String channel, WebApiCall<T> call, Supplier<Optional<T>> tookEffect, boolean hasTurn) {
        Duration backoff = Duration.ofMillis(250);
        boolean maybeTookEffect = false;
        boolean needsTurn = !hasTurn;
        Duration rateLimitedFor = Duration.ZERO;
        for (int attempt = 1; ; ) {
            if (needsTurn) {
                awaitTurn(method, channel);
            }
            needsTurn = true;
            Optional<Duration> wait;
            Optional<Duration> retryAfter = Optional.empty();
            String problem;
            try {
                T response = call.call();
                if (response.isOk()) {
                    return response;
                }
                problem = response.getError();
                if (!"ratelimited".equals(problem)
                        && !"internal_error".equals(problem)
                        && !"fatal_error".equals(problem)) {
                    throw new ChatException(reasonFor(problem), method + " failed: " + problem, null);
                }
                if ("ratelimited".equals(problem)) {
                    retryAfter = Optional.of(Duration.ofSeconds(1));
                }
                maybeTookEffect |= !"ratelimited".equals(problem);
                wait = Optional.of(backoff);
            } catch (SlackApiException e) {
                problem = "HTTP " + e.getResponse().code();
                retryAfter = retryAfter(e);
                wait = retryAfter
                        .or(() -> e.getResponse().code() >= 500 ? Optional.of(Duration.ZERO) : Optional.empty())
                        .map(after -> after.isZero() ? Duration.ofMillis(250) : after);
                if (wait.isEmpty()) {
                    throw new ChatException(Reason.OTHER, method + " failed: " + problem, e);
                }
                maybeTookEffect |= e.getResponse().code() >= 500;
            } catch (IOException e) {
                problem = e.getClass().getSimpleName();
                wait = Optional.of(backoff);
                maybeTookEffect = true;
            }
            if (retryAfter.isPresent()) {
                rateLimitedFor = rateLimitedFor.plus(retryAfter.get());
                if (rateLimitedFor.compareTo(RATE_LIMITED_PATIENCE) > 0) {
                    throw new ChatException(
                            Reason.UNAVAILABLE,
                            method + " was still rate-limited after " + RATE_LIMITED_PATIENCE.toMinutes() + " minutes",
                            null);
                }
                pace.rateLimited(method, channel, retryAfter.get());
                log.info(
                        "{} answered {}; waiting for its next turn, in {} s at the earliest",
                        method,
                        problem,
                        retryAfter.get().toSeconds());
            } else {
                boolean last = attempt >= maxAttempts;
                if (!last) {
                    Duration pause = wait.get().compareTo(maxWait) > 0 ? maxWait : wait.get();
                    log.info(
                            "{} answered {}; retrying in {} ms (attempt {} of {})",
                            method,
                            problem,
                            pause.toMillis(),
                            attempt + 1,
                            maxAttempts);
                    // The pause comes before the look, so that an attempt Slack is still acting on has time to show.
                    sleep(pause);
                    backoff = backoff.multipliedBy(2);
                }
                if (last && !maybeTookEffect) {
                    throw new ChatException(
                            Reason.UNAVAILABLE, method + " failed " + attempt + " times (last: " + problem + ")", null);
                }
                attempt++;
            }
            if (maybeTookEffect) {
                Optional<T> earlier = tookEffect.get();
                if (earlier.isPresent()) {
                    return earlier.get();
                }
            }
            if (attempt > maxAttempts) {
                throw new ChatException(
                        Reason.UNAVAILABLE, method + " failed " + maxAttempts + " times (last: " + problem + ")", null);
            }
        }
    }

    /** Waits for the turn of a call of {@code method} within Slack's rate limits. */
    void awaitTurn(String method, String channel) {
        Duration turn = pace.reserve(method, channel);
        if (turn.isZero()) {
            return;
        }
        waitingForTurn.incrementAndGet();
        try {
            sleep(turn);
        } finally {
            waitingForTurn.decrementAndGet();
        }
    }

    private static Optional<Duration> retryAfter(SlackApiException e) {
        if (e.getResponse().code() != 429) {
            return Optional.empty();
        }
        String header = e.getResponse().header("Retry-After");
        try {
            return Optional.of(Duration.ofSeconds(header == null ? 1 : Long.parseLong(header.trim())));
        } catch (NumberFormatException notANumber) {
            return Optional.of(Duration.ofSeconds(1));
        }
    }

    private static Reason reasonFor(String error) {
        return switch (error) {
            case "not_in_channel", "is_archived" -> Reason.NOT_IN_CHANNEL;
            case "channel_not_found" -> Reason.CHANNEL_NOT_FOUND;
            case "invalid_blocks", "invalid_blocks_format", "msg_blocks_too_long", "msg_too_long" -> Reason.REFUSED;
            default -> Reason.OTHER;
        };
    }

    static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChatException(Reason.UNAVAILABLE, "interrupted while waiting to retry", e);
        }
    }
}

package dev.invalidator.slack;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.util.http.SlackHttpClient;
import dev.invalidator.flow.CommandHandler;
import dev.invalidator.metrics.SlackMeters;
import dev.invalidator.slack.listeners.actions.ApprovalButtonsListener;
import dev.invalidator.slack.listeners.actions.ConfirmationButtonsListener;
import dev.invalidator.slack.listeners.actions.QueueCancelListener;
import dev.invalidator.slack.listeners.commands.InvalidateCommandListener;
import dev.invalidator.slack.listeners.events.HomeListener;
import dev.invalidator.slack.listeners.events.WorkflowStepListener;
import dev.invalidator.slack.listeners.views.RequestModalListener;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Bolt app in Socket Mode: one place that registers the listeners and owns the WebSocket connection.
 *
 * <p>Socket Mode dispatch runs on a small pool of its own ({@link #DISPATCH_THREADS}, see {@link SocketModeSession}),
 * and listeners only answer from memory and enqueue — never a Slack or CloudFront call, not even for a form's inline
 * errors — so nothing delays the next acknowledgement. What they enqueue runs once the ack has left, and only if it
 * left within {@link #ACK_BUDGET} of the envelope's arrival ({@link AckDeadline}).
 */
public final class SlackBot implements AutoCloseable {

    /** The Web API base when {@code SLACK_API_URL} is not set. */
    public static final String DEFAULT_API_URL = "https://slack.com/api/";

    private static final int DISPATCH_THREADS = 4;
    /**
     * How long after an envelope arrives its ack may leave for the bot to act on it. Slack waits 3 s from its side;
     * the rest is for the trip both ways. The listeners answer from memory in well under a millisecond, so only a
     * stalled process runs past it.
     */
    static final Duration ACK_BUDGET = Duration.ofSeconds(2);

    private static final Logger log = LoggerFactory.getLogger(SlackBot.class);

    private final SocketModeSession session;

    private SlackBot(SocketModeSession session) {
        this.session = session;
    }

    /** A Slack SDK instance whose every Web API call (apps.connections.open included) goes to {@code apiUrl}. */
    public static Slack slack(String apiUrl) {
        return slack(apiUrl, error -> {});
    }

    /**
     * The same, telling {@code onTokensRefused} (once, with Slack's error code) when Slack answers that a token was
     * revoked or is not valid: the moment to read rotated tokens.
     */
    public static Slack slack(String apiUrl, Consumer<String> onTokensRefused) {
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(apiUrl.endsWith("/") ? apiUrl : apiUrl + "/");
        config.setStatsEnabled(false);
        config.getHttpClientResponseHandlers().add(new RefusedTokenAlarm(onTokensRefused));
        // OkHttp would quietly send a POST again when the connection drops before the answer, and a chat.postMessage
        // Slack had already taken would post twice; SlackChat retries instead, looking for the first post before.
        OkHttpClient http = SlackHttpClient.buildOkHttpClient(config)
                .newBuilder()
                .retryOnConnectionFailure(false)
                .build();
        return Slack.getInstance(config, new SlackHttpClient(http));
    }

    /**
     * The same Slack, with every Web API call it makes counted in {@code meters} by method and outcome: the bot's own
     * and Bolt's, answered or not.
     */
    public static Slack countingCalls(Slack slack, SlackMeters meters) {
        OkHttpClient http = slack.getHttpClient()
                .getOkHttpClient()
                .newBuilder()
                .addInterceptor(new WebApiCalls(slack.getConfig().getMethodsEndpointUrlPrefix(), meters))
                .build();
        return Slack.getInstance(slack.getConfig(), new SlackHttpClient(http));
    }

    /**
     * Checks the bot token ({@code auth.test}), opens the Socket Mode connection and starts taking commands;
     * {@code meters} counts the connection's reconnects and the envelopes it acks; {@code steps} keeps the token of each
     * workflow step's run it hears of.
     *
     * @throws IllegalStateException with a one-line reason (no token in it) when Slack refuses a token
     */
    public static SlackBot start(
            Slack slack,
            SlackTokens tokens,
            CommandHandler handler,
            Executor workers,
            Clock clock,
            SlackMeters meters,
            SlackWorkflowSteps steps) {
        App app = new App(appConfig(slack, tokens.botToken()));
        AckDeadline deadline = new AckDeadline(ACK_BUDGET, System::nanoTime);
        Executor afterAck = deadline.workers(workers);
        InvalidateCommandListener.register(app, handler, afterAck);
        ConfirmationButtonsListener.register(app, handler, afterAck);
        ApprovalButtonsListener.register(app, handler, afterAck);
        QueueCancelListener.register(app, handler, afterAck);
        RequestModalListener.register(app, handler, afterAck);
        HomeListener.register(app, handler, afterAck);
        WorkflowStepListener.register(app, handler, afterAck, steps::started);
        try {
            SocketModeSession session =
                    SocketModeSession.open(app, tokens.appToken(), DISPATCH_THREADS, clock, deadline, meters);
            log.info("Connected to Slack in Socket Mode");
            return new SlackBot(session);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("Slack refused " + SlackTokens.BOT_TOKEN + ": " + e.getMessage(), e);
        } catch (Exception e) {
            throw new IllegalStateException(
                    "could not open the Socket Mode connection with " + SlackTokens.APP_TOKEN + " ("
                            + e.getClass().getSimpleName() + ": " + e.getMessage() + ")",
                    e);
        }
    }

    /**
     * Bolt's settings. {@code App.start} checks the bot token with {@code auth.test}; by default Bolt asks again on the
     * first envelope every ten minutes, on the dispatch thread before the ack — which then waits for Slack, and when
     * Slack answers 429 goes out without the listener having run. The answer never changes while the token is valid,
     * and a revoked token shows on the next Web API call ({@link RefusedTokenAlarm}), so the first answer is kept.
     */
    static AppConfig appConfig(Slack slack, String botToken) {
        return AppConfig.builder()
                .slack(slack)
                .singleTeamBotToken(botToken)
                .authTestCacheExpirationMillis(-1)
                .build();
    }

    /**
     * Whether the Socket Mode connection is up, by the client's own check ({@code SocketModeClient#verifyConnection}:
     * the current WebSocket is open and answers a ping), the check its session monitor uses to decide to reconnect.
     * The client has no cheaper state to read: its close listeners can't tell an old session from the current one.
     * Answers at once when the socket is closed; waits up to 3 s for a pong when the peer is silent.
     */
    public boolean isConnected() {
        return session.isConnected();
    }

    /**
     * What of the Socket Mode loop no longer responds — its dispatch threads, or its session monitor — in a sentence
     * for the operator; empty while both do. Only what a restart mends: a dropped connection is not stuck, the
     * monitor reconnects it. Waits up to 2 s for the dispatch threads.
     */
    public Optional<String> stuck() {
        return session.stuck();
    }

    /** Closes the connection for good: no reconnect follows. */
    @Override
    public void close() {
        session.close();
    }
}

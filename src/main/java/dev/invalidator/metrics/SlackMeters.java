package dev.invalidator.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;

/**
 * The bot's side of Slack: the Socket Mode connection ({@value #CONNECTED}, {@value #RECONNECTS}), the envelopes it
 * acknowledged and how fast ({@value #ACKS}), every Web API call by method and outcome ({@value #API_CALLS}), and the
 * calls waiting for their turn within Slack's rate limits ({@value #API_WAITING}).
 *
 * <pre>{@code
 * slack.apiCall("chat.postMessage", ApiOutcome.RATELIMITED);
 * // invalidator_slack_api_calls_total{method="chat.postMessage",outcome="ratelimited"} 1.0
 * slack.acked("slash_commands", Duration.ofMillis(12));
 * }</pre>
 *
 * <p>Each attempt of a Web API call counts, retries included, by its {@link ApiOutcome}.
 */
public final class SlackMeters {

    static final String CONNECTED = "invalidator.slack.connected";
    static final String RECONNECTS = "invalidator.slack.reconnects";
    static final String ACKS = "invalidator.slack.ack.latency";
    static final String API_CALLS = "invalidator.slack.api.calls";
    static final String API_WAITING = "invalidator.slack.api.waiting";

    /** Slack shows the person an error when the ack takes more than 3 s. */
    private static final Duration[] ACK_BUCKETS = {
        Duration.ofMillis(5),
        Duration.ofMillis(10),
        Duration.ofMillis(25),
        Duration.ofMillis(50),
        Duration.ofMillis(100),
        Duration.ofMillis(250),
        Duration.ofMillis(500),
        Duration.ofSeconds(1),
        Duration.ofMillis(2_500),
        Duration.ofSeconds(3),
        Duration.ofSeconds(5)
    };

    /** How one attempt of a Web API call ended; the label is the name in lower case. */
    public enum ApiOutcome {
        /** {@code ok:true}. */
        OK,
        /** Slack answered {@code ok:false} with an error other than {@code ratelimited}. */
        ERROR,
        /** HTTP 429, or {@code ok:false} with {@code ratelimited}. */
        RATELIMITED,
        /** HTTP 5xx. */
        SERVER_ERROR,
        /** Another HTTP status than 200, 429 or 5xx. */
        HTTP_ERROR,
        /** No answer: the connection failed, dropped or timed out. */
        NETWORK_ERROR;

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final MeterRegistry registry;
    private final Counter reconnects;

    SlackMeters(MeterRegistry registry) {
        this.registry = registry;
        this.reconnects = Counter.builder(RECONNECTS)
                .description("Socket Mode connections opened again after the first one")
                .register(registry);
    }

    /** Shows 1 while {@code connected} says the Socket Mode connection is up, else 0, asked when Prometheus asks. */
    public void watchConnection(BooleanSupplier connected) {
        Gauge.builder(CONNECTED, () -> connected.getAsBoolean() ? 1 : 0)
                .description("1 when the Socket Mode connection is open and answers a ping, else 0")
                .register(registry);
    }

    /** Shows how many Web API calls {@code waiting} says wait for their turn within Slack's rate limits now. */
    public void watchWaitingCalls(IntSupplier waiting) {
        Gauge.builder(API_WAITING, waiting::getAsInt)
                .description("Slack Web API calls waiting for their turn within Slack's rate limits")
                .baseUnit("calls")
                .register(registry);
    }

    public void reconnected() {
        reconnects.increment();
    }

    /** An envelope of {@code type} ({@code slash_commands}, {@code interactive}, {@code events_api}) was acked. */
    public void acked(String type, Duration sinceReceived) {
        Timer.builder(ACKS)
                .description("From a Socket Mode envelope's arrival to its acknowledgement; the count is the envelopes")
                .tag("type", type)
                .serviceLevelObjectives(ACK_BUCKETS)
                .register(registry)
                .record(sinceReceived);
    }

    /**
     * One attempt of a Web API call ended so.
     *
     * @param method a Web API method, e.g. {@code chat.postMessage}: a name the bot calls, never a URL
     */
    public void apiCall(String method, ApiOutcome outcome) {
        Counter.builder(API_CALLS)
                .description("Slack Web API calls, each attempt counted, by method and outcome")
                .tag("method", method)
                .tag("outcome", outcome.label())
                .register(registry)
                .increment();
    }
}

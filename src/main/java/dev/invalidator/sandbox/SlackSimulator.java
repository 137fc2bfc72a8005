package dev.invalidator.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.invalidator.sandbox.SlackMethod.Route;
import dev.invalidator.sandbox.SlackWorld.Channel;
import dev.invalidator.sandbox.SlackWorld.User;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local Slack that speaks the real wire protocols, so the real Bolt Socket Mode client and the real
 * {@code MethodsClient} work against it unchanged: the Web API over HTTP, {@code response_url}s, and Socket Mode
 * over WebSocket. Everything it is asked and everything the bot makes Slack show is recorded.
 *
 * <pre>{@code
 * try (SlackSimulator slack = SlackSimulator.start()) {
 *     SlackConfig config = new SlackConfig();
 *     config.setMethodsEndpointUrlPrefix(slack.apiUrl());
 *     App app = new App(AppConfig.builder().slack(Slack.getInstance(config))
 *             .singleTeamBotToken(slack.botToken()).build());
 *     app.command("/invalidate", (req, ctx) -> ctx.ack("Working on it"));
 *     SocketModeApp socketMode = new SocketModeApp(slack.appToken(), app, SocketModeClient.Backend.JavaWebSocket);
 *     socketMode.startAsync();
 *     slack.awaitConnections(1, Duration.ofSeconds(10));
 *     Envelope e = slack.slashCommand(SlackSimulator.ALICE, SlackSimulator.GENERAL, "/invalidate", "web /index.html");
 *     Ack ack = e.ack().get(5, TimeUnit.SECONDS);
 * }
 * }</pre>
 *
 * <p>It holds every caller to Slack's rate limits from the start ({@link SlackLimits#strict()}): about one
 * {@code chat.postMessage} a second per channel, and each method at its tier's rate per workspace, answering HTTP 429
 * with {@code Retry-After} beyond. A test changes a limit with {@link #limits(SlackLimits)}, saying why, and counts the
 * 429s with {@link #rateLimitedCount(String)}.
 *
 * <p>Seeded world: team {@value #TEAM_ID} (domain {@code sim}), bot user {@value #BOT_USER_ID} (bot id
 * {@value #BOT_ID}), users {@value #ALICE} "alice" and {@value #BOB} "bob", channel {@value #GENERAL} "general"
 * (the bot is a member) and {@value #RANDOM} "random" (it is not). Thread-safe.
 */
public final class SlackSimulator implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SlackSimulator.class);

    public static final String TEAM_ID = SlackWorld.TEAM_ID;
    public static final String BOT_USER_ID = SlackWorld.BOT_USER_ID;
    public static final String BOT_ID = SlackWorld.BOT_ID;
    /** Stands for every response_url in {@link #failNext}. */
    public static final String RESPONSE_URL = "response_url";

    public static final String ALICE = "U0ALICE";
    public static final String BOB = "U0BOB";
    public static final String GENERAL = "C0GENERAL";
    public static final String RANDOM = "C0RANDOM";

    /** A Socket Mode envelope the simulator delivered; {@code ack} completes with the first ack for it. */
    public record Envelope(
            String envelopeId,
            String type,
            CompletableFuture<Ack> ack,
            Instant sentAt,
            String responseUrl,
            String triggerId) {}

    /** An ack received over Socket Mode; {@code payloadJson} is null for a bare ack. */
    public record Ack(String envelopeId, Instant receivedAt, String payloadJson) {}

    /** A Web API call as received. Tokens are never kept: {@code auth} says only what kind of token came. */
    public record ApiCall(String method, Map<String, String> params, Instant at, Auth auth) {}

    /** A message as the channel shows it now; {@code previousTexts} holds its texts before each edit. */
    public record ChannelMessage(
            String channel,
            String ts,
            String threadTs,
            String userId,
            String text,
            String blocksJson,
            String metadataJson,
            List<String> previousTexts) {}

    /** A message only {@code userId} sees. {@code ts} is the {@code message_ts} Slack assigned to it. */
    public record Ephemeral(
            String channel,
            String userId,
            String text,
            String blocksJson,
            String source,
            boolean replaceOriginal,
            String ts) {
        public static final String FROM_API = "chat.postEphemeral";
        public static final String FROM_RESPONSE_URL = "response_url";
    }

    /** A view as opened, updated or published ({@code method}); {@code viewJson} is the full view object. */
    public record OpenedView(String viewId, String userId, String viewJson, String method) {}

    /** A run of a workflow's custom step: the id Slack gave it, and the envelope of its {@code function_executed}. */
    public record StepExecution(String executionId, Envelope envelope) {}

    /**
     * A call of {@code functions.completeSuccess} or {@code functions.completeError}, as it came and as answered.
     *
     * @param outputs  the outputs (JSON), for a success
     * @param error    the error, for a failure
     * @param auth     the token's kind: {@link Auth#WORKFLOW} for the token the event carried
     * @param accepted whether Slack took it; a second completion of an execution is not
     */
    public record StepCompletion(
            String executionId,
            String method,
            Optional<String> outputs,
            Optional<String> error,
            Auth auth,
            boolean accepted,
            Instant at) {

        public boolean success() {
            return "functions.completeSuccess".equals(method);
        }
    }

    /**
     * What the menu of an {@code external_select} shows after a person typed in it: the options of the bot's answer,
     * or none when Slack would refuse it ({@code problems}: past the option limits, or later than 3 s).
     *
     * @param answerJson the ack's payload as the bot sent it
     */
    public record Suggestions(List<Suggestion> options, List<String> problems, Duration took, String answerJson) {

        public List<String> values() {
            return options.stream().map(Suggestion::value).toList();
        }
    }

    /** One option of a {@link Suggestions}: its text, its value, and the label of its group if in one. */
    public record Suggestion(String text, String value, Optional<String> group) {}

    /** The kind of token a Web API call carried. */
    public enum Auth {
        BOT,
        APP,
        /** The token a {@code function_executed} event carries, for that execution's calls. */
        WORKFLOW,
        REVOKED,
        INVALID,
        MISSING
    }

    /** How envelopes are spread over several open connections. */
    public enum Routing {
        ROUND_ROBIN,
        RANDOM
    }

    /** Told about what Slack would show, as it happens (on the thread that caused it). For the demo chat. */
    public interface Listener {
        default void onMessage(ChannelMessage message) {}

        default void onEphemeral(Ephemeral ephemeral) {}

        default void onView(OpenedView view) {}
    }

    private final ObjectMapper json = new ObjectMapper();
    private final SecureRandom random = new SecureRandom();
    private volatile String botToken = newBotToken();
    private volatile String appToken = newAppToken();
    private final Set<String> revoked = ConcurrentHashMap.newKeySet();
    private final SlackWorld world = new SlackWorld();
    private final SlackRecords records;
    private final SlackFaults faults = new SlackFaults();
    private final SlackRateLimiter limiter;
    private final CallHolds holds = new CallHolds();
    private final SlackViews views;
    private final SlackSuggestions suggestions;
    private final SlackResponseUrls responseUrls;
    private final SlackChatMethods chat;
    private final SlackSocketServer socket;
    private final SlackHttp http;
    private final SlackInteractions interactions;
    private final SlackFunctions functions;

    private SlackSimulator(Clock clock) {
        records = new SlackRecords(clock);
        limiter = new SlackRateLimiter(clock);
        views = new SlackViews(json, clock, world, records);
        responseUrls = new SlackResponseUrls(json, clock, records);
        chat = new SlackChatMethods(json, world, records);
        world.addUser(ALICE, "alice", TEAM_ID, SlackWorld.Guest.NONE);
        world.addUser(BOB, "bob", TEAM_ID, SlackWorld.Guest.NONE);
        world.addChannel(GENERAL, "general", true, false);
        world.addChannel(RANDOM, "random", false, false);
        socket = new SlackSocketServer(json, clock);
        socket.startAndWait();
        functions = new SlackFunctions(json, clock, new SlackPayloads(json, clock), socket, this::newWorkflowToken);
        try {
            Map<String, Route> routes = new HashMap<>();
            chat.register(routes);
            new SlackDirectoryMethods(json, world, socket::issueUrl).register(routes);
            views.register(routes);
            functions.register(routes);
            http = new SlackHttp(json, clock, routes, this::authOf, records, faults, limiter, holds, responseUrls);
        } catch (RuntimeException e) {
            socket.shutdown();
            throw e;
        }
        responseUrls.bind(http.port());
        suggestions = new SlackSuggestions(json, clock, world, views, socket);
        interactions = new SlackInteractions(json, clock, world, records, views, responseUrls, chat, socket);
        log.debug("Slack simulator listening: Web API {}, Socket Mode port {}", apiUrl(), socket.getPort());
    }

    /** Starts a simulator on ephemeral loopback ports, held to {@link SlackLimits#strict()}. */
    public static SlackSimulator start() {
        return new SlackSimulator(Clock.systemUTC());
    }

    /**
     * Starts a simulator whose time — rate limits refilling, message timestamps, trigger lifetimes — is {@code clock}'s,
     * so that a test can move it instead of waiting.
     */
    public static SlackSimulator start(Clock clock) {
        return new SlackSimulator(Objects.requireNonNull(clock, "clock"));
    }

    /**
     * The limits from now on ({@link SlackLimits#strict()} until then), with every bucket full. A test that lifts one
     * says why in a comment.
     */
    public void limits(SlackLimits limits) {
        limiter.limits(limits);
    }

    // ---- endpoints and identity

    /** {@code http://127.0.0.1:<port>/api/}: for {@code SlackConfig#setMethodsEndpointUrlPrefix} and SLACK_API_URL. */
    public String apiUrl() {
        return "http://127.0.0.1:" + http.port() + "/api/";
    }

    public String botToken() {
        return botToken;
    }

    public String appToken() {
        return appToken;
    }

    public String teamId() {
        return TEAM_ID;
    }

    /**
     * Issues new tokens, as rotating them in the app's settings does: from now on the old ones are answered with
     * {@code token_revoked}. Open connections stay open.
     */
    public synchronized void rotateTokens() {
        revoked.add(botToken);
        revoked.add(appToken);
        botToken = newBotToken();
        appToken = newAppToken();
    }

    private Auth authOf(String token) {
        if (functions.isExecutionToken(token)) {
            return Auth.WORKFLOW;
        }
        return botToken.equals(token)
                ? Auth.BOT
                : appToken.equals(token) ? Auth.APP : revoked.contains(token) ? Auth.REVOKED : Auth.INVALID;
    }

    private String newBotToken() {
        return "xoxb-" + digits(13) + "-" + digits(13) + "-" + hex(12);
    }

    private String newWorkflowToken() {
        return "xwfp-" + digits(13) + "-" + digits(13) + "-" + hex(16);
    }

    private String newAppToken() {
        return "xapp-1-" + SlackWorld.APP_ID + "-" + digits(13) + "-" + hex(32);
    }

    // ---- world

    public void addUser(String id, String name) {
        world.addUser(id, name, TEAM_ID, SlackWorld.Guest.NONE);
    }

    /** A user of another team (Slack Connect) when {@code teamId} is not {@link #teamId()}. */
    public void addUser(String id, String name, String teamId) {
        world.addUser(id, name, teamId, SlackWorld.Guest.NONE);
    }

    /**
     * A guest of the workspace, as {@code users.info} shows one: {@code is_restricted}, and for a single-channel guest
     * also {@code is_ultra_restricted}.
     */
    public void addGuest(String id, String name, boolean singleChannel) {
        world.addUser(
                id, name, TEAM_ID, singleChannel ? SlackWorld.Guest.SINGLE_CHANNEL : SlackWorld.Guest.MULTI_CHANNEL);
    }

    public void addChannel(String id, String name, boolean botIsMember) {
        world.addChannel(id, name, botIsMember, false);
    }

    public void addChannel(String id, String name, boolean botIsMember, boolean isPrivate) {
        world.addChannel(id, name, botIsMember, isPrivate);
    }

    /** Marks a channel as shared with another organisation ({@code pending}: invitation not yet accepted). */
    public void shareExternally(String channelId, boolean pending) {
        world.shareExternally(channelId, pending);
    }

    public void addUserGroup(String id, String handle, String... members) {
        world.addUserGroup(id, handle, members);
    }

    /**
     * {@code userId} writes {@code text} in {@code channelId} (in the thread {@code threadTs} unless null).
     * Returns the message ts. No event is delivered: the bot sees it only by reading the channel.
     */
    public String userPosts(String userId, String channelId, String text, String threadTs) {
        return userPosts(userId, channelId, text, threadTs, null);
    }

    /**
     * The same with message metadata ({@code {"event_type":…,"event_payload":{…}}}, or null), as an app posting with
     * that person's user token attaches it: the message is the person's, with no {@code bot_id}.
     */
    public String userPosts(String userId, String channelId, String text, String threadTs, String metadataJson) {
        knownUser(userId);
        return postAs(userId, null, null, channelId, text, threadTs, metadataJson);
    }

    /**
     * Another app in the workspace: its messages carry its own {@code app_id} and {@code bot_id}, never the bot's, and
     * any metadata it likes — an {@code event_type} is not reserved to the app that defined it.
     */
    public record OtherApp(String appId, String botId, String botUserId) {}

    /**
     * {@code app} posts {@code text} with {@code metadataJson} (or null) in {@code channelId}, in the thread
     * {@code threadTs} unless null, as {@code chat.postMessage} with its own bot token would. Returns the message ts.
     * No event is delivered: the bot sees it only by reading the channel.
     */
    public String appPosts(OtherApp app, String channelId, String text, String threadTs, String metadataJson) {
        if (SlackWorld.BOT_ID.equals(app.botId()) || SlackWorld.APP_ID.equals(app.appId())) {
            throw new IllegalArgumentException("another app has ids of its own, not the bot's");
        }
        return postAs(app.botUserId(), app.botId(), app.appId(), channelId, text, threadTs, metadataJson);
    }

    private String postAs(
            String userId,
            String botId,
            String appId,
            String channelId,
            String text,
            String threadTs,
            String metadataJson) {
        knownChannel(channelId);
        if (threadTs != null && records.find(channelId, threadTs).isEmpty()) {
            throw new IllegalArgumentException("no message " + threadTs + " in " + channelId);
        }
        String metadata;
        try {
            metadata = chat.metadata(metadataJson);
        } catch (SlackMethod.Failure e) {
            throw new IllegalArgumentException("metadata Slack would refuse: " + metadataJson, e);
        }
        return records.post(
                        channelId, userId, botId, appId, SlackPayloads.escape(text), null, metadata, threadTs, false)
                .ts();
    }

    // ---- Socket Mode

    /** Open connections that can receive envelopes (those told to {@code disconnect} no longer count). */
    public int openConnections() {
        return socket.openConnections();
    }

    /** Waits until exactly {@code n} connections are open; throws {@link IllegalStateException} on timeout. */
    public void awaitConnections(int n, Duration timeout) {
        socket.awaitConnections(n, timeout);
    }

    /** How envelopes are spread from now on; ends a {@link #deliverTo} pin. */
    public void routing(Routing routing) {
        socket.routing(routing);
    }

    /**
     * The open connections that can receive envelopes, oldest first, by number: connections are numbered 1, 2, 3, …
     * in the order they opened, and a connection keeps its number (a client that reconnects gets a new one).
     */
    public List<Integer> connections() {
        return socket.connections();
    }

    /**
     * Every envelope from now on goes to the connection numbered {@code connection} (see {@link #connections}), until
     * {@link #routing} is called: so a test can make a click reach one chosen instance of an app that holds several
     * connections, as Slack may. While that connection is not open, deliveries fail as "dispatch_failed".
     */
    public void deliverTo(int connection) {
        socket.deliverTo(connection);
    }

    /** How long a trigger id stays usable (default 3 s). */
    public void triggerLifetime(Duration lifetime) {
        views.triggerLifetime(lifetime);
    }

    /**
     * {@code userId} types {@code command text} in {@code channelId}. Returns at once; the text arrives with
     * Slack's escaping of {@code & < >}. With no open connection the ack future fails ("dispatch_failed").
     */
    public Envelope slashCommand(String userId, String channelId, String command, String text) {
        return interactions.slashCommand(userId, channelId, command, text);
    }

    /**
     * Delivers an interactive payload (block_actions, view_submission, ...). Its {@code trigger_id} is replaced by
     * a fresh one of the simulator's, and so is its {@code response_url} when it has one or is a block_actions.
     */
    public Envelope interactive(String payloadJson) {
        return interactions.interactive(payloadJson);
    }

    /**
     * {@code userId} clicks the button {@code actionId} of the message {@code messageTs} in {@code channelId}:
     * a channel message, or one of the user's ephemerals. Fails if the message has no such button.
     */
    public Envelope clickButton(String userId, String channelId, String messageTs, String actionId) {
        return interactions.clickButton(userId, channelId, messageTs, actionId);
    }

    /**
     * {@code userId} submits the modal {@code viewId} as it currently stands, with {@code stateValuesJson} as
     * {@code view.state.values} (block_id → action_id → value object).
     */
    public Envelope submitView(String userId, String viewId, String stateValuesJson) {
        return interactions.submitView(userId, viewId, stateValuesJson);
    }

    /**
     * {@code userId} types {@code value} in the {@code external_select} of block {@code blockId} of the open modal
     * {@code viewId}: a {@code block_suggestion} as Slack sends it. Completes with what the menu then shows; fails
     * at once where Slack would send nothing (no such element, fewer characters than its {@code min_query_length}).
     */
    public CompletableFuture<Suggestions> typeInMenu(String userId, String viewId, String blockId, String value) {
        return suggestions.type(userId, viewId, blockId, value);
    }

    /** {@code userId} opens the bot's Home tab: an {@code events_api} envelope with {@code app_home_opened}. */
    public Envelope appHomeOpened(String userId) {
        return interactions.appHomeOpened(userId);
    }

    /**
     * A workflow reaches the app's custom step {@code callbackId} with {@code inputs} (strings, booleans, numbers):
     * Slack sends {@code function_executed} over Socket Mode, with a token for this execution, and waits for {@code
     * functions.completeSuccess} or {@code functions.completeError} ({@link #stepCompletions()}).
     */
    public StepExecution runStep(String callbackId, Map<String, ?> inputs) {
        return functions.execute(callbackId, inputs);
    }

    /** Every completion of a step's execution asked for, accepted or not, in arrival order. */
    public List<StepCompletion> stepCompletions() {
        return functions.completions();
    }

    /** Sends {@code disconnect} with {@code reason} (e.g. "refresh_requested") on every open connection. */
    public void disconnectAll(String reason) {
        socket.disconnectAll(reason);
    }

    /** Closes every Socket Mode TCP connection without a WebSocket close frame. */
    public void dropAllConnections() {
        socket.dropAllConnections();
    }

    /** WebSocket ping frames received (each answered with a pong); for tests of the client's keep-alive. */
    int pingsReceived() {
        return socket.pingsReceived();
    }

    /** Every ack received, in arrival order (also acks for unknown envelopes and repeated acks). */
    public List<Ack> acks() {
        return socket.acks();
    }

    // ---- records

    /** Every Web API call, in arrival order. */
    public List<ApiCall> calls() {
        return records.calls(null);
    }

    public List<ApiCall> calls(String method) {
        return records.calls(method);
    }

    /** What the channel shows: top-level messages (and broadcast replies), oldest first, as edited. */
    public List<ChannelMessage> messages(String channelId) {
        return records.channelView(channelId).stream()
                .map(SlackRecords.Stored::toPublic)
                .toList();
    }

    /** The replies of a thread, oldest first, without the parent. */
    public List<ChannelMessage> thread(String channelId, String threadTs) {
        return records.replies(channelId, threadTs).stream()
                .map(SlackRecords.Stored::toPublic)
                .toList();
    }

    public List<Ephemeral> ephemerals(String userId) {
        return records.ephemerals(userId);
    }

    public List<OpenedView> views(String userId) {
        return records.views(userId);
    }

    public void addListener(Listener listener) {
        records.addListener(listener);
    }

    // ---- faults

    /** How many calls of {@code method} were answered HTTP 429, by the limits or by {@link #rateLimit}. */
    public int rateLimitedCount(String method) {
        return limiter.rateLimitedCount(Objects.requireNonNull(method, "method"));
    }

    /** How many Web API calls were answered HTTP 429, of every method. */
    public int rateLimitedCount() {
        return limiter.rateLimitedCount();
    }

    /**
     * The next {@code times} calls of {@code method} that the limits let through get HTTP 429, {@code Retry-After},
     * {@code ratelimited}.
     */
    public void rateLimit(String method, int times, int retryAfterSeconds) {
        faults.rateLimit(method, times, retryAfterSeconds);
    }

    /**
     * The next {@code times} calls of {@code method} get {@code {"ok":false,"error":error}}, and do nothing; with
     * {@link #RESPONSE_URL} for {@code method}, the next posts to any response_url get HTTP 400 with {@code error} as
     * their body, as Slack's hooks refuse a payload.
     */
    public void failNext(String method, String error, int times) {
        faults.failNext(method, error, times, false);
    }

    /**
     * The next {@code times} calls of {@code method} take effect, then get {@code {"ok":false,"error":error}}: an
     * {@code internal_error} does not say that Slack did nothing.
     */
    public void failNextAfterCommit(String method, String error, int times) {
        faults.failNext(method, error, times, true);
    }

    /** The next call of {@code method} stops at {@code point} until the test releases or abandons it. */
    public CallHold holdNext(String method, CallHold.Point point) {
        return holds.holdNext(method, point);
    }

    /**
     * The next {@code callers} calls of {@code method} whose arguments match {@code which} are each kept before Slack
     * acts on them until all have come; then they go on together. Arguments as sent, tokens left out.
     */
    public CallGathering gatherNext(String method, Predicate<Map<String, String>> which, int callers) {
        return holds.gatherNext(method, which, callers);
    }

    @Override
    public void close() {
        socket.shutdown();
        http.close();
    }

    // ---- helpers

    private User knownUser(String userId) {
        return world.user(userId).orElseThrow(() -> new IllegalArgumentException("unknown user " + userId));
    }

    private Channel knownChannel(String channelId) {
        return world.channel(channelId).orElseThrow(() -> new IllegalArgumentException("unknown channel " + channelId));
    }

    private String digits(int n) {
        StringBuilder s = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            s.append(random.nextInt(10));
        }
        return s.toString();
    }

    private String hex(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}

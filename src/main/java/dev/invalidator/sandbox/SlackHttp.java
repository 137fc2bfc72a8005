package dev.invalidator.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.invalidator.base.DaemonThreads;
import dev.invalidator.sandbox.SlackMethod.Failure;
import dev.invalidator.sandbox.SlackMethod.Request;
import dev.invalidator.sandbox.SlackMethod.Route;
import dev.invalidator.sandbox.SlackSimulator.ApiCall;
import dev.invalidator.sandbox.SlackSimulator.Auth;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side: {@code POST /api/<method>} (the Web API) and {@code POST /response/<id>} (response_url).
 * Parses form or JSON bodies, checks the bearer token, records the call, applies queued faults, then routes.
 */
final class SlackHttp implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SlackHttp.class);

    /** A plain HTTP answer (used by response_url, which is not a Web API method). */
    record Reply(int status, String contentType, String body) {
        static Reply text(int status, String body) {
            return new Reply(status, "text/plain; charset=utf-8", body);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final ObjectMapper json;
    private final Clock clock;
    private final Map<String, Route> routes;
    private final Function<String, Auth> tokens;
    private final SlackRecords records;
    private final SlackFaults faults;
    private final SlackRateLimiter limiter;
    private final CallHolds holds;
    private final SlackResponseUrls responseUrls;

    SlackHttp(
            ObjectMapper json,
            Clock clock,
            Map<String, Route> routes,
            Function<String, Auth> tokens,
            SlackRecords records,
            SlackFaults faults,
            SlackRateLimiter limiter,
            CallHolds holds,
            SlackResponseUrls responseUrls) {
        this.json = json;
        this.clock = clock;
        this.routes = Map.copyOf(routes);
        this.tokens = tokens;
        this.records = records;
        this.faults = faults;
        this.limiter = limiter;
        this.holds = holds;
        this.responseUrls = responseUrls;
        this.executor = Executors.newCachedThreadPool(DaemonThreads.named("slack-sim-http"));
        // Through LoopbackHttpServer, so that answers leave without Nagle's delay whichever simulator starts first.
        this.server = LoopbackHttpServer.create(0, executor);
        server.createContext("/", this::handle);
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            String path = exchange.getRequestURI().getPath();
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (path.startsWith("/api/")) {
                api(exchange, path.substring("/api/".length()), body);
            } else if (path.startsWith("/response/")) {
                Reply reply = faults.take(SlackSimulator.RESPONSE_URL)
                        .map(fault -> Reply.text(400, fault.error()))
                        .orElseGet(() -> responseUrls.post(
                                path.substring("/response/".length()), new String(body, StandardCharsets.UTF_8)));
                send(exchange, reply.status(), reply.contentType(), reply.body());
            } else {
                send(exchange, 404, "text/plain; charset=utf-8", "not found");
            }
        } catch (RuntimeException e) {
            log.warn(
                    "Slack simulator failed on {}: {}", exchange.getRequestURI().getPath(), e.toString(), e);
            send(exchange, 500, "application/json", "{\"ok\":false,\"error\":\"internal_error\"}");
        } finally {
            exchange.close();
        }
    }

    private void api(HttpExchange exchange, String method, byte[] body) throws IOException {
        Map<String, String> params = new LinkedHashMap<>();
        parseForm(exchange.getRequestURI().getRawQuery(), params);
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        String text = new String(body, StandardCharsets.UTF_8);
        if (contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            if (!parseJson(text, params)) {
                sendJson(exchange, 200, error("invalid_json"), null);
                return;
            }
        } else {
            parseForm(text, params);
        }
        params.remove("token"); // tokens travel in the header; never keep one in a record
        Auth auth = authOf(exchange.getRequestHeaders().getFirst("Authorization"));
        Request request = new Request(method, Collections.unmodifiableMap(params), auth);
        records.recordCall(new ApiCall(method, request.params(), clock.instant(), auth));
        log.debug("Web API call {} ({} token) {}", method, auth, params.keySet());

        Route route = routes.get(method);
        if (route == null) {
            sendJson(exchange, 200, error("unknown_method"), null);
            return;
        }
        if (auth == Auth.MISSING) {
            sendJson(exchange, 200, error("not_authed"), null);
            return;
        }
        if (auth == Auth.REVOKED) {
            sendJson(exchange, 200, error("token_revoked"), null);
            return;
        }
        if (auth == Auth.INVALID) {
            sendJson(exchange, 200, error("invalid_auth"), null);
            return;
        }
        if (!route.tokens().contains(auth)) {
            sendJson(exchange, 200, error("not_allowed_token_type"), null);
            return;
        }
        // The limit first: a call beyond it leaves an injected fault for the next call that gets through.
        Optional<Integer> retryAfter = limiter.admit(method, request.param("channel"));
        if (retryAfter.isPresent()) {
            rateLimited(exchange, method, retryAfter.get());
            return;
        }
        SlackFaults.Fault fault = faults.take(method).orElse(null);
        if (fault != null && fault.isRateLimit()) {
            rateLimited(exchange, method, fault.retryAfterSeconds());
            return;
        }
        if (fault != null && !fault.afterCommit()) {
            sendJson(exchange, 200, error(fault.error()), null);
            return;
        }
        Optional<CallHold> hold = holds.take(method);
        if (!CallHolds.pass(hold, CallHold.Point.BEFORE_COMMIT)) {
            return;
        }
        Optional<CallGathering> gathering = holds.gathering(method, request.params());
        gathering.ifPresent(CallGathering::arriveAndWait);
        ObjectNode answer;
        try {
            ObjectNode result = route.method().call(request);
            answer = json.createObjectNode().put("ok", true);
            answer.setAll(result);
        } catch (Failure f) {
            log.debug("Web API call {} fails with {}", method, f.error());
            answer = error(f.error());
        }
        gathering.ifPresent(CallGathering::actedOn);
        if (fault != null) {
            answer = error(fault.error());
        }
        if (CallHolds.pass(hold, CallHold.Point.AFTER_COMMIT)) {
            sendJson(exchange, 200, answer, null);
        }
    }

    private void rateLimited(HttpExchange exchange, String method, int retryAfterSeconds) throws IOException {
        limiter.answered429(method);
        log.debug("Web API call {} is rate-limited; Retry-After {} s", method, retryAfterSeconds);
        sendJson(exchange, 429, error("ratelimited"), String.valueOf(retryAfterSeconds));
    }

    private Auth authOf(String header) {
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Auth.MISSING;
        }
        String token = header.substring(7).trim();
        return token.isEmpty() ? Auth.MISSING : tokens.apply(token);
    }

    private ObjectNode error(String code) {
        return json.createObjectNode().put("ok", false).put("error", code);
    }

    private static void parseForm(String form, Map<String, String> into) {
        if (form == null || form.isEmpty()) {
            return;
        }
        for (String pair : form.split("&", -1)) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            into.put(key, value);
        }
    }

    /** Top-level JSON fields become arguments; non-text values keep their JSON text, as form bodies carry them. */
    private boolean parseJson(String text, Map<String, String> into) {
        if (text.isBlank()) {
            return true;
        }
        JsonNode node;
        try {
            node = json.readTree(text);
        } catch (IOException e) {
            return false;
        }
        if (!node.isObject()) {
            return false;
        }
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            JsonNode value = field.getValue();
            if (!value.isNull()) {
                into.put(field.getKey(), value.isValueNode() ? value.asText() : value.toString());
            }
        }
        return true;
    }

    private void sendJson(HttpExchange exchange, int status, ObjectNode body, String retryAfter) throws IOException {
        if (retryAfter != null) {
            exchange.getResponseHeaders().set("Retry-After", retryAfter);
        }
        send(exchange, status, "application/json; charset=utf-8", json.writeValueAsString(body));
    }

    private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}

package dev.invalidator.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.invalidator.sandbox.SlackMethod.Failure;
import dev.invalidator.sandbox.SlackMethod.Request;
import dev.invalidator.sandbox.SlackMethod.Route;
import dev.invalidator.sandbox.SlackSimulator.Auth;
import dev.invalidator.sandbox.SlackSimulator.OpenedView;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Modals and the Home tab: trigger ids (single use, short-lived), {@code views.open}, {@code views.update},
 * {@code views.publish}, and the current state of each view. Thread-safe (one monitor).
 */
final class SlackViews {

    private static final Logger log = LoggerFactory.getLogger(SlackViews.class);

    static final Duration DEFAULT_TRIGGER_LIFETIME = Duration.ofSeconds(3);
    private static final int MAX_VIEW_BYTES = 250_000;

    private record Trigger(String userId, Instant issuedAt, boolean used) {}

    /** A view as it stands: {@code json} is the full view object Slack would return. */
    private record View(String id, String userId, String externalId, String hash, ObjectNode json) {}

    private final ObjectMapper json;
    private final Clock clock;
    private final SlackWorld world;
    private final SlackRecords records;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Trigger> triggers = new HashMap<>();
    private final Map<String, View> views = new HashMap<>();
    private final Map<String, String> homeViewIds = new HashMap<>();
    private Duration triggerLifetime = DEFAULT_TRIGGER_LIFETIME;
    private long counter;

    SlackViews(ObjectMapper json, Clock clock, SlackWorld world, SlackRecords records) {
        this.json = json;
        this.clock = clock;
        this.world = world;
        this.records = records;
    }

    void register(Map<String, Route> routes) {
        Set<Auth> bot = Set.of(Auth.BOT);
        routes.put("views.open", new Route(bot, this::open));
        routes.put("views.update", new Route(bot, this::update));
        routes.put("views.publish", new Route(bot, this::publish));
    }

    synchronized void triggerLifetime(Duration lifetime) {
        this.triggerLifetime = lifetime;
    }

    /** A fresh trigger id for something {@code userId} just did, Slack-style ("123.456.hex"). */
    synchronized String issueTrigger(String userId) {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        String id = ++counter + "." + clock.millis() + "." + HexFormat.of().formatHex(bytes);
        triggers.put(id, new Trigger(userId, clock.instant(), false));
        return id;
    }

    /** The current full view object (a copy), for building {@code view_submission} payloads. */
    synchronized Optional<ObjectNode> current(String viewId) {
        View view = views.get(viewId);
        return Optional.ofNullable(view == null ? null : view.json().deepCopy());
    }

    private synchronized ObjectNode open(Request r) {
        ObjectNode input = viewArg(r.param("view"), "modal");
        String triggerId = r.param("trigger_id");
        if (triggerId == null) {
            throw new Failure("invalid_arguments");
        }
        Trigger trigger = triggers.get(triggerId);
        if (trigger == null) {
            throw new Failure("invalid_trigger_id");
        }
        if (trigger.used()) {
            throw new Failure("exchanged_trigger_id");
        }
        if (!clock.instant().isBefore(trigger.issuedAt().plus(triggerLifetime))) {
            throw new Failure("expired_trigger_id");
        }
        String externalId = input.path("external_id").asText("");
        checkExternalIdFree(externalId, null);
        triggers.put(triggerId, new Trigger(trigger.userId(), trigger.issuedAt(), true));
        String id = newViewId();
        View view = store(id, trigger.userId(), externalId, input, id, null);
        return answer(view, "views.open");
    }

    private synchronized ObjectNode update(Request r) {
        ObjectNode input = viewArg(r.param("view"), "modal");
        String viewId = r.param("view_id");
        String externalId = r.param("external_id");
        View existing = viewId != null
                ? views.get(viewId)
                : externalId == null
                        ? null
                        : views.values().stream()
                                .filter(v -> externalId.equals(v.externalId()))
                                .findFirst()
                                .orElse(null);
        if (existing == null) {
            throw new Failure(viewId == null && externalId == null ? "invalid_arguments" : "not_found");
        }
        String hash = r.param("hash");
        if (hash != null && !hash.equals(existing.hash())) {
            throw new Failure("hash_conflict");
        }
        String newExternalId = input.path("external_id").asText(existing.externalId());
        checkExternalIdFree(newExternalId, existing.id());
        View view = store(
                existing.id(),
                existing.userId(),
                newExternalId,
                input,
                existing.json().path("root_view_id").asText(existing.id()),
                null);
        return answer(view, "views.update");
    }

    /**
     * What Slack does with a view_submission ack that says {@code "response_action": "update"}: the modal shows the
     * view in the ack from then on. Other answers (errors, clear, a bare ack) leave the stored view alone.
     */
    synchronized void applyResponseAction(String viewId, String ackPayloadJson) {
        if (ackPayloadJson == null) {
            return;
        }
        JsonNode ack;
        try {
            ack = json.readTree(ackPayloadJson);
        } catch (IOException e) {
            return;
        }
        View existing = views.get(viewId);
        if (existing != null
                && "update".equals(ack.path("response_action").asText())
                && ack.path("view").isObject()) {
            List<String> problems = BlockKitRules.viewProblems(ack.get("view"));
            if (!problems.isEmpty()) {
                // Slack shows the person an error in the modal and keeps the view it had.
                log.info("Ignoring a response_action update with an invalid view: {}", problems);
                return;
            }
            View view = store(
                    existing.id(),
                    existing.userId(),
                    existing.externalId(),
                    (ObjectNode) ack.get("view"),
                    existing.json().path("root_view_id").asText(existing.id()),
                    null);
            answer(view, "response_action:update");
        }
    }

    private synchronized ObjectNode publish(Request r) {
        ObjectNode input = viewArg(r.param("view"), "home");
        String userId = r.param("user_id");
        if (userId == null || world.user(userId).isEmpty()) {
            throw new Failure("user_not_found");
        }
        String id = homeViewIds.computeIfAbsent(userId, u -> newViewId());
        View existing = views.get(id);
        String hash = r.param("hash");
        if (existing != null && hash != null && !hash.equals(existing.hash())) {
            throw new Failure("hash_conflict");
        }
        View view = store(id, userId, input.path("external_id").asText(""), input, id, null);
        return answer(view, "views.publish");
    }

    private ObjectNode viewArg(String arg, String expectedType) {
        if (arg == null) {
            throw new Failure("invalid_arguments");
        }
        if (arg.getBytes(StandardCharsets.UTF_8).length > MAX_VIEW_BYTES) {
            throw new Failure("view_too_large");
        }
        JsonNode node;
        try {
            node = json.readTree(arg);
        } catch (IOException e) {
            throw new Failure("invalid_arguments");
        }
        if (node == null
                || !node.isObject()
                || !expectedType.equals(node.path("type").asText())) {
            throw new Failure("invalid_arguments");
        }
        List<String> problems = BlockKitRules.viewProblems(node);
        if (!problems.isEmpty()) {
            log.info("Refusing a view with invalid_arguments: {}", problems);
            throw new Failure("invalid_arguments");
        }
        return (ObjectNode) node;
    }

    private void checkExternalIdFree(String externalId, String exceptViewId) {
        if (!externalId.isEmpty()
                && views.values().stream()
                        .anyMatch(v -> externalId.equals(v.externalId()) && !v.id().equals(exceptViewId))) {
            throw new Failure("duplicate_external_id");
        }
    }

    private View store(
            String id, String userId, String externalId, ObjectNode input, String rootId, String previousId) {
        ObjectNode full = json.createObjectNode()
                .put("id", id)
                .put("team_id", SlackWorld.TEAM_ID)
                .put("type", input.path("type").asText());
        full.set("blocks", input.has("blocks") ? input.get("blocks") : json.createArrayNode());
        full.put("private_metadata", input.path("private_metadata").asText(""))
                .put("callback_id", input.path("callback_id").asText(""));
        full.putObject("state").putObject("values");
        String hash = (clock.millis() / 1000) + "." + HexFormat.of().toHexDigits(random.nextInt());
        full.put("hash", hash);
        for (String field : new String[] {"title", "close", "submit"}) {
            if (input.has(field)) {
                full.set(field, input.get(field));
            }
        }
        full.put("clear_on_close", input.path("clear_on_close").asBoolean(false))
                .put("notify_on_close", input.path("notify_on_close").asBoolean(false))
                .put("previous_view_id", previousId)
                .put("root_view_id", rootId)
                .put("app_id", SlackWorld.APP_ID)
                .put("external_id", externalId)
                .put("app_installed_team_id", SlackWorld.TEAM_ID)
                .put("bot_id", SlackWorld.BOT_ID);
        View view = new View(id, userId, externalId, hash, full);
        views.put(id, view);
        return view;
    }

    private ObjectNode answer(View view, String method) {
        records.recordView(new OpenedView(view.id(), view.userId(), view.json().toString(), method));
        ObjectNode out = json.createObjectNode();
        out.set("view", view.json().deepCopy());
        return out;
    }

    private String newViewId() {
        return String.format("V0SIM%05d", ++counter);
    }
}

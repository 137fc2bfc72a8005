package dev.invalidator.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.invalidator.sandbox.SlackSimulator.Ack;
import dev.invalidator.sandbox.SlackSimulator.Envelope;
import dev.invalidator.sandbox.SlackWorld.User;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * A person typing in an {@code external_select} of an open modal: Slack sends a {@code block_suggestion} over Socket
 * Mode once the text is at least the element's {@code min_query_length} (3 when unset), and shows the options of the
 * answer only when it came within 3 seconds and holds to the option limits; otherwise the menu shows nothing.
 */
final class SlackSuggestions {

    /** How long Slack waits for the options (docs.slack.dev, "external_select": within 3 seconds). */
    static final Duration DEADLINE = Duration.ofSeconds(3);

    private static final int DEFAULT_MIN_QUERY_LENGTH = 3;

    private final ObjectMapper json;
    private final Clock clock;
    private final SlackWorld world;
    private final SlackViews views;
    private final SlackSocketServer socket;
    private final SlackPayloads payloads;

    SlackSuggestions(ObjectMapper json, Clock clock, SlackWorld world, SlackViews views, SlackSocketServer socket) {
        this.json = json;
        this.clock = clock;
        this.world = world;
        this.views = views;
        this.socket = socket;
        this.payloads = new SlackPayloads(json, clock);
    }

    CompletableFuture<SlackSimulator.Suggestions> type(String userId, String viewId, String blockId, String value) {
        User user = world.user(userId).orElseThrow(() -> new IllegalArgumentException("unknown user " + userId));
        ObjectNode view = views.current(viewId).orElseThrow(() -> new IllegalArgumentException("no view " + viewId));
        JsonNode element = externalSelect(view, blockId);
        int minimum = element.path("min_query_length").asInt(DEFAULT_MIN_QUERY_LENGTH);
        if (value.length() < minimum) {
            throw new IllegalArgumentException("Slack sends no block_suggestion for " + value.length()
                    + " characters: the element's min_query_length is " + minimum);
        }
        ObjectNode payload = json.createObjectNode().put("type", "block_suggestion");
        payload.putObject("user")
                .put("id", user.id())
                .put("username", user.name())
                .put("name", user.name())
                .put("team_id", user.teamId());
        payload.putObject("container").put("type", "view").put("view_id", viewId);
        payload.put("api_app_id", SlackWorld.APP_ID)
                .put("token", SlackPayloads.VERIFICATION_TOKEN)
                .put("action_id", element.path("action_id").asText())
                .put("block_id", blockId)
                .put("value", value);
        payload.putObject("team").put("id", SlackWorld.TEAM_ID).put("domain", SlackWorld.TEAM_DOMAIN);
        payload.set("view", view);
        payload.put("is_enterprise_install", false);
        String envelopeId = UUID.randomUUID().toString();
        Instant sentAt = clock.instant();
        CompletableFuture<Ack> ack = socket.deliver(
                envelopeId,
                payloads.envelope(envelopeId, "interactive", payload, true).toString());
        Envelope envelope = new Envelope(envelopeId, "interactive", ack, sentAt, null, null);
        return ack.thenApply(answer -> judge(envelope, answer));
    }

    private JsonNode externalSelect(ObjectNode view, String blockId) {
        for (JsonNode block : view.path("blocks")) {
            if (blockId.equals(block.path("block_id").asText(null))) {
                JsonNode element = block.path("element");
                if (!"external_select".equals(element.path("type").asText())) {
                    throw new IllegalArgumentException("block " + blockId + " holds no external_select");
                }
                return element;
            }
        }
        throw new IllegalArgumentException("the view has no block " + blockId);
    }

    private SlackSimulator.Suggestions judge(Envelope envelope, Ack ack) {
        Duration took = Duration.between(envelope.sentAt(), ack.receivedAt());
        List<String> problems = new ArrayList<>();
        JsonNode answer = read(ack.payloadJson(), problems);
        problems.addAll(BlockKitRules.suggestionProblems(answer));
        if (took.compareTo(DEADLINE) > 0) {
            problems.add("answered after " + took.toMillis() + " ms; Slack waits " + DEADLINE.toMillis() + " ms");
        }
        List<SlackSimulator.Suggestion> options = new ArrayList<>();
        if (problems.isEmpty()) {
            answer.path("options").forEach(option -> options.add(suggestion(option, Optional.empty())));
            answer.path("option_groups")
                    .forEach(group -> group.path("options")
                            .forEach(option -> options.add(suggestion(
                                    option,
                                    Optional.of(group.path("label").path("text").asText())))));
        }
        return new SlackSimulator.Suggestions(options, problems, took, ack.payloadJson());
    }

    private static SlackSimulator.Suggestion suggestion(JsonNode option, Optional<String> group) {
        return new SlackSimulator.Suggestion(
                option.path("text").path("text").asText(), option.path("value").asText(), group);
    }

    private JsonNode read(String payloadJson, List<String> problems) {
        if (payloadJson == null) {
            problems.add("the ack carried no options");
            return json.createObjectNode();
        }
        try {
            return json.readTree(payloadJson);
        } catch (JsonProcessingException e) {
            problems.add("the ack is not JSON: " + e.getOriginalMessage());
            return json.createObjectNode();
        }
    }
}

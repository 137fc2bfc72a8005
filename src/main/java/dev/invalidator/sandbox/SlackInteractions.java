package dev.invalidator.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.invalidator.sandbox.SlackSimulator.Ack;
import dev.invalidator.sandbox.SlackSimulator.Envelope;
import dev.invalidator.sandbox.SlackSimulator.Ephemeral;
import dev.invalidator.sandbox.SlackWorld.Channel;
import dev.invalidator.sandbox.SlackWorld.User;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * What users do that reaches the bot over Socket Mode: each issues the trigger id and response_url Slack would,
 * builds the payload from the recorded world (the message clicked, the view submitted) and delivers it.
 * See the public methods of {@link SlackSimulator} for what each one means.
 */
final class SlackInteractions {

    private final ObjectMapper json;
    private final Clock clock;
    private final SlackWorld world;
    private final SlackRecords records;
    private final SlackViews views;
    private final SlackResponseUrls responseUrls;
    private final SlackChatMethods chat;
    private final SlackSocketServer socket;
    private final SlackPayloads payloads;

    SlackInteractions(
            ObjectMapper json,
            Clock clock,
            SlackWorld world,
            SlackRecords records,
            SlackViews views,
            SlackResponseUrls responseUrls,
            SlackChatMethods chat,
            SlackSocketServer socket) {
        this.json = json;
        this.clock = clock;
        this.world = world;
        this.records = records;
        this.views = views;
        this.responseUrls = responseUrls;
        this.chat = chat;
        this.socket = socket;
        this.payloads = new SlackPayloads(json, clock);
    }

    Envelope slashCommand(String userId, String channelId, String command, String text) {
        User user = knownUser(userId);
        Channel channel = knownChannel(channelId);
        String triggerId = views.issueTrigger(userId);
        String responseUrl = responseUrls.issue(channelId, userId, null, false);
        return send(
                "slash_commands",
                payloads.slashCommand(user, channel, command, text, responseUrl, triggerId),
                true,
                responseUrl,
                triggerId);
    }

    Envelope interactive(String payloadJson) {
        ObjectNode payload;
        try {
            JsonNode node = json.readTree(payloadJson);
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException("the interactive payload must be a JSON object");
            }
            payload = (ObjectNode) node;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the interactive payload is not JSON: " + e.getOriginalMessage(), e);
        }
        String type = payload.path("type").asText();
        String userId = payload.path("user").path("id").asText(null);
        String triggerId = views.issueTrigger(userId);
        payload.put("trigger_id", triggerId);
        String responseUrl = null;
        if ("block_actions".equals(type) || payload.has("response_url")) {
            JsonNode container = payload.path("container");
            String channelId = payload.path("channel")
                    .path("id")
                    .asText(container.path("channel_id").asText(null));
            responseUrl = responseUrls.issue(
                    channelId,
                    userId,
                    container.path("message_ts").asText(null),
                    container.path("is_ephemeral").asBoolean(false));
            payload.put("response_url", responseUrl);
        }
        boolean acceptsResponse = "view_submission".equals(type) || "block_suggestion".equals(type);
        return send("interactive", payload, acceptsResponse, responseUrl, triggerId);
    }

    Envelope clickButton(String userId, String channelId, String messageTs, String actionId) {
        User user = knownUser(userId);
        Channel channel = knownChannel(channelId);
        ObjectNode message;
        boolean ephemeral;
        var stored = records.find(channelId, messageTs);
        if (stored.isPresent()) {
            message = chat.message(stored.get(), false);
            ephemeral = false;
        } else {
            Ephemeral e = records.ephemeral(userId, messageTs)
                    .filter(x -> x.channel().equals(channelId))
                    .orElseThrow(() -> new IllegalArgumentException(
                            "no message " + messageTs + " in " + channelId + " visible to " + userId));
            message = json.createObjectNode()
                    .put("type", "message")
                    .put("text", e.text())
                    .put("ts", e.ts());
            message.set("blocks", readOrEmpty(e.blocksJson()));
            ephemeral = true;
        }
        String triggerId = views.issueTrigger(userId);
        String responseUrl = responseUrls.issue(channelId, userId, messageTs, ephemeral);
        ObjectNode payload =
                payloads.blockActions(user, channel, messageTs, message, ephemeral, actionId, responseUrl, triggerId);
        return send("interactive", payload, false, responseUrl, triggerId);
    }

    Envelope submitView(String userId, String viewId, String stateValuesJson) {
        User user = knownUser(userId);
        ObjectNode view = views.current(viewId).orElseThrow(() -> new IllegalArgumentException("no view " + viewId));
        JsonNode values = stateValuesJson == null ? json.createObjectNode() : readOrEmpty(stateValuesJson);
        if (!values.isObject()) {
            throw new IllegalArgumentException("state values must be a JSON object");
        }
        ((ObjectNode) view.path("state")).set("values", values);
        String triggerId = views.issueTrigger(userId);
        Envelope sent = send("interactive", payloads.viewSubmission(user, view, triggerId), true, null, triggerId);
        CompletableFuture<Ack> applied = sent.ack().thenApply(ack -> {
            views.applyResponseAction(viewId, ack.payloadJson());
            return ack;
        });
        return new Envelope(
                sent.envelopeId(), sent.type(), applied, sent.sentAt(), sent.responseUrl(), sent.triggerId());
    }

    Envelope appHomeOpened(String userId) {
        User user = knownUser(userId);
        var home = records.views(userId).stream()
                .filter(v -> "views.publish".equals(v.method()))
                .reduce((a, b) -> b)
                .flatMap(v -> views.current(v.viewId()));
        return send("events_api", payloads.appHomeOpened(user, home), false, null, null);
    }

    private Envelope send(
            String type, ObjectNode payload, boolean acceptsResponse, String responseUrl, String triggerId) {
        String envelopeId = UUID.randomUUID().toString();
        ObjectNode envelope = payloads.envelope(envelopeId, type, payload, acceptsResponse);
        Instant sentAt = clock.instant();
        CompletableFuture<Ack> ack = socket.deliver(envelopeId, envelope.toString());
        return new Envelope(envelopeId, type, ack, sentAt, responseUrl, triggerId);
    }

    private JsonNode readOrEmpty(String jsonText) {
        if (jsonText == null) {
            return json.createArrayNode();
        }
        try {
            return json.readTree(jsonText);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        }
    }

    private User knownUser(String userId) {
        return world.user(userId).orElseThrow(() -> new IllegalArgumentException("unknown user " + userId));
    }

    private Channel knownChannel(String channelId) {
        return world.channel(channelId).orElseThrow(() -> new IllegalArgumentException("unknown channel " + channelId));
    }
}

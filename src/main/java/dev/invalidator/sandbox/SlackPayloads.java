package dev.invalidator.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.invalidator.sandbox.SlackWorld.Channel;
import dev.invalidator.sandbox.SlackWorld.User;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/** Builds Socket Mode envelopes and the payloads inside them, in the shapes of the reference samples. */
final class SlackPayloads {

    static final String VERIFICATION_TOKEN = "sim-legacy-verification-token";

    private final ObjectMapper json;
    private final Clock clock;

    SlackPayloads(ObjectMapper json, Clock clock) {
        this.json = json;
        this.clock = clock;
    }

    ObjectNode envelope(String envelopeId, String type, ObjectNode payload, boolean acceptsResponsePayload) {
        ObjectNode envelope = json.createObjectNode().put("envelope_id", envelopeId);
        envelope.set("payload", payload);
        envelope.put("type", type).put("accepts_response_payload", acceptsResponsePayload);
        if ("events_api".equals(type)) {
            envelope.put("retry_attempt", 0).put("retry_reason", "");
        }
        return envelope;
    }

    /** Slack escapes its three control characters in the text users type. */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    ObjectNode slashCommand(
            User user, Channel channel, String command, String text, String responseUrl, String triggerId) {
        return json.createObjectNode()
                .put("token", VERIFICATION_TOKEN)
                .put("team_id", SlackWorld.TEAM_ID)
                .put("team_domain", SlackWorld.TEAM_DOMAIN)
                .put("channel_id", channel.id())
                .put("channel_name", channel.name())
                .put("user_id", user.id())
                .put("user_name", user.name())
                .put("command", command)
                .put("text", escape(text))
                .put("api_app_id", SlackWorld.APP_ID)
                .put("response_url", responseUrl)
                .put("trigger_id", triggerId);
    }

    ObjectNode appHomeOpened(User user, Optional<ObjectNode> homeView) {
        String eventTs = eventTs();
        ObjectNode event = json.createObjectNode()
                .put("type", "app_home_opened")
                .put("user", user.id())
                .put("channel", "D0" + user.id())
                .put("tab", "home")
                .put("event_ts", eventTs);
        homeView.ifPresent(v -> event.set("view", v));
        return eventCallback(event);
    }

    /** An Events API payload around {@code event}, as Slack wraps every event it sends the app. */
    ObjectNode eventCallback(ObjectNode event) {
        ObjectNode payload = json.createObjectNode()
                .put("token", VERIFICATION_TOKEN)
                .put("team_id", SlackWorld.TEAM_ID)
                .put("api_app_id", SlackWorld.APP_ID);
        payload.set("event", event);
        payload.put("type", "event_callback")
                .put(
                        "event_id",
                        "Ev0SIM"
                                + UUID.randomUUID()
                                        .toString()
                                        .replace("-", "")
                                        .substring(0, 8)
                                        .toUpperCase(Locale.ROOT))
                .put("event_time", clock.millis() / 1000);
        payload.putArray("authorizations")
                .addObject()
                .putNull("enterprise_id")
                .put("team_id", SlackWorld.TEAM_ID)
                .put("user_id", SlackWorld.BOT_USER_ID)
                .put("is_bot", true)
                .put("is_enterprise_install", false);
        payload.put("is_ext_shared_channel", false);
        return payload;
    }

    /**
     * A {@code block_actions} payload for a click on the button {@code actionId} in {@code message}
     * (its {@code blocks}); {@code message} is left out for an ephemeral message, as Slack does.
     */
    ObjectNode blockActions(
            User user,
            Channel channel,
            String messageTs,
            ObjectNode message,
            boolean ephemeral,
            String actionId,
            String responseUrl,
            String triggerId) {
        JsonNode blocks = message.path("blocks");
        ObjectNode[] found = findElement(blocks, actionId);
        if (found == null) {
            throw new IllegalArgumentException("no element with action_id '" + actionId + "' in message " + messageTs);
        }
        ObjectNode block = found[0];
        ObjectNode element = found[1];
        ObjectNode payload = json.createObjectNode().put("type", "block_actions");
        payload.set("user", user(user));
        payload.put("api_app_id", SlackWorld.APP_ID).put("token", VERIFICATION_TOKEN);
        payload.putObject("container")
                .put("type", "message")
                .put("message_ts", messageTs)
                .put("channel_id", channel.id())
                .put("is_ephemeral", ephemeral);
        if (message.hasNonNull("thread_ts")) {
            ((ObjectNode) payload.get("container"))
                    .put("thread_ts", message.get("thread_ts").asText());
        }
        payload.put("trigger_id", triggerId);
        payload.putObject("team").put("id", SlackWorld.TEAM_ID).put("domain", SlackWorld.TEAM_DOMAIN);
        payload.putObject("channel").put("id", channel.id()).put("name", channel.name());
        if (!ephemeral) {
            payload.set("message", message);
        }
        payload.put("response_url", responseUrl);
        ObjectNode action = payload.putArray("actions")
                .addObject()
                .put("action_id", actionId)
                .put("block_id", block.path("block_id").asText(""));
        if (element.has("text")) {
            action.set("text", element.get("text"));
        }
        if (element.has("value")) {
            action.set("value", element.get("value"));
        }
        action.put("type", element.path("type").asText("button")).put("action_ts", eventTs());
        return payload;
    }

    ObjectNode viewSubmission(User user, ObjectNode view, String triggerId) {
        ObjectNode payload = json.createObjectNode().put("type", "view_submission");
        payload.putObject("team").put("id", SlackWorld.TEAM_ID).put("domain", SlackWorld.TEAM_DOMAIN);
        payload.set("user", user(user));
        payload.put("api_app_id", SlackWorld.APP_ID)
                .put("token", VERIFICATION_TOKEN)
                .put("trigger_id", triggerId);
        payload.set("view", view);
        payload.putArray("response_urls");
        return payload;
    }

    private ObjectNode user(User user) {
        return json.createObjectNode()
                .put("id", user.id())
                .put("username", user.name())
                .put("name", user.name())
                .put("team_id", user.teamId());
    }

    /** {block, element} for the interactive element with {@code actionId}, in actions blocks or accessories. */
    private static ObjectNode[] findElement(JsonNode blocks, String actionId) {
        for (JsonNode block : blocks) {
            for (JsonNode element : block.path("elements")) {
                if (actionId.equals(element.path("action_id").asText(null)) && element.isObject()) {
                    return new ObjectNode[] {(ObjectNode) block, (ObjectNode) element};
                }
            }
            JsonNode accessory = block.path("accessory");
            if (accessory.isObject()
                    && actionId.equals(accessory.path("action_id").asText(null))) {
                return new ObjectNode[] {(ObjectNode) block, (ObjectNode) accessory};
            }
        }
        return null;
    }

    private String eventTs() {
        long micros = clock.millis() * 1000;
        return String.format("%d.%06d", micros / 1_000_000, micros % 1_000_000);
    }
}

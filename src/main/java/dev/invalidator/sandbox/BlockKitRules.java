package dev.invalidator.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What Slack checks in the Block Kit it is given (the limits of {@code slack.md} §11, from the Block Kit reference on
 * docs.slack.dev and the Node SDK's types): how many blocks, how long each text, how many buttons and options. Each
 * problem reads like Slack's own, with a JSON pointer to the field: {@code must be less than 3001 characters
 * [json-pointer:/blocks/0/text/text]}.
 *
 * <p>Lengths are counted in UTF-16 units, as JavaScript counts them, so an emoji counts two. Slack does not say how it
 * counts; this count is never below the number of characters a person sees, so the simulator is not the more lenient
 * of the two.
 *
 * <pre>{@code
 * BlockKitRules.blockProblems(json.readTree(blocks), BlockKitRules.Surface.MESSAGE);   // [] when Slack takes them
 * }</pre>
 */
public final class BlockKitRules {

    /** Where blocks are shown, which sets how many there may be. */
    public enum Surface {
        MESSAGE(50),
        MODAL(100),
        HOME(100);

        private final int maxBlocks;

        Surface(int maxBlocks) {
            this.maxBlocks = maxBlocks;
        }
    }

    /**
     * The text all of a message's blocks may hold together. Slack documents none, but refuses larger messages with
     * {@code msg_blocks_too_long}: its maintainers give "12,000 text characters with a buffer for block containers"
     * (slackapi/bolt-js issues #2509 and #2867, where 11,341 characters of text were already refused). So the
     * simulator counts the text alone against 11,000, below every size seen refused.
     */
    public static final int MAX_MESSAGE_BLOCKS_TEXT = 11_000;

    private static final int MAX_TEXT = 3000;
    private static final int MAX_FIELD = 2000;
    private static final int MAX_FIELDS = 10;
    private static final int MAX_HEADER = 150;
    private static final int MAX_CONTEXT_ELEMENTS = 10;
    private static final int MAX_ACTIONS = 25;
    private static final int MAX_BUTTON_TEXT = 75;
    private static final int MAX_BUTTON_VALUE = 2000;
    private static final int MAX_URL = 3000;
    private static final int MAX_ID = 255;
    private static final int MAX_LABEL = 2000;
    private static final int MAX_PLACEHOLDER = 150;
    private static final int MAX_OPTIONS = 100;
    private static final int MAX_OPTION_TEXT = 75;
    private static final int MAX_VIEW_TITLE = 24;
    private static final int MAX_PRIVATE_METADATA = 3000;

    private final List<String> problems = new ArrayList<>();

    private BlockKitRules() {}

    /** Slack's complaints about a {@code blocks} array shown on {@code surface}; empty when it takes them. */
    public static List<String> blockProblems(JsonNode blocks, Surface surface) {
        BlockKitRules rules = new BlockKitRules();
        rules.blocks(blocks, "/blocks", surface);
        return rules.problems;
    }

    /** Slack's complaints about a modal or Home tab view ({@code views.open}, {@code views.publish}, …). */
    public static List<String> viewProblems(JsonNode view) {
        BlockKitRules rules = new BlockKitRules();
        rules.view(view);
        return rules.problems;
    }

    /**
     * Slack's complaints about the answer to a {@code block_suggestion}: {@code options} or {@code option_groups}, at
     * most 100 of each and 100 options in a group, each option's text and value within 75 characters (Slack's pages
     * allow a value 150; the Node SDK's types, 75: the simulator holds to the stricter).
     */
    public static List<String> suggestionProblems(JsonNode answer) {
        BlockKitRules rules = new BlockKitRules();
        JsonNode options = answer.get("options");
        JsonNode groups = answer.get("option_groups");
        if (options == null && groups == null) {
            rules.problems.add("must provide options or option_groups [json-pointer:/]");
        }
        rules.options(options, "/options");
        if (groups != null) {
            if (!groups.isArray() || groups.size() > MAX_OPTIONS) {
                rules.problems.add("no more than " + MAX_OPTIONS + " items allowed [json-pointer:/option_groups]");
                return rules.problems;
            }
            for (int i = 0; i < groups.size(); i++) {
                rules.plainText(groups.get(i).get("label"), "/option_groups/" + i + "/label", MAX_OPTION_TEXT, true);
                rules.options(groups.get(i).get("options"), "/option_groups/" + i + "/options");
            }
        }
        return rules.problems;
    }

    /** All the text in {@code blocks}, counted as Slack counts it for {@code msg_blocks_too_long}. */
    public static int textLength(JsonNode blocks) {
        int length = 0;
        if (blocks.isArray()) {
            for (JsonNode element : blocks) {
                length += textLength(element);
            }
        }
        for (Map.Entry<String, JsonNode> field : blocks.properties()) {
            length += "text".equals(field.getKey()) && field.getValue().isTextual()
                    ? field.getValue().asText().length()
                    : textLength(field.getValue());
        }
        return length;
    }

    private void view(JsonNode view) {
        String type = view.path("type").asText();
        boolean modal = "modal".equals(type);
        if (!modal && !"home".equals(type)) {
            problems.add("must be one of modal, home [json-pointer:/type]");
            return;
        }
        if (modal) {
            plainText(view.get("title"), "/title", MAX_VIEW_TITLE, true);
        }
        plainText(view.get("submit"), "/submit", MAX_VIEW_TITLE, false);
        plainText(view.get("close"), "/close", MAX_VIEW_TITLE, false);
        atMost(view.get("private_metadata"), "/private_metadata", MAX_PRIVATE_METADATA);
        atMost(view.get("callback_id"), "/callback_id", MAX_ID);
        atMost(view.get("external_id"), "/external_id", MAX_ID);
        blocks(view.get("blocks"), "/blocks", modal ? Surface.MODAL : Surface.HOME);
    }

    private void blocks(JsonNode blocks, String at, Surface surface) {
        if (blocks == null || !blocks.isArray()) {
            problems.add("must be an array [json-pointer:" + at + "]");
            return;
        }
        if (blocks.size() > surface.maxBlocks) {
            problems.add("no more than " + surface.maxBlocks + " items allowed [json-pointer:" + at + "]");
        }
        for (int i = 0; i < blocks.size(); i++) {
            block(blocks.get(i), at + "/" + i);
        }
    }

    private void block(JsonNode block, String at) {
        if (!block.isObject() || !block.path("type").isTextual()) {
            problems.add("must be a block object with a type [json-pointer:" + at + "]");
            return;
        }
        atMost(block.get("block_id"), at + "/block_id", MAX_ID);
        switch (block.get("type").asText()) {
            case "section" -> section(block, at);
            case "header" -> plainText(block.get("text"), at + "/text", MAX_HEADER, true);
            case "context" -> elements(block, at, MAX_CONTEXT_ELEMENTS);
            case "actions" -> elements(block, at, MAX_ACTIONS);
            case "input" -> {
                plainText(block.get("label"), at + "/label", MAX_LABEL, true);
                plainText(block.get("hint"), at + "/hint", MAX_LABEL, false);
                element(block.get("element"), at + "/element");
            }
            default -> {
                // divider, image and the rest: nothing the bot sends has limits there
            }
        }
    }

    private void section(JsonNode section, String at) {
        JsonNode fields = section.get("fields");
        if (section.get("text") == null && fields == null) {
            problems.add("must provide text or fields [json-pointer:" + at + "]");
        }
        text(section.get("text"), at + "/text", MAX_TEXT, false);
        if (fields != null) {
            if (!fields.isArray() || fields.size() > MAX_FIELDS) {
                problems.add("no more than " + MAX_FIELDS + " items allowed [json-pointer:" + at + "/fields]");
                return;
            }
            for (int i = 0; i < fields.size(); i++) {
                text(fields.get(i), at + "/fields/" + i, MAX_FIELD, true);
            }
        }
        element(section.get("accessory"), at + "/accessory");
    }

    private void elements(JsonNode block, String at, int max) {
        JsonNode elements = block.get("elements");
        if (elements == null || !elements.isArray() || elements.isEmpty()) {
            problems.add("must provide at least 1 item [json-pointer:" + at + "/elements]");
            return;
        }
        if (elements.size() > max) {
            problems.add("no more than " + max + " items allowed [json-pointer:" + at + "/elements]");
        }
        for (int i = 0; i < elements.size(); i++) {
            JsonNode element = elements.get(i);
            String type = element.path("type").asText();
            if ("mrkdwn".equals(type) || "plain_text".equals(type)) {
                text(element, at + "/elements/" + i, MAX_TEXT, true);
            } else {
                element(element, at + "/elements/" + i);
            }
        }
    }

    private void element(JsonNode element, String at) {
        if (element == null) {
            return;
        }
        atMost(element.get("action_id"), at + "/action_id", MAX_ID);
        plainText(element.get("placeholder"), at + "/placeholder", MAX_PLACEHOLDER, false);
        switch (element.path("type").asText()) {
            case "button" -> {
                plainText(element.get("text"), at + "/text", MAX_BUTTON_TEXT, true);
                atMost(element.get("value"), at + "/value", MAX_BUTTON_VALUE);
                atMost(element.get("url"), at + "/url", MAX_URL);
            }
            case "static_select" -> {
                options(element.get("options"), at + "/options");
                option(element.get("initial_option"), at + "/initial_option");
            }
            case "external_select" -> {
                JsonNode minimum = element.get("min_query_length");
                if (minimum != null && (!minimum.canConvertToInt() || minimum.asInt() < 0)) {
                    problems.add("must be a non-negative integer [json-pointer:" + at + "/min_query_length]");
                }
                option(element.get("initial_option"), at + "/initial_option");
            }
            default -> {
                // inputs and conversation pickers carry no text the bot writes beyond the placeholder
            }
        }
    }

    private void options(JsonNode options, String at) {
        if (options == null) {
            return;
        }
        if (!options.isArray() || options.size() > MAX_OPTIONS) {
            problems.add("no more than " + MAX_OPTIONS + " items allowed [json-pointer:" + at + "]");
            return;
        }
        for (int i = 0; i < options.size(); i++) {
            option(options.get(i), at + "/" + i);
        }
    }

    private void option(JsonNode option, String at) {
        if (option == null) {
            return;
        }
        plainText(option.get("text"), at + "/text", MAX_OPTION_TEXT, true);
        atMost(option.get("value"), at + "/value", MAX_OPTION_TEXT);
    }

    private void plainText(JsonNode text, String at, int max, boolean required) {
        if (text != null && !"plain_text".equals(text.path("type").asText())) {
            problems.add("must be a plain_text object [json-pointer:" + at + "]");
        }
        text(text, at, max, required);
    }

    /** A text object: its {@code text} of 1 to {@code max} characters. */
    private void text(JsonNode text, String at, int max, boolean required) {
        if (text == null) {
            if (required) {
                problems.add("must provide an object [json-pointer:" + at + "]");
            }
            return;
        }
        String value = text.path("text").asText("");
        if (value.isEmpty()) {
            problems.add("must be more than 0 characters [json-pointer:" + at + "/text]");
        }
        atMost(text.get("text"), at + "/text", max);
    }

    private void atMost(JsonNode value, String at, int max) {
        if (value != null && value.isTextual() && value.asText().length() > max) {
            problems.add("must be less than " + (max + 1) + " characters [json-pointer:" + at + "]");
        }
    }
}

package dev.invalidator.demo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A message's Block Kit, as Slack received it, turned into terminal lines: headers and sections as text, context as
 * its small print, code blocks indented, a row of buttons as {@code [Confirm] [Cancel]}. The buttons are kept too,
 * so that the person can click them by label.
 *
 * <pre>{@code
 * Rendered shown = new BlockKitText(names).render(message.blocksJson(), message.text());
 * shown.lines();    // ["🔄 In progress: invalidation of 2 paths on `web` (E1WEBEXAMPLE)", "Asked by @alice", ...]
 * shown.buttons();  // [] — or [Button[actionId=approve, label=Approve], ...]
 * }</pre>
 */
final class BlockKitText {

    /** A button as shown: what a click sends ({@code actionId}) and what the person reads ({@code label}). */
    record Button(String actionId, String label) {

        /** Whether {@code typed} names this button: its action id, its label, or the label's first word. */
        boolean isNamed(String typed) {
            String wanted = typed.strip().toLowerCase(java.util.Locale.ROOT);
            String lower = label.toLowerCase(java.util.Locale.ROOT);
            return wanted.equals(actionId) || wanted.equals(lower) || lower.startsWith(wanted + " ");
        }
    }

    /** @param buttons every button of the message, in the order shown */
    record Rendered(List<String> lines, List<Button> buttons) {

        Rendered {
            lines = List.copyOf(lines);
            buttons = List.copyOf(buttons);
        }
    }

    private final ObjectMapper json = new ObjectMapper();
    private final Mrkdwn mrkdwn;

    BlockKitText(Names names) {
        this.mrkdwn = new Mrkdwn(names);
    }

    /** The message's blocks, or its plain text when it has none (Slack shows the text then). */
    Rendered render(String blocksJson, String fallbackText) {
        JsonNode blocks = parse(blocksJson);
        if (!blocks.isArray() || blocks.isEmpty()) {
            return new Rendered(fallbackText == null ? List.of() : mrkdwn.lines(fallbackText), List.of());
        }
        List<String> lines = new ArrayList<>();
        List<Button> buttons = new ArrayList<>();
        for (JsonNode block : blocks) {
            render(block, lines, buttons);
        }
        return new Rendered(lines, buttons);
    }

    /** The blocks of a view that are not inputs (the form asks for those itself). */
    Rendered render(JsonNode blocks) {
        List<String> lines = new ArrayList<>();
        List<Button> buttons = new ArrayList<>();
        for (JsonNode block : blocks) {
            if (!"input".equals(block.path("type").asText())) {
                render(block, lines, buttons);
            }
        }
        return new Rendered(lines, buttons);
    }

    private void render(JsonNode block, List<String> lines, List<Button> buttons) {
        switch (block.path("type").asText()) {
            case "header" -> lines.add(block.path("text").path("text").asText());
            case "section" -> {
                lines.addAll(text(block.path("text")));
                block.path("fields").forEach(field -> lines.addAll(text(field)));
                JsonNode accessory = block.path("accessory");
                if ("button".equals(accessory.path("type").asText())) {
                    Button button = button(accessory);
                    buttons.add(button);
                    lines.add(shown(List.of(button)));
                }
            }
            case "context" -> {
                List<String> parts = new ArrayList<>();
                block.path("elements").forEach(element -> parts.addAll(text(element)));
                if (!parts.isEmpty()) {
                    lines.add(String.join(" ", parts));
                }
            }
            case "actions" -> {
                List<Button> row = new ArrayList<>();
                block.path("elements").forEach(element -> {
                    if ("button".equals(element.path("type").asText())) {
                        row.add(button(element));
                    }
                });
                buttons.addAll(row);
                lines.add(shown(row));
            }
            case "divider" -> lines.add("────────");
            default -> lines.add("(a " + block.path("type").asText() + " block)");
        }
    }

    /** A text object: mrkdwn is converted, plain text shown as it is. */
    private List<String> text(JsonNode text) {
        if (text.isMissingNode() || text.isNull() || !text.has("text")) {
            return List.of();
        }
        String value = text.path("text").asText();
        return "mrkdwn".equals(text.path("type").asText()) ? mrkdwn.lines(value) : List.of(value.split("\n", -1));
    }

    private static Button button(JsonNode element) {
        return new Button(
                element.path("action_id").asText(),
                element.path("text").path("text").asText());
    }

    static String shown(List<Button> buttons) {
        return buttons.stream().map(button -> "[" + button.label() + "]").collect(Collectors.joining(" "));
    }

    private JsonNode parse(String blocksJson) {
        if (blocksJson == null) {
            return json.createArrayNode();
        }
        try {
            return json.readTree(blocksJson);
        } catch (JsonProcessingException e) {
            return json.createArrayNode();
        }
    }
}

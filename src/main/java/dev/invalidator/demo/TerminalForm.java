package dev.invalidator.demo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.invalidator.sandbox.SlackSimulator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A Slack modal as a form in the terminal: its text shown, each input asked in turn, and the answers returned as
 * the {@code view.state.values} Slack would send with the submission. A view without inputs (the confirmation step)
 * asks for its submit or close button instead.
 *
 * <p>Understood inputs: static selects (by value, label or number), external selects (the text typed goes to the bot
 * as Slack sends it, and the one it finds is chosen, or one of those listed by its number), plain text inputs (a
 * multi-line one ends at an empty line) and conversation selects (by channel name or id). {@value #CANCEL} at any question closes the form.
 */
final class TerminalForm {

    static final String CANCEL = ":cancel";
    private static final String INDENT = "   ";
    private static final String FIELD = "     ";
    /** The matches listed for the person to choose from by number; the rest are counted. */
    private static final int LISTED = 10;

    /** What the menu of an external select shows for {@code text} typed in the input {@code blockId}. */
    interface Menu {
        SlackSimulator.Suggestions typed(String blockId, String text);
    }

    private final ObjectMapper json = new ObjectMapper();
    private final Terminal terminal;
    private final BlockKitText blockKit;
    private final DemoWorld world;

    TerminalForm(Terminal terminal, DemoWorld world) {
        this.terminal = terminal;
        this.world = world;
        this.blockKit = new BlockKitText(world.names());
    }

    /**
     * Shows {@code view} to {@code person} with {@code errors} (block id → message) under their fields, and asks for
     * it to be filled in: every field the first time, then only those with an error, the others keeping their
     * {@code previous} answers (a form's {@code state.values}) as Slack keeps them. Empty when the person closes it or
     * the input ends.
     */
    Optional<String> fill(
            JsonNode view, String person, Map<String, String> errors, Optional<String> previous, Menu menu) {
        List<JsonNode> inputs = new ArrayList<>();
        view.path("blocks").forEach(block -> {
            if ("input".equals(block.path("type").asText())) {
                inputs.add(block);
            }
        });
        String submit = view.path("submit").path("text").asText("Submit");
        String close = view.path("close").path("text").asText("Cancel");
        List<String> lines = new ArrayList<>();
        lines.add("form · " + view.path("title").path("text").asText() + " · only @" + person + " can see this");
        blockKit.render(view.path("blocks")).lines().forEach(line -> lines.add(INDENT + line));
        for (JsonNode input : inputs) {
            lines.add(INDENT + label(input) + hint(input));
            Optional.ofNullable(errors.get(input.path("block_id").asText()))
                    .ifPresent(error -> lines.add(INDENT + "⚠ " + error));
        }
        lines.add(INDENT + "[" + submit + "] [" + close + "]"
                + (inputs.isEmpty() ? "" : "   (answer each field; " + CANCEL + " closes the form)"));
        terminal.show(lines);
        if (inputs.isEmpty()) {
            return pressed(submit, close) ? Optional.of("{}") : Optional.empty();
        }
        ObjectNode values = previous.map(this::object).orElseGet(json::createObjectNode);
        for (JsonNode input : inputs) {
            if (previous.isPresent()
                    && !errors.containsKey(input.path("block_id").asText())) {
                continue;
            }
            Optional<ObjectNode> value = answer(input, menu);
            if (value.isEmpty()) {
                return Optional.empty();
            }
            values.putObject(input.path("block_id").asText())
                    .set(input.path("element").path("action_id").asText(), value.get());
        }
        return Optional.of(values.toString());
    }

    private ObjectNode object(String values) {
        try {
            return (ObjectNode) json.readTree(values);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not form values: " + values, e);
        }
    }

    /** Asks until the person names the submit button (true) or the close button (false); false at end of input. */
    private boolean pressed(String submit, String close) {
        while (true) {
            String line = terminal.ask(FIELD + "[" + submit + "] or [" + close + "] › ");
            if (line == null) {
                return false;
            }
            String typed = line.strip().replaceFirst("^:click\\s+", "").toLowerCase(Locale.ROOT);
            if (typed.equals(submit.toLowerCase(Locale.ROOT))) {
                return true;
            }
            if (typed.equals(close.toLowerCase(Locale.ROOT)) || typed.equals(CANCEL)) {
                return false;
            }
        }
    }

    /** The element's state value, or empty when the person closed the form or the input ended. */
    private Optional<ObjectNode> answer(JsonNode input, Menu menu) {
        JsonNode element = input.path("element");
        String type = element.path("type").asText();
        return switch (type) {
            case "static_select" -> select(input, element);
            case "external_select" -> search(input, element, menu);
            case "plain_text_input" -> text(input, element);
            case "conversations_select" -> conversation(input);
            default -> {
                terminal.show(FIELD + "(this demo can't fill in a " + type + "; it is left empty)");
                yield Optional.of(json.createObjectNode().put("type", type));
            }
        };
    }

    private Optional<ObjectNode> select(JsonNode input, JsonNode element) {
        List<JsonNode> options = new ArrayList<>();
        element.path("options").forEach(options::add);
        String initial = element.path("initial_option").path("value").asText("");
        String choices =
                options.stream().map(option -> option.path("value").asText()).collect(Collectors.joining(", "));
        while (true) {
            String line = terminal.ask(FIELD + label(input) + " (" + choices + ")"
                    + (initial.isEmpty() ? "" : " [" + initial + "]") + " › ");
            if (line == null || line.strip().equals(CANCEL)) {
                return Optional.empty();
            }
            String typed = line.strip().isEmpty() ? initial : line.strip();
            Optional<JsonNode> chosen = chosen(options, typed);
            if (chosen.isPresent()) {
                ObjectNode value = json.createObjectNode().put("type", "static_select");
                value.set("selected_option", chosen.get());
                return Optional.of(value);
            }
            if (typed.isEmpty() && isOptional(input)) {
                return Optional.of(
                        json.createObjectNode().put("type", "static_select").putNull("selected_option"));
            }
            terminal.show(FIELD + "choose one of: " + choices);
        }
    }

    /**
     * Asks until the text typed finds one option (its value, or the only match), or a number picks one of the matches
     * listed last; Enter keeps the initial option.
     */
    private Optional<ObjectNode> search(JsonNode input, JsonNode element, Menu menu) {
        String initial = element.path("initial_option").path("value").asText("");
        List<SlackSimulator.Suggestion> listed = List.of();
        while (true) {
            String line = terminal.ask(FIELD + label(input) + " (type part of its name, id or domain"
                    + (listed.isEmpty() ? "" : ", or a number") + ")" + (initial.isEmpty() ? "" : " [" + initial + "]")
                    + " › ");
            if (line == null || line.strip().equals(CANCEL)) {
                return Optional.empty();
            }
            String typed = line.strip();
            Optional<SlackSimulator.Suggestion> picked = picked(listed, typed);
            if (typed.isEmpty() && !initial.isEmpty()) {
                return Optional.of(external(
                        element.path("initial_option").path("text").path("text").asText(), initial));
            }
            if (picked.isEmpty() && !typed.isEmpty()) {
                SlackSimulator.Suggestions found =
                        menu.typed(input.path("block_id").asText(), typed);
                List<SlackSimulator.Suggestion> options = found.options();
                picked = options.stream()
                        .filter(option -> option.value().equalsIgnoreCase(typed))
                        .findFirst()
                        .or(() -> options.size() == 1 ? Optional.of(options.get(0)) : Optional.empty());
                if (picked.isEmpty()) {
                    listed = options;
                    show(typed, found);
                    continue;
                }
            }
            if (picked.isPresent()) {
                terminal.show(FIELD + "→ " + picked.get().text());
                return Optional.of(external(picked.get().text(), picked.get().value()));
            }
        }
    }

    private static Optional<SlackSimulator.Suggestion> picked(List<SlackSimulator.Suggestion> listed, String typed) {
        for (int i = 0; i < Math.min(LISTED, listed.size()); i++) {
            if (typed.equals(String.valueOf(i + 1))) {
                return Optional.of(listed.get(i));
            }
        }
        return Optional.empty();
    }

    private void show(String typed, SlackSimulator.Suggestions found) {
        if (!found.problems().isEmpty()) {
            terminal.show(FIELD + "Slack would show nothing: " + String.join("; ", found.problems()));
            return;
        }
        List<SlackSimulator.Suggestion> options = found.options();
        if (options.isEmpty()) {
            terminal.show(FIELD + "nothing you may use matches " + typed);
            return;
        }
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < Math.min(LISTED, options.size()); i++) {
            lines.add(FIELD + (i + 1) + ") " + options.get(i).text());
        }
        if (options.size() > LISTED) {
            lines.add(FIELD + "… and " + (options.size() - LISTED) + " more: type more of the name");
        }
        terminal.show(lines);
    }

    private ObjectNode external(String text, String value) {
        ObjectNode selected = json.createObjectNode().put("type", "external_select");
        selected.putObject("selected_option")
                .put("value", value)
                .putObject("text")
                .put("type", "plain_text")
                .put("text", text);
        return selected;
    }

    private static Optional<JsonNode> chosen(List<JsonNode> options, String typed) {
        for (int i = 0; i < options.size(); i++) {
            JsonNode option = options.get(i);
            if (typed.equals(String.valueOf(i + 1))
                    || typed.equalsIgnoreCase(option.path("value").asText())
                    || typed.equalsIgnoreCase(option.path("text").path("text").asText())) {
                return Optional.of(option);
            }
        }
        return Optional.empty();
    }

    private Optional<ObjectNode> text(JsonNode input, JsonNode element) {
        boolean multiline = element.path("multiline").asBoolean(false);
        List<String> lines = new ArrayList<>();
        String prompt = FIELD + label(input)
                + (multiline
                        ? " (one per line; an empty line ends them)"
                        : isOptional(input) ? " (optional; empty for none)" : "")
                + " › ";
        while (true) {
            String line = terminal.ask(
                    lines.isEmpty() ? prompt : FIELD + " ".repeat(label(input).length()) + " › ");
            if (line == null || line.strip().equals(CANCEL)) {
                return Optional.empty();
            }
            if (!line.isBlank()) {
                lines.add(line);
                if (multiline) {
                    continue;
                }
            }
            if (!lines.isEmpty() || isOptional(input)) {
                break;
            }
            terminal.show(FIELD + label(input) + " is required");
        }
        ObjectNode value = json.createObjectNode().put("type", "plain_text_input");
        return Optional.of(lines.isEmpty() ? value.putNull("value") : value.put("value", String.join("\n", lines)));
    }

    private Optional<ObjectNode> conversation(JsonNode input) {
        while (true) {
            String line = terminal.ask(FIELD + label(input) + " (a channel, e.g. #"
                    + world.startIn().name() + ") › ");
            if (line == null || line.strip().equals(CANCEL)) {
                return Optional.empty();
            }
            Optional<DemoWorld.Channel> channel = world.channel(line);
            if (channel.isPresent()) {
                return Optional.of(json.createObjectNode()
                        .put("type", "conversations_select")
                        .put("selected_conversation", channel.get().id()));
            }
            terminal.show(FIELD + "no channel " + line.strip() + " here");
        }
    }

    private static String label(JsonNode input) {
        return input.path("label").path("text").asText(input.path("block_id").asText());
    }

    private static String hint(JsonNode input) {
        String hint = input.path("hint").path("text").asText("");
        return (isOptional(input) ? " (optional)" : "") + (hint.isEmpty() ? "" : " — " + hint);
    }

    private static boolean isOptional(JsonNode input) {
        return input.path("optional").asBoolean(false);
    }
}

package dev.invalidator.flow;

import dev.invalidator.request.SlackText;
import dev.invalidator.request.Tokenizer;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What someone asked for with {@code /invalidate …}, before anything is looked up or allowed.
 *
 * <pre>{@code
 * Command.parse("web /index.html /css/*")   // Invalidate[target=web, pathTokens=[/index.html, /css/*]]
 * Command.parse("status web")                // Status[target=Optional[web], invalidationId=Optional.empty]
 * Command.parse("")                          // OpenForm
 * }</pre>
 */
public sealed interface Command {

    record Help() implements Command {}

    /** No text at all: the person wants the form. */
    record OpenForm() implements Command {}

    record Status(Optional<String> target, Optional<String> invalidationId) implements Command {}

    record ListRecent(Optional<String> target) implements Command {}

    record Invalidate(String target, List<String> pathTokens) implements Command {

        public Invalidate {
            pathTokens = List.copyOf(pathTokens);
        }
    }

    /** Parses slash-command text as Slack delivers it (with {@code &}, {@code <}, {@code >} entity-escaped). */
    static Command parse(String slackText) {
        // Split first: Slack's own <url|label> brackets are real, a typed ">" arrives as &gt; and must not end a link.
        List<String> tokens = Tokenizer.split(slackText == null ? "" : slackText).stream()
                .map(SlackText::unescape)
                .toList();
        if (tokens.isEmpty()) {
            return new OpenForm();
        }
        String first = tokens.get(0);
        Optional<String> second = tokens.size() > 1 ? Optional.of(tokens.get(1)) : Optional.empty();
        return switch (first.toLowerCase(Locale.ROOT)) {
            case "help", "-h", "--help", "?" -> new Help();
            case "status" -> new Status(second, tokens.size() > 2 ? Optional.of(tokens.get(2)) : Optional.empty());
            case "list", "ls" -> new ListRecent(second);
            default -> new Invalidate(first, tokens.subList(1, tokens.size()));
        };
    }
}

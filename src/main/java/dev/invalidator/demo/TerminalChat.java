package dev.invalidator.demo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.invalidator.Bot;
import dev.invalidator.demo.ChannelView.Kind;
import dev.invalidator.demo.ChannelView.Seen;
import dev.invalidator.demo.ChannelView.Target;
import dev.invalidator.sandbox.SlackSimulator;
import dev.invalidator.sandbox.SlackSimulator.Ack;
import dev.invalidator.sandbox.SlackSimulator.Envelope;
import dev.invalidator.sandbox.SlackSimulator.OpenedView;
import dev.invalidator.sandbox.SlackSimulator.StepCompletion;
import dev.invalidator.sandbox.SlackSimulator.StepExecution;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The chat: the person types as a Slack user — a slash command, or a line starting with {@code :} that does what
 * Slack's interface would (switch person or channel, click a button) — and sees what Slack shows (see
 * {@link ChannelView}).
 *
 * <p>Each line is one turn: the chat hands it to the simulated Slack, waits for the bot's first answer, then until the
 * bot has done all it does about it, and only then reads the next line. So piped input reads like a conversation, and
 * a form is open before the lines that fill it in are read. At the end of input it waits for the invalidations in
 * flight and shows where every status message ended.
 */
final class TerminalChat {

    private static final String COMMAND = "/invalidate";
    private static final Duration ANSWER_WAIT = Duration.ofSeconds(15);
    private static final Duration SETTLE_WAIT = Duration.ofSeconds(30);
    private static final Duration IN_FLIGHT_WAIT = Duration.ofSeconds(60);
    private static final long POLL_NANOS = Duration.ofMillis(10).toNanos();
    private static final Pattern CLICK = Pattern.compile("(.+?)(?:\\s+#(\\d+))?");
    private static final String INDENT = "   ";

    private final ObjectMapper json = new ObjectMapper();
    private final DemoWorld world;
    private final SlackSimulator slack;
    private final Bot bot;
    private final ChannelView view;
    private final Terminal terminal;
    private final TerminalForm form;
    private final DemoWorkflow workflows;
    private DemoWorld.Person person;
    private DemoWorld.Channel channel;

    TerminalChat(DemoWorld world, SlackSimulator slack, Bot bot, ChannelView view, Terminal terminal) {
        this.world = world;
        this.slack = slack;
        this.bot = bot;
        this.view = view;
        this.terminal = terminal;
        this.form = new TerminalForm(terminal, world);
        this.workflows = new DemoWorkflow(slack);
        this.person = world.startAs();
        this.channel = world.startIn();
    }

    /** Chats until {@code :quit} or the end of input; the exit status: 0, or 1 when invalidations outlasted the wait. */
    int run() throws InterruptedException {
        terminal.show(help());
        while (true) {
            terminal.show("");
            String line = terminal.ask(person.name() + " in #" + channel.name() + " › ");
            if (line == null) {
                return finish();
            }
            String typed = line.strip();
            if (typed.equals(":quit")) {
                return 0;
            }
            take(typed);
        }
    }

    private void take(String typed) throws InterruptedException {
        if (typed.isEmpty()) {
            return;
        }
        if (typed.equals(COMMAND) || typed.startsWith(COMMAND + " ")) {
            slashCommand(typed.substring(COMMAND.length()).strip());
        } else if (typed.startsWith("/")) {
            terminal.show(INDENT + "Only " + COMMAND + " is installed in this workspace.");
        } else if (typed.startsWith(":")) {
            String[] words = typed.split("\\s+", 2);
            String argument = words.length > 1 ? words[1] : "";
            switch (words[0]) {
                case ":as" ->
                    world.person(argument)
                            .ifPresentOrElse(
                                    found -> person = found,
                                    () -> terminal.show(INDENT + "Nobody here is called " + argument + ". People: "
                                            + world.people().stream()
                                                    .map(DemoWorld.Person::name)
                                                    .collect(Collectors.joining(", "))));
                case ":in" ->
                    world.channel(argument)
                            .ifPresentOrElse(
                                    found -> channel = found,
                                    () -> terminal.show(INDENT + "No channel " + argument + " here. Channels: "
                                            + world.channels().stream()
                                                    .map(found -> "#" + found.name())
                                                    .collect(Collectors.joining(", "))));
                case ":click" -> click(argument);
                case DemoWorkflow.COMMAND -> workflow(argument);
                case ":who" -> terminal.show(world.describe());
                case ":help" -> terminal.show(help());
                default -> terminal.show(INDENT + "Unknown: " + words[0] + ". :help lists what you can type.");
            }
        } else {
            terminal.show(INDENT + "The bot only hears " + COMMAND + "; :help lists what you can type.");
        }
    }

    private void slashCommand(String text) throws InterruptedException {
        int mark = view.mark();
        Optional<Ack> ack = acknowledged(slack.slashCommand(person.id(), channel.id(), COMMAND, text));
        if (ack.isEmpty()) {
            return;
        }
        String acknowledgement = parse(ack.get().payloadJson()).path("text").asText("");
        if (!acknowledgement.isEmpty()) {
            view.onAcknowledgementText(channel.id(), person.id(), acknowledgement);
        }
        Optional<Seen> answer = awaitAnswer(mark, channel.id());
        if (answer.isPresent() && answer.get().kind() == Kind.VIEW) {
            fillIn(answer.get().view());
        }
    }

    /** A workflow runs the bot's step for this person in this channel: shown until Slack hears how it ended. */
    private void workflow(String argument) throws InterruptedException {
        Optional<StepExecution> execution = workflows.run(person.id(), channel.id(), argument);
        if (execution.isEmpty()) {
            terminal.show(INDENT + DemoWorkflow.usage());
            return;
        }
        terminal.show(INDENT + "⚙ A workflow runs the step \"Invalidate CloudFront paths\" for @" + person.name()
                + " in #" + channel.name() + ", waiting for completion");
        if (acknowledged(execution.get().envelope()).isEmpty()) {
            return;
        }
        Optional<StepCompletion> end = workflows.awaitEnd(execution.get(), IN_FLIGHT_WAIT);
        steadily(SETTLE_WAIT, bot::idle);
        terminal.show(INDENT
                + end.map(workflows::describe)
                        .orElse("(the step had not ended after " + IN_FLIGHT_WAIT.toSeconds() + " s)"));
    }

    /** The form as Slack would run it: submitted until it closes, showing errors and its next step as they come. */
    private void fillIn(OpenedView opened) throws InterruptedException {
        JsonNode shown = parse(opened.viewJson());
        String where = shown.path("private_metadata").asText("").isEmpty()
                ? channel.id()
                : shown.path("private_metadata").asText();
        Map<String, String> errors = Map.of();
        Optional<String> previous = Optional.empty();
        while (true) {
            Optional<String> values = form.fill(shown, person.name(), errors, previous, menu(opened.viewId()));
            if (values.isEmpty()) {
                terminal.show(INDENT + "(form closed: nothing was sent)");
                return;
            }
            int mark = view.mark();
            Optional<Ack> ack = acknowledged(slack.submitView(person.id(), opened.viewId(), values.get()));
            if (ack.isEmpty()) {
                return;
            }
            JsonNode answer = parse(ack.get().payloadJson());
            switch (answer.path("response_action").asText("")) {
                case "errors" -> {
                    errors = errors(answer.path("errors"));
                    previous = values;
                }
                case "update" -> {
                    shown = answer.path("view");
                    errors = Map.of();
                    previous = Optional.empty();
                }
                default -> {
                    awaitAnswer(mark, where);
                    return;
                }
            }
        }
    }

    /** The person typing in the form's menu: Slack's {@code block_suggestion}, and what the menu then shows. */
    private TerminalForm.Menu menu(String viewId) {
        return (blockId, text) -> {
            try {
                return slack.typeInMenu(person.id(), viewId, blockId, text)
                        .get(ANSWER_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException | TimeoutException e) {
                return nothingShown(
                        e.getCause() == null ? "timed out" : e.getCause().getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return nothingShown("interrupted");
            }
        };
    }

    private static SlackSimulator.Suggestions nothingShown(String why) {
        return new SlackSimulator.Suggestions(
                List.of(), List.of("Slack got no answer from the bot: " + why), Duration.ZERO, null);
    }

    private static Map<String, String> errors(JsonNode errors) {
        Map<String, String> byBlock = new LinkedHashMap<>();
        errors.properties()
                .forEach(field -> byBlock.put(field.getKey(), field.getValue().asText()));
        return byBlock;
    }

    private void click(String argument) throws InterruptedException {
        Matcher matcher = CLICK.matcher(argument.strip());
        if (!matcher.matches()) {
            terminal.show(INDENT + "Say which button, e.g. :click confirm");
            return;
        }
        OptionalInt number =
                matcher.group(2) == null ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(matcher.group(2)));
        Optional<Target> target = view.button(person.id(), channel.id(), matcher.group(1), number);
        if (target.isEmpty()) {
            List<String> visible = view.buttons(person.id(), channel.id());
            terminal.show(INDENT + "@" + person.name() + " sees no [" + matcher.group(1) + "] button in #"
                    + channel.name() + (visible.isEmpty() ? "." : "; buttons here: " + String.join(", ", visible)));
            return;
        }
        view.clicking(person.id(), target.get());
        int mark = view.mark();
        if (acknowledged(slack.clickButton(
                        person.id(),
                        target.get().channel(),
                        target.get().ts(),
                        target.get().button().actionId()))
                .isPresent()) {
            awaitAnswer(mark, target.get().channel());
        }
    }

    private Optional<Ack> acknowledged(Envelope envelope) throws InterruptedException {
        try {
            return Optional.of(envelope.ack().get(ANSWER_WAIT.toMillis(), TimeUnit.MILLISECONDS));
        } catch (ExecutionException | TimeoutException e) {
            terminal.show(INDENT + "Slack got no acknowledgement from the bot: "
                    + (e.getCause() == null ? "timed out" : e.getCause().getMessage()));
            return Optional.empty();
        }
    }

    /** Waits for the bot's first answer to the person in {@code where}, then until it is done with it. */
    private Optional<Seen> awaitAnswer(int mark, String where) throws InterruptedException {
        Optional<Seen> answer = view.awaitAfter(mark, seen -> seen.answers(person.id(), where), ANSWER_WAIT);
        if (answer.isEmpty()) {
            terminal.show(INDENT + "(no answer from the bot within " + ANSWER_WAIT.toSeconds() + " s)");
            return answer;
        }
        steadily(SETTLE_WAIT, bot::idle);
        return answer;
    }

    /** At the end of input: waits for what is in flight, then shows where each status message ended. */
    private int finish() {
        terminal.show("── end of input ──");
        boolean settled = steadily(Duration.ZERO, this::nothingInFlight);
        if (!settled) {
            terminal.show("Waiting up to " + IN_FLIGHT_WAIT.toSeconds() + " s for the invalidations in flight…");
            settled = steadily(IN_FLIGHT_WAIT, this::nothingInFlight);
        }
        List<String> lines = new ArrayList<>();
        lines.add("── final state ──");
        List<String> statuses = view.statusLines();
        lines.addAll(statuses.isEmpty() ? List.of("No status message was posted.") : statuses);
        if (!settled) {
            lines.add("Still in flight after " + IN_FLIGHT_WAIT.toSeconds() + " s.");
        }
        terminal.show(lines);
        return settled ? 0 : 1;
    }

    private boolean nothingInFlight() {
        return bot.inFlight() == 0 && view.statusesOnTheirWay() == 0 && bot.idle();
    }

    /**
     * Whether {@code condition} holds on two looks in a row within {@code timeout}: a task handed to the bot's pool is
     * briefly neither queued nor running, and two looks keep that instant from passing for idle.
     */
    private static boolean steadily(Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        int inARow = 0;
        while (true) {
            inARow = condition.getAsBoolean() ? inARow + 1 : 0;
            if (inARow == 2) {
                return true;
            }
            if (inARow == 0 && System.nanoTime() > deadline) {
                return false;
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
    }

    private JsonNode parse(String text) {
        if (text == null) {
            return MissingNode.getInstance();
        }
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            return MissingNode.getInstance();
        }
    }

    private List<String> help() {
        String alias = world.sites().get(0).alias();
        String row = "  %-44s%s";
        List<String> lines = new ArrayList<>();
        lines.add("Type as a Slack user:");
        lines.add(row.formatted(COMMAND + " " + alias + " /index.html /css/*", "a command, as typed in Slack"));
        lines.add(row.formatted(COMMAND, "the form, filled in here"));
        lines.add(row.formatted(COMMAND + " help · status " + alias + " · list " + alias, "what the bot answers"));
        lines.add(row.formatted(
                ":as " + world.people().get(world.people().size() - 1).name() + "    :in #"
                        + world.channels().get(world.channels().size() - 1).name(),
                "type as another person, or in another channel"));
        lines.add(row.formatted(
                ":click confirm    :click approve #4", "click a button shown as [Confirm] (on message #4)"));
        lines.add(row.formatted(
                DemoWorkflow.COMMAND + " " + alias + " /index.html", "a workflow runs the bot's step, here, for you"));
        lines.add(row.formatted(":who    :help", "who may use what, where · this list"));
        lines.add(row.formatted(":quit   (or Ctrl-D)", "leave (Ctrl-D first waits for the invalidations in flight)"));
        lines.addAll(world.suggestions());
        return lines;
    }
}

package dev.invalidator.demo;

import dev.invalidator.config.ConfigException;
import dev.invalidator.config.ConfigLoader;
import java.io.BufferedReader;
import java.io.Console;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * {@code java -jar invalidator.jar demo [--config FILE]}: the real bot against a simulated Slack and CloudFront on
 * this machine, and a chat in the terminal to use it as Slack users would. No network, no tokens, no AWS account.
 *
 * <pre>{@code
 * printf '/invalidate web /index.html\n' | java -jar target/invalidator.jar demo
 * }</pre>
 */
public final class DemoCommand {

    static final String USAGE = "usage: java -jar invalidator.jar demo [--config FILE]";

    private DemoCommand() {}

    /**
     * From the command line ({@code args[0]} is {@code demo}): the process's terminal in UTF-8, whether a person
     * types or a pipe does, and the bot's logs in a file instead of in the chat.
     */
    public static int run(String[] args, PrintStream err) {
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        return run(
                Arrays.asList(args).subList(1, args.length),
                System.in,
                out,
                err,
                atTerminal(),
                () -> DemoLogging.toFreshFile()
                        .ifPresentOrElse(
                                log -> out.println("(the bot's log: " + log + ")"),
                                () -> out.println("(the bot's log is not kept: no private temporary directory could be"
                                        + " made)")));
    }

    /** Whether standard input and output are a terminal, on every JDK. */
    private static boolean atTerminal() {
        return Optional.ofNullable(System.console())
                .map(DemoCommand::isTerminal)
                .orElse(false);
    }

    private static boolean isTerminal(Console console) {
        try {
            // From JDK 22 on, System.console() is there for redirected streams too, and isTerminal() tells them apart.
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (NoSuchMethodException e) {
            return true; // before JDK 22, System.console() is there only when both streams are a terminal
        } catch (ReflectiveOperationException e) {
            throw new LinkageError(e.getMessage(), e);
        }
    }

    /**
     * @param interactive whether a person types at a terminal (prompts shown) or the input is piped (lines echoed)
     * @param beforeStart runs once the options are understood, before anything starts
     */
    static int run(
            List<String> options,
            InputStream in,
            PrintStream out,
            PrintStream err,
            boolean interactive,
            Runnable beforeStart) {
        DemoWorld world;
        try {
            world = world(options);
        } catch (IllegalArgumentException e) {
            err.println(USAGE);
            return 2;
        } catch (ConfigException e) {
            err.println("invalidator: " + e.getMessage());
            return 1;
        }
        beforeStart.run();
        Terminal terminal =
                new Terminal(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)), out, interactive);
        terminal.show(
                "Invalidator demo: the real bot, connected to a Slack and a CloudFront simulated on this machine",
                "(no network, no tokens, no AWS account). CloudFront completes each invalidation "
                        + DemoSession.COMPLETION_DELAY.toSeconds() + " s after it is created.");
        terminal.show(world.describe());
        ChannelView view = new ChannelView(terminal, world.names());
        try (DemoSession session = DemoSession.start(world, view)) {
            return new TerminalChat(world, session.slack, session.bot, view, terminal).run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        } catch (IllegalStateException e) {
            err.println("invalidator: the demo could not start: " + e.getMessage());
            return 1;
        }
    }

    private static DemoWorld world(List<String> options) throws ConfigException {
        if (options.isEmpty()) {
            return DemoWorld.sample();
        }
        if (options.size() == 2 && options.get(0).equals("--config")) {
            Path file = Path.of(options.get(1));
            return DemoWorld.from(ConfigLoader.load(file), file.toString());
        }
        throw new IllegalArgumentException(USAGE);
    }
}

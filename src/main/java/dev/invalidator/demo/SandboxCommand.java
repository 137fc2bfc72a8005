package dev.invalidator.demo;

import dev.invalidator.sandbox.SlackSimulator;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code java -jar invalidator.jar sandbox DIR [--invalidate TEXT]}: the demo's simulated Slack and CloudFront for a
 * bot started separately on this machine — the container image, with {@code --network=host} and the files written to
 * {@code DIR} ({@link Sandbox}). Prints each message the bot posts or edits in a channel; with {@code --invalidate},
 * sends {@code /invalidate TEXT} as @alice in #ops once a bot connects. Runs until stopped (SIGTERM, Ctrl-C).
 *
 * <pre>{@code
 * java -jar target/invalidator.jar sandbox /tmp/sandbox --invalidate 'web /index.html' &
 * podman run --network=host --env-file /tmp/sandbox/bot.env \
 *   -v /tmp/sandbox/invalidator.yml:/config/invalidator.yml:ro invalidator
 * }</pre>
 */
public final class SandboxCommand {

    static final String USAGE = "usage: java -jar invalidator.jar sandbox DIR [--invalidate 'web /index.html']";

    /** How long {@code --invalidate} waits for a bot to connect: a container image's start, on a loaded machine. */
    private static final Duration CONNECT_WAIT = Duration.ofMinutes(10);

    private SandboxCommand() {}

    /** From the command line: {@code args[0]} is {@code sandbox}. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Optional<String> command;
        if (args.length == 2) {
            command = Optional.empty();
        } else if (args.length == 4 && args[2].equals("--invalidate")) {
            command = Optional.of(args[3]);
        } else {
            err.println(USAGE);
            return 2;
        }
        try (Sandbox sandbox = Sandbox.start(Path.of(args[1]))) {
            sandbox.describe().forEach(out::println);
            Names names = sandbox.world.names();
            sandbox.slack.addListener(new SlackSimulator.Listener() {
                @Override
                public void onMessage(SlackSimulator.ChannelMessage message) {
                    if (message.threadTs() == null || message.threadTs().equals(message.ts())) {
                        out.println("#" + names.channel(message.channel()) + " · " + message.text());
                    }
                }
            });
            out.println("Running until stopped (SIGTERM, Ctrl-C).");
            if (command.isPresent()) {
                sandbox.slack.awaitConnections(1, CONNECT_WAIT);
                out.println("A bot connected: /invalidate " + command.get() + " as @"
                        + sandbox.world.startAs().name() + " in #"
                        + sandbox.world.startIn().name());
                sandbox.invalidate(command.get());
            }
            // The simulators serve on daemon threads: this one keeps the process up until a signal ends it.
            Thread.currentThread().join();
            return 0;
        } catch (IOException e) {
            err.println("invalidator: the sandbox could not write its files to " + args[1] + ": " + e.getMessage());
            return 1;
        } catch (IllegalStateException e) {
            err.println("invalidator: the sandbox: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }
}

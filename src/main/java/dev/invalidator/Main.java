package dev.invalidator;

import dev.invalidator.aws.AwsClients;
import dev.invalidator.config.BotConfig;
import dev.invalidator.config.ConfigException;
import dev.invalidator.config.ConfigLoader;
import dev.invalidator.demo.DemoCommand;
import dev.invalidator.demo.SandboxCommand;
import dev.invalidator.health.HealthServer;
import dev.invalidator.logging.UncaughtExceptions;
import dev.invalidator.preflight.ConfigCheck;
import dev.invalidator.slack.SlackBot;
import dev.invalidator.slack.SlackTokens;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The command line: {@code java -jar invalidator.jar [run | check-config | demo | sandbox]}.
 *
 * <p>Every start-up problem ends in one line on stderr and a non-zero exit (a container restarts the bot), never in
 * a stack trace and never with a token in it. Exceptions no thread catches go to the log ({@link UncaughtExceptions}).
 */
public final class Main {

    static final String API_URL_VARIABLE = "SLACK_API_URL";

    private Main() {}

    public static void main(String[] args) {
        int status = run(args, System.getenv(), System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    static int run(String[] args, Map<String, String> env, PrintStream err) {
        // UTF-8 whatever the locale, for the checklist's ✓ and ✗.
        return run(
                args,
                env,
                new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8),
                err);
    }

    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        UncaughtExceptions.logged();
        String command = args.length == 0 ? "run" : args[0];
        if (command.equals("check-config")) {
            try (AwsClients aws = AwsClients.fromEnvironment()) {
                return new ConfigCheck(SlackBot.slack(apiUrl(env)), aws, secretReader(aws)).run(env, out);
            }
        }
        if (command.equals("demo")) {
            return DemoCommand.run(args, err);
        }
        if (command.equals("sandbox")) {
            return SandboxCommand.run(args, out, err);
        }
        if (!command.equals("run")) {
            err.println("usage: java -jar invalidator.jar [run | check-config | demo | sandbox]");
            return 2;
        }
        Optional<HealthServer> health = Optional.empty();
        try {
            BotConfig config = ConfigLoader.load(ConfigLoader.fileFrom(env));
            health = HealthServer.fromEnvironment(env);
            try (AwsClients aws = AwsClients.fromEnvironment()) {
                new Service().run(config, apiUrl(env), () -> SlackTokens.from(env, secretReader(aws)), aws, health);
            }
            return 0;
        } catch (ConfigException | SlackTokens.Unavailable | IllegalStateException e) {
            err.println("invalidator: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        } finally {
            health.ifPresent(HealthServer::close);
        }
    }

    private static String apiUrl(Map<String, String> env) {
        return Optional.ofNullable(env.get(API_URL_VARIABLE))
                .filter(url -> !url.isBlank())
                .orElse(SlackBot.DEFAULT_API_URL);
    }

    /** The tokens' secret, when {@code SLACK_SECRET_ID} names one. */
    private static Function<String, String> secretReader(AwsClients aws) {
        return secretId -> aws.secretsManager()
                .getSecretValue(request -> request.secretId(secretId))
                .secretString();
    }
}

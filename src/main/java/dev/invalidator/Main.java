package dev.invalidator;

import dev.invalidator.aws.AwsClients;
import dev.invalidator.check.ConfigCheck;
import dev.invalidator.config.BotConfig;
import dev.invalidator.config.ConfigException;
import dev.invalidator.config.ConfigLoader;
import dev.invalidator.health.HealthServer;
import dev.invalidator.slack.SlackBot;
import dev.invalidator.slack.SlackTokens;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;

/**
 * The command line: {@code java -jar invalidator.jar [run | check-config]}.
 *
 * <p>Every start-up problem ends in one line on stderr and a non-zero exit (a container restarts the bot), never in
 * a stack trace and never with a token in it.
 */
public final class Main {

    static final String API_URL_VARIABLE = "SLACK_API_URL";

    private Main() {
    }

    public static void main(String[] args) {
        int status = run(args, System.getenv(), System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    static int run(String[] args, Map<String, String> env, PrintStream err) {
        // UTF-8 whatever the locale, for the checklist's ✓ and ✗.
        return run(args, env, new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8),
                err);
    }

    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        String command = args.length == 0 ? "run" : args[0];
        if (command.equals("check-config")) {
            try (AwsClients aws = AwsClients.fromEnvironment()) {
                return new ConfigCheck(SlackBot.slack(apiUrl(env)), aws, secretReader(aws)).run(env, out);
            }
        }
        if (!command.equals("run")) {
            err.println("usage: java -jar invalidator.jar [run | check-config]");
            return 2;
        }
        try {
            BotConfig config = ConfigLoader.load(ConfigLoader.fileFrom(env));
            AwsClients aws = AwsClients.fromEnvironment();
            SlackTokens tokens = SlackTokens.from(env, secretReader(aws));
            Optional<HealthServer> health = HealthServer.fromEnvironment(env);
            Bot bot;
            try {
                bot = Bot.start(config, SlackBot.slack(apiUrl(env)), tokens, aws, Clock.systemUTC());
            } catch (RuntimeException e) {
                health.ifPresent(HealthServer::close);
                throw e;
            }
            health.ifPresent(server -> server.report(bot::health));
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                health.ifPresent(HealthServer::close);
                bot.close();
                aws.close();
                stopped.countDown();
            }, "shutdown"));
            stopped.await();
            return 0;
        } catch (ConfigException | SlackTokens.Unavailable | IllegalStateException e) {
            err.println("invalidator: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    private static String apiUrl(Map<String, String> env) {
        return Optional.ofNullable(env.get(API_URL_VARIABLE)).filter(url -> !url.isBlank())
                .orElse(SlackBot.DEFAULT_API_URL);
    }

    /** The tokens' secret, when {@code SLACK_SECRET_ID} names one. */
    private static Function<String, String> secretReader(AwsClients aws) {
        return secretId -> aws.secretsManager().getSecretValue(request -> request.secretId(secretId)).secretString();
    }
}

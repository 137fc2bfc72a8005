package dev.invalidator;

import dev.invalidator.aws.AwsClients;
import dev.invalidator.config.BotConfig;
import dev.invalidator.config.ConfigException;
import dev.invalidator.config.ConfigLoader;
import dev.invalidator.health.HealthServer;
import dev.invalidator.slack.SlackBot;
import dev.invalidator.slack.SlackTokens;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * The command line: {@code java -jar invalidator.jar [run]}.
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
        String command = args.length == 0 ? "run" : args[0];
        if (!command.equals("run")) {
            err.println("usage: java -jar invalidator.jar [run]");
            return 2;
        }
        try {
            BotConfig config = ConfigLoader.load(ConfigLoader.fileFrom(env));
            AwsClients aws = AwsClients.fromEnvironment();
            SlackTokens tokens = SlackTokens.from(env, secretId -> aws.secretsManager()
                    .getSecretValue(request -> request.secretId(secretId)).secretString());
            String apiUrl = Optional.ofNullable(env.get(API_URL_VARIABLE)).filter(url -> !url.isBlank())
                    .orElse(SlackBot.DEFAULT_API_URL);
            Optional<HealthServer> health = HealthServer.fromEnvironment(env);
            Bot bot;
            try {
                bot = Bot.start(config, SlackBot.slack(apiUrl), tokens, aws, Clock.systemUTC());
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
}

package dev.invalidator;

import dev.invalidator.aws.AwsClients;
import dev.invalidator.config.BotConfig;
import dev.invalidator.health.HealthServer;
import dev.invalidator.slack.SlackBot;
import dev.invalidator.slack.SlackTokens;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bot as a long-running service: runs until SIGTERM; when Slack refuses its tokens (rotated or revoked), reads
 * them again once and starts over with the new ones. Work in flight is not lost by starting over: the new instance
 * recovers it from Slack and CloudFront exactly as after a restart.
 */
final class Service {

    private static final Logger log = LoggerFactory.getLogger(Service.class);
    /** Longer than the bot's own shutdown grace, so the hook never cuts a drain short. */
    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(30);

    /** Where the tokens come from; read again when Slack refuses the ones in use. */
    @FunctionalInterface
    interface TokenSource {
        SlackTokens read() throws SlackTokens.Unavailable;
    }

    private sealed interface Event {}

    private record Stop() implements Event {}

    private record TokensRefused(String error) implements Event {}

    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final CountDownLatch finished = new CountDownLatch(1);

    /**
     * Runs until SIGTERM (returns normally) or until Slack refuses tokens that can't be renewed (throws).
     *
     * @param health reports the health and the metrics of the bot instance running now, when there is a health
     *     endpoint
     */
    void run(BotConfig config, String apiUrl, TokenSource tokenSource, AwsClients aws, Optional<HealthServer> health)
            throws SlackTokens.Unavailable, InterruptedException {
        Runtime.getRuntime().addShutdownHook(new Thread(this::stopAndWait, "shutdown"));
        try {
            SlackTokens tokens = tokenSource.read();
            while (true) {
                Bot bot = Bot.start(
                        config,
                        SlackBot.slack(apiUrl, error -> events.add(new TokensRefused(error))),
                        tokens,
                        aws,
                        Clock.systemUTC());
                health.ifPresent(server -> {
                    server.report(bot::liveness, bot::readiness);
                    server.reportMetrics(bot.metrics()::scrape);
                });
                Event event = events.take();
                // A closed bot's Socket Mode loop responds no more: it must not read as stuck while it drains or
                // while the next one starts.
                health.ifPresent(HealthServer::starting);
                bot.close();
                if (event instanceof TokensRefused refused) {
                    tokens = renewed(tokens, tokenSource, refused.error());
                } else {
                    return;
                }
            }
        } finally {
            finished.countDown();
        }
    }

    private static SlackTokens renewed(SlackTokens refused, TokenSource tokenSource, String error)
            throws SlackTokens.Unavailable {
        SlackTokens fresh = tokenSource.read();
        if (fresh.equals(refused)) {
            throw new IllegalStateException("Slack refused the bot's tokens (" + error + ") and there are no new ones:"
                    + " put valid tokens in " + SlackTokens.SECRET_ID + "'s secret or in " + SlackTokens.BOT_TOKEN
                    + " and " + SlackTokens.APP_TOKEN);
        }
        log.warn("Slack refused the bot's tokens ({}); read new ones and connecting again", error);
        return fresh;
    }

    private void stopAndWait() {
        events.add(new Stop());
        try {
            if (!finished.await(SHUTDOWN_WAIT.toSeconds(), TimeUnit.SECONDS)) {
                log.warn("Stopped before the bot finished closing; the next start recovers what was in flight");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package dev.invalidator.demo;

import dev.invalidator.Bot;
import dev.invalidator.aws.AwsClients;
import dev.invalidator.sandbox.CloudFrontSimulator;
import dev.invalidator.sandbox.SlackSimulator;
import dev.invalidator.slack.SlackBot;
import dev.invalidator.slack.SlackTokens;
import java.time.Clock;
import java.time.Duration;

/**
 * The production wiring — {@link Bot#start}, the same call {@code Main} makes — pointed at a Slack and a CloudFront
 * simulated on loopback ports and seeded with a {@link DemoWorld}. The tokens are the simulator's, made at run time.
 */
final class DemoSession implements AutoCloseable {

    /** Long enough to watch the status message wait, short enough to watch the edit arrive. */
    static final Duration COMPLETION_DELAY = Duration.ofSeconds(3);

    private static final Duration CONNECT_WAIT = Duration.ofSeconds(30);

    final SlackSimulator slack;
    final Bot bot;
    private final CloudFrontSimulator cloudFront;
    private final AwsClients aws;

    private DemoSession(SlackSimulator slack, CloudFrontSimulator cloudFront, AwsClients aws, Bot bot) {
        this.slack = slack;
        this.cloudFront = cloudFront;
        this.aws = aws;
        this.bot = bot;
    }

    /** Starts both simulators, seeds them, tells {@code listener} what Slack shows, and connects the bot. */
    static DemoSession start(DemoWorld world, SlackSimulator.Listener listener) {
        SlackSimulator slack = SlackSimulator.start();
        CloudFrontSimulator cloudFront = null;
        AwsClients aws = null;
        try {
            cloudFront = CloudFrontSimulator.start();
            cloudFront.completionDelay(COMPLETION_DELAY);
            world.seed(slack, cloudFront);
            slack.addListener(listener);
            aws = new AwsClients(AwsClients.Settings.forLocalEndpoint(cloudFront.endpoint()));
            Bot bot = Bot.start(
                    world.configAt(cloudFront.edge()),
                    SlackBot.slack(slack.apiUrl()),
                    new SlackTokens(slack.botToken(), slack.appToken()),
                    aws,
                    Clock.systemUTC());
            try {
                slack.awaitConnections(1, CONNECT_WAIT);
            } catch (RuntimeException e) {
                bot.close();
                throw e;
            }
            return new DemoSession(slack, cloudFront, aws, bot);
        } catch (RuntimeException e) {
            if (aws != null) {
                aws.close();
            }
            if (cloudFront != null) {
                cloudFront.close();
            }
            slack.close();
            throw e;
        }
    }

    @Override
    public void close() {
        bot.close();
        aws.close();
        slack.close();
        cloudFront.close();
    }
}

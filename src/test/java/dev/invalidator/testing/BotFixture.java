package dev.invalidator.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.invalidator.Bot;
import dev.invalidator.config.BotConfig;
import dev.invalidator.config.ConfigException;
import dev.invalidator.config.ConfigLoader;
import dev.invalidator.sandbox.SimulatedInvalidation;
import dev.invalidator.sandbox.SlackSimulator;
import dev.invalidator.sandbox.SlackSimulator.ChannelMessage;
import dev.invalidator.sandbox.SlackSimulator.Ephemeral;
import dev.invalidator.sandbox.SlackSimulator.StepCompletion;
import dev.invalidator.sandbox.SlackSimulator.StepExecution;
import dev.invalidator.slack.SlackBot;
import dev.invalidator.slack.SlackTokens;
import dev.invalidator.slack.listeners.events.WorkflowStepListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * The real bot — the same composition root as {@code Main} — against the Slack and CloudFront simulators, over real
 * sockets: Bolt's Socket Mode client, the real Web API client, the real AWS SDK.
 */
public final class BotFixture implements AutoCloseable {

    private static final ObjectMapper STEP_OUTPUTS = new ObjectMapper();

    public static final String OPS = "C0OPS";
    public static final String CAROL = "U0CAROL";
    public static final String DAVE = "U0DAVE";
    public static final String FRONTEND = "S0FRONTEND";
    public static final String IMAGES = "E2IMAGESEXAMPLE";
    public static final String WEB = CloudFrontFixture.WEB;
    public static final String SHOP = "E3SHOPEXAMPLE";
    /** Fifteen wildcard paths: CloudFront's limit of wildcards in progress per distribution, reached by one request. */
    public static final String FIFTEEN_WILDCARDS =
            IntStream.range(0, 15).mapToObj(i -> "/section-" + i + "/*").collect(Collectors.joining(" "));

    public static final String CONFIG = """
            distributions:
              web:
                id: E1WEBEXAMPLE
                channels: [C0OPS]
                users: ["*"]
              images:
                id: E2IMAGESEXAMPLE
                channels: [C0OPS]
                users: [U0ALICE, S0FRONTEND]
              shop:
                id: E3SHOPEXAMPLE
                channels: [C0OPS]
                users: ["*"]
                approvers: [U0BOB, S0FRONTEND]
                approvalFor: all
            polling:
              initialInterval: 50ms
              maxInterval: 200ms
            verify:
              enabled: false  # the refresh check would ask www.example.com itself; VerifyEndToEndTest points it at the edge
            """;

    public final SlackSimulator slack = SlackSimulator.start();
    public final CloudFrontFixture cloudFront = new CloudFrontFixture();
    private final List<Bot> bots = new ArrayList<>();
    /** The Socket Mode connection number of each running bot, for {@link #deliverTo}. */
    private final Map<Bot, Integer> connections = new HashMap<>();

    public BotFixture() {
        slack.addChannel(OPS, "ops", true);
        slack.addUser(CAROL, "carol");
        slack.addUser(DAVE, "dave");
        slack.addUserGroup(FRONTEND, "frontend", CAROL);
        cloudFront.simulator.addDistribution(IMAGES, "d222222abcdef8.cloudfront.net", "img.example.com");
        cloudFront.simulator.addDistribution(SHOP, "d333333abcdef8.cloudfront.net", "shop.example.com");
        cloudFront.simulator.holdCompletions(true);
    }

    public static BotConfig config() {
        return config(CONFIG);
    }

    public static BotConfig config(String yaml) {
        try {
            return ConfigLoader.parse(yaml, "test.yml", ConfigLoader.Format.YAML);
        } catch (ConfigException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Starts a bot instance and waits until it holds a Socket Mode connection and has done its start-up work. */
    public Bot startBot() {
        return startBot(config());
    }

    public Bot startBot(BotConfig config) {
        return startBot(config, Clock.systemUTC());
    }

    /** With a clock the test moves, for what expires. */
    public Bot startBot(BotConfig config, Clock clock) {
        Bot bot = startConnected(config, clock);
        // A form answers from what start-up read (domain names, this month's paths): tests act once it has.
        Await.until("the bot to finish its start-up work", bot::idle);
        return bot;
    }

    /**
     * Starts a bot instance and waits only until it holds a Socket Mode connection: with a config of hundreds of
     * targets, start-up's reads take minutes at CloudFront's pace, and answering meanwhile is what a test checks.
     */
    public Bot startConnected(BotConfig config, Clock clock) {
        int before = slack.openConnections();
        Bot bot = Bot.start(
                config,
                SlackBot.slack(slack.apiUrl()),
                new SlackTokens(slack.botToken(), slack.appToken()),
                cloudFront.aws,
                clock);
        bots.add(bot);
        slack.awaitConnections(before + 1, Duration.ofSeconds(20));
        connections.put(bot, slack.connections().get(before));
        return bot;
    }

    /**
     * Stops a bot instance and waits until Slack sees its connection gone. A bot caught reconnecting may not be counted
     * yet: then nothing is left to wait for but none open.
     */
    public void stop(Bot bot) {
        int before = slack.openConnections();
        bot.close();
        bots.remove(bot);
        connections.remove(bot);
        slack.awaitConnections(Math.max(0, before - 1), Duration.ofSeconds(20));
    }

    /** Every payload from now on goes to {@code bot}'s connection, as Slack may hand it to any one instance. */
    public void deliverTo(Bot bot) {
        slack.deliverTo(connections.get(bot));
    }

    /** Types a slash command and waits for its ack (which must come, whatever the command). */
    public SlackSimulator.Envelope type(String user, String channel, String text) {
        SlackSimulator.Envelope envelope = slack.slashCommand(user, channel, "/invalidate", text);
        envelope.ack().orTimeout(10, java.util.concurrent.TimeUnit.SECONDS).join();
        return envelope;
    }

    /** The first invalidation CloudFront holds for the distribution, once there is one. */
    public SimulatedInvalidation awaitInvalidation(String distributionId) {
        return Await.value(
                "an invalidation on " + distributionId,
                () -> cloudFront.simulator.invalidations(distributionId).stream()
                        .findFirst()
                        .orElse(null));
    }

    public ChannelMessage awaitMessage(String channel, Predicate<ChannelMessage> condition, String what) {
        return Await.value(
                what,
                () -> slack.messages(channel).stream()
                        .filter(condition)
                        .findFirst()
                        .orElse(null));
    }

    public ChannelMessage awaitReply(ChannelMessage parent, Predicate<ChannelMessage> condition, String what) {
        return Await.value(
                what,
                () -> slack.thread(parent.channel(), parent.ts()).stream()
                        .filter(condition)
                        .findFirst()
                        .orElse(null));
    }

    /** Runs the bot's workflow step as a workflow would, for {@code user} reporting in {@code channel}; once acked. */
    public StepExecution runStep(String target, String paths, String user, String channel, boolean wait) {
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("target", target);
        inputs.put("paths", paths);
        inputs.put("user", user);
        inputs.put("channel", channel);
        inputs.put("wait", wait);
        return runStep(inputs);
    }

    /** Runs the bot's workflow step with these inputs, as Slack would for a workflow; once acked. */
    public StepExecution runStep(Map<String, Object> inputs) {
        StepExecution execution = slack.runStep(WorkflowStepListener.CALLBACK_ID, inputs);
        execution.envelope().ack().orTimeout(10, TimeUnit.SECONDS).join();
        return execution;
    }

    /** Every completion the bot sent for this run of a workflow step, Slack's answer included. */
    public List<StepCompletion> stepCompletions(StepExecution execution) {
        return slack.stepCompletions().stream()
                .filter(completion -> completion.executionId().equals(execution.executionId()))
                .toList();
    }

    /** The completion Slack took for this run of a workflow step. */
    public StepCompletion awaitStepEnd(StepExecution execution) {
        return Await.value(
                "the end of workflow step " + execution.executionId(),
                () -> stepCompletions(execution).stream()
                        .filter(StepCompletion::accepted)
                        .findFirst()
                        .orElse(null));
    }

    /** The outputs a successful completion carried. */
    public static JsonNode stepOutputs(StepCompletion completion) {
        try {
            return STEP_OUTPUTS.readTree(completion.outputs().orElseThrow());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code user} clicks {@code action} on {@code status} in {@code channel}, and the bot has acked it. */
    public void click(String user, String channel, ChannelMessage status, String action) {
        slack.clickButton(user, channel, status.ts(), action)
                .ack()
                .orTimeout(10, TimeUnit.SECONDS)
                .join();
    }

    /** The message of a group request on {@code group} in {@code channel}. */
    public ChannelMessage awaitGroupMessage(String channel, String group) {
        return awaitMessage(
                channel,
                message -> message.text().contains("on the group " + group),
                "the message of the group " + group);
    }

    /** {@code message} as Slack shows it now. */
    public ChannelMessage now(String channel, ChannelMessage message) {
        return slack.messages(channel).stream()
                .filter(found -> found.ts().equals(message.ts()))
                .findFirst()
                .orElseThrow();
    }

    /** Waits until the group message shows each of {@code lines} ("`web` — completed"). */
    public ChannelMessage awaitGroupLines(String channel, ChannelMessage group, String... lines) {
        return Await.until(
                "the group's lines " + String.join(", ", lines),
                Await.DEFAULT_TIMEOUT,
                () -> now(channel, group),
                message ->
                        Stream.of(lines).allMatch(line -> message.blocksJson().contains(line)));
    }

    public Ephemeral awaitEphemeral(String user, String what) {
        return Await.value(
                what,
                () -> slack.ephemerals(user).stream()
                        .reduce((first, second) -> second)
                        .orElse(null));
    }

    @Override
    public void close() {
        new ArrayList<>(bots).forEach(this::stop);
        slack.close();
        cloudFront.close();
    }
}

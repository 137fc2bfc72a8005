package dev.invalidator;

import static dev.invalidator.testing.BotFixture.OPS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.invalidator.sandbox.SimulatedInvalidation;
import dev.invalidator.sandbox.SlackSimulator;
import dev.invalidator.sandbox.SlackSimulator.ChannelMessage;
import dev.invalidator.testing.Await;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.invalidator.testing.BotFixture;
import dev.invalidator.testing.HealthProbe;
import dev.invalidator.testing.InvalidatorJar;
import dev.invalidator.testing.MotoServer;
import java.io.IOException;
import java.nio.file.Files;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code java -jar target/invalidator.jar} as an operator runs it: configured only through environment variables,
 * tokens read from a Secrets Manager secret (moto), every endpoint taken from the SDK's standard variables.
 */
class JarIT {

    private final BotFixture world = new BotFixture();
    private Process bot;
    @TempDir
    Path dir;

    @AfterEach
    void stop() throws InterruptedException {
        if (bot != null && bot.isAlive()) {
            bot.destroy();
            bot.waitFor(20, TimeUnit.SECONDS);
        }
        world.close();
    }

    private Process startJar(Map<String, String> overrides) throws IOException {
        Path config = dir.resolve("invalidator.yml");
        Files.writeString(config, BotFixture.CONFIG);
        Map<String, String> env = new HashMap<>(Map.of(
                "INVALIDATOR_CONFIG", config.toString(),
                "SLACK_API_URL", world.slack.apiUrl(),
                "AWS_ENDPOINT_URL_CLOUDFRONT", world.cloudFront.simulator.endpoint().toString(),
                "AWS_ENDPOINT_URL_SECRETS_MANAGER", MotoServer.endpoint().toString(),
                "AWS_ACCESS_KEY_ID", "test",
                "AWS_SECRET_ACCESS_KEY", "test",
                "AWS_REGION", "us-east-1"));
        env.putAll(overrides);
        return InvalidatorJar.start(dir.resolve("bot.log"), env);
    }

    private String output() throws IOException {
        return Files.readString(dir.resolve("bot.log"));
    }

    @Test
    void runs_with_tokens_from_secrets_manager_and_endpoints_from_the_environment() throws Exception {
        String secretId = MotoServer.storeSecret("{\"SLACK_BOT_TOKEN\": \"" + world.slack.botToken()
                + "\", \"SLACK_APP_TOKEN\": \"" + world.slack.appToken() + "\"}");
        bot = startJar(Map.of("SLACK_SECRET_ID", secretId));
        world.slack.awaitConnections(1, Duration.ofSeconds(60));

        world.type(SlackSimulator.ALICE, OPS, "web /index.html");
        SimulatedInvalidation invalidation = Await.value("the invalidation", () ->
                world.cloudFront.simulator.invalidations(BotFixture.WEB).stream().findFirst().orElse(null));
        world.cloudFront.simulator.complete(invalidation.id());

        ChannelMessage status = world.awaitMessage(OPS, message -> message.text().contains("completed"), "the completed edit");
        assertThat(status.blocksJson()).contains(invalidation.id());
        bot.destroy();
        assertThat(bot.waitFor(30, TimeUnit.SECONDS)).as("the bot stops on SIGTERM").isTrue();
        assertThat(output()).doesNotContain(world.slack.botToken()).doesNotContain(world.slack.appToken());
    }

    @Test
    void logs_one_json_object_per_line_with_LOG_FORMAT_json_and_answers_on_HEALTH_PORT() throws Exception {
        int healthPort;
        try (ServerSocket free = new ServerSocket(0)) {
            healthPort = free.getLocalPort();
        }
        bot = startJar(Map.of("SLACK_BOT_TOKEN", world.slack.botToken(), "SLACK_APP_TOKEN", world.slack.appToken(),
                "LOG_FORMAT", "json", "HEALTH_PORT", String.valueOf(healthPort)));
        world.slack.awaitConnections(1, Duration.ofSeconds(60));
        HealthProbe health = new HealthProbe(healthPort);
        Await.until("the health endpoint says ok", () -> health.get("/health").status() == 200);

        world.type(SlackSimulator.ALICE, OPS, "web /index.html");
        SimulatedInvalidation invalidation = Await.value("the invalidation", () ->
                world.cloudFront.simulator.invalidations(BotFixture.WEB).stream().findFirst().orElse(null));
        world.cloudFront.simulator.complete(invalidation.id());
        world.awaitMessage(OPS, message -> message.text().contains("completed"), "the completed edit");
        bot.destroy();
        assertThat(bot.waitFor(30, TimeUnit.SECONDS)).as("the bot stops on SIGTERM").isTrue();

        String output = output();
        assertThat(output).doesNotContain(world.slack.botToken()).doesNotContain(world.slack.appToken());
        List<JsonNode> lines = output.lines().map(JarIT::jsonObject).toList();
        assertThat(lines).anySatisfy(line -> assertThat(line.path("message").asText())
                .isEqualTo("Connected to Slack in Socket Mode"));
        assertThat(lines).anySatisfy(line -> assertThat(line.path("audit").path("decision").asText())
                .isEqualTo("created"));
    }

    private static JsonNode jsonObject(String line) {
        try {
            JsonNode object = new ObjectMapper().readTree(line);
            assertThat(object.isObject()).as(line).isTrue();
            return object;
        } catch (IOException e) {
            throw new AssertionError("not a JSON line: " + line, e);
        }
    }

    @Test
    void a_token_slack_refuses_stops_the_bot_with_one_line_and_no_token() throws Exception {
        // Built at run time so no token-shaped literal sits in the repository.
        String wrongToken = "xoxb-" + "0".repeat(10) + "-" + "0".repeat(10) + "-notarealtoken";
        bot = startJar(Map.of("SLACK_BOT_TOKEN", wrongToken, "SLACK_APP_TOKEN", world.slack.appToken()));

        assertThat(bot.waitFor(60, TimeUnit.SECONDS)).as("the bot exits").isTrue();
        assertThat(bot.exitValue()).isNotZero();
        assertThat(output()).contains("invalidator: Slack refused SLACK_BOT_TOKEN")
                .doesNotContain(wrongToken).doesNotContain(world.slack.appToken());
    }

    @Test
    void a_secret_that_does_not_exist_stops_the_bot_with_one_line() throws Exception {
        bot = startJar(Map.of("SLACK_SECRET_ID", "invalidator/no-such-secret"));

        assertThat(bot.waitFor(60, TimeUnit.SECONDS)).as("the bot exits").isTrue();
        assertThat(bot.exitValue()).isNotZero();
        assertThat(output()).contains("invalidator: could not read secret invalidator/no-such-secret");
    }
}

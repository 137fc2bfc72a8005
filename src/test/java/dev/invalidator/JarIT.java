package dev.invalidator;

import static dev.invalidator.testing.BotFixture.OPS;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.invalidator.aws.AwsClients;
import dev.invalidator.sandbox.SimulatedInvalidation;
import dev.invalidator.sandbox.SlackSimulator;
import dev.invalidator.sandbox.SlackSimulator.ChannelMessage;
import dev.invalidator.testing.Await;
import dev.invalidator.testing.BotFixture;
import dev.invalidator.testing.BotLogsOnFailure;
import dev.invalidator.testing.BotProcess;
import dev.invalidator.testing.HealthProbe;
import dev.invalidator.testing.MotoServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code java -jar target/invalidator.jar} as an operator runs it: configured only through environment variables,
 * tokens read from a Secrets Manager secret (moto), every endpoint taken from the SDK's standard variables.
 */
@ExtendWith(BotLogsOnFailure.class)
class JarIT {

    private final BotFixture world = new BotFixture();
    private BotProcess bot;

    @TempDir
    Path dir;

    @AfterEach
    void stop() throws InterruptedException {
        if (bot != null) {
            bot.close();
        }
        world.close();
    }

    private String tokensJson() {
        return "{\"SLACK_BOT_TOKEN\": \"" + world.slack.botToken() + "\", \"SLACK_APP_TOKEN\": \""
                + world.slack.appToken() + "\"}";
    }

    private BotProcess startJar(Map<String, String> overrides) {
        Map<String, String> env = new HashMap<>(overrides);
        env.put("AWS_ENDPOINT_URL_SECRETS_MANAGER", MotoServer.endpoint().toString());
        if (overrides.containsKey("SLACK_SECRET_ID")) {
            env.put("SLACK_BOT_TOKEN", null);
            env.put("SLACK_APP_TOKEN", null);
        }
        return BotProcess.start(world, dir, BotFixture.CONFIG, env);
    }

    /**
     * The SDK's service artifacts bring other HTTP clients at runtime (Apache 5 and Netty since 2.46); the bot builds
     * every client on URLConnection's, so the pom excludes them and they must not ride along in the jar.
     */
    @Test
    void the_jar_holds_the_url_connection_http_client_and_no_other() throws IOException {
        try (ZipFile jar = new ZipFile(Path.of("target", "invalidator.jar").toFile())) {
            List<String> others = jar.stream()
                    .map(ZipEntry::getName)
                    .filter(name -> name.startsWith("org/apache/hc/")
                            || name.startsWith("io/netty/")
                            || name.startsWith("software/amazon/awssdk/http/apache")
                            || name.startsWith("software/amazon/awssdk/http/nio/"))
                    .toList();
            assertThat(others).as("classes of HTTP clients the bot never uses").isEmpty();
            assertThat(jar.getEntry("software/amazon/awssdk/http/urlconnection/UrlConnectionHttpClient.class"))
                    .as("the URLConnection client")
                    .isNotNull();
        }
    }

    @Test
    void runs_with_tokens_from_secrets_manager_and_endpoints_from_the_environment() throws Exception {
        String secretId = MotoServer.storeSecret(tokensJson());
        bot = startJar(Map.of("SLACK_SECRET_ID", secretId));
        world.slack.awaitConnections(1, Duration.ofSeconds(60));

        world.type(SlackSimulator.ALICE, OPS, "web /index.html");
        SimulatedInvalidation invalidation = Await.value(
                "the invalidation",
                () -> world.cloudFront.simulator.invalidations(BotFixture.WEB).stream()
                        .findFirst()
                        .orElse(null));
        world.cloudFront.simulator.complete(invalidation.id());

        ChannelMessage status =
                world.awaitMessage(OPS, message -> message.text().contains("completed"), "the completed edit");
        assertThat(status.blocksJson()).contains(invalidation.id());
        assertThat(bot.terminate()).as("the exit status after SIGTERM").isEqualTo(BotProcess.EXIT_ON_SIGTERM);
        assertThat(bot.output()).doesNotContain(world.slack.botToken()).doesNotContain(world.slack.appToken());
    }

    @Test
    void logs_one_json_object_per_line_with_LOG_FORMAT_json_and_answers_on_HEALTH_PORT() throws Exception {
        int healthPort;
        try (ServerSocket free = new ServerSocket(0)) {
            healthPort = free.getLocalPort();
        }
        bot = startJar(Map.of("LOG_FORMAT", "json", "HEALTH_PORT", String.valueOf(healthPort)));
        world.slack.awaitConnections(1, Duration.ofSeconds(60));
        HealthProbe health = new HealthProbe(healthPort);
        Await.until(
                "the health endpoint says ready",
                () -> health.get("/health/ready").status() == 200);
        assertThat(health.get("/health/live").status()).as("/health/live").isEqualTo(200);
        assertThat(health.get("/health")).as("/health, as /health/ready").isEqualTo(health.get("/health/ready"));

        world.type(SlackSimulator.ALICE, OPS, "web /index.html");
        SimulatedInvalidation invalidation = Await.value(
                "the invalidation",
                () -> world.cloudFront.simulator.invalidations(BotFixture.WEB).stream()
                        .findFirst()
                        .orElse(null));
        world.cloudFront.simulator.complete(invalidation.id());
        world.awaitMessage(OPS, message -> message.text().contains("completed"), "the completed edit");
        assertThat(bot.terminate()).as("the exit status after SIGTERM").isEqualTo(BotProcess.EXIT_ON_SIGTERM);

        String output = bot.output();
        assertThat(output).doesNotContain(world.slack.botToken()).doesNotContain(world.slack.appToken());
        List<JsonNode> lines = output.lines().map(JarIT::jsonObject).toList();
        assertThat(lines)
                .anySatisfy(line ->
                        assertThat(line.path("message").asText()).isEqualTo("Connected to Slack in Socket Mode"));
        assertThat(lines)
                .anySatisfy(line ->
                        assertThat(line.path("audit").path("decision").asText()).isEqualTo("created"));
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

        assertThat(bot.awaitExit()).as("the exit status").isNotZero();
        assertThat(bot.output())
                .contains("invalidator: Slack refused SLACK_BOT_TOKEN")
                .doesNotContain(wrongToken)
                .doesNotContain(world.slack.appToken());
    }

    @Test
    void a_secret_that_does_not_exist_stops_the_bot_with_one_line() throws Exception {
        bot = startJar(Map.of("SLACK_SECRET_ID", "invalidator/no-such-secret"));

        assertThat(bot.awaitExit()).as("the exit status").isNotZero();
        assertThat(bot.output()).contains("invalidator: could not read secret invalidator/no-such-secret");
    }

    @Test
    void rotated_tokens_are_read_again_from_the_secret_and_the_bot_reconnects() {
        String secretId = MotoServer.storeSecret(tokensJson());
        bot = startJar(Map.of("SLACK_SECRET_ID", secretId));
        world.slack.awaitConnections(1, Duration.ofSeconds(60));
        String oldBotToken = world.slack.botToken();

        world.slack.rotateTokens();
        try (AwsClients aws = new AwsClients(AwsClients.Settings.forLocalEndpoint(MotoServer.endpoint()))) {
            aws.secretsManager()
                    .putSecretValue(request -> request.secretId(secretId).secretString(tokensJson()));
        }
        world.slack.dropAllConnections();

        Await.until(
                "the bot reconnects with the new app token",
                () -> world.slack.calls("apps.connections.open").stream()
                                .anyMatch(call -> call.auth() == SlackSimulator.Auth.APP)
                        && world.slack.openConnections() == 1);
        world.type(SlackSimulator.ALICE, OPS, "web /index.html");
        world.awaitMessage(
                OPS, message -> message.text().endsWith(": in progress"), "a request made with the new token");
        assertThat(bot.output())
                .contains("Slack refused the bot's tokens (token_revoked)")
                .doesNotContain(oldBotToken)
                .doesNotContain(world.slack.botToken())
                .doesNotContain(world.slack.appToken());
    }

    @Test
    void revoked_tokens_with_nothing_new_in_the_secret_stop_the_bot_with_one_line() {
        String secretId = MotoServer.storeSecret(tokensJson());
        bot = startJar(Map.of("SLACK_SECRET_ID", secretId));
        world.slack.awaitConnections(1, Duration.ofSeconds(60));

        world.slack.rotateTokens();
        world.slack.dropAllConnections();

        assertThat(bot.awaitExit()).as("the exit status").isEqualTo(1);
        assertThat(bot.output())
                .contains("invalidator: Slack refused the bot's tokens (token_revoked) and there are no" + " new ones");
    }
}

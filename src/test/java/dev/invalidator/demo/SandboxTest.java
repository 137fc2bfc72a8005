package dev.invalidator.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invalidator.Bot;
import dev.invalidator.aws.AwsClients;
import dev.invalidator.config.BotConfig;
import dev.invalidator.config.ConfigLoader;
import dev.invalidator.sandbox.SlackSimulator;
import dev.invalidator.slack.SlackBot;
import dev.invalidator.slack.SlackTokens;
import dev.invalidator.testing.Await;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sandbox as the image check uses it: a bot in another process gets nothing but the two files it writes. A JVM
 * cannot set its own environment, so the bot here is handed {@code bot.env}'s values; the image check runs the jar
 * in the container with the file itself.
 */
class SandboxTest {

    @Test
    void a_bot_given_only_the_sandbox_files_connects_and_completes_an_invalidation_with_its_refresh_check(
            @TempDir Path dir) throws Exception {
        try (Sandbox sandbox = Sandbox.start(dir)) {
            Map<String, String> env = environment(dir.resolve(Sandbox.ENV_FILE));
            BotConfig config = ConfigLoader.load(dir.resolve(Sandbox.CONFIG_FILE));
            try (AwsClients aws = new AwsClients(
                    AwsClients.Settings.forLocalEndpoint(URI.create(env.get("AWS_ENDPOINT_URL_CLOUDFRONT"))))) {
                Bot bot = Bot.start(
                        config,
                        SlackBot.slack(env.get("SLACK_API_URL")),
                        new SlackTokens(env.get(SlackTokens.BOT_TOKEN), env.get(SlackTokens.APP_TOKEN)),
                        aws,
                        Clock.systemUTC());
                try {
                    sandbox.slack.awaitConnections(1, Duration.ofSeconds(30));

                    sandbox.invalidate("web /index.html");

                    Await.until(
                            "the status message in #ops completed and its thread says /index.html is served fresh",
                            () -> sandbox.slack.messages("C0OPS").stream()
                                    .anyMatch(message -> message.text().contains(": completed in")
                                            && sandbox.slack.thread("C0OPS", message.ts()).stream()
                                                    .anyMatch(reply ->
                                                            reply.text().contains("fresh"))));
                    assertThat(sandbox.slack.messages("C0OPS").get(0).userId()).isEqualTo(SlackSimulator.BOT_USER_ID);
                } finally {
                    bot.close();
                }
            }
        }
    }

    @Test
    void the_environment_file_is_the_owners_alone_and_what_is_printed_holds_no_token(@TempDir Path dir)
            throws Exception {
        try (Sandbox sandbox = Sandbox.start(dir)) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(Sandbox.ENV_FILE))))
                    .isEqualTo("rw-------");
            assertThat(String.join("\n", sandbox.describe()))
                    .contains(
                            sandbox.slack.apiUrl(),
                            sandbox.cloudFront.endpoint().toString())
                    .doesNotContain(sandbox.slack.botToken(), sandbox.slack.appToken());
        }
    }

    @Test
    void the_config_is_the_sample_with_each_refresh_check_at_the_simulated_edge(@TempDir Path dir) throws Exception {
        try (Sandbox sandbox = Sandbox.start(dir)) {
            BotConfig config = ConfigLoader.load(dir.resolve(Sandbox.CONFIG_FILE));

            assertThat(config.distributions().keySet()).containsExactly("web", "images");
            assertThat(config.distributionGroups()).containsKey("sites");
            assertThat(config.verify().overrides().get("E1WEBEXAMPLE").baseUrl())
                    .contains(sandbox.cloudFront.edge().baseUrl("E1WEBEXAMPLE"));
        }
    }

    private static Map<String, String> environment(Path file) throws Exception {
        Map<String, String> variables = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file)) {
            int equals = line.indexOf('=');
            variables.put(line.substring(0, equals), line.substring(equals + 1));
        }
        return variables;
    }
}

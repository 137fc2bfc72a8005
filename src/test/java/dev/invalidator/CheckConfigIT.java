package dev.invalidator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invalidator.testing.BotFixture;
import dev.invalidator.testing.InvalidatorJar;
import dev.invalidator.testing.MotoServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code java -jar target/invalidator.jar check-config} with the environment of {@code run}: tokens from a Secrets
 * Manager secret and the identity from STS (both moto), CloudFront and Slack from the simulators.
 */
class CheckConfigIT {

    private final BotFixture world = new BotFixture();
    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        world.close();
    }

    /** Runs check-config to its end; returns its exit status, its output in {@code output}. */
    private int checkConfig(String config, Path output) throws IOException, InterruptedException {
        Path file = dir.resolve("invalidator.yml");
        Files.writeString(file, config);
        String secretId = MotoServer.storeSecret("{\"SLACK_BOT_TOKEN\": \"" + world.slack.botToken()
                + "\", \"SLACK_APP_TOKEN\": \"" + world.slack.appToken() + "\"}");
        Map<String, String> env = new HashMap<>(Map.of(
                "INVALIDATOR_CONFIG", file.toString(),
                "SLACK_SECRET_ID", secretId,
                "SLACK_API_URL", world.slack.apiUrl(),
                "AWS_ENDPOINT_URL_CLOUDFRONT", world.cloudFront.simulator.endpoint().toString(),
                "AWS_ENDPOINT_URL_SECRETS_MANAGER", MotoServer.endpoint().toString(),
                "AWS_ENDPOINT_URL_STS", MotoServer.endpoint().toString(),
                "AWS_ACCESS_KEY_ID", "test",
                "AWS_SECRET_ACCESS_KEY", "test",
                "AWS_REGION", "us-east-1"));
        Process check = InvalidatorJar.start(output, env, "check-config");
        assertThat(check.waitFor(120, TimeUnit.SECONDS)).as("check-config ends by itself").isTrue();
        return check.exitValue();
    }

    @Test
    void a_ready_config_passes_with_exit_status_0() throws Exception {
        Path output = dir.resolve("ready.txt");

        int status = checkConfig(BotFixture.CONFIG, output);

        String checklist = Files.readString(output, StandardCharsets.UTF_8);
        assertThat(status).as(checklist).isZero();
        assertThat(checklist)
                .contains("  ✓ tokens: read from Secrets Manager secret invalidator/slack-")
                .contains("  ✓ channel #ops (C0OPS): the bot is a member")
                .containsPattern("  ✓ AWS identity: arn:aws:\\w+::123456789012:\\S+ \\(account 123456789012\\)")
                .contains("  – cloudfront:CreateInvalidation: not verified")
                .doesNotContain(world.slack.botToken()).doesNotContain(world.slack.appToken());
    }

    @Test
    void a_bad_channel_id_fails_with_exit_status_1_on_its_own_line() throws Exception {
        Path output = dir.resolve("bad-channel.txt");

        int status = checkConfig(BotFixture.CONFIG.replace("channels: [C0OPS]\n    users: [\"*\"]\n  images",
                "channels: [C0OPS, C0NOPE]\n    users: [\"*\"]\n  images"), output);

        String checklist = Files.readString(output, StandardCharsets.UTF_8);
        assertThat(status).as(checklist).isEqualTo(1);
        assertThat(checklist).contains("  ✗ channel C0NOPE: not found").contains("1 problem")
                .doesNotContain(world.slack.botToken()).doesNotContain(world.slack.appToken());
    }
}

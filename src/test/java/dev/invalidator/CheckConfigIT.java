package dev.invalidator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invalidator.testing.BotFixture;
import dev.invalidator.testing.BotLogsOnFailure;
import dev.invalidator.testing.BotProcess;
import dev.invalidator.testing.MotoServer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code java -jar target/invalidator.jar check-config} with the environment of {@code run}: tokens from a Secrets
 * Manager secret and the identity from STS (both moto), CloudFront and Slack from the simulators.
 */
@ExtendWith(BotLogsOnFailure.class)
class CheckConfigIT {

    private final BotFixture world = new BotFixture();
    private BotProcess check;

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        if (check != null) {
            check.close();
        }
        world.close();
    }

    /** Runs check-config to its end and returns its exit status; the checklist is in {@code check.output()}. */
    private int checkConfig(String config) {
        String secretId = MotoServer.storeSecret("{\"SLACK_BOT_TOKEN\": \"" + world.slack.botToken()
                + "\", \"SLACK_APP_TOKEN\": \"" + world.slack.appToken() + "\"}");
        Map<String, String> env = new HashMap<>();
        env.put("SLACK_BOT_TOKEN", null);
        env.put("SLACK_APP_TOKEN", null);
        env.put("SLACK_SECRET_ID", secretId);
        env.put("AWS_ENDPOINT_URL_SECRETS_MANAGER", MotoServer.endpoint().toString());
        env.put("AWS_ENDPOINT_URL_STS", MotoServer.endpoint().toString());
        check = BotProcess.start(world, dir, config, env, "check-config");
        return check.awaitExit();
    }

    @Test
    void a_ready_config_passes_with_exit_status_0() {
        int status = checkConfig(BotFixture.CONFIG);

        String checklist = check.output();
        assertThat(status).as(checklist).isZero();
        assertThat(checklist)
                .contains("  ✓ tokens: read from Secrets Manager secret invalidator/slack-")
                .contains("  ✓ channel #ops (C0OPS): the bot is a member")
                .containsPattern("  ✓ AWS identity: arn:aws:\\w+::123456789012:\\S+ \\(account 123456789012\\)")
                .contains("  – cloudfront:CreateInvalidation: not verified")
                .doesNotContain(world.slack.botToken())
                .doesNotContain(world.slack.appToken());
    }

    @Test
    void a_bad_channel_id_fails_with_exit_status_1_on_its_own_line() {
        int status = checkConfig(BotFixture.CONFIG.replace(
                "channels: [C0OPS]\n    users: [\"*\"]\n  images",
                "channels: [C0OPS, C0NOPE]\n    users: [\"*\"]\n  images"));

        String checklist = check.output();
        assertThat(status).as(checklist).isEqualTo(1);
        assertThat(checklist)
                .contains("  ✗ channel C0NOPE: not found")
                .contains("1 problem")
                .doesNotContain(world.slack.botToken())
                .doesNotContain(world.slack.appToken());
    }
}

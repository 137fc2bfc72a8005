package dev.invalidator.preflight;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invalidator.aws.AwsClients;
import dev.invalidator.sandbox.SlackSimulator;
import dev.invalidator.slack.SlackBot;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** One check-config run against the Slack simulator and the AWS endpoint of {@code aws}: its exit status and output. */
record CheckRun(int status, String output) {

    /** Runs with a config file holding {@code config}, in {@code dir}, and the simulator's tokens. */
    static CheckRun of(SlackSimulator slack, AwsClients aws, Path dir, String config) {
        return of(
                slack,
                aws,
                dir,
                config,
                Map.of("SLACK_BOT_TOKEN", slack.botToken(), "SLACK_APP_TOKEN", slack.appToken()));
    }

    static CheckRun of(SlackSimulator slack, AwsClients aws, Path dir, String config, Map<String, String> tokens) {
        Path file = dir.resolve("invalidator.yml");
        try {
            Files.writeString(file, config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> env = new HashMap<>(tokens);
        env.put("INVALIDATOR_CONFIG", file.toString());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = new ConfigCheck(SlackBot.slack(slack.apiUrl()), aws, secretId -> {
                    throw new IllegalStateException("these runs read no secret");
                })
                .run(env, new PrintStream(out, true, StandardCharsets.UTF_8));
        String output = out.toString(StandardCharsets.UTF_8);
        assertThat(output)
                .as("no token printed")
                .doesNotContain(slack.botToken())
                .doesNotContain(slack.appToken());
        return new CheckRun(status, output);
    }
}

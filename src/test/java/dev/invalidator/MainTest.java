package dev.invalidator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Start-up problems end in one line on stderr and a non-zero exit, never a stack trace or a token. */
class MainTest {

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(Map<String, String> env, String... args) {
        return Main.run(args, env, new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Nested
    class RefusesToStart {

        @Test
        void without_a_config_file_naming_the_file() {
            int status = run(Map.of("INVALIDATOR_CONFIG", "no-such-file.yml"));

            assertThat(status).isNotZero();
            assertThat(stderr()).startsWith("invalidator: no-such-file.yml").hasLineCount(1);
        }

        @Test
        void without_tokens_naming_the_variables() {
            int status = run(Map.of("INVALIDATOR_CONFIG", "invalidator.example.yml"));

            assertThat(status).isNotZero();
            assertThat(stderr())
                    .hasLineCount(1)
                    .contains("SLACK_BOT_TOKEN")
                    .contains("SLACK_APP_TOKEN")
                    .contains("SLACK_SECRET_ID");
        }

        @Test
        void with_a_malformed_token_without_printing_it() {
            String secret = "xoxp-" + "1234567890" + "-SECRET";
            int status = run(Map.of(
                    "INVALIDATOR_CONFIG",
                    "invalidator.example.yml",
                    "SLACK_BOT_TOKEN",
                    secret,
                    "SLACK_APP_TOKEN",
                    "xapp-1-A0-SECRET"));

            assertThat(status).isNotZero();
            assertThat(stderr())
                    .hasLineCount(1)
                    .contains("xoxb-")
                    .doesNotContain(secret)
                    .doesNotContain("SECRET");
        }

        @Test
        void with_a_health_port_that_is_not_a_number_in_one_line() {
            // Token-shaped values are built at run time; they are never sent, the port is refused first.
            int status = run(Map.of(
                    "INVALIDATOR_CONFIG",
                    "invalidator.example.yml",
                    "SLACK_BOT_TOKEN",
                    "xoxb-" + "1".repeat(10),
                    "SLACK_APP_TOKEN",
                    "xapp-" + "1".repeat(10),
                    "HEALTH_PORT",
                    "eighty"));

            assertThat(status).isEqualTo(1);
            assertThat(stderr()).hasLineCount(1).startsWith("invalidator: HEALTH_PORT must be a port number");
        }

        @Test
        void for_an_unknown_sub_command_with_the_usage() {
            assertThat(run(Map.of(), "frobnicate")).isEqualTo(2);
            assertThat(stderr()).contains("usage");
        }
    }
}

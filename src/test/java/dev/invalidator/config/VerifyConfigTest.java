package dev.invalidator.config;

import static dev.invalidator.config.Configs.validWith;
import static dev.invalidator.config.Configs.web;
import static dev.invalidator.config.Configs.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code verify} (bot-wide) and {@code distributions.<alias>.verify} (per distribution), with their messages. */
class VerifyConfigTest {

    private static final String WEB_FIELDS = "id: E1WEBEXAMPLE, channels: [C0OPS], users: [\"*\"]";

    private static void assertRejected(String content, String message) {
        assertThatThrownBy(() -> yaml(content))
                .isInstanceOf(ConfigException.class)
                .hasMessage("invalidator.yml: " + message);
    }

    @Nested
    class BotWide {

        @Test
        void is_on_with_twenty_urls_of_three_seconds_each_when_left_out() throws ConfigException {
            VerifyConfig.Settings settings = yaml(Configs.VALID).verify().forDistribution("E1WEBEXAMPLE");

            assertThat(settings)
                    .isEqualTo(new VerifyConfig.Settings(true, 20, Duration.ofSeconds(3), Optional.empty()));
        }

        @Test
        void takes_every_key() throws ConfigException {
            VerifyConfig verify = yaml(validWith("verify: {enabled: false, maxUrls: 5, timeout: 1500ms}"))
                    .verify();

            assertThat(verify).isEqualTo(new VerifyConfig(false, 5, Duration.ofMillis(1500), java.util.Map.of()));
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource(
                delimiter = '|',
                value = {
                    "verify: {enabled: \"true\"}|verify.enabled: expected true or false, found text \"true\" — remove the quotes",
                    "verify: {enabled: 1}|verify.enabled: expected true or false, found the number 1",
                    "verify: {maxUrls: 0}|verify.maxUrls: must be at least 1, found 0 — e.g. 20",
                    "verify: {maxUrls: 101}|verify.maxUrls: 101 is more than 100 — each URL is a request to your site; use at most 100",
                    "verify: {timeout: 1m}|verify.timeout: 1m is longer than 30s — a URL that slow is reported as not checked; use at most 30s",
                    "verify: {maxURLs: 5}|verify.maxURLs: unknown key — did you mean \"maxUrls\"?",
                    "verify: on|verify: expected a mapping with enabled, maxUrls and timeout, found true — e.g. verify: {enabled: true, maxUrls: 20}"
                })
        void a_wrong_value_is_named_with_its_fix(String section, String message) {
            assertRejected(validWith(section), message);
        }
    }

    @Nested
    class PerDistribution {

        @Test
        void a_base_url_replaces_the_first_domain_name_without_its_trailing_slash() throws ConfigException {
            BotConfig config = yaml(web(WEB_FIELDS + ", verify: {baseUrl: \"http://127.0.0.1:8080/E1WEBEXAMPLE/\"}"));

            assertThat(config.verify().forDistribution("E1WEBEXAMPLE").baseUrl())
                    .contains(URI.create("http://127.0.0.1:8080/E1WEBEXAMPLE"));
        }

        @Test
        void enabled_overrides_the_bot_wide_setting_either_way() throws ConfigException {
            BotConfig config = yaml("""
                    distributions:
                      web: {id: E1WEBEXAMPLE, channels: [C0OPS], users: ["*"], verify: {enabled: true}}
                      images: {id: E2IMAGESEXAMPLE, channels: [C0OPS], users: ["*"]}
                    verify: {enabled: false}
                    """);

            assertThat(config.verify().forDistribution("E1WEBEXAMPLE").enabled())
                    .isTrue();
            assertThat(config.verify().forDistribution("E2IMAGESEXAMPLE").enabled())
                    .isFalse();
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource(
                delimiter = '|',
                value = {
                    "verify: {baseUrl: ftp://www.example.com}|distributions.web.verify.baseUrl: \"ftp://www.example.com\" is not an http:// or https:// URL with a host — e.g. https://www.example.com",
                    "verify: {baseUrl: www.example.com}|distributions.web.verify.baseUrl: \"www.example.com\" is not an http:// or https:// URL with a host — e.g. https://www.example.com",
                    "verify: {baseUrl: \"https://www.example.com/?a=1\"}|distributions.web.verify.baseUrl: \"https://www.example.com/?a=1\" has a query, a fragment or a user name — give only the scheme, the host and an optional path prefix, e.g. https://www.example.com",
                    "verify: {baseUrl: \"https://exa mple.com\"}|distributions.web.verify.baseUrl: \"https://exa mple.com\" is not a URL — write it like https://www.example.com",
                    "verify: {baseUrl: 42}|distributions.web.verify.baseUrl: expected a URL such as https://www.example.com, found the number 42 — or remove baseUrl to use the distribution's first domain name",
                    "verify: {base: x}|distributions.web.verify.base: unknown key — the keys here are baseUrl and enabled",
                    "verify: true|distributions.web.verify: expected a mapping with baseUrl and enabled, found true — e.g. verify: {baseUrl: https://www.example.com}"
                })
        void a_wrong_value_is_named_with_its_fix(String field, String message) {
            assertRejected(web(WEB_FIELDS + ", " + field), message);
        }
    }
}

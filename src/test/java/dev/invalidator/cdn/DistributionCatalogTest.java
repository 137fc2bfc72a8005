package dev.invalidator.cdn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invalidator.config.DistributionConfig;
import dev.invalidator.sandbox.CloudFrontSimulator.Operation;
import dev.invalidator.testing.BotFixture;
import dev.invalidator.testing.CloudFrontFixture;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DistributionCatalogTest {

    private final CloudFrontFixture cloudFront = new CloudFrontFixture();
    private final DistributionCatalog catalog =
            new DistributionCatalog(BotFixture.config(), cloudFront.cdn, Duration.ofMinutes(10), Clock.systemUTC());

    @AfterEach
    void close() {
        cloudFront.close();
    }

    @Nested
    class Resolving {

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "web",
                    "WEB",
                    "E1WEBEXAMPLE",
                    "e1webexample",
                    "www.example.com",
                    "WWW.Example.COM",
                    "d111111abcdef8.cloudfront.net"
                })
        void finds_a_configured_distribution_by_alias_id_or_host_name(String name) {
            assertThat(catalog.resolve(name)).map(DistributionConfig::alias).contains("web");
        }

        @Test
        void knows_nothing_of_distributions_outside_the_config() {
            cloudFront.simulator.addDistribution("E9UNLISTED99", "d999.cloudfront.net", "unlisted.example.com");

            assertThat(catalog.resolve("E9UNLISTED99")).isEmpty();
            assertThat(catalog.resolve("unlisted.example.com")).isEmpty();
        }

        @Test
        void skips_a_distribution_cloudfront_cannot_describe_and_still_finds_the_others() {
            // "images" (E2IMAGESEXAMPLE) is configured but not in this simulator.
            assertThat(catalog.resolve("www.example.com"))
                    .map(DistributionConfig::alias)
                    .contains("web");
            assertThat(catalog.resolve("img.example.com")).isEmpty();
        }
    }

    @Test
    void asks_cloudfront_once_for_a_distributions_host_names_while_the_cache_is_fresh() {
        catalog.resolve("www.example.com");
        catalog.resolve("d111111abcdef8.cloudfront.net");
        catalog.details(BotFixture.config().byAlias("web").orElseThrow());

        assertThat(cloudFront.simulator.calls(Operation.GET_DISTRIBUTION, CloudFrontFixture.WEB))
                .isEqualTo(1);
    }
}

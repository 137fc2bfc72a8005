package dev.invalidator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invalidator.config.BotConfig;
import dev.invalidator.config.CloudFrontConfig;
import dev.invalidator.config.ConfigLoader;
import dev.invalidator.config.ConfirmConfig;
import dev.invalidator.config.GroupsConfig;
import dev.invalidator.config.LimitsConfig;
import dev.invalidator.config.PollingConfig;
import dev.invalidator.config.QueueConfig;
import dev.invalidator.config.VerifyConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The config operators copy ({@code invalidator.example.yml}) and the whole file shown in {@code docs/configuration.md}
 * must load, and must state the real defaults.
 */
class ExampleConfigTest {

    private static final Path CONFIGURATION_DOC = Path.of("docs/configuration.md");
    /** The first YAML block of the document: the whole file, with its defaults. */
    private static final Pattern FIRST_YAML_BLOCK = Pattern.compile("(?ms)^```yaml\\n(.*?)^```");

    @Test
    void the_example_config_loads_and_its_optional_values_are_the_defaults() throws Exception {
        BotConfig config = ConfigLoader.load(Path.of("invalidator.example.yml"));

        assertThat(config.distributions()).containsOnlyKeys("web", "images", "acme");
        assertThat(config.polling()).isEqualTo(PollingConfig.defaults());
        assertThat(config.limits()).isEqualTo(LimitsConfig.defaults());
        assertThat(config.groups()).isEqualTo(GroupsConfig.defaults());
        assertThat(config.confirm()).isEqualTo(ConfirmConfig.defaults());
        assertThat(config.verify()).isEqualTo(VerifyConfig.defaults());
        assertThat(config.cloudfront()).isEqualTo(CloudFrontConfig.defaults());
        assertThat(config.queue()).isEqualTo(QueueConfig.defaults());
    }

    @Test
    void the_whole_file_in_the_configuration_docs_loads_and_states_the_defaults() throws Exception {
        Matcher block = FIRST_YAML_BLOCK.matcher(Files.readString(CONFIGURATION_DOC));
        assertThat(block.find()).as("a ```yaml block in %s", CONFIGURATION_DOC).isTrue();

        BotConfig config = ConfigLoader.parse(block.group(1), CONFIGURATION_DOC.toString(), ConfigLoader.Format.YAML);

        assertThat(config.distributions()).containsOnlyKeys("web", "images", "acme");
        assertThat(config.group("sites").orElseThrow().members()).containsExactly("web", "images");
        assertThat(config.polling()).isEqualTo(PollingConfig.defaults());
        assertThat(config.limits()).isEqualTo(LimitsConfig.defaults());
        assertThat(config.groups()).isEqualTo(GroupsConfig.defaults());
        assertThat(config.confirm()).isEqualTo(ConfirmConfig.defaults());
        VerifyConfig defaults = VerifyConfig.defaults();
        assertThat(config.verify().enabled()).isEqualTo(defaults.enabled());
        assertThat(config.verify().maxUrls()).isEqualTo(defaults.maxUrls());
        assertThat(config.verify().timeout()).isEqualTo(defaults.timeout());
        assertThat(config.cloudfront()).isEqualTo(CloudFrontConfig.defaults());
        assertThat(config.queue()).isEqualTo(QueueConfig.defaults());
    }
}

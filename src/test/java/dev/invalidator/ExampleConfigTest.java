package dev.invalidator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invalidator.config.BotConfig;
import dev.invalidator.config.ConfigLoader;
import dev.invalidator.config.ConfirmConfig;
import dev.invalidator.config.GroupsConfig;
import dev.invalidator.config.LimitsConfig;
import dev.invalidator.config.PollingConfig;
import dev.invalidator.config.VerifyConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The example the README tells operators to copy must load, and must state the real defaults. */
class ExampleConfigTest {

    @Test
    void the_example_config_loads_and_its_optional_values_are_the_defaults() throws Exception {
        BotConfig config = ConfigLoader.load(Path.of("invalidator.example.yml"));

        assertThat(config.distributions()).containsOnlyKeys("web", "images");
        assertThat(config.polling()).isEqualTo(PollingConfig.defaults());
        assertThat(config.limits()).isEqualTo(LimitsConfig.defaults());
        assertThat(config.groups()).isEqualTo(GroupsConfig.defaults());
        assertThat(config.confirm()).isEqualTo(ConfirmConfig.defaults());
        assertThat(config.verify()).isEqualTo(VerifyConfig.defaults());
    }
}

package dev.invalidator.config;

import static dev.invalidator.config.Configs.VALID;
import static dev.invalidator.config.Configs.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** {@code workflowsSkipConfirm}: whether a workflow's step may send what a chat would ask to confirm. */
class WorkflowsConfigTest {

    private static final String WEB = "{id: E1WEBEXAMPLE, channels: [C0OPS], users: [\"*\"]";

    @Test
    void it_is_off_unless_a_distribution_turns_it_on() throws Exception {
        assertThat(yaml(VALID).byAlias("web").orElseThrow().workflowsSkipConfirm())
                .isFalse();
        assertThat(yaml("distributions: {web: " + WEB + ", workflowsSkipConfirm: true}}\n")
                        .byAlias("web")
                        .orElseThrow()
                        .workflowsSkipConfirm())
                .isTrue();
    }

    @Test
    void a_quoted_true_is_refused_saying_to_remove_the_quotes() {
        assertThatThrownBy(() -> yaml("distributions: {web: " + WEB + ", workflowsSkipConfirm: \"true\"}}\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("invalidator.yml: distributions.web.workflowsSkipConfirm: expected true or false, found"
                        + " text \"true\" — remove the quotes");
    }
}

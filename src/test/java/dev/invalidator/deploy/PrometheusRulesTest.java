package dev.invalidator.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.invalidator.testing.Promtool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code deploy/prometheus-rules.yml}, the alerts operators load into Prometheus: {@code promtool} finds the rules
 * valid and passes their unit tests ({@code deploy/prometheus-rules.test.yml}), each alert is tested there, and each
 * says what happened, what likely caused it and which section of the operator docs to read.
 */
class PrometheusRulesTest {

    private static final Path DEPLOY = Path.of("deploy");
    private static final Path RULES = DEPLOY.resolve("prometheus-rules.yml");
    private static final Path RULE_TESTS = DEPLOY.resolve("prometheus-rules.test.yml");
    private static final Path OPERATING = Path.of("docs/operating.md");

    private static List<JsonNode> alerts;

    @BeforeAll
    static void read() throws IOException {
        alerts = new ArrayList<>();
        new YAMLMapper()
                .readTree(RULES.toFile())
                .path("groups")
                .forEach(group -> group.path("rules").forEach(rule -> {
                    if (rule.has("alert")) {
                        alerts.add(rule);
                    }
                }));
    }

    @Test
    void promtool_finds_the_rules_valid() {
        Promtool.Result result =
                Promtool.run(DEPLOY, "", "check", "rules", RULES.getFileName().toString());

        assertThat(result.exitCode()).as(result.output()).isZero();
    }

    @Test
    void promtool_passes_the_unit_tests_of_every_alert() {
        Promtool.Result result = Promtool.run(
                DEPLOY, "", "test", "rules", RULE_TESTS.getFileName().toString());

        assertThat(result.exitCode()).as(result.output()).isZero();
    }

    @Test
    void every_alert_is_unit_tested_firing() throws IOException {
        Set<String> firing = new TreeSet<>();
        for (JsonNode test : new YAMLMapper().readTree(RULE_TESTS.toFile()).path("tests")) {
            for (JsonNode alertTest : test.path("alert_rule_test")) {
                if (!alertTest.path("exp_alerts").isEmpty()) {
                    firing.add(alertTest.path("alertname").asText());
                }
            }
        }

        assertThat(firing).containsAll(names());
    }

    @Test
    void every_alert_has_a_severity_a_summary_and_a_description() {
        assertThat(alerts).isNotEmpty().allSatisfy(alert -> {
            String name = alert.path("alert").asText();
            assertThat(alert.path("labels").path("severity").asText()).as(name).isIn("page", "ticket");
            assertThat(alert.path("annotations").path("summary").asText())
                    .as(name)
                    .isNotBlank();
            assertThat(alert.path("annotations").path("description").asText())
                    .as(name + ": the likely cause, and where to read more")
                    .contains("docs/operating.md");
        });
    }

    @Test
    void every_alert_links_its_own_section_of_the_operator_docs() throws IOException {
        List<String> headings = Files.readAllLines(OPERATING).stream()
                .filter(line -> line.startsWith("#"))
                .map(line -> line.replaceFirst("^#+\\s*", ""))
                .toList();

        assertThat(alerts).allSatisfy(alert -> {
            String name = alert.path("alert").asText();
            assertThat(alert.path("annotations").path("runbook_url").asText())
                    .as(name)
                    .isEqualTo("docs/operating.md#" + name.toLowerCase(Locale.ROOT));
            assertThat(headings).as("a heading for " + name).contains(name);
        });
    }

    private static List<String> names() {
        return alerts.stream().map(alert -> alert.path("alert").asText()).toList();
    }
}

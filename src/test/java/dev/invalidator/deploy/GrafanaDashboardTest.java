package dev.invalidator.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.invalidator.testing.MetricNames;
import dev.invalidator.testing.Promtool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code deploy/grafana-dashboard.json} imports into Grafana as one screen: the fields Grafana's dashboard model needs,
 * every panel placed on the 24-column grid without overlap and asking Prometheus, and a panel for each question an
 * on-call engineer asks. That every query names a metric the bot exports is checked against a real scrape, in
 * {@code MetricsEndToEndTest}.
 */
class GrafanaDashboardTest {

    private static final Path DASHBOARD = Path.of("deploy/grafana-dashboard.json");

    private static final int GRID_COLUMNS = 24;
    /** What a 1080p screen shows of a dashboard at Grafana's 30 px rows, below its header. */
    private static final int ROWS_ON_ONE_SCREEN = 30;

    private static JsonNode dashboard;
    private static List<JsonNode> panels;

    @BeforeAll
    static void read() throws IOException {
        dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());
        panels = StreamSupport.stream(dashboard.path("panels").spliterator(), false)
                .toList();
    }

    @Test
    void has_the_fields_grafana_imports_a_dashboard_by() {
        assertThat(dashboard.path("title").asText()).isEqualTo("Invalidator");
        assertThat(dashboard.path("uid").asText()).matches("[a-z0-9-]{1,40}");
        assertThat(dashboard.path("schemaVersion").isInt()).isTrue();
        assertThat(dashboard.path("time").path("from").asText()).isNotBlank();
        assertThat(dashboard.has("id"))
                .as("an id is the exporting Grafana's own: import gives one")
                .isFalse();
    }

    @Test
    void asks_the_prometheus_chosen_at_import_or_in_its_variable() {
        JsonNode variable = StreamSupport.stream(
                        dashboard.path("templating").path("list").spliterator(), false)
                .filter(v -> v.path("name").asText().equals("datasource"))
                .findFirst()
                .orElseThrow();
        assertThat(variable.path("type").asText()).isEqualTo("datasource");
        assertThat(variable.path("query").asText()).isEqualTo("prometheus");

        assertThat(panels).isNotEmpty().allSatisfy(panel -> {
            assertThat(panel.path("datasource").path("type").asText()).isEqualTo("prometheus");
            assertThat(panel.path("datasource").path("uid").asText()).isEqualTo("${datasource}");
        });
    }

    @Test
    void every_panel_has_a_title_a_type_and_queries_with_a_ref_id() {
        Set<Integer> ids = new HashSet<>();
        assertThat(panels).allSatisfy(panel -> {
            String title = panel.path("title").asText();
            assertThat(title).isNotBlank();
            assertThat(ids.add(panel.path("id").asInt()))
                    .as("unique id of " + title)
                    .isTrue();
            assertThat(panel.path("type").asText()).as(title).isIn("stat", "gauge", "timeseries", "bargauge");
            assertThat(panel.path("targets")).as(title).isNotEmpty().allSatisfy(target -> {
                assertThat(target.path("refId").asText()).as(title).isNotBlank();
                assertThat(target.path("expr").asText()).as(title).isNotBlank();
            });
        });
    }

    @Test
    void its_panels_fit_on_one_screen_of_the_grid_without_overlapping() {
        List<int[]> placed = new ArrayList<>();
        for (JsonNode panel : panels) {
            String title = panel.path("title").asText();
            JsonNode grid = panel.path("gridPos");
            int x = grid.path("x").asInt(-1);
            int y = grid.path("y").asInt(-1);
            int w = grid.path("w").asInt(0);
            int h = grid.path("h").asInt(0);
            assertThat(x).as(title).isBetween(0, GRID_COLUMNS - 1);
            assertThat(w).as(title).isPositive();
            assertThat(x + w).as(title).isLessThanOrEqualTo(GRID_COLUMNS);
            assertThat(y).as(title).isNotNegative();
            assertThat(h).as(title).isPositive();
            assertThat(y + h).as(title + " on one screen").isLessThanOrEqualTo(ROWS_ON_ONE_SCREEN);
            for (int[] other : placed) {
                boolean apart =
                        x + w <= other[0] || other[0] + other[2] <= x || y + h <= other[1] || other[1] + other[3] <= y;
                assertThat(apart).as(title + " overlaps another panel").isTrue();
            }
            placed.add(new int[] {x, y, w, h});
        }
    }

    @Test
    void every_query_is_promql_that_promtool_parses(@TempDir Path directory) throws IOException {
        // promtool checks expressions in rule files: each query becomes a recording rule of a throwaway one.
        StringBuilder rules = new StringBuilder("groups:\n  - name: dashboard\n    rules:\n");
        int n = 0;
        for (JsonNode panel : panels) {
            for (JsonNode target : panel.path("targets")) {
                rules.append("      - record: dashboard:query")
                        .append(++n)
                        .append("\n        expr: ")
                        .append(new ObjectMapper()
                                .writeValueAsString(target.path("expr").asText()))
                        .append('\n');
            }
        }
        Files.writeString(directory.resolve("queries.yml"), rules.toString());

        Promtool.Result result = Promtool.run(directory, "", "check", "rules", "queries.yml");

        assertThat(result.exitCode()).as(result.output()).isZero();
    }

    @Test
    void answers_what_on_call_asks_first() {
        StringBuilder queries = new StringBuilder();
        panels.forEach(panel -> panel.path("targets")
                .forEach(target -> queries.append(target.path("expr").asText()).append('\n')));

        assertThat(MetricNames.in(queries.toString()))
                .as("connected? requests by decision, CloudFront throttling and errors, in flight, completion times,"
                        + " refresh results, free tier, Slack 429s, JVM memory")
                .contains(
                        "invalidator_slack_connected",
                        "invalidator_requests_total",
                        "invalidator_cloudfront_calls_seconds_count",
                        "invalidator_invalidations_in_flight",
                        "invalidator_invalidation_time_to_complete_seconds_bucket",
                        "invalidator_completion_shown_delay_seconds_bucket",
                        "invalidator_refresh_checks_total",
                        "invalidator_paths_this_month",
                        "invalidator_free_paths_per_month",
                        "invalidator_slack_api_calls_total",
                        "jvm_memory_used_bytes");
    }
}

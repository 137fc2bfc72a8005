package dev.invalidator.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.invalidator.config.BotConfig;
import dev.invalidator.config.ConfigLoader;
import dev.invalidator.health.HealthServer;
import dev.invalidator.slack.SlackTokens;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The deploy examples for the engines teams run, {@code deploy/ecs-task-definition.json} and
 * {@code deploy/kubernetes.yml}: they parse, run the image of the Dockerfile with the variables the bot reads, take
 * the Slack tokens from Secrets Manager, restart on {@code /health/live} alone and wait for {@code /health/ready},
 * carry a config that loads and that {@code deploy/iam-policy.json} covers, and (Kubernetes) let Prometheus scrape
 * {@code /metrics}.
 */
class DeployExamplesTest {

    private static final Path ECS = Path.of("deploy/ecs-task-definition.json");
    private static final Path KUBERNETES = Path.of("deploy/kubernetes.yml");
    /** Apart, since {@code kubectl apply} fails on a kind whose CRD the cluster lacks (no Prometheus Operator). */
    private static final Path SERVICE_MONITOR = Path.of("deploy/kubernetes-servicemonitor.yml");

    private static final Path POLICY = Path.of("deploy/iam-policy.json");
    private static final String IMAGE = "ACCOUNT_ID.dkr.ecr.REGION.amazonaws.com/invalidator:0.1.0";
    /** Readiness may wait 3 s for Slack's pong ({@code SlackBot.isConnected}), liveness 2 s for the dispatch threads. */
    private static final int SLOWEST_CHECK_SECONDS = 3;

    private static final Pattern LOCAL_URL = Pattern.compile("http://127\\.0\\.0\\.1:(\\d+)(/\\S*)");

    private static DockerfileInstructions.Stage runtime;
    private static JsonNode policy;

    @BeforeAll
    static void read() throws IOException {
        runtime = DockerfileInstructions.read(Path.of("Dockerfile")).runtime();
        policy = new ObjectMapper().readTree(POLICY.toFile());
    }

    /** The variables the bot reads that a deployment may set: the image's own, the secret's id, the AWS region. */
    private static Set<String> variablesTheBotReads() {
        Set<String> names = new TreeSet<>(runtime.env().keySet());
        names.add(SlackTokens.SECRET_ID);
        names.add("AWS_REGION");
        return names;
    }

    /** The environment a container runs with: the image's ENV, overridden by the deployment's. */
    private static Map<String, String> effectiveEnv(Map<String, String> deploymentEnv) {
        Map<String, String> env = new HashMap<>(runtime.env());
        env.putAll(deploymentEnv);
        return env;
    }

    /** Asserts what every deployment of the bot must hold, whatever the engine. */
    private static void assertRunsTheBot(String imageName, Map<String, String> env) {
        assertThat(imageName).isEqualTo(IMAGE);
        assertThat(env)
                .as("tokens come from Secrets Manager, never written in the example")
                .doesNotContainKeys(SlackTokens.BOT_TOKEN, SlackTokens.APP_TOKEN)
                .containsEntry(SlackTokens.SECRET_ID, secretNameInThePolicy());
        assertThat(env.keySet()).as("variables the bot reads").isSubsetOf(variablesTheBotReads());
    }

    /** The secret's name in the policy: {@code invalidator/slack} in {@code …:secret:invalidator/slack-??????}. */
    private static String secretNameInThePolicy() {
        for (JsonNode statement : policy.path("Statement")) {
            if (statement.path("Action").asText().equals("secretsmanager:GetSecretValue")) {
                String arn = statement.path("Resource").asText();
                return arn.substring(arn.indexOf(":secret:") + ":secret:".length(), arn.length() - "-??????".length());
            }
        }
        throw new AssertionError(POLICY + " grants no secretsmanager:GetSecretValue");
    }

    /** The config loads, and the policy reaches each distribution: its ARN, or the role to assume for it. */
    private static void assertLoadsAndIsCoveredByThePolicy(String content, String fileName, ConfigLoader.Format format)
            throws Exception {
        BotConfig config = ConfigLoader.parse(content, fileName, format);
        String policyText = policy.toString();

        assertThat(config.distributions().values())
                .isNotEmpty()
                .allSatisfy(distribution -> assertThat(policyText)
                        .contains(distribution
                                .roleArn()
                                .orElse("arn:aws:cloudfront::ACCOUNT_ID:distribution/" + distribution.id())));
    }

    private static List<JsonNode> list(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).toList();
    }

    @Nested
    class Ecs {

        private JsonNode task;
        private JsonNode bot;
        private JsonNode configWriter;

        @BeforeEach
        void read() throws IOException {
            task = new ObjectMapper().readTree(ECS.toFile());
            Map<String, JsonNode> containers = list(task.path("containerDefinitions")).stream()
                    .collect(
                            Collectors.toMap(container -> container.path("name").asText(), container -> container));
            bot = containers.get("invalidator");
            configWriter = containers.get("write-config");
        }

        private Map<String, String> env(JsonNode container) {
            return list(container.path("environment")).stream()
                    .collect(Collectors.toMap(
                            pair -> pair.path("name").asText(),
                            pair -> pair.path("value").asText()));
        }

        @Test
        void the_bot_runs_the_image_with_its_own_task_role_and_reads_the_tokens_from_secrets_manager() {
            assertThat(task.path("taskRoleArn").asText()).matches("arn:aws:iam::ACCOUNT_ID:role/[\\w+=,.@-]+");
            assertRunsTheBot(bot.path("image").asText(), env(bot));
            assertThat(bot.path("essential").asBoolean()).isTrue();
        }

        @Test
        void the_health_check_asks_the_liveness_endpoint_on_the_health_port_since_ecs_replaces_unhealthy_tasks() {
            String port = effectiveEnv(env(bot)).get("HEALTH_PORT");
            List<String> command = list(bot.path("healthCheck").path("command")).stream()
                    .map(JsonNode::asText)
                    .toList();
            Matcher url = LOCAL_URL.matcher(command.get(command.size() - 1));

            assertThat(url.find()).as("a URL on 127.0.0.1 in %s", command).isTrue();
            assertThat(url.group(1)).isEqualTo(port);
            assertThat(url.group(2)).isEqualTo(HealthServer.LIVE);
            assertThat(list(bot.path("portMappings")))
                    .map(mapping -> mapping.path("containerPort").asText())
                    .containsExactly(port);
        }

        @Test
        void the_health_check_waits_longer_than_the_slowest_check() {
            assertThat(bot.path("healthCheck").path("timeout").asInt()).isGreaterThan(SLOWEST_CHECK_SECONDS);
        }

        @Test
        void the_config_is_written_where_the_bot_reads_it_before_the_bot_starts() throws Exception {
            Path configFile = Path.of(effectiveEnv(env(bot)).get(ConfigLoader.ENV_VARIABLE));
            String volume = bot.path("mountPoints").get(0).path("sourceVolume").asText();

            assertThat(bot.path("mountPoints").get(0).path("containerPath").asText())
                    .isEqualTo(configFile.getParent().toString());
            assertThat(configWriter
                            .path("mountPoints")
                            .get(0)
                            .path("sourceVolume")
                            .asText())
                    .isEqualTo(volume);
            assertThat(list(configWriter.path("entryPoint")))
                    .map(JsonNode::asText)
                    .last()
                    .asString()
                    .endsWith("> " + configFile);
            assertThat(bot.path("dependsOn").get(0).path("containerName").asText())
                    .isEqualTo("write-config");
            assertThat(bot.path("dependsOn").get(0).path("condition").asText()).isEqualTo("SUCCESS");
            assertLoadsAndIsCoveredByThePolicy(
                    env(configWriter).get("INVALIDATOR_CONFIG_JSON"),
                    configFile.getFileName().toString(),
                    ConfigLoader.Format.JSON);
        }
    }

    @Nested
    class Kubernetes {

        private Map<String, JsonNode> byKind;
        private JsonNode pod;
        private JsonNode bot;

        @BeforeEach
        void read() throws IOException {
            byKind = new HashMap<>();
            List<JsonNode> documents = new YAMLMapper()
                    .readerFor(JsonNode.class)
                    .<JsonNode>readValues(KUBERNETES.toFile())
                    .readAll();
            for (JsonNode document : documents) {
                byKind.put(document.path("kind").asText(), document);
            }
            pod = byKind.get("Deployment").path("spec").path("template").path("spec");
            bot = pod.path("containers").get(0);
        }

        private Map<String, String> env() {
            return list(bot.path("env")).stream()
                    .collect(Collectors.toMap(
                            pair -> pair.path("name").asText(),
                            pair -> pair.path("value").asText()));
        }

        @Test
        void two_replicas_run_the_image_and_read_the_tokens_from_secrets_manager() {
            assertThat(byKind.get("Deployment").path("spec").path("replicas").asInt())
                    .isEqualTo(2);
            assertThat(pod.path("containers")).hasSize(1);
            assertRunsTheBot(bot.path("image").asText(), env());
        }

        @Test
        void the_pods_get_the_bots_iam_role_through_their_service_account() {
            JsonNode account = byKind.get("ServiceAccount");

            assertThat(pod.path("serviceAccountName").asText())
                    .isEqualTo(account.path("metadata").path("name").asText());
            assertThat(account.path("metadata")
                            .path("annotations")
                            .path("eks.amazonaws.com/role-arn")
                            .asText())
                    .matches("arn:aws:iam::ACCOUNT_ID:role/[\\w+=,.@-]+");
        }

        @Test
        void only_the_liveness_probe_asks_the_liveness_endpoint_and_the_others_wait_for_readiness() {
            String port = effectiveEnv(env()).get("HEALTH_PORT");
            Map<String, String> portByName = list(bot.path("ports")).stream()
                    .collect(Collectors.toMap(
                            named -> named.path("name").asText(),
                            named -> named.path("containerPort").asText()));
            Map<String, String> pathByProbe = Map.of(
                    "startupProbe", HealthServer.READY,
                    "readinessProbe", HealthServer.READY,
                    "livenessProbe", HealthServer.LIVE);

            assertThat(pathByProbe).allSatisfy((probe, path) -> {
                JsonNode get = bot.path(probe).path("httpGet");
                assertThat(get.path("path").asText()).as(probe).isEqualTo(path);
                assertThat(portByName.getOrDefault(
                                get.path("port").asText(), get.path("port").asText()))
                        .as(probe)
                        .isEqualTo(port);
            });
        }

        @Test
        void every_probe_waits_longer_than_the_slowest_check() {
            // Kubernetes' default timeoutSeconds is 1: a readiness probe would fail whenever Slack's pong is slow.
            assertThat(List.of("startupProbe", "readinessProbe", "livenessProbe"))
                    .allSatisfy(probe -> assertThat(
                                    bot.path(probe).path("timeoutSeconds").asInt())
                            .as(probe)
                            .isGreaterThan(SLOWEST_CHECK_SECONDS));
        }

        @Test
        void prometheus_scrapes_the_metrics_of_every_pod_as_the_job_the_alerts_expect() throws IOException {
            String port = effectiveEnv(env()).get("HEALTH_PORT");
            JsonNode service = byKind.get("Service");
            JsonNode monitor = new YAMLMapper().readTree(SERVICE_MONITOR.toFile());
            JsonNode servicePort = service.path("spec").path("ports").get(0);
            JsonNode endpoint = monitor.path("spec").path("endpoints").get(0);

            assertThat(service.path("spec").path("selector"))
                    .isEqualTo(byKind.get("Deployment")
                            .path("spec")
                            .path("selector")
                            .path("matchLabels"));
            assertThat(list(bot.path("ports"))).anySatisfy(named -> {
                assertThat(named.path("name").asText())
                        .isEqualTo(servicePort.path("targetPort").asText());
                assertThat(named.path("containerPort").asText()).isEqualTo(port);
            });
            assertThat(monitor.path("spec").path("selector").path("matchLabels"))
                    .isEqualTo(service.path("metadata").path("labels"));
            assertThat(endpoint.path("port").asText())
                    .isEqualTo(servicePort.path("name").asText());
            assertThat(endpoint.path("path").asText()).isEqualTo(HealthServer.METRICS);
            assertThat(service.path("metadata").path("name").asText())
                    .as("the ServiceMonitor's job is the Service's name; the alerts ask for job=\"invalidator\"")
                    .isEqualTo("invalidator");
            assertThat(monitor.path("kind").asText()).isEqualTo("ServiceMonitor");
            assertThat(monitor.path("spec").has("jobLabel")).isFalse();
        }

        @Test
        void the_pods_carry_the_scrape_annotations_for_annotation_based_scrape_configs() {
            JsonNode annotations = byKind.get("Deployment")
                    .path("spec")
                    .path("template")
                    .path("metadata")
                    .path("annotations");

            assertThat(annotations.path("prometheus.io/scrape").asText()).isEqualTo("true");
            assertThat(annotations.path("prometheus.io/port").asText())
                    .isEqualTo(effectiveEnv(env()).get("HEALTH_PORT"));
            assertThat(annotations.path("prometheus.io/path").asText()).isEqualTo(HealthServer.METRICS);
        }

        @Test
        void the_pods_run_as_the_images_non_root_user() {
            List<String> users = runtime.arguments("USER");
            String user = users.get(users.size() - 1).split(":", -1)[0];

            assertThat(pod.path("securityContext").path("runAsNonRoot").asBoolean())
                    .isTrue();
            assertThat(pod.path("securityContext").path("runAsUser").asText()).isEqualTo(user);
        }

        @Test
        void the_config_map_is_mounted_where_the_bot_reads_its_config_and_loads() throws Exception {
            Path configFile = Path.of(effectiveEnv(env()).get(ConfigLoader.ENV_VARIABLE));
            String volume = list(pod.path("volumes")).stream()
                    .filter(candidate -> candidate
                            .path("configMap")
                            .path("name")
                            .asText()
                            .equals(byKind.get("ConfigMap")
                                    .path("metadata")
                                    .path("name")
                                    .asText()))
                    .findFirst()
                    .orElseThrow()
                    .path("name")
                    .asText();

            assertThat(list(bot.path("volumeMounts"))).anySatisfy(mount -> {
                assertThat(mount.path("name").asText()).isEqualTo(volume);
                assertThat(mount.path("mountPath").asText())
                        .isEqualTo(configFile.getParent().toString());
            });
            String fileName = configFile.getFileName().toString();
            assertLoadsAndIsCoveredByThePolicy(
                    byKind.get("ConfigMap").path("data").path(fileName).asText(), fileName, ConfigLoader.Format.YAML);
        }
    }
}

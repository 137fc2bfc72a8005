package dev.invalidator.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.invalidator.health.HealthServer;
import dev.invalidator.logging.Redaction;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Dockerfile's rules, checked in {@code ./mvnw verify} because no machine here has a container engine to build it:
 * multi-stage, dependencies cached apart from sources, non-root, health-checked, the JVM flags of
 * {@code deploy/jvm.options} and nothing else, no secrets.
 */
class DockerfileTest {

    private static final Path DOCKERFILE = Path.of("Dockerfile");
    private static final Path DOCKERIGNORE = Path.of(".dockerignore");
    private static final Path JVM_OPTIONS = Path.of("deploy/jvm.options");

    private static final Pattern PINNED_IMAGE = Pattern.compile("[\\w./-]+:\\d+\\.\\d+\\.\\d+[\\w.-]*");
    private static final Pattern NUMERIC_NON_ROOT = Pattern.compile("([1-9]\\d*)(?::\\d+)?");
    private static final Pattern SECRET_LOOKING_NAME =
            Pattern.compile("(?i)\\w*(TOKEN|SECRET|PASSWORD|CREDENTIAL|ACCESS_KEY)\\w*");
    private static final Pattern AWS_ACCESS_KEY_ID = Pattern.compile("\\b(AKIA|ASIA)[0-9A-Z]{16}\\b");
    private static final Pattern FINAL_NAME = Pattern.compile("<finalName>([^<]+)</finalName>");

    private static DockerfileInstructions dockerfile;

    @BeforeAll
    static void read() throws IOException {
        dockerfile = DockerfileInstructions.read(DOCKERFILE);
    }

    @Test
    void the_jar_is_built_with_maven_in_one_stage_and_run_on_a_jre_in_another() {
        assertThat(dockerfile.stages()).hasSizeGreaterThanOrEqualTo(2);
        assertThat(dockerfile.build().image()).startsWith("maven:");
        assertThat(dockerfile.runtime().image()).contains("-jre");
        assertThat(dockerfile.runtime().arguments("RUN")).noneMatch(run -> run.contains("mvn"));
    }

    @Test
    void every_base_image_is_pinned_to_a_full_version() {
        assertThat(dockerfile.stages())
                .allSatisfy(stage -> assertThat(stage.image()).matches(PINNED_IMAGE));
    }

    @Test
    void dependencies_are_resolved_in_a_layer_before_the_sources_are_copied() {
        DockerfileInstructions.Stage build = dockerfile.build();
        int pom = build.indexOf("COPY", "pom.xml");
        int dependencies = build.indexOf("RUN", "go-offline");
        int sources = build.indexOf("COPY", "src");

        assertThat(pom).as("COPY pom.xml").isNotNegative();
        assertThat(dependencies).as("RUN … go-offline after COPY pom.xml").isGreaterThan(pom);
        assertThat(sources).as("COPY src after the dependencies").isGreaterThan(dependencies);
    }

    @Test
    void it_runs_as_the_numeric_non_root_user_it_creates() {
        List<String> users = dockerfile.runtime().arguments("USER");
        assertThat(users).isNotEmpty();
        Matcher user = NUMERIC_NON_ROOT.matcher(users.get(users.size() - 1));

        assertThat(user.matches())
                .as("USER %s is numeric and not 0", users.get(users.size() - 1))
                .isTrue();
        assertThat(dockerfile.runtime().arguments("RUN")).anyMatch(run -> run.contains("--uid " + user.group(1)));
    }

    @Test
    void the_entrypoint_runs_the_packaged_jar_with_deploy_jvm_options_in_exec_form() throws IOException {
        String finalName = FINAL_NAME
                .matcher(Files.readString(Path.of("pom.xml")))
                .results()
                .findFirst()
                .orElseThrow()
                .group(1);
        assertThat(dockerfile.runtime().arguments("ENTRYPOINT")).hasSize(1);
        List<String> entrypoint = new ObjectMapper()
                .readValue(dockerfile.runtime().arguments("ENTRYPOINT").get(0), new TypeReference<>() {});

        assertThat(entrypoint).containsExactly("java", "@/app/jvm.options", "-jar", "/app/invalidator.jar");
        // The sub-command is the CMD, so `docker run <image> check-config` runs the checklist instead of the bot.
        assertThat(dockerfile.runtime().arguments("CMD")).containsExactly("[\"run\"]");
        assertThat(dockerfile.runtime().arguments("COPY"))
                .contains(
                        JVM_OPTIONS + " /app/jvm.options",
                        "--from=" + dockerfile.build().name() + " /build/target/" + finalName
                                + ".jar /app/invalidator.jar");
    }

    @Test
    void the_jvm_flags_are_in_deploy_jvm_options_alone_and_size_the_heap_from_the_container() throws IOException {
        List<String> options = Files.readAllLines(JVM_OPTIONS);

        // The one flag of its own is the class archive's training run, at build time.
        assertThat(Files.readString(DOCKERFILE).replace("-XX:ArchiveClassesAtExit=", ""))
                .doesNotContain("-XX:", "-Xmx", "-Xms", "JAVA_OPTS", "JAVA_TOOL_OPTIONS");
        assertThat(options)
                .anyMatch(option -> option.startsWith("-XX:MaxRAMPercentage="))
                .doesNotContain("-XX:-UseContainerSupport");
    }

    @Test
    void the_image_trains_the_class_archive_that_jvm_options_names() throws IOException {
        String archive = Files.readAllLines(JVM_OPTIONS).stream()
                .filter(option -> option.startsWith("-XX:SharedArchiveFile="))
                .findFirst()
                .orElseThrow()
                .substring("-XX:SharedArchiveFile=".length());

        assertThat(dockerfile.runtime().arguments("WORKDIR")).containsExactly("/app");
        assertThat(dockerfile.runtime().arguments("RUN"))
                .anySatisfy(run -> assertThat(run)
                        .contains("-XX:ArchiveClassesAtExit=/app/" + archive, "test -s /app/" + archive));
    }

    @Test
    void the_health_check_asks_the_liveness_endpoint_on_the_exposed_health_port() {
        DockerfileInstructions.Stage runtime = dockerfile.runtime();
        String port = runtime.env().get("HEALTH_PORT");

        assertThat(port).isEqualTo("8080");
        assertThat(runtime.arguments("EXPOSE")).contains(port);
        // Engines that act on HEALTHCHECK restart the container: only liveness may fail it.
        assertThat(runtime.arguments("HEALTHCHECK"))
                .singleElement()
                .asString()
                .contains(" CMD ", "\"http://127.0.0.1:${HEALTH_PORT}" + HealthServer.LIVE + "\"");
    }

    @Test
    void no_environment_variable_or_build_argument_has_a_secret_looking_name() {
        assertThat(dockerfile.stages()).allSatisfy(stage -> {
            assertThat(stage.env().keySet())
                    .noneMatch(name -> SECRET_LOOKING_NAME.matcher(name).matches());
            assertThat(stage.arguments("ARG"))
                    .noneMatch(arg ->
                            SECRET_LOOKING_NAME.matcher(arg.split("=", -1)[0]).matches());
        });
    }

    @Test
    void no_token_or_access_key_is_written_in_it() throws IOException {
        String text = Files.readString(DOCKERFILE);

        assertThat(Redaction.redact(text)).as("Slack token-shaped text").isEqualTo(text);
        assertThat(AWS_ACCESS_KEY_ID.matcher(text).find())
                .as("AWS access key id")
                .isFalse();
    }

    @Test
    void only_named_files_are_copied_in_and_the_build_context_holds_nothing_else() throws IOException {
        Set<String> copied = dockerfile.stages().stream()
                .flatMap(stage -> stage.arguments("COPY").stream())
                .filter(copy -> !copy.startsWith("--from="))
                .map(copy -> copy.split("\\s+", -1)[0])
                .collect(Collectors.toCollection(TreeSet::new));
        List<String> ignore = Files.readAllLines(DOCKERIGNORE).stream()
                .filter(line -> !line.isBlank() && !line.startsWith("#"))
                .toList();

        assertThat(copied).noneMatch(source -> source.equals(".") || source.contains("*"));
        assertThat(ignore)
                .first()
                .as(".dockerignore starts by ignoring everything")
                .isEqualTo("*");
        assertThat(ignore.subList(1, ignore.size()))
                .containsExactlyInAnyOrderElementsOf(
                        copied.stream().map(source -> "!" + source).toList());
    }
}

package dev.invalidator.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.invalidator.sandbox.CloudFrontSimulator;
import dev.invalidator.sandbox.SlackSimulator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The demo's Slack and CloudFront, simulated on loopback ports and seeded with the sample world, for a bot that runs
 * in another process: the container image, which {@code deploy/image-check.sh} starts against them. That bot reads
 * all it needs from two files written into a directory:
 *
 * <ul>
 *   <li>{@value #CONFIG_FILE}: the sample config, each distribution's refresh check pointed at the simulated edge;
 *   <li>{@value #ENV_FILE}: its environment ({@code KEY=value} lines, as {@code podman run --env-file} reads them):
 *       the endpoints and the simulator's tokens, so readable by its owner alone. Written last, in one move: once it
 *       is there, everything is ready.
 * </ul>
 *
 * <pre>{@code
 * try (Sandbox sandbox = Sandbox.start(dir)) {
 *     sandbox.describe();                 // where each simulator listens, without the tokens
 *     sandbox.invalidate("web /index.html");
 * }
 * }</pre>
 */
final class Sandbox implements AutoCloseable {

    static final String CONFIG_FILE = "invalidator.yml";
    static final String ENV_FILE = "bot.env";

    final SlackSimulator slack;
    final CloudFrontSimulator cloudFront;
    final DemoWorld world;
    private final Path dir;

    private Sandbox(SlackSimulator slack, CloudFrontSimulator cloudFront, DemoWorld world, Path dir) {
        this.slack = slack;
        this.cloudFront = cloudFront;
        this.world = world;
        this.dir = dir;
    }

    /** Starts both simulators, seeds them with the sample world and writes the bot's files into {@code dir}. */
    static Sandbox start(Path dir) throws IOException {
        DemoWorld world = DemoWorld.sample();
        SlackSimulator slack = SlackSimulator.start();
        CloudFrontSimulator cloudFront = null;
        try {
            cloudFront = CloudFrontSimulator.start();
            cloudFront.completionDelay(DemoSession.COMPLETION_DELAY);
            world.seed(slack, cloudFront);
            Sandbox sandbox = new Sandbox(slack, cloudFront, world, dir);
            sandbox.writeFiles();
            return sandbox;
        } catch (IOException | RuntimeException e) {
            if (cloudFront != null) {
                cloudFront.close();
            }
            slack.close();
            throw e;
        }
    }

    private void writeFiles() throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(CONFIG_FILE), config(), StandardCharsets.UTF_8);
        Path partial = Files.createTempFile(dir, ENV_FILE, ".partial");
        Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("rw-------"));
        Files.writeString(
                partial,
                environment().entrySet().stream()
                        .map(variable -> variable.getKey() + "=" + variable.getValue() + "\n")
                        .collect(Collectors.joining()),
                StandardCharsets.UTF_8);
        Files.move(partial, dir.resolve(ENV_FILE), StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * The sample config with a {@code verify.baseUrl} for each distribution: the real one would ask the distribution's
     * own domain, which is not on this machine.
     */
    private String config() throws IOException {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER));
        JsonNode root = yaml.readTree(DemoWorld.sampleConfigText());
        for (DemoWorld.Site site : world.sites()) {
            ((ObjectNode) root.path("distributions").path(site.alias()))
                    .putObject("verify")
                    .put("baseUrl", cloudFront.edge().baseUrl(site.id()).toString());
        }
        return "# The demo's sample config for a bot outside the sandbox (java -jar invalidator.jar sandbox).\n"
                + yaml.writeValueAsString(root);
    }

    /** The variables the bot reads (docs/configuration.md), for this sandbox; the config is the bot's to place. */
    Map<String, String> environment() {
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put("SLACK_API_URL", slack.apiUrl());
        variables.put("SLACK_BOT_TOKEN", slack.botToken());
        variables.put("SLACK_APP_TOKEN", slack.appToken());
        variables.put("AWS_ENDPOINT_URL_CLOUDFRONT", cloudFront.endpoint().toString());
        // The simulator checks no signature, but the SDK signs every call, so it needs some credentials.
        variables.put("AWS_ACCESS_KEY_ID", "test");
        variables.put("AWS_SECRET_ACCESS_KEY", "test");
        variables.put("AWS_REGION", "us-east-1");
        return variables;
    }

    /** Where each simulator listens and where the files are; never a token. */
    List<String> describe() {
        return List.of(
                "Slack simulated at " + slack.apiUrl() + " (Socket Mode on the port apps.connections.open hands out)",
                "CloudFront simulated at " + cloudFront.endpoint() + ", its edge at "
                        + world.sites().stream()
                                .map(site ->
                                        cloudFront.edge().baseUrl(site.id()).toString())
                                .collect(Collectors.joining(", ")),
                "Seeded with the demo's sample world: "
                        + world.sites().stream().map(DemoWorld.Site::alias).collect(Collectors.joining(", "))
                        + ", @" + world.startAs().name() + " in #"
                        + world.startIn().name(),
                "The bot's config: " + dir.resolve(CONFIG_FILE),
                "The bot's environment, tokens included: " + dir.resolve(ENV_FILE));
    }

    /** {@code /invalidate text}, typed by the sample's first person in its first channel (@alice in #ops). */
    void invalidate(String text) {
        slack.slashCommand(world.startAs().id(), world.startIn().id(), "/invalidate", text);
    }

    @Override
    public void close() {
        slack.close();
        cloudFront.close();
    }
}

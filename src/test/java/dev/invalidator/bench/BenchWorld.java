package dev.invalidator.bench;

import dev.invalidator.config.CloudFrontConfig;
import dev.invalidator.sandbox.CloudFrontLimits;
import dev.invalidator.sandbox.CloudFrontSimulator;
import dev.invalidator.sandbox.SlackSimulator;
import dev.invalidator.sandbox.SlackSimulator.Envelope;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The Slack and CloudFront a benchmarked bot talks to: {@code distributions} distributions usable by everyone in
 * {@code channels} channels, {@code users} people typing, and a config file that names them all.
 *
 * <p>Command {@code n} comes from person {@code n % users} in channel {@code n % channels} for distribution
 * {@code n % distributions}, with the one path {@code /bench/<n>.html}, so every command is a real create and the
 * path alone tells which command an invalidation came from. The bot's per-person and per-distribution limits are
 * raised out of the way; polling keeps the bot's defaults. CloudFront keeps its real limits ({@link
 * CloudFrontLimits#strict()}) unless a scenario lifts its rates ({@link Lift}) and says why.
 */
final class BenchWorld implements AutoCloseable {

    private static final String PATH_PREFIX = "/bench/";
    private static final String PATH_SUFFIX = ".html";
    /** Calls a second, and a burst, far beyond what any scenario makes. */
    private static final int LIFTED_RATE = 100_000;

    /** CloudFront's rates a scenario lifts, in the simulator and in the bot's pace alike. */
    enum Lift {
        NOTHING,
        READS,
        CREATES_AND_READS
    }

    final SlackSimulator slack = SlackSimulator.start();
    final CloudFrontSimulator cloudFront = CloudFrontSimulator.start();
    private final List<String> distributionIds;
    private final int tenants;
    private final List<String> users;
    private final List<String> channels;
    private final Lift lift;

    /** With CloudFront's real limits. */
    BenchWorld(int distributions, int users, int channels) {
        this(distributions, users, channels, Lift.NOTHING);
    }

    BenchWorld(int distributions, int users, int channels, Lift lift) {
        this(distributions, 0, users, channels, lift);
    }

    /** With {@code tenants} distribution tenants of the first distribution too, each a target of the config. */
    BenchWorld(int distributions, int tenants, int users, int channels, Lift lift) {
        this.lift = lift;
        this.tenants = tenants;
        CloudFrontLimits limits = CloudFrontLimits.strict();
        if (lift != Lift.NOTHING) {
            limits = limits.withReadRate(LIFTED_RATE, LIFTED_RATE);
        }
        if (lift == Lift.CREATES_AND_READS) {
            limits = limits.withCreateRate(LIFTED_RATE, LIFTED_RATE);
        }
        cloudFront.limits(limits);
        this.distributionIds = IntStream.range(0, distributions)
                .mapToObj(i -> String.format("EBENCH%06d", i))
                .toList();
        this.users = IntStream.range(0, users)
                .mapToObj(i -> String.format("U0BENCH%03d", i))
                .toList();
        this.channels = IntStream.range(0, channels)
                .mapToObj(i -> String.format("C0BENCH%03d", i))
                .toList();
        distributionIds.forEach(id -> cloudFront.addDistribution(id, id.toLowerCase(Locale.ROOT) + ".cloudfront.net"));
        this.users.forEach(id -> slack.addUser(id, id.toLowerCase(Locale.ROOT)));
        this.channels.forEach(id -> slack.addChannel(id, id.toLowerCase(Locale.ROOT), true));
        IntStream.range(0, tenants)
                .forEach(i -> cloudFront.addTenant(
                        tenantId(i), distributionIds.get(0), String.format("t%05d.saas.example.com", i)));
    }

    private static String tenantId(int tenant) {
        return String.format("dt_bench%06d", tenant);
    }

    List<String> distributionIds() {
        return distributionIds;
    }

    String user(int command) {
        return users.get(command % users.size());
    }

    String channel(int command) {
        return channels.get(command % channels.size());
    }

    String distributionId(int command) {
        return distributionIds.get(command % distributionIds.size());
    }

    List<String> users() {
        return users;
    }

    List<String> channels() {
        return channels;
    }

    /** {@code /invalidate <alias> <paths…>} typed by {@code user} in {@code channel}. */
    Envelope invalidate(String user, String channel, int distribution, List<String> paths) {
        return slack.slashCommand(user, channel, "/invalidate", alias(distribution) + " " + String.join(" ", paths));
    }

    /** How many private answers (ephemerals and response_url posts) people have received. */
    int privateAnswers() {
        return users.stream().mapToInt(user -> slack.ephemerals(user).size()).sum();
    }

    static String path(int command) {
        return PATH_PREFIX + command + PATH_SUFFIX;
    }

    /** The command number {@link #path(int)} was made from. */
    static int commandOf(String path) {
        return Integer.parseInt(path.substring(PATH_PREFIX.length(), path.length() - PATH_SUFFIX.length()));
    }

    /** {@code /invalidate <alias> /bench/<n>.html} as person and channel {@code n} type it. */
    Envelope invalidate(int command) {
        return slack.slashCommand(
                user(command),
                channel(command),
                "/invalidate",
                alias(command % distributionIds.size()) + " " + path(command));
    }

    /** {@code /invalidate help}: acked like any command, creates nothing. */
    Envelope help(int command) {
        return slack.slashCommand(user(command), channel(command), "/invalidate", "help");
    }

    private static String alias(int distribution) {
        return String.format("d%03d", distribution);
    }

    String configYaml() {
        StringBuilder yaml = new StringBuilder("distributions:\n");
        for (int i = 0; i < distributionIds.size(); i++) {
            yaml.append("  ")
                    .append(alias(i))
                    .append(":\n")
                    .append("    id: ")
                    .append(distributionIds.get(i))
                    .append('\n')
                    .append("    channels: [")
                    .append(String.join(", ", channels))
                    .append("]\n")
                    .append("    users: [\"*\"]\n");
        }
        if (tenants > 0) {
            yaml.append("tenants:\n");
        }
        for (int i = 0; i < tenants; i++) {
            yaml.append(String.format(
                    "  t%05d: {id: %s, channels: [%s], users: [\"*\"]}%n",
                    i, tenantId(i), String.join(", ", channels)));
        }
        yaml.append("limits:\n")
                .append("  requestsPerUserPerMinute: 1000000\n")
                .append("  requestsPerDistributionPerMinute: 1000000\n");
        if (lift != Lift.NOTHING) {
            yaml.append("cloudfront:\n")
                    .append("  readsPerSecond: ")
                    .append(CloudFrontConfig.MAX_READS_PER_SECOND)
                    .append('\n')
                    .append("  readBurst: ")
                    .append(CloudFrontConfig.MAX_READ_BURST)
                    .append('\n');
        }
        if (lift == Lift.CREATES_AND_READS) {
            yaml.append("  createsPerSecond: ")
                    .append(CloudFrontConfig.MAX_CREATES_PER_SECOND)
                    .append('\n')
                    .append("  createBurst: ")
                    .append(CloudFrontConfig.MAX_CREATE_BURST)
                    .append('\n');
        }
        return yaml.toString();
    }

    /** The environment the jar reads, as in production but pointed at the simulators (the tokens go nowhere else). */
    Map<String, String> environment(Path workDir) {
        Path config = workDir.resolve("invalidator.yml").toAbsolutePath();
        try {
            Files.createDirectories(workDir);
            Files.writeString(config, configYaml());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> env = new LinkedHashMap<>();
        env.put("INVALIDATOR_CONFIG", config.toString());
        env.put("SLACK_API_URL", slack.apiUrl());
        env.put("SLACK_BOT_TOKEN", slack.botToken());
        env.put("SLACK_APP_TOKEN", slack.appToken());
        env.put("AWS_ENDPOINT_URL_CLOUDFRONT", cloudFront.endpoint().toString());
        env.put("AWS_ACCESS_KEY_ID", "test");
        env.put("AWS_SECRET_ACCESS_KEY", "test");
        env.put("AWS_REGION", "us-east-1");
        return env;
    }

    @Override
    public void close() {
        slack.close();
        cloudFront.close();
    }
}

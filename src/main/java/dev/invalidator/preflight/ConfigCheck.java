package dev.invalidator.preflight;

import com.slack.api.Slack;
import dev.invalidator.aws.AwsClients;
import dev.invalidator.config.AccessList;
import dev.invalidator.config.BotConfig;
import dev.invalidator.config.ConfigException;
import dev.invalidator.config.ConfigLoader;
import dev.invalidator.config.DistributionConfig;
import dev.invalidator.config.TargetKind;
import dev.invalidator.slack.SlackTokens;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@code java -jar invalidator.jar check-config}: with the same environment as {@code run}, checks the config file
 * and everything the bot needs before it goes live, and prints a checklist with ✓ ✗ – per item. Exit status 0 when
 * nothing is marked ✗. It changes nothing anywhere: no message, no invalidation, no WebSocket.
 *
 * <pre>{@code
 * try (AwsClients aws = AwsClients.fromEnvironment()) {
 *     int status = new ConfigCheck(SlackBot.slack(apiUrl), aws, readSecret).run(System.getenv(), System.out);
 * }
 * }</pre>
 */
public final class ConfigCheck {

    private final Slack slack;
    private final AwsClients aws;
    private final Function<String, String> readSecret;

    /** @param readSecret a Secrets Manager secret's string by id, as {@code run} reads the tokens */
    public ConfigCheck(Slack slack, AwsClients aws, Function<String, String> readSecret) {
        this.slack = slack;
        this.aws = aws;
        this.readSecret = readSecret;
    }

    /** Prints the checklist; returns the exit status: 0 when nothing failed, 1 otherwise. */
    public int run(Map<String, String> env, PrintStream out) {
        Checklist checklist = new Checklist(out);
        checklist.section("Config");
        Optional<BotConfig> config = config(ConfigLoader.fileFrom(env), checklist);
        List<DistributionConfig> distributions =
                config.map(c -> List.copyOf(c.distributions().values())).orElse(List.of());

        checklist.section("Slack");
        tokens(env, checklist).ifPresent(tokens -> {
            SlackChecks slackChecks = new SlackChecks(slack, tokens);
            Optional<String> botName = slackChecks.botToken(checklist);
            slackChecks.appToken(checklist);
            if (botName.isEmpty()) {
                checklist.add(CheckItem.notVerified(
                        "channels, users and user groups",
                        "not checked",
                        "they can be checked once Slack accepts the bot token"));
                return;
            }
            List<AccessList> people = distributions.stream()
                    .flatMap(distribution -> Stream.of(
                            distribution.users(), distribution.approval().approvers()))
                    .toList();
            Set<String> groups = ids(people, AccessList::groupIds);
            Set<String> users = ids(people, AccessList::ids);
            users.removeAll(groups);
            slackChecks.channels(
                    ids(distributions.stream().map(DistributionConfig::channels).toList(), AccessList::ids),
                    botName.get(),
                    checklist);
            slackChecks.users(users, checklist);
            slackChecks.userGroups(groups, checklist);
        });

        checklist.section("AWS");
        AwsChecks awsChecks = new AwsChecks(aws);
        Optional<String> identity = awsChecks.identity(checklist);
        if (!distributions.isEmpty()) {
            awsChecks.distributions(distributions, checklist);
            awsChecks.createInvalidation(distributions, identity, checklist);
        }
        checklist.summarize();
        return checklist.hasFailures() ? 1 : 0;
    }

    /** "2 distributions (web, images), 1 tenant (acme)": what the file lists, by kind. */
    private static String targets(BotConfig config) {
        Map<TargetKind, List<String>> aliases = config.distributions().values().stream()
                .collect(Collectors.groupingBy(
                        DistributionConfig::kind,
                        () -> new EnumMap<>(TargetKind.class),
                        Collectors.mapping(DistributionConfig::alias, Collectors.toList())));
        return aliases.entrySet().stream()
                .map(kind -> {
                    int count = kind.getValue().size();
                    String noun = kind.getKey() == TargetKind.TENANT ? "tenant" : "distribution";
                    return count + " " + noun + (count == 1 ? "" : "s") + " (" + String.join(", ", kind.getValue())
                            + ")";
                })
                .collect(Collectors.joining(", "));
    }

    private static Optional<BotConfig> config(Path file, Checklist checklist) {
        try {
            BotConfig config = ConfigLoader.load(file);
            checklist.add(CheckItem.passed(file.toString(), targets(config)));
            return Optional.of(config);
        } catch (ConfigException e) {
            checklist.add(CheckItem.failed(
                    "config",
                    e.getMessage(),
                    "fix the file; its channels, people and" + " distributions are checked once it loads"));
            return Optional.empty();
        }
    }

    private Optional<SlackTokens> tokens(Map<String, String> env, Checklist checklist) {
        try {
            SlackTokens tokens = SlackTokens.from(env, readSecret);
            boolean fromSecret = isBlank(env.get(SlackTokens.BOT_TOKEN)) && isBlank(env.get(SlackTokens.APP_TOKEN));
            checklist.add(CheckItem.passed(
                    "tokens",
                    fromSecret
                            ? "read from Secrets Manager secret "
                                    + env.get(SlackTokens.SECRET_ID).strip()
                            : "read from " + SlackTokens.BOT_TOKEN + " and " + SlackTokens.APP_TOKEN));
            return Optional.of(tokens);
        } catch (SlackTokens.Unavailable e) {
            checklist.add(CheckItem.failed("tokens", e.getMessage(), "see Going live in the README: Slack tokens"));
            return Optional.empty();
        }
    }

    /** The distinct ids of the lists, in file order ("*" holds none). */
    private static Set<String> ids(List<AccessList> lists, Function<AccessList, Set<String>> idsOf) {
        Set<String> ids = new LinkedHashSet<>();
        lists.forEach(list -> ids.addAll(idsOf.apply(list)));
        return ids;
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}

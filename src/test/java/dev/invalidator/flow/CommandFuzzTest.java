package dev.invalidator.flow;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import dev.invalidator.access.AccessDecision;
import dev.invalidator.access.AccessPolicy;
import dev.invalidator.access.GroupMembers;
import dev.invalidator.access.Workspace;
import dev.invalidator.cdn.Cdn;
import dev.invalidator.cdn.CdnException;
import dev.invalidator.cdn.Distribution;
import dev.invalidator.cdn.DistributionCatalog;
import dev.invalidator.cdn.Invalidation;
import dev.invalidator.cdn.InvalidationPage;
import dev.invalidator.config.BotConfig;
import dev.invalidator.config.ConfigException;
import dev.invalidator.config.ConfigLoader;
import dev.invalidator.config.DistributionConfig;
import dev.invalidator.request.InvalidationPath;
import dev.invalidator.request.ParsedPaths;
import dev.invalidator.request.PathLimits;
import dev.invalidator.request.PathParser;
import dev.invalidator.request.PathProblem;
import dev.invalidator.request.SlackText;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Slash-command text as Slack delivers it, generated from a fixed seed and sent through the whole pure pipeline a
 * command goes through before anything reaches CloudFront: {@link Command#parse}, target resolution against a
 * config read with {@link ConfigLoader#parse}, the access decision of {@link AccessPolicy} (and of the flow's
 * {@link Gate}) for a random user and channel while user groups are sometimes unreadable, and {@link PathParser} with
 * the distribution's host names. CloudFront is a stub that only describes distributions; nothing is ever created.
 *
 * <p>The campaign runs once, on first use; each test checks one rule over all of it and names up to five offending
 * inputs with their index, so a failure can be replayed from {@link #SEED}. Every input is run a second time on a
 * fresh pipeline for the determinism rule. {@code PathParserPropertyTest} covers the parser's own bookkeeping (every
 * token accounted for); this test covers what the pieces promise together.
 */
class CommandFuzzTest {

    private static final long SEED = 0x1A7A_F022_C0DEL;
    private static final int INPUTS = 100_000;

    private static final String CONFIG_YAML = """
            distributions:
              web:
                id: E1WEBEXAMPLE
                channels: [C0OPS, C0WEB]
                users: [U0ALICE, S0WEBDEVS, S0FLAKY]
              images:
                id: E2IMAGESEXAMPLE
                channels: [C0OPS]
                users: [S0IMAGES, S0FLAKY]
                approvers: [U0LEAD]
              docs:
                id: E3DOCSEXAMPLE
                channels: ["*"]
                users: ["*"]
              vault:
                id: E4VAULTEXAMPLE
                channels: [G0VAULT]
                users: [W0ERIN]
            limits:
              maxPathsPerRequest: 25
            """;

    /** Who is in each user group while it can be read. */
    private static final Map<String, Set<String>> GROUPS = Map.of(
            "S0WEBDEVS", Set.of("U0CAROL", "U0DAN"),
            "S0IMAGES", Set.of("U0DAN", "U0FAY"),
            "S0FLAKY", Set.of("U0CAROL", "U0GUS"));

    /** What CloudFront says about each distribution; the vault's account doesn't let the bot read it. */
    private static final Map<String, Distribution> CLOUDFRONT = Map.of(
            "E1WEBEXAMPLE",
                    new Distribution("E1WEBEXAMPLE", "d111111abcdef8.cloudfront.net", List.of("www.example.com")),
            "E2IMAGESEXAMPLE",
                    new Distribution(
                            "E2IMAGESEXAMPLE",
                            "d222222abcdef8.cloudfront.net",
                            List.of("img.example.com", "Images.Example.com")),
            "E3DOCSEXAMPLE", new Distribution("E3DOCSEXAMPLE", "d333333abcdef8.cloudfront.net", List.of()));

    /** The hosts paths are parsed against when the target names no readable distribution. */
    private static final Set<String> WEB_HOSTS = CLOUDFRONT.get("E1WEBEXAMPLE").hosts();

    private static final Set<String> SUB_COMMANDS = Set.of("help", "-h", "--help", "?", "status", "list", "ls");
    private static final Pattern SEPARATOR = Pattern.compile("[,\\p{IsWhite_Space}]");
    private static final Pattern WHITE_SPACE = Pattern.compile("\\p{IsWhite_Space}");
    private static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");

    private static Report report() {
        return Campaign.REPORT;
    }

    @Nested
    class Parsing {

        @Test
        void no_input_makes_any_step_of_the_pipeline_throw() {
            assertThat(report().examples(Rule.NOTHING_THROWS))
                    .as(report().summary(Rule.NOTHING_THROWS))
                    .isEmpty();
        }

        @Test
        void a_command_splits_into_tokens_without_white_space_and_never_takes_a_sub_command_for_a_target() {
            assertThat(report().examples(Rule.CLEAN_TOKENS))
                    .as(report().summary(Rule.CLEAN_TOKENS))
                    .isEmpty();
        }

        @Test
        void a_target_resolves_only_to_the_configured_distribution_it_names() {
            assertThat(report().examples(Rule.RESOLVES_WHAT_IT_NAMES))
                    .as(report().summary(Rule.RESOLVES_WHAT_IT_NAMES))
                    .isEmpty();
        }
    }

    @Nested
    class Access {

        @Test
        void a_channel_outside_the_distributions_list_is_always_denied() {
            assertThat(report().examples(Rule.WRONG_CHANNEL_DENIED))
                    .as(report().summary(Rule.WRONG_CHANNEL_DENIED))
                    .isEmpty();
        }

        @Test
        void a_user_not_listed_directly_is_denied_while_no_readable_group_vouches_for_them() {
            assertThat(report().examples(Rule.UNREADABLE_GROUPS_DENIED))
                    .as(report().summary(Rule.UNREADABLE_GROUPS_DENIED))
                    .isEmpty();
        }

        @Test
        void every_decision_is_the_one_the_lists_in_the_config_call_for() {
            assertThat(report().examples(Rule.DECISION_MATCHES_CONFIG))
                    .as(report().summary(Rule.DECISION_MATCHES_CONFIG))
                    .isEmpty();
        }

        @Test
        void every_denial_comes_with_a_reason_and_no_allowance_with_one() {
            assertThat(report().examples(Rule.DENIAL_EXPLAINED))
                    .as(report().summary(Rule.DENIAL_EXPLAINED))
                    .isEmpty();
        }

        @Test
        void the_flows_gate_admits_exactly_what_the_policy_allows() {
            assertThat(report().examples(Rule.GATE_AGREES))
                    .as(report().summary(Rule.GATE_AGREES))
                    .isEmpty();
        }
    }

    @Nested
    class Paths {

        @Test
        void every_path_problem_names_what_to_fix() {
            assertThat(report().examples(Rule.PROBLEM_EXPLAINED))
                    .as(report().summary(Rule.PROBLEM_EXPLAINED))
                    .isEmpty();
        }

        @Test
        void every_accepted_value_is_one_cloudfront_accepts() {
            assertThat(report().examples(Rule.SENDABLE_VALUES))
                    .as(report().summary(Rule.SENDABLE_VALUES))
                    .isEmpty();
        }

        @Test
        void no_request_over_the_configured_limits_is_ready_to_send() {
            assertThat(report().examples(Rule.WITHIN_LIMITS))
                    .as(report().summary(Rule.WITHIN_LIMITS))
                    .isEmpty();
        }

        @Test
        void only_an_allowed_request_with_valid_paths_could_reach_cloudfront() {
            assertThat(report().examples(Rule.GATEWAY_GUARDED))
                    .as(report().summary(Rule.GATEWAY_GUARDED))
                    .isEmpty();
        }
    }

    @Test
    void the_same_text_from_the_same_person_always_gives_the_same_result() {
        assertThat(report().examples(Rule.DETERMINISTIC))
                .as(report().summary(Rule.DETERMINISTIC))
                .isEmpty();
    }

    @Test
    void the_generated_inputs_reach_every_case_the_rules_are_about() {
        Map<Seen, Integer> seen = report().seen();

        assertThat(report().inputs()).isEqualTo(INPUTS);
        assertThat(Seen.values())
                .allSatisfy(kind ->
                        assertThat(seen.getOrDefault(kind, 0)).as(kind.name()).isGreaterThanOrEqualTo(kind.atLeast));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // The campaign

    /** The rules each input is checked against. */
    private enum Rule {
        NOTHING_THROWS,
        CLEAN_TOKENS,
        RESOLVES_WHAT_IT_NAMES,
        WRONG_CHANNEL_DENIED,
        UNREADABLE_GROUPS_DENIED,
        DECISION_MATCHES_CONFIG,
        DENIAL_EXPLAINED,
        GATE_AGREES,
        PROBLEM_EXPLAINED,
        SENDABLE_VALUES,
        WITHIN_LIMITS,
        GATEWAY_GUARDED,
        DETERMINISTIC
    }

    /** What the campaign must have produced at least this often, so no rule holds merely for want of cases. */
    private enum Seen {
        INVALIDATE(40_000),
        OTHER_COMMAND(2_000),
        HUGE_TOKEN(200),
        LONE_SURROGATE(1_000),
        INVISIBLE_OR_BIDI(1_000),
        EMOJI(1_000),
        CONTROL_CHARACTER(1_000),
        ENTITY(2_000),
        NESTED_OR_UNBALANCED_LINK(2_000),
        RESOLVED(20_000),
        ALLOWED(3_000),
        DENIED_FOR_CHANNEL(3_000),
        DENIED_FOR_UNREADABLE_GROUPS(300),
        LET_IN_BY_A_GROUP(150),
        CLOUDFRONT_UNREADABLE(1_000),
        ACCEPTED_FROM_OWN_LINK(2_000),
        REJECTED_LINK(2_000),
        OVER_PATH_LIMIT(300),
        OVER_WILDCARD_LIMIT(100),
        READY(3_000),
        READY_AND_ADMITTED(500);

        final int atLeast;

        Seen(int atLeast) {
            this.atLeast = atLeast;
        }
    }

    /** One slash command: the text as Slack delivers it, who sent it from where, and which groups can't be read. */
    private record Input(
            int index, String text, String user, String channel, Set<String> unreadableGroups, Outage outage) {}

    /** How a user-group lookup fails. */
    private enum Outage {
        THROWS,
        THROWS_IO,
        RETURNS_NULL;

        Set<String> fail() {
            return switch (this) {
                case THROWS -> throw new IllegalStateException("usergroups.users.list failed");
                case THROWS_IO -> throw new UncheckedIOException(new IOException("connection reset"));
                case RETURNS_NULL -> null;
            };
        }
    }

    /** Everything the pipeline made of one input; equal for equal inputs. */
    private record Outcome(
            Command command,
            Optional<String> resolved,
            Optional<AccessDecision> decision,
            Optional<String> admitted,
            Optional<String> cloudFrontProblem,
            Optional<ParsedPaths> parsed,
            Optional<String> thrown) {

        Outcome withoutAdmission() {
            return new Outcome(command, resolved, decision, Optional.empty(), cloudFrontProblem, parsed, thrown);
        }

        static Outcome threw(Throwable e) {
            return new Outcome(
                    null,
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.of(e.getClass().getName() + ": " + e.getMessage()));
        }
    }

    private static final class Campaign {

        static final Report REPORT = run();

        private static Report run() {
            BotConfig config = config();
            Report report = new Report();
            Pipeline shared = new Pipeline(config, true);
            Generator generator = new Generator(new Random(SEED));
            Quiet quiet = Quiet.loggersOf(AccessPolicy.class, DistributionCatalog.class);
            try {
                for (int i = 0; i < INPUTS; i++) {
                    Input input = generator.input(i);
                    Outcome outcome = shared.run(input);
                    new Check(config, input, outcome, report).all();
                    report.checked();
                    // Again on a pipeline that has seen nothing before, without the gate (checked against it above).
                    Outcome again = new Pipeline(config, false).run(input);
                    if (!outcome.withoutAdmission().equals(again)) {
                        report.violation(Rule.DETERMINISTIC, input, "first " + outcome + " then " + again);
                    }
                }
            } finally {
                quiet.close();
            }
            return report;
        }
    }

    private static BotConfig config() {
        try {
            return ConfigLoader.parse(CONFIG_YAML, "fuzz.yml", ConfigLoader.Format.YAML);
        } catch (ConfigException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The pure steps of a slash command, wired as {@code CommandHandler} wires them, with CloudFront stubbed. */
    private static final class Pipeline {

        private final BotConfig config;
        private final DistributionCatalog catalog;
        private final PathParser parser;
        private final boolean throughGate;

        /** @param throughGate whether to ask the flow's {@link Gate} too, as well as the policy and the catalog */
        Pipeline(BotConfig config, boolean throughGate) {
            this.config = config;
            this.throughGate = throughGate;
            this.catalog = new DistributionCatalog(
                    config, new StubCloudFront(), Duration.ofMinutes(10), Clock.fixed(NOW, ZoneOffset.UTC));
            this.parser = new PathParser(PathLimits.perRequest(config.limits().maxPathsPerRequest()));
        }

        Outcome run(Input input) {
            try {
                return steps(input);
            } catch (RuntimeException | StackOverflowError e) {
                return Outcome.threw(e);
            }
        }

        private Outcome steps(Input input) {
            Command command = Command.parse(input.text());
            if (!(command instanceof Command.Invalidate invalidate)) {
                return new Outcome(
                        command,
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty());
            }
            AccessPolicy policy = new AccessPolicy(groupsFor(input), user -> Workspace.Standing.MEMBER);
            Optional<DistributionConfig> admitted = throughGate
                    ? new Gate(config, catalog, policy)
                            .check(input.user(), input.channel(), Optional.of(invalidate.target()))
                            .distribution()
                    : Optional.empty();
            Optional<DistributionConfig> resolved = catalog.resolve(invalidate.target());
            Optional<AccessDecision> decision =
                    resolved.map(distribution -> policy.decide(input.user(), input.channel(), distribution));
            Set<String> hosts = WEB_HOSTS;
            Optional<String> cloudFrontProblem = Optional.empty();
            if (resolved.isPresent()) {
                try {
                    hosts = catalog.details(resolved.get()).hosts();
                } catch (CdnException e) {
                    // SubmitInvalidation.prepare refuses here; the paths are still parsed, for coverage.
                    cloudFrontProblem = Optional.of(e.failure() + ": " + e.getMessage());
                }
            }
            ParsedPaths parsed = parser.parse(invalidate.pathTokens(), hosts);
            return new Outcome(
                    command,
                    resolved.map(DistributionConfig::alias),
                    decision,
                    admitted.map(DistributionConfig::alias),
                    cloudFrontProblem,
                    Optional.of(parsed),
                    Optional.empty());
        }

        private static GroupMembers groupsFor(Input input) {
            return groupId -> input.unreadableGroups().contains(groupId)
                    ? input.outage().fail()
                    : GROUPS.getOrDefault(groupId, Set.of());
        }
    }

    /** CloudFront as far as the pure pipeline asks it: distribution details only. Nothing is ever created. */
    private static final class StubCloudFront implements Cdn {

        @Override
        public dev.invalidator.cdn.Tenant tenant(String tenantId) {
            throw new UnsupportedOperationException("no tenant here");
        }

        @Override
        public java.util.Optional<dev.invalidator.cdn.Tenant> tenantByDomain(String domain, String askingAs) {
            throw new UnsupportedOperationException("no tenant here");
        }

        @Override
        public Distribution distribution(String distributionId) {
            Distribution distribution = CLOUDFRONT.get(distributionId);
            if (distribution == null) {
                throw new CdnException(
                        CdnException.Failure.ACCESS_DENIED,
                        "The bot may not read this distribution.",
                        "Grant cloudfront:GetDistribution to the bot's role.");
            }
            return distribution;
        }

        @Override
        public Invalidation create(String distributionId, String callerReference, List<String> paths) {
            throw new UnsupportedOperationException("the pure pipeline never creates an invalidation");
        }

        @Override
        public Invalidation invalidation(String distributionId, String invalidationId) {
            throw new UnsupportedOperationException("the pure pipeline never reads an invalidation");
        }

        @Override
        public InvalidationPage invalidations(String distributionId, String marker, int maxItems) {
            throw new UnsupportedOperationException("the pure pipeline never lists invalidations");
        }
    }

    /**
     * What the config and the group directory say about one person in one channel: the oracle for access. A user-group
     * id given as the user is no member of its own group, and an unreadable group vouches for nobody.
     */
    private record Lists(
            boolean channelListed, boolean userListed, boolean vouchedByReadableGroup, boolean someGroupUnreadable) {

        static Lists of(DistributionConfig distribution, Input input) {
            Set<String> groups = distribution.users().groupIds();
            return new Lists(
                    distribution.channels().contains(input.channel()),
                    distribution.users().allowsAnyone()
                            || (distribution.users().ids().contains(input.user()) && !groups.contains(input.user())),
                    groups.stream()
                            .anyMatch(group -> !input.unreadableGroups().contains(group)
                                    && GROUPS.getOrDefault(group, Set.of()).contains(input.user())),
                    groups.stream().anyMatch(input.unreadableGroups()::contains));
        }

        boolean allow() {
            return channelListed && (userListed || vouchedByReadableGroup);
        }
    }

    /** Checks one outcome against every rule, with the config and the group directory as the oracle. */
    private record Check(BotConfig config, Input input, Outcome outcome, Report report) {

        void all() {
            if (outcome.thrown().isPresent()) {
                report.violation(Rule.NOTHING_THROWS, input, outcome.thrown().get());
                return;
            }
            Command command = outcome.command();
            tokensAreClean(command);
            if (!(command instanceof Command.Invalidate invalidate)) {
                report.saw(Seen.OTHER_COMMAND);
                return;
            }
            report.saw(Seen.INVALIDATE);
            noteInput(invalidate);
            Optional<DistributionConfig> resolved = outcome.resolved().flatMap(config::byAlias);
            resolvesWhatItNames(invalidate.target(), resolved);
            Optional<Lists> lists = resolved.map(distribution -> Lists.of(distribution, input));
            resolved.ifPresent(distribution ->
                    access(distribution, lists.get(), outcome.decision().orElseThrow()));
            gateAgrees(resolved, lists);
            ParsedPaths parsed = outcome.parsed().orElseThrow();
            problemsExplained(invalidate, parsed);
            valuesSendable(parsed);
            withinLimits(parsed);
            gatewayGuarded(resolved, lists, parsed);
        }

        private void tokensAreClean(Command command) {
            List<String> tokens = new ArrayList<>();
            if (command instanceof Command.Invalidate invalidate) {
                tokens.add(invalidate.target());
                tokens.addAll(invalidate.pathTokens());
                if (SUB_COMMANDS.contains(invalidate.target().toLowerCase(Locale.ROOT))) {
                    report.violation(Rule.CLEAN_TOKENS, input, "sub-command taken for a target: " + invalidate);
                }
            } else if (command instanceof Command.Status status) {
                status.target().ifPresent(tokens::add);
                status.invalidationId().ifPresent(tokens::add);
            } else if (command instanceof Command.ListRecent list) {
                list.target().ifPresent(tokens::add);
            } else if (command instanceof Command.OpenForm
                    && !SEPARATOR
                            .matcher(SlackText.unescape(input.text()))
                            .replaceAll("")
                            .isEmpty()) {
                report.violation(Rule.CLEAN_TOKENS, input, "the form opened for text with content");
            }
            for (String token : tokens) {
                // A comma may stay inside a Slack link (<https://x/a,b.jpg>), white space never does.
                if (token.isEmpty() || WHITE_SPACE.matcher(token).find()) {
                    report.violation(Rule.CLEAN_TOKENS, input, "token " + visible(token));
                }
            }
        }

        private void resolvesWhatItNames(String target, Optional<DistributionConfig> resolved) {
            if (outcome.resolved().isPresent() && resolved.isEmpty()) {
                report.violation(
                        Rule.RESOLVES_WHAT_IT_NAMES, input, "resolved to an unconfigured " + outcome.resolved());
                return;
            }
            if (resolved.isPresent()) {
                report.saw(Seen.RESOLVED);
                DistributionConfig distribution = resolved.get();
                Distribution details = CLOUDFRONT.get(distribution.id());
                boolean named = target.equalsIgnoreCase(distribution.alias())
                        || target.equalsIgnoreCase(distribution.id())
                        || (details != null && details.hosts().contains(target.toLowerCase(Locale.ROOT)));
                if (!named) {
                    report.violation(
                            Rule.RESOLVES_WHAT_IT_NAMES,
                            input,
                            visible(target) + " resolved to " + distribution.alias());
                }
            }
            // And a plain name of a configured distribution, in any ASCII letter case, is found.
            boolean ascii = target.chars().allMatch(c -> c < 128);
            for (DistributionConfig distribution : config.distributions().values()) {
                if (ascii
                        && target.equalsIgnoreCase(distribution.alias())
                        && !resolved.equals(Optional.of(distribution))) {
                    report.violation(
                            Rule.RESOLVES_WHAT_IT_NAMES,
                            input,
                            visible(target) + " did not resolve to " + distribution.alias() + " but to "
                                    + outcome.resolved());
                }
            }
        }

        private void access(DistributionConfig distribution, Lists lists, AccessDecision decision) {
            if (!lists.channelListed() && decision.allowed()) {
                report.violation(
                        Rule.WRONG_CHANNEL_DENIED,
                        input,
                        distribution.alias() + " allowed in " + visible(input.channel()));
            }
            if (lists.someGroupUnreadable()
                    && !lists.userListed()
                    && !lists.vouchedByReadableGroup()
                    && decision.allowed()) {
                report.violation(
                        Rule.UNREADABLE_GROUPS_DENIED,
                        input,
                        distribution.alias() + " allowed for " + visible(input.user()) + " while "
                                + input.unreadableGroups() + " could not be read");
            }
            if (decision.allowed() != lists.allow()) {
                report.violation(
                        Rule.DECISION_MATCHES_CONFIG,
                        input,
                        distribution.alias() + " for " + visible(input.user()) + " in " + visible(input.channel())
                                + ": " + decision);
            }
            if (decision.allowed()
                    ? !decision.reason().isEmpty()
                    : decision.reason().isBlank()) {
                report.violation(Rule.DENIAL_EXPLAINED, input, decision.toString());
            }
            if (decision.allowed()) {
                report.saw(Seen.ALLOWED);
                report.sawIf(!lists.userListed(), Seen.LET_IN_BY_A_GROUP);
            } else if (!lists.channelListed()) {
                report.saw(Seen.DENIED_FOR_CHANNEL);
            } else if (lists.someGroupUnreadable()) {
                report.saw(Seen.DENIED_FOR_UNREADABLE_GROUPS);
            }
        }

        private void gateAgrees(Optional<DistributionConfig> resolved, Optional<Lists> lists) {
            Optional<String> allowed =
                    lists.filter(Lists::allow).flatMap(allowing -> resolved).map(DistributionConfig::alias);
            if (!outcome.admitted().equals(allowed)) {
                report.violation(
                        Rule.GATE_AGREES, input, "gate admitted " + outcome.admitted() + ", policy allows " + allowed);
            }
        }

        private void problemsExplained(Command.Invalidate invalidate, ParsedPaths parsed) {
            for (PathProblem problem : parsed.problems()) {
                if (problem.message().isBlank()) {
                    report.violation(Rule.PROBLEM_EXPLAINED, input, "no message for " + visible(problem.input()));
                }
                if (problem.input().isEmpty() && !invalidate.pathTokens().isEmpty()) {
                    report.violation(Rule.PROBLEM_EXPLAINED, input, "a problem quoting nothing: " + problem.message());
                }
            }
            if (parsed.ok()
                    != (parsed.problems().isEmpty() && !parsed.accepted().isEmpty())) {
                report.violation(Rule.PROBLEM_EXPLAINED, input, "ok() disagrees with the problems");
            }
            if (parsed.accepted().isEmpty() && parsed.problems().isEmpty()) {
                report.violation(Rule.PROBLEM_EXPLAINED, input, "nothing accepted and no problem says why");
            }
            for (PathProblem problem : parsed.problems()) {
                if (problem.input().regionMatches(true, 0, "http", 0, 4)) {
                    report.saw(Seen.REJECTED_LINK);
                    break;
                }
            }
        }

        private void valuesSendable(ParsedPaths parsed) {
            for (InvalidationPath path : parsed.accepted()) {
                String value = path.value();
                boolean tag = path.kind() == InvalidationPath.Kind.TAG;
                int star = value.indexOf('*');
                List<String> broken = new ArrayList<>();
                if (!value.startsWith(tag ? "#" : "/")) {
                    broken.add("starts with neither / nor # as its kind needs");
                }
                if (value.chars().anyMatch(c -> c < 33 || c > 126)) {
                    broken.add("holds a character outside printable ASCII 33-126");
                }
                if (star >= 0 && star != value.length() - 1) {
                    broken.add("has a * before its end");
                }
                if ((path.kind() == InvalidationPath.Kind.WILDCARD) != (star >= 0 && !tag)) {
                    broken.add("is a " + path.kind() + " with" + (star >= 0 ? "" : "out") + " a *");
                }
                if (value.length() > PathLimits.CLOUDFRONT_MAX_PATH_LENGTH) {
                    broken.add("is " + value.length() + " characters long");
                }
                if (!broken.isEmpty()) {
                    report.violation(Rule.SENDABLE_VALUES, input, visible(value) + " " + broken);
                }
                if (path.typed().regionMatches(true, 0, "http", 0, 4)) {
                    report.saw(Seen.ACCEPTED_FROM_OWN_LINK);
                }
            }
        }

        private void withinLimits(ParsedPaths parsed) {
            int maxPaths = config.limits().maxPathsPerRequest();
            int maxWildcards = PathLimits.MAX_WILDCARDS_PER_REQUEST;
            if (parsed.accepted().size() > maxPaths) {
                report.saw(Seen.OVER_PATH_LIMIT);
            }
            if (parsed.wildcardCount() > maxWildcards) {
                report.saw(Seen.OVER_WILDCARD_LIMIT);
            }
            if (parsed.ok()) {
                report.saw(Seen.READY);
                if (parsed.accepted().size() > maxPaths || parsed.wildcardCount() > maxWildcards) {
                    report.violation(
                            Rule.WITHIN_LIMITS,
                            input,
                            parsed.accepted().size() + " paths with " + parsed.wildcardCount()
                                    + " wildcards are ready to send");
                }
            }
        }

        private void gatewayGuarded(Optional<DistributionConfig> resolved, Optional<Lists> lists, ParsedPaths parsed) {
            if (outcome.cloudFrontProblem().isPresent()) {
                report.saw(Seen.CLOUDFRONT_UNREADABLE);
            }
            boolean wouldSend = outcome.admitted().isPresent()
                    && outcome.cloudFrontProblem().isEmpty()
                    && parsed.ok();
            if (!wouldSend) {
                return;
            }
            report.saw(Seen.READY_AND_ADMITTED);
            if (!lists.map(Lists::allow).orElse(false)
                    || parsed.accepted().isEmpty()
                    || parsed.accepted().size() > config.limits().maxPathsPerRequest()) {
                report.violation(
                        Rule.GATEWAY_GUARDED,
                        input,
                        "would send " + parsed.accepted().size() + " paths to "
                                + resolved.map(DistributionConfig::alias));
            }
        }

        private void noteInput(Command.Invalidate invalidate) {
            String text = input.text();
            if (invalidate.pathTokens().stream().anyMatch(token -> token.length() >= 10_000)) {
                report.saw(Seen.HUGE_TOKEN);
            }
            boolean surrogate = false;
            boolean invisible = false;
            boolean emoji = false;
            boolean control = false;
            int opening = 0;
            int closing = 0;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '<') {
                    opening++;
                } else if (c == '>') {
                    closing++;
                } else if (Character.isHighSurrogate(c)
                        && i + 1 < text.length()
                        && Character.isLowSurrogate(text.charAt(i + 1))) {
                    emoji |= text.codePointAt(i) >= 0x1F000;
                    i++;
                } else if (Character.isSurrogate(c)) {
                    surrogate = true;
                } else if (Character.getType(c) == Character.FORMAT) {
                    invisible = true;
                } else if ((c < 0x20 && c != '\n' && c != '\t' && c != '\r') || (c >= 0x7F && c <= 0x9F)) {
                    control = true;
                }
            }
            report.sawIf(surrogate, Seen.LONE_SURROGATE);
            report.sawIf(invisible, Seen.INVISIBLE_OR_BIDI);
            report.sawIf(emoji, Seen.EMOJI);
            report.sawIf(control, Seen.CONTROL_CHARACTER);
            report.sawIf(text.contains("&lt;") || text.contains("&amp;") || text.contains("&gt;"), Seen.ENTITY);
            report.sawIf(
                    opening != closing || text.contains("<<") || text.contains("|<") || text.contains(">>"),
                    Seen.NESTED_OR_UNBALANCED_LINK);
        }
    }

    /** Violations by rule (a few examples each) and how often each case came up. */
    private static final class Report {

        private static final int EXAMPLES_KEPT = 5;

        private final Map<Rule, List<String>> examples = new EnumMap<>(Rule.class);
        private final Map<Rule, Integer> counts = new EnumMap<>(Rule.class);
        private final Map<Seen, Integer> seen = new EnumMap<>(Seen.class);
        private int inputs;

        void checked() {
            inputs++;
        }

        void violation(Rule rule, Input input, String what) {
            counts.merge(rule, 1, Integer::sum);
            List<String> kept = examples.computeIfAbsent(rule, r -> new ArrayList<>());
            if (kept.size() < EXAMPLES_KEPT) {
                kept.add("input #" + input.index() + " " + visible(input.text()) + " by " + visible(input.user())
                        + " in " + visible(input.channel()) + " (unreadable groups " + input.unreadableGroups()
                        + "): " + what);
            }
        }

        void saw(Seen kind) {
            seen.merge(kind, 1, Integer::sum);
        }

        void sawIf(boolean condition, Seen kind) {
            if (condition) {
                saw(kind);
            }
        }

        List<String> examples(Rule rule) {
            return examples.getOrDefault(rule, List.of());
        }

        String summary(Rule rule) {
            return counts.getOrDefault(rule, 0) + " violations of " + rule + " in " + INPUTS + " inputs from seed "
                    + Long.toHexString(SEED);
        }

        Map<Seen, Integer> seen() {
            return seen;
        }

        int inputs() {
            return inputs;
        }
    }

    /** Turns the named loggers off while the campaign runs: failed group lookups are logged with a stack trace. */
    private static final class Quiet {

        private final Map<Logger, Level> before = new HashMap<>();

        static Quiet loggersOf(Class<?>... classes) {
            Quiet quiet = new Quiet();
            for (Class<?> type : classes) {
                if (LoggerFactory.getLogger(type) instanceof Logger logger) {
                    quiet.before.put(logger, logger.getLevel());
                    logger.setLevel(Level.OFF);
                }
            }
            return quiet;
        }

        void close() {
            before.forEach(Logger::setLevel);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // The generator

    /** Slash-command text as Slack would deliver it, and who sends it from where. */
    private static final class Generator {

        private static final String[] OWN_HOSTS = {
            "www.example.com",
            "WWW.Example.COM",
            "d111111abcdef8.cloudfront.net",
            "D111111ABCDEF8.CLOUDFRONT.NET",
            "img.example.com",
            "images.example.com",
            "d222222abcdef8.cloudfront.net",
            "d333333abcdef8.cloudfront.net",
            "www.example.com:443",
            "user:pw@www.example.com",
            "evil.com@www.example.com"
        };
        private static final String[] OTHER_HOSTS = {
            "evil.com",
            "cdn.other.org",
            "www.example.com.evil.com",
            "example.com",
            "www.example.com@evil.com",
            "www.example.com:abc",
            "",
            "[::1]:8080",
            "www.example.com.",
            "www.exаmple.com",
            "xn--80ak6aa92e.com",
            "d999999abcdef8.cloudfront.net",
            "vault.example.com"
        };
        private static final String[] SCHEMES = {"https", "https", "http", "HTTPS", "Http", "ftp", "ws", "file"};
        private static final String[] NAMES = {"web", "images", "docs", "vault"};
        private static final String[] IDS = {"E1WEBEXAMPLE", "E2IMAGESEXAMPLE", "E3DOCSEXAMPLE", "E4VAULTEXAMPLE"};
        private static final String[] NAME_LOOKALIKES = {
            "web2",
            "www",
            "prod",
            "wéb",
            "web\u200B",
            "ｗｅｂ",
            "ımages",
            "İmages",
            "e2ımageſexample",
            "E1WEBEXAMPL",
            "*",
            "-",
            "E9UNLISTED99",
            "d111111abcdef8",
            "vault.example.com",
            "help me",
            "ſtatus",
            "HELP",
            "--HELP",
            "?",
            "??",
            "\u202Ebew",
            "web\u0000",
            "<web>",
            "`web`",
            "&lt;web&gt;"
        };
        private static final String[] SUB_COMMAND_WORDS = {
            "help", "Help", "-h", "--help", "?", "status", "STATUS", "list", "ls", "LS"
        };
        private static final String[] USERS = {
            "U0ALICE",
            "U0CAROL",
            "U0DAN",
            "U0FAY",
            "U0GUS",
            "U0LEAD",
            "W0ERIN",
            "U0MALLORY",
            "S0WEBDEVS",
            "S0FLAKY",
            "u0alice",
            "U0ALICE ",
            "*",
            "",
            "U0ALIC",
            "W0ERIN\u200B"
        };
        private static final String[] CHANNELS = {
            "C0OPS", "C0WEB", "G0VAULT", "C0RANDOM", "D0DIRECT", "c0ops", "*", "", "C0OPS\n", "G0VAULT2", "C0WEB,C0OPS"
        };
        private static final String[] GROUP_IDS = {"S0WEBDEVS", "S0IMAGES", "S0FLAKY"};
        private static final String[] SEPARATORS = {
            " ", " ", " ", " ", ",", ", ", "\n", "\t", "\r\n", " , ", "\u00A0", "\u2003", "\u3000", "\u2028", "  \n\n",
            ",,", "\u0085", "\u000B"
        };
        private static final String SPECIALS = "<|>*%#?/&=:;@!,.~`\\^[]{}\"' ";
        private static final int[] INVISIBLES = {
            0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0x202A, 0x202E, 0x2066, 0x2069, 0xFEFF, 0x2060, 0x00AD, 0x0301,
            0x180E, 0x061C
        };
        private static final int[] SPACES = {
            0x20, 0x09, 0x0A, 0x0D, 0x0B, 0x0C, 0x1C, 0x1F, 0x85, 0xA0, 0x2003, 0x2028, 0x2029, 0x3000
        };
        private static final String[] EMOJI = {"😀", "🚀", "👩‍💻", "🇩🇪", "👍🏽", "❤️", "🧪", "𝔘", "𐍈"};
        private static final String[] BRACKET_SHAPES = {
            "<<%s>>",
            "<%s|<b>>",
            "<%s|label",
            "<%s",
            "%s>",
            "<|>",
            "<>",
            "<%s|a|b>",
            "<%s|my file>tail",
            "<%s><%s>",
            "<%s\n|label>",
            "<%s|label\n>",
            "<@U0ALICE>",
            "<#C0OPS|ops>",
            "<!channel>",
            "<!subteam^S0WEBDEVS>",
            "/<!here>",
            "<mailto:bob@example.com|bob@example.com>",
            "<%s|x>y>",
            "<<<<",
            ">>>>",
            "<%s|%s>",
            "<%s|>",
            "<|%s>",
            "x<%s>",
            "/a,<%s>",
            "<%s>,<%s>",
            "<%s|<%s>>"
        };
        private static final String[] ENTITY_SHAPES = {
            "&lt;",
            "&gt;",
            "&amp;",
            "&amp;lt;",
            "&amp;amp;",
            "&lt;%s&gt;",
            "&lt;%s|x&gt;",
            "&",
            "&am",
            "&amp",
            "&#60;",
            "&quot;",
            "/a?x=1&amp;y=2",
            "&lt;&lt;&gt;",
            "/&lt;!channel&gt;",
            "&lt;%s",
            "%s&gt;",
            "&lt;&amp;lt;%s&amp;gt;&gt;",
            "/x&amp;&lt;y&gt;*"
        };

        private final Random random;

        Generator(Random random) {
            this.random = random;
        }

        Input input(int index) {
            String text = text();
            String user = random.nextInt(20) == 0 ? hostile(1 + random.nextInt(12)) : pick(USERS);
            String channel = random.nextInt(20) == 0 ? hostile(1 + random.nextInt(12)) : pick(CHANNELS);
            Set<String> unreadable = new HashSet<>();
            int outage = random.nextInt(10);
            if (outage < 2) {
                unreadable.addAll(List.of(GROUP_IDS));
            } else if (outage < 5) {
                unreadable.add(pick(GROUP_IDS));
            }
            return new Input(index, text, user, channel, Set.copyOf(unreadable), pick(Outage.values()));
        }

        private String text() {
            int shape = random.nextInt(100);
            if (shape < 2) {
                return shape == 0 ? "" : separator() + separator();
            }
            StringBuilder out = new StringBuilder();
            if (random.nextInt(8) == 0) {
                out.append(separator());
            }
            if (random.nextInt(25) != 0) {
                out.append(target());
            }
            if (random.nextInt(30) == 0) {
                batch(out);
            } else {
                int count = countOfPaths();
                for (int i = 0; i < count; i++) {
                    out.append(separator()).append(fragment());
                }
            }
            if (random.nextInt(150) == 0) {
                out.append(separator()).append(huge());
            }
            if (random.nextInt(8) == 0) {
                out.append(separator());
            }
            return out.toString();
        }

        private int countOfPaths() {
            int size = random.nextInt(100);
            return size < 5
                    ? 0
                    : size < 90 ? 1 + random.nextInt(6) : size < 99 ? 7 + random.nextInt(14) : 20 + random.nextInt(30);
        }

        /**
         * Many distinct valid items, around the configured limits; now and then past the most wildcards one request may
         * hold however it is split into batches.
         */
        private void batch(StringBuilder out) {
            boolean pastWildcards = random.nextInt(4) == 0;
            int count = pastWildcards
                    ? PathLimits.MAX_WILDCARDS_PER_REQUEST + 1 + random.nextInt(20)
                    : 10 + random.nextInt(30);
            int wildcardShare = pastWildcards ? 100 : random.nextInt(80);
            for (int i = 0; i < count; i++) {
                String item = random.nextInt(100) < wildcardShare ? "/w" + i + "/*" : "/b" + i + "/" + word() + ".css";
                out.append(separator()).append(random.nextInt(10) == 0 ? "https://www.example.com" + item : item);
            }
        }

        private String target() {
            int pick = random.nextInt(100);
            if (pick < 30) {
                return randomCase(pick(NAMES));
            }
            if (pick < 40) {
                return randomCase(pick(IDS));
            }
            if (pick < 48) {
                String host = pick(OWN_HOSTS);
                return host.contains("@") || host.contains(":") ? host : randomCase(host);
            }
            if (pick < 54) {
                return pick(SUB_COMMAND_WORDS);
            }
            if (pick < 66) {
                return typed(pick(NAME_LOOKALIKES));
            }
            if (pick < 74) {
                return typed(validPath());
            }
            if (pick < 80) {
                return slackLink("https://www.example.com", "www.example.com");
            }
            return random.nextBoolean() ? typed(hostile(1 + random.nextInt(16))) : fragment();
        }

        private String fragment() {
            int pick = random.nextInt(100);
            if (pick < 18) {
                return typed(validPath());
            }
            if (pick < 24) {
                return typed(wildcard());
            }
            if (pick < 29) {
                return typed(tag());
            }
            if (pick < 40) {
                return link(ownUrl());
            }
            if (pick < 47) {
                return link(otherUrl());
            }
            if (pick < 51) {
                return typed(percentPath());
            }
            if (pick < 59) {
                return typed(unicodePath());
            }
            if (pick < 63) {
                return typed("/" + word() + control() + word());
            }
            if (pick < 71) {
                return brackets();
            }
            if (pick < 77) {
                return entities();
            }
            if (pick < 84) {
                return random.nextInt(4) == 0
                        ? hostile(1 + random.nextInt(30))
                        : typed(hostile(1 + random.nextInt(30)));
            }
            if (pick < 93) {
                return typed(mutate(random.nextBoolean() ? validPath() : ownUrl()));
            }
            return typed(punctuation());
        }

        /** What Slack does to typed text: escapes its three entities. Sometimes an app sends it unescaped. */
        private String typed(String text) {
            return random.nextInt(8) == 0 ? text : SlackText.escape(text);
        }

        /** A URL as Slack delivers it: linked, linked with a label, or as typed. */
        private String link(String url) {
            int pick = random.nextInt(100);
            if (pick < 40) {
                return "<" + SlackText.escape(url) + ">";
            }
            if (pick < 65) {
                String label = switch (random.nextInt(4)) {
                    case 0 -> url.replaceFirst("^[A-Za-z]+://", "");
                    case 1 -> "my file";
                    case 2 -> hostile(1 + random.nextInt(10));
                    default -> url;
                };
                return slackLink(url, label);
            }
            return typed(url);
        }

        private String slackLink(String url, String label) {
            return "<" + SlackText.escape(url) + "|" + SlackText.escape(label) + ">";
        }

        private String ownUrl() {
            return pick(SCHEMES, 5) + "://" + pick(OWN_HOSTS) + urlPath();
        }

        private String otherUrl() {
            int pick = random.nextInt(10);
            if (pick == 0) {
                return "mailto:" + word() + "@example.com";
            }
            if (pick == 1) {
                return pick(
                        "javascript:alert(1)",
                        "data:text/html,x",
                        "file:///etc/passwd",
                        "urn:isbn:1",
                        "https:/www.example.com/a",
                        "https:www.example.com/a",
                        "//www.example.com/a");
            }
            if (pick == 2) {
                return pick(SCHEMES) + "://" + pick(OWN_HOSTS) + urlPath();
            }
            return pick(SCHEMES, 3) + "://" + pick(OTHER_HOSTS) + urlPath();
        }

        private String urlPath() {
            return switch (random.nextInt(10)) {
                case 0 -> "";
                case 1 -> "/";
                case 2 -> "?v=" + random.nextInt(99);
                case 3 -> "#" + word();
                case 4 -> validPath() + "#" + word();
                case 5 -> wildcard();
                case 6 -> unicodePath();
                case 7 -> "/" + word() + "*" + word();
                default -> validPath();
            };
        }

        private String validPath() {
            StringBuilder path = new StringBuilder();
            int segments = 1 + random.nextInt(4);
            for (int i = 0; i < segments; i++) {
                path.append('/').append(random.nextInt(6) == 0 ? word().toUpperCase(Locale.ROOT) : word());
            }
            switch (random.nextInt(12)) {
                case 0 -> path.append(".html");
                case 1 -> path.append(".css?v=").append(random.nextInt(1000));
                case 2 -> path.append('/');
                case 3 -> path.append(".js");
                default -> {}
            }
            return path.toString();
        }

        private String wildcard() {
            return switch (random.nextInt(6)) {
                case 0 -> "/*";
                case 1 -> validPath() + "*";
                case 2 -> "/" + word() + "/*";
                default -> validPath() + "/*";
            };
        }

        private String tag() {
            return switch (random.nextInt(8)) {
                case 0 -> "#";
                case 1 -> "#" + word() + "*";
                case 2 -> "#" + "t".repeat(250 + random.nextInt(20));
                case 3 -> "#caf\u00E9";
                case 4 -> "#" + word() + control();
                default -> "#" + word() + (random.nextBoolean() ? ":" + word() : "");
            };
        }

        private String percentPath() {
            StringBuilder path = new StringBuilder("/");
            int parts = 1 + random.nextInt(5);
            for (int i = 0; i < parts; i++) {
                path.append(pick(
                        "%20",
                        "%2A", "%2a", "%zz", "%", "%4", "%%", "%C3%A9", "%00", "%FF", "%2F", "%25", word(), word(),
                        "a%", "%*"));
            }
            return path.toString();
        }

        private String unicodePath() {
            StringBuilder path = new StringBuilder("/");
            int parts = 1 + random.nextInt(5);
            for (int i = 0; i < parts; i++) {
                switch (random.nextInt(9)) {
                    case 0 -> path.append("caf\u00E9");
                    case 1 -> path.append(pick(EMOJI));
                    case 2 -> path.appendCodePoint(pick(INVISIBLES));
                    case 3 -> path.append((char) (0xD800 + random.nextInt(0x800)));
                    case 4 -> path.append("\u65E5\u672C");
                    case 5 -> path.append("\uFF0Findex");
                    case 6 -> path.append("\u05E9\u05DC\u05D5\u05DD");
                    case 7 -> path.appendCodePoint(0x10000 + random.nextInt(0x100000));
                    default -> path.append(word());
                }
            }
            return path.toString();
        }

        private String brackets() {
            String shape = pick(BRACKET_SHAPES);
            String url = random.nextBoolean() ? ownUrl() : otherUrl();
            String filled = shape.replace("%s", SlackText.escape(url));
            // Slack's own link sequences arrive raw; the same characters typed by a person arrive escaped.
            return random.nextInt(10) < 6 ? filled : SlackText.escape(filled);
        }

        private String entities() {
            String shape = pick(ENTITY_SHAPES);
            String filled = shape.replace("%s", random.nextBoolean() ? ownUrl() : validPath());
            return random.nextInt(10) < 7 ? filled : SlackText.escape(filled);
        }

        private String punctuation() {
            StringBuilder out = new StringBuilder(random.nextBoolean() ? "/" : "");
            int length = 1 + random.nextInt(8);
            for (int i = 0; i < length; i++) {
                out.append("*%#,/?&|<>".charAt(random.nextInt(10)));
            }
            return out.toString();
        }

        /** A token of 10,000 characters or more, of a shape chosen at random. */
        private String huge() {
            int length = 10_000 + random.nextInt(10_001);
            return switch (random.nextInt(8)) {
                case 0 -> "/" + "a".repeat(length);
                case 1 -> "/" + "a".repeat(length) + "*";
                case 2 -> "https://www.example.com/" + "\u00E9".repeat(length);
                case 3 -> "#" + "t".repeat(length);
                case 4 -> "<https://www.example.com/" + "b".repeat(length) + "|" + "label ".repeat(10) + ">";
                case 5 -> "<".repeat(length);
                case 6 -> "&lt;".repeat(length / 4) + "https://www.example.com/x" + "&gt;".repeat(length / 4);
                default -> "/" + hostile(length);
            };
        }

        /** A valid path or URL with something inserted, replaced or cut at a random place. */
        private String mutate(String text) {
            StringBuilder out = new StringBuilder(text);
            int edits = 1 + random.nextInt(3);
            for (int i = 0; i < edits; i++) {
                int at = random.nextInt(out.length() + 1);
                switch (random.nextInt(3)) {
                    case 0 -> out.insert(at, hostile(1));
                    case 1 -> out.insert(at, pick("*", "%", "#", ",", "|", "<", ">", "&", "?", "\n", "\t"));
                    default -> out.setLength(Math.max(1, at));
                }
            }
            return out.toString();
        }

        /** Characters of every kind that breaks naive text handling. */
        private String hostile(int length) {
            StringBuilder out = new StringBuilder(length + 8);
            for (int i = 0; i < length; i++) {
                int pick = random.nextInt(100);
                if (pick < 35) {
                    out.append((char) (33 + random.nextInt(94)));
                } else if (pick < 50) {
                    out.append(SPECIALS.charAt(random.nextInt(SPECIALS.length())));
                } else if (pick < 56) {
                    out.append(control());
                } else if (pick < 61) {
                    out.append((char) (0xD800 + random.nextInt(0x800)));
                } else if (pick < 70) {
                    out.append((char) random.nextInt(0x10000));
                } else if (pick < 78) {
                    out.append(pick(EMOJI));
                } else if (pick < 85) {
                    out.appendCodePoint(pick(INVISIBLES));
                } else if (pick < 91) {
                    out.appendCodePoint(pick(SPACES));
                } else {
                    out.append('%').append(Integer.toHexString(random.nextInt(256)));
                }
            }
            return out.toString();
        }

        private char control() {
            int control = random.nextInt(66);
            return (char) (control < 32 ? control : control == 32 ? 0x7F : 0x80 + control - 33);
        }

        private String word() {
            int length = 1 + random.nextInt(8);
            StringBuilder word = new StringBuilder(length);
            for (int i = 0; i < length; i++) {
                word.append("abcdefghijklmnopqrstuvwxyz0123456789-_.".charAt(random.nextInt(39)));
            }
            return word.toString();
        }

        private String separator() {
            return pick(SEPARATORS);
        }

        private String randomCase(String text) {
            StringBuilder out = new StringBuilder(text.length());
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                out.append(random.nextBoolean() ? Character.toUpperCase(c) : Character.toLowerCase(c));
            }
            return out.toString();
        }

        @SafeVarargs
        private <T> T pick(T... choices) {
            return choices[random.nextInt(choices.length)];
        }

        private String pick(String[] choices, int firstOnes) {
            return choices[random.nextInt(Math.min(firstOnes, choices.length))];
        }

        private int pick(int[] choices) {
            return choices[random.nextInt(choices.length)];
        }
    }

    /** Input for a failure message: escapes for what can't be seen, cut to a readable length. */
    private static String visible(String text) {
        if (text == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder("\"");
        text.chars()
                .limit(200)
                .forEach(c -> out.append(c >= 32 && c < 127 ? String.valueOf((char) c) : String.format("\\u%04X", c)));
        out.append(text.length() > 200 ? "…\" (" + text.length() + " chars)" : "\"");
        return out.toString();
    }
}

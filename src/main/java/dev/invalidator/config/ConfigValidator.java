package dev.invalidator.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.invalidator.base.Numbers;
import dev.invalidator.base.Strings;
import java.math.BigInteger;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a config tree key by key and builds the records, stopping at the first problem with a message that names
 * the key path. Checks run in file order, unknown keys of a mapping first (a misspelt {@code distribution:} is
 * better reported as a typo than as "distributions: missing").
 *
 * <p>A single string where a list of ids is expected counts as a one-element list ({@code users: "*"},
 * {@code channels: C0OPS}): it can mean nothing else, and {@code "*"} is most often written that way.
 */
final class ConfigValidator {

    private static final List<String> TOP_LEVEL_KEYS = List.of(
            "distributions",
            "tenants",
            "polling",
            "limits",
            "groups",
            "confirm",
            "verify",
            "cloudfront",
            "queue",
            "distributionGroups");
    private static final List<String> DISTRIBUTION_KEYS =
            List.of("id", "channels", "users", "roleArn", "approvers", "approvalFor", "verify", "workflowsSkipConfirm");
    private static final List<String> POLLING_KEYS =
            List.of("initialInterval", "maxInterval", "recoveryWindow", "abandonedAfter", "sweepInterval");
    private static final List<String> LIMITS_KEYS = List.of(
            "maxPathsPerRequest",
            "requestsPerUserPerMinute",
            "requestsPerDistributionPerMinute",
            "readsPerUserPerMinute");
    private static final List<String> GROUPS_KEYS = List.of("cacheTtl");
    private static final List<String> CONFIRM_KEYS = List.of("pathThreshold", "expiresAfter", "approvalExpiresAfter");
    private static final List<String> VERIFY_KEYS = List.of("enabled", "maxUrls", "timeout");
    private static final List<String> DISTRIBUTION_VERIFY_KEYS = List.of("baseUrl", "enabled");
    private static final List<String> CLOUDFRONT_KEYS =
            List.of("createsPerSecond", "createBurst", "readsPerSecond", "readBurst");
    private static final List<String> QUEUE_KEYS = List.of("maxPerDistribution", "expiresAfter");
    private static final String BASE_URL_EXAMPLE = "https://www.example.com";

    private static final String DISTRIBUTION_EXAMPLE = "{id: E1WEBEXAMPLE, channels: [C0OPS], users: [\"*\"]}";
    private static final String DISTRIBUTIONS_EXAMPLE = "distributions: {web: " + DISTRIBUTION_EXAMPLE + "}";
    private static final String TENANT_ID_EXAMPLE = "dt_2wjDZi3hD1ivOXf6rpZJOSNE1AB";
    private static final String TENANT_EXAMPLE = "{id: " + TENANT_ID_EXAMPLE + ", channels: [C0OPS], users: [\"*\"]}";
    /** The top-level keys that list targets, each of one {@link TargetKind}; their aliases are one namespace. */
    private static final Map<String, TargetKind> TARGET_SECTIONS =
            new LinkedHashMap<>(Map.of("distributions", TargetKind.DISTRIBUTION));

    static {
        TARGET_SECTIONS.put("tenants", TargetKind.TENANT);
    }

    private static final String ROLE_ARN_EXAMPLE = "arn:aws:iam::111122223333:role/invalidator";

    /** The two kinds of access list, with the words their messages need. */
    private enum Audience {
        CHANNELS(
                "channel id",
                "C0OPS",
                "[C0OPS, C0DEPLOYS]",
                "any channel",
                "list the channel ids where this distribution may be used, e.g. [C0OPS], or \"*\" for any channel",
                "use the id from the channel's details in Slack (C… or G…, e.g. C0OPS), or \"*\" for any channel"),
        USERS(
                "user or user-group id",
                "U0ALICE",
                "[U0ALICE, S0OPS]",
                "everyone",
                "list who may use this distribution: user ids (U… or W…) and user-group ids (S…), e.g. [U0ALICE,"
                        + " S0OPS], or \"*\" for everyone",
                "use ids as Slack shows them in profiles: U… or W… for people (e.g. U0ALICE), S… for user groups,"
                        + " or \"*\" for everyone");

        final String noun;
        final String example;
        final String listExample;
        final String anyoneMeans;
        final String need;
        final String howToWrite;

        Audience(String noun, String example, String listExample, String anyoneMeans, String need, String howToWrite) {
            this.noun = noun;
            this.example = example;
            this.listExample = listExample;
            this.anyoneMeans = anyoneMeans;
            this.need = need;
            this.howToWrite = howToWrite;
        }

        boolean accepts(String id) {
            return switch (this) {
                case CHANNELS -> Identifiers.isChannelId(id);
                case USERS -> Identifiers.isUserOrGroupId(id);
            };
        }
    }

    private final String fileName;

    ConfigValidator(String fileName) {
        this.fileName = fileName;
    }

    BotConfig validate(JsonNode root) throws ConfigException {
        if (root == null || root.isMissingNode() || root.isNull()) {
            throw ConfigException.inFile(
                    fileName, "the file is empty — add at least one distribution, e.g. " + DISTRIBUTIONS_EXAMPLE);
        }
        if (!root.isObject()) {
            throw ConfigException.inFile(
                    fileName,
                    "expected keys and values at the top level, found " + describe(root)
                            + " — start the file with distributions:, e.g. " + DISTRIBUTIONS_EXAMPLE);
        }
        checkKeys(root, KeyPath.ROOT, TOP_LEVEL_KEYS);
        Map<String, DistributionConfig> distributions = targets(root);
        PollingConfig polling = polling(section(root, "polling", POLLING_KEYS, "polling: {maxInterval: 4s}"));
        LimitsConfig limits = limits(section(root, "limits", LIMITS_KEYS, "limits: {maxPathsPerRequest: 2000}"));
        GroupsConfig groups = groups(section(root, "groups", GROUPS_KEYS, "groups: {cacheTtl: 5m}"));
        ConfirmConfig confirm = confirm(section(root, "confirm", CONFIRM_KEYS, "confirm: {pathThreshold: 100}"));
        VerifyConfig verify = verify(
                section(root, "verify", VERIFY_KEYS, "verify: {enabled: true, maxUrls: 20}"), root, distributions);
        CloudFrontConfig cloudfront =
                cloudfront(section(root, "cloudfront", CLOUDFRONT_KEYS, "cloudfront: {createsPerSecond: 0.5}"));
        QueueConfig queue = queue(
                section(root, "queue", QUEUE_KEYS, "queue: {maxPerDistribution: 100, expiresAfter: 1h}"), polling);
        BotConfig targets = new BotConfig(distributions, polling, limits, groups, confirm, verify, cloudfront, queue);
        return targets.withDistributionGroups(
                new DistributionGroupsReader(fileName).read(root.get("distributionGroups"), targets));
    }

    /**
     * Every target of {@code distributions} and {@code tenants}, read alike: a tenant's entry has a distribution's keys,
     * only its id is a tenant's. One of the two may be left out, not both.
     */
    private Map<String, DistributionConfig> targets(JsonNode root) throws ConfigException {
        if (root.get("distributions") == null && root.get("tenants") != null) {
            return targets(root, List.of("tenants"));
        }
        return targets(root, List.copyOf(TARGET_SECTIONS.keySet()));
    }

    private Map<String, DistributionConfig> targets(JsonNode root, List<String> sections) throws ConfigException {
        Map<String, DistributionConfig> byAlias = new LinkedHashMap<>();
        Map<String, KeyPath> pathOfAlias = new HashMap<>();
        Map<String, String> writtenAlias = new HashMap<>();
        Map<String, String> aliasById = new HashMap<>();
        for (String section : sections) {
            JsonNode node = root.get(section);
            KeyPath path = KeyPath.ROOT.key(section);
            if (node == null && !section.equals(sections.get(0))) {
                continue;
            }
            if (node == null) {
                throw problem(path, "missing — add at least one distribution, e.g. " + DISTRIBUTIONS_EXAMPLE);
            }
            if (node.isNull() || (node.isEmpty() && node.isObject())) {
                throw problem(path, "empty — add at least one " + noun(section) + ", e.g. " + example(section));
            }
            if (!node.isObject()) {
                throw problem(
                        path,
                        "expected a mapping from alias to settings, found " + describe(node) + " — e.g. "
                                + example(section));
            }
            for (Map.Entry<String, JsonNode> entry : node.properties()) {
                KeyPath targetPath = path.key(entry.getKey());
                String alias = alias(entry.getKey(), targetPath, writtenAlias, pathOfAlias);
                DistributionConfig target =
                        distribution(alias, entry.getValue(), targetPath, aliasById, TARGET_SECTIONS.get(section));
                byAlias.put(alias, target);
                pathOfAlias.put(alias, targetPath);
            }
        }
        for (String alias : byAlias.keySet()) {
            checkNotAnotherId(alias, pathOfAlias.get(alias), aliasById);
        }
        return byAlias;
    }

    /** {@code distributions.} of {@code distributions.web}. */
    private static String sectionOf(KeyPath target) {
        String text = target.toString();
        return text.substring(0, text.indexOf('.') + 1);
    }

    private static String noun(String section) {
        return TARGET_SECTIONS.get(section) == TargetKind.TENANT ? "distribution tenant" : "distribution";
    }

    private static String example(String section) {
        return TARGET_SECTIONS.get(section) == TargetKind.TENANT
                ? section + ": {shop-acme: " + TENANT_EXAMPLE + "}"
                : DISTRIBUTIONS_EXAMPLE;
    }

    /**
     * A request, a ticket or a click names a distribution by alias or by id, and a name that is both could resolve to
     * one distribution on this replica and the other after a restart or on another: refused rather than ranked.
     */
    private void checkNotAnotherId(String alias, KeyPath path, Map<String, String> aliasById) throws ConfigException {
        String owner = aliasById.get(alias.toUpperCase(Locale.ROOT));
        if (owner != null && !owner.equals(alias)) {
            throw problem(
                    path,
                    "the CloudFront id of " + Text.quote(owner) + " (aliases and ids ignore case), so a request"
                            + " naming it could mean either distribution — rename this alias");
        }
    }

    private String alias(
            String written, KeyPath path, Map<String, String> writtenAlias, Map<String, KeyPath> pathOfAlias)
            throws ConfigException {
        String alias = Identifiers.normalizeAlias(written);
        Optional<String> invalid = Identifiers.nameProblem(alias, "alias", "web");
        if (invalid.isPresent()) {
            throw problem(path, invalid.get());
        }
        String earlier = writtenAlias.putIfAbsent(alias, written);
        if (earlier != null && !path.toString().startsWith(sectionOf(pathOfAlias.get(alias)))) {
            throw problem(
                    path,
                    "already the alias of " + pathOfAlias.get(alias) + " — distributions and tenants share one"
                            + " namespace of aliases, so a request naming it could mean either; rename one of them");
        }
        if (earlier != null) {
            throw problem(
                    path,
                    "the same alias as " + Text.quote(earlier) + " (aliases ignore case)" + " — rename one of them");
        }
        return alias;
    }

    private DistributionConfig distribution(
            String alias, JsonNode node, KeyPath path, Map<String, String> aliasById, TargetKind kind)
            throws ConfigException {
        if (!node.isObject()) {
            throw problem(
                    path,
                    "expected a mapping with id, channels and users, found " + describe(node) + " — e.g. "
                            + (kind == TargetKind.TENANT ? TENANT_EXAMPLE : DISTRIBUTION_EXAMPLE));
        }
        checkKeys(node, path, DISTRIBUTION_KEYS);
        String id = kind == TargetKind.TENANT ? tenantId(node, path.key("id")) : distributionId(node, path.key("id"));
        String other = aliasById.putIfAbsent(id.toUpperCase(Locale.ROOT), alias);
        if (other != null) {
            throw problem(
                    path.key("id"),
                    id + " is already the id of " + Text.quote(other)
                            + " — each distribution gets one alias; remove one of them");
        }
        AccessList channels = accessList(node.get("channels"), path.key("channels"), Audience.CHANNELS);
        AccessList users = accessList(node.get("users"), path.key("users"), Audience.USERS);
        Optional<String> roleArn = roleArn(node.get("roleArn"), path.key("roleArn"));
        return new DistributionConfig(
                alias,
                id,
                channels,
                users,
                roleArn,
                approval(node, path),
                flag(node, path, "workflowsSkipConfirm", false));
    }

    private String distributionId(JsonNode distribution, KeyPath path) throws ConfigException {
        String need = "every distribution needs its CloudFront id, e.g. E1WEBEXAMPLE";
        JsonNode node = distribution.get("id");
        if (node == null) {
            throw problem(path, "missing — " + need);
        }
        if (node.isNull() || (node.isTextual() && node.textValue().isEmpty())) {
            throw problem(path, "empty — " + need);
        }
        if (!node.isTextual()) {
            throw problem(path, "expected text such as E1WEBEXAMPLE, found " + describe(node));
        }
        String id = node.textValue();
        if (Identifiers.isDistributionId(id)) {
            return id;
        }
        String fix;
        if (Identifiers.isTenantId(id)) {
            fix = "that is a distribution tenant's id; list it under tenants: instead";
        } else if (Identifiers.isDistributionId(id.toUpperCase(Locale.ROOT))) {
            fix = "CloudFront ids are upper case: " + id.toUpperCase(Locale.ROOT);
        } else if (id.contains(".cloudfront.net")) {
            fix = "that is the domain name; use the distribution's ID from the CloudFront console, e.g. E1WEBEXAMPLE";
        } else {
            fix = "ids are 8 to 32 upper-case letters and digits starting with a letter, e.g. E1WEBEXAMPLE";
        }
        throw problem(path, Text.quote(id) + " is not a CloudFront distribution id — " + fix);
    }

    private String tenantId(JsonNode tenant, KeyPath path) throws ConfigException {
        String need = "every tenant needs its distribution tenant id, e.g. " + TENANT_ID_EXAMPLE;
        JsonNode node = tenant.get("id");
        if (node == null) {
            throw problem(path, "missing — " + need);
        }
        if (node.isNull() || (node.isTextual() && node.textValue().isEmpty())) {
            throw problem(path, "empty — " + need);
        }
        if (!node.isTextual()) {
            throw problem(path, "expected text such as " + TENANT_ID_EXAMPLE + ", found " + describe(node));
        }
        String id = node.textValue();
        if (Identifiers.isTenantId(id)) {
            return id;
        }
        String fix;
        if (Identifiers.isDistributionId(id)) {
            fix = "that is a distribution's id; list it under distributions: instead, or use the tenant's id from the"
                    + " CloudFront console (Distribution tenants), e.g. " + TENANT_ID_EXAMPLE;
        } else if (id.contains(".")) {
            fix =
                    "that looks like a domain; use the tenant's id from the CloudFront console (Distribution tenants), e.g. "
                            + TENANT_ID_EXAMPLE;
        } else {
            fix = "tenant ids are dt_ followed by letters and digits, e.g. " + TENANT_ID_EXAMPLE;
        }
        throw problem(path, Text.quote(id) + " is not a distribution tenant id — " + fix);
    }

    /** {@code approvers} turns approval on (for wipes unless {@code approvalFor: all} says every request). */
    private Approval approval(JsonNode distribution, KeyPath path) throws ConfigException {
        JsonNode scopeNode = distribution.get("approvalFor");
        if (distribution.get("approvers") == null) {
            if (scopeNode != null) {
                throw problem(
                        path.key("approvalFor"),
                        "needs approvers — list who may approve, e.g. approvers: [U0LEAD, S0SRE]");
            }
            return Approval.NONE;
        }
        AccessList approvers = accessList(distribution.get("approvers"), path.key("approvers"), Audience.USERS);
        if (scopeNode == null) {
            return new Approval(approvers, Approval.Scope.WIPE);
        }
        String scope = scopeNode.isTextual() ? scopeNode.textValue() : "";
        return switch (scope) {
            case "wipe" -> new Approval(approvers, Approval.Scope.WIPE);
            case "all" -> new Approval(approvers, Approval.Scope.ALL);
            default ->
                throw problem(
                        path.key("approvalFor"),
                        "expected wipe (requests with a wildcard at the top level, such as /* or /img*) or all (every"
                                + " request), found " + describe(scopeNode));
        };
    }

    private AccessList accessList(JsonNode node, KeyPath path, Audience audience) throws ConfigException {
        if (node == null) {
            throw problem(path, "missing — " + audience.need);
        }
        if (node.isNull()
                || (node.isArray() && node.isEmpty())
                || (node.isTextual() && node.textValue().isEmpty())) {
            throw problem(path, "empty — " + audience.need);
        }
        List<JsonNode> entries = new ArrayList<>();
        List<KeyPath> paths = new ArrayList<>();
        if (node.isTextual()) {
            entries.add(node);
            paths.add(path);
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                entries.add(node.get(i));
                paths.add(path.index(i));
            }
        } else {
            throw problem(
                    path,
                    "expected a list of " + audience.noun + "s such as " + audience.listExample + ", found "
                            + describe(node));
        }
        boolean anyone = false;
        Set<String> ids = new LinkedHashSet<>();
        for (int i = 0; i < entries.size(); i++) {
            String id = accessEntry(entries.get(i), paths.get(i), audience);
            if (Identifiers.ANYONE.equals(id)) {
                anyone = true;
            } else {
                ids.add(id);
            }
        }
        if (anyone && !ids.isEmpty()) {
            throw problem(
                    path, "\"*\" already allows " + audience.anyoneMeans + " — remove \"*\" or the other entries");
        }
        return anyone ? AccessList.anyone() : new AccessList(false, ids);
    }

    private String accessEntry(JsonNode node, KeyPath path, Audience audience) throws ConfigException {
        if (!node.isTextual()) {
            throw problem(
                    path, "expected a " + audience.noun + " such as " + audience.example + ", found " + describe(node));
        }
        String id = node.textValue();
        if (Identifiers.ANYONE.equals(id) || audience.accepts(id)) {
            return id;
        }
        String upper = id.toUpperCase(Locale.ROOT);
        String fix;
        if (audience.accepts(upper)) {
            fix = "Slack ids are upper case: " + upper;
        } else if (id.contains(",") || id.strip().contains(" ")) {
            fix = "write several ids as a list, e.g. " + audience.listExample;
        } else {
            fix = audience.howToWrite;
        }
        throw problem(path, Text.quote(id) + " is not a " + audience.noun + " — " + fix);
    }

    private Optional<String> roleArn(JsonNode node, KeyPath path) throws ConfigException {
        if (node == null) {
            return Optional.empty();
        }
        if (node.isNull() || (node.isTextual() && node.textValue().isEmpty())) {
            throw problem(
                    path,
                    "empty — give the ARN of the role to assume, e.g. " + ROLE_ARN_EXAMPLE + ", or remove roleArn");
        }
        if (!node.isTextual()) {
            throw problem(path, "expected a role ARN such as " + ROLE_ARN_EXAMPLE + ", found " + describe(node));
        }
        String arn = node.textValue();
        if (!Identifiers.isRoleArn(arn)) {
            throw problem(path, Text.quote(arn) + " is not an IAM role ARN — e.g. " + ROLE_ARN_EXAMPLE);
        }
        return Optional.of(arn);
    }

    /** An optional section's mapping; {@code null} when it is absent or left empty (its keys commented out). */
    private JsonNode section(JsonNode root, String key, List<String> keys, String example) throws ConfigException {
        JsonNode node = root.get(key);
        if (node == null || node.isNull()) {
            return null;
        }
        KeyPath path = KeyPath.ROOT.key(key);
        if (!node.isObject()) {
            throw problem(
                    path,
                    "expected a mapping with " + joinAnd(keys) + ", found " + describe(node) + " — e.g. " + example);
        }
        checkKeys(node, path, keys);
        return node;
    }

    private PollingConfig polling(JsonNode section) throws ConfigException {
        PollingConfig defaults = PollingConfig.defaults();
        KeyPath path = KeyPath.ROOT.key("polling");
        Duration initial = duration(section, path, "initialInterval", defaults.initialInterval());
        Duration max = duration(section, path, "maxInterval", defaults.maxInterval());
        Duration recovery = duration(section, path, "recoveryWindow", defaults.recoveryWindow());
        Duration abandoned = duration(section, path, "abandonedAfter", defaults.abandonedAfter());
        Duration sweep = duration(section, path, "sweepInterval", defaults.sweepInterval());
        return new PollingConfig(initial, max, recovery, abandoned, sweep);
    }

    private LimitsConfig limits(JsonNode section) throws ConfigException {
        LimitsConfig defaults = LimitsConfig.defaults();
        KeyPath path = KeyPath.ROOT.key("limits");
        int maxPaths = count(section, path, "maxPathsPerRequest", defaults.maxPathsPerRequest());
        if (maxPaths > LimitsConfig.MOST_PATHS_PER_REQUEST) {
            throw problem(
                    path.key("maxPathsPerRequest"),
                    maxPaths + " is more than the " + LimitsConfig.MOST_PATHS_PER_REQUEST
                            + " paths one request may hold (it goes out in batches of CloudFront's "
                            + LimitsConfig.CLOUDFRONT_PATHS_IN_PROGRESS + " in progress) — use at most "
                            + LimitsConfig.MOST_PATHS_PER_REQUEST);
        }
        int perUser = count(section, path, "requestsPerUserPerMinute", defaults.requestsPerUserPerMinute());
        int perDistribution =
                count(section, path, "requestsPerDistributionPerMinute", defaults.requestsPerDistributionPerMinute());
        int reads = count(section, path, "readsPerUserPerMinute", defaults.readsPerUserPerMinute());
        return new LimitsConfig(maxPaths, perUser, perDistribution, reads);
    }

    private CloudFrontConfig cloudfront(JsonNode section) throws ConfigException {
        CloudFrontConfig defaults = CloudFrontConfig.defaults();
        KeyPath path = KeyPath.ROOT.key("cloudfront");
        double rate = rate(section, path, "createsPerSecond", defaults.createsPerSecond());
        if (rate > CloudFrontConfig.MAX_CREATES_PER_SECOND) {
            throw problem(
                    path.key("createsPerSecond"),
                    Strings.shorten(section.get("createsPerSecond").asText(), 40) + " is far above the about 0.5 a"
                            + " second CloudFront allows per AWS account — use at most 0.5 unless AWS raised yours");
        }
        int burst = count(section, path, "createBurst", defaults.createBurst());
        if (burst > CloudFrontConfig.MAX_CREATE_BURST) {
            throw problem(
                    path.key("createBurst"),
                    burst + " is far above the 6–7 quick calls CloudFront lets through — use at most 5 unless AWS"
                            + " raised your account's rate");
        }
        double reads = rate(section, path, "readsPerSecond", defaults.readsPerSecond());
        if (reads > CloudFrontConfig.MAX_READS_PER_SECOND) {
            throw problem(
                    path.key("readsPerSecond"),
                    Strings.shorten(section.get("readsPerSecond").asText(), 40) + " is far above the reads CloudFront"
                            + " is known to allow per AWS account — use at most 5 unless AWS raised yours");
        }
        int readBurst = count(section, path, "readBurst", defaults.readBurst());
        if (readBurst > CloudFrontConfig.MAX_READ_BURST) {
            throw problem(
                    path.key("readBurst"),
                    readBurst + " is far above the reads CloudFront lets through at once — use at most 10 unless AWS"
                            + " raised your account's rate");
        }
        return new CloudFrontConfig(rate, burst, reads, readBurst);
    }

    private GroupsConfig groups(JsonNode section) throws ConfigException {
        GroupsConfig defaults = GroupsConfig.defaults();
        return new GroupsConfig(duration(section, KeyPath.ROOT.key("groups"), "cacheTtl", defaults.cacheTtl()));
    }

    private QueueConfig queue(JsonNode section, PollingConfig polling) throws ConfigException {
        QueueConfig defaults = QueueConfig.defaults();
        KeyPath path = KeyPath.ROOT.key("queue");
        int max = count(section, path, "maxPerDistribution", defaults.maxPerDistribution());
        if (max > QueueConfig.MAX_PER_DISTRIBUTION) {
            throw problem(
                    path.key("maxPerDistribution"),
                    max + " is more than a distribution clears in an hour at CloudFront's pace — use at most "
                            + Numbers.grouped(QueueConfig.MAX_PER_DISTRIBUTION));
        }
        Duration expires = duration(section, path, "expiresAfter", defaults.expiresAfter());
        if (expires.compareTo(polling.recoveryWindow()) > 0) {
            throw problem(
                    path.key("expiresAfter"),
                    Durations.format(expires) + " is longer than polling.recoveryWindow ("
                            + Durations.format(polling.recoveryWindow()) + "), as far back as a sweep reads: a queued"
                            + " request left by a stopped bot would be lost before it expired — use at most "
                            + Durations.format(polling.recoveryWindow()));
        }
        return new QueueConfig(max, expires);
    }

    private ConfirmConfig confirm(JsonNode section) throws ConfigException {
        ConfirmConfig defaults = ConfirmConfig.defaults();
        KeyPath path = KeyPath.ROOT.key("confirm");
        return new ConfirmConfig(
                count(section, path, "pathThreshold", defaults.pathThreshold()),
                duration(section, path, "expiresAfter", defaults.expiresAfter()),
                duration(section, path, "approvalExpiresAfter", defaults.approvalExpiresAfter()));
    }

    private VerifyConfig verify(JsonNode section, JsonNode root, Map<String, DistributionConfig> distributions)
            throws ConfigException {
        VerifyConfig defaults = VerifyConfig.defaults();
        KeyPath path = KeyPath.ROOT.key("verify");
        int maxUrls = count(section, path, "maxUrls", defaults.maxUrls());
        if (maxUrls > VerifyConfig.MAX_URLS) {
            throw problem(
                    path.key("maxUrls"),
                    maxUrls + " is more than " + VerifyConfig.MAX_URLS + " — each URL is a"
                            + " request to your site; use at most " + VerifyConfig.MAX_URLS);
        }
        Duration timeout = duration(section, path, "timeout", defaults.timeout());
        if (timeout.compareTo(VerifyConfig.MAX_TIMEOUT) > 0) {
            throw problem(
                    path.key("timeout"),
                    Durations.format(timeout) + " is longer than "
                            + Durations.format(VerifyConfig.MAX_TIMEOUT)
                            + " — a URL that slow is reported as not checked;"
                            + " use at most " + Durations.format(VerifyConfig.MAX_TIMEOUT));
        }
        return new VerifyConfig(
                flag(section, path, "enabled", defaults.enabled()), maxUrls, timeout, overrides(root, distributions));
    }

    /** Each distribution's and tenant's own {@code verify}, by CloudFront id. */
    private Map<String, VerifyConfig.DistributionOverride> overrides(
            JsonNode root, Map<String, DistributionConfig> distributions) throws ConfigException {
        Map<String, VerifyConfig.DistributionOverride> overrides = new HashMap<>();
        for (String section : TARGET_SECTIONS.keySet()) {
            if (root.get(section) != null) {
                overrides(root.get(section), section, distributions, overrides);
            }
        }
        return overrides;
    }

    private void overrides(
            JsonNode targetNodes,
            String section,
            Map<String, DistributionConfig> distributions,
            Map<String, VerifyConfig.DistributionOverride> overrides)
            throws ConfigException {
        for (Map.Entry<String, JsonNode> entry : targetNodes.properties()) {
            KeyPath overridePath = KeyPath.ROOT.key(section).key(entry.getKey()).key("verify");
            JsonNode node = entry.getValue().get("verify");
            if (node != null && !node.isNull()) {
                if (!node.isObject()) {
                    throw problem(
                            overridePath,
                            "expected a mapping with " + joinAnd(DISTRIBUTION_VERIFY_KEYS) + ", found " + describe(node)
                                    + " — e.g. verify: {baseUrl: " + BASE_URL_EXAMPLE + "}");
                }
                checkKeys(node, overridePath, DISTRIBUTION_VERIFY_KEYS);
                String id = distributions
                        .get(Identifiers.normalizeAlias(entry.getKey()))
                        .id();
                Optional<Boolean> enabled =
                        node.has("enabled") ? Optional.of(flag(node, overridePath, "enabled", true)) : Optional.empty();
                overrides.put(
                        id,
                        new VerifyConfig.DistributionOverride(
                                baseUrl(node.get("baseUrl"), overridePath.key("baseUrl")), enabled));
            }
        }
    }

    /** An absolute http(s) URL without query or fragment, kept without its trailing slash: paths are appended. */
    private Optional<URI> baseUrl(JsonNode node, KeyPath path) throws ConfigException {
        if (node == null) {
            return Optional.empty();
        }
        if (!node.isTextual() || node.textValue().isBlank()) {
            throw problem(
                    path,
                    "expected a URL such as " + BASE_URL_EXAMPLE + ", found " + describe(node)
                            + " — or remove baseUrl to use the distribution's first domain name");
        }
        String text = node.textValue();
        URI url;
        try {
            url = new URI(text);
        } catch (URISyntaxException e) {
            throw problem(path, Text.quote(text) + " is not a URL — write it like " + BASE_URL_EXAMPLE);
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if ((!scheme.equals("https") && !scheme.equals("http")) || url.getHost() == null) {
            throw problem(
                    path,
                    Text.quote(text) + " is not an http:// or https:// URL with a host — e.g. " + BASE_URL_EXAMPLE);
        }
        if (url.getRawQuery() != null || url.getRawFragment() != null || url.getRawUserInfo() != null) {
            throw problem(
                    path,
                    Text.quote(text) + " has a query, a fragment or a user name — give only the scheme,"
                            + " the host and an optional path prefix, e.g. " + BASE_URL_EXAMPLE);
        }
        return Optional.of(URI.create(text.replaceAll("/+$", "")));
    }

    private boolean flag(JsonNode section, KeyPath sectionPath, String key, boolean fallback) throws ConfigException {
        JsonNode node = section == null ? null : section.get(key);
        if (node == null) {
            return fallback;
        }
        KeyPath path = sectionPath.key(key);
        if (node.isTextual()
                && (node.textValue().equals("true") || node.textValue().equals("false"))) {
            throw problem(path, "expected true or false, found " + describe(node) + " — remove the quotes");
        }
        if (!node.isBoolean()) {
            throw problem(path, "expected true or false, found " + describe(node));
        }
        return node.booleanValue();
    }

    private Duration duration(JsonNode section, KeyPath sectionPath, String key, Duration fallback)
            throws ConfigException {
        JsonNode node = section == null ? null : section.get(key);
        if (node == null) {
            return fallback;
        }
        KeyPath path = sectionPath.key(key);
        String example = Durations.format(fallback);
        if (node.isNull()) {
            throw problem(
                    path,
                    "empty — give a duration such as " + example + ", or remove the key to use the" + " default ("
                            + example + ")");
        }
        if (!node.isTextual() && !node.isNumber()) {
            throw problem(path, "expected a duration such as " + example + ", found " + describe(node));
        }
        Duration value;
        try {
            value = Durations.parse(node.asText());
        } catch (IllegalArgumentException e) {
            throw problem(path, e.getMessage());
        }
        if (value.isZero()) {
            throw problem(path, "must be longer than zero — e.g. " + example);
        }
        return value;
    }

    /** A number of events a second, more than zero, with or without a fraction: {@code 0.5}, {@code 2}. */
    private double rate(JsonNode section, KeyPath sectionPath, String key, double fallback) throws ConfigException {
        Optional<JsonNode> given = number(section, sectionPath, key, "a number", "\\d{1,10}(\\.\\d{1,10})?", fallback);
        if (given.isEmpty()) {
            return fallback;
        }
        JsonNode node = given.get();
        KeyPath path = sectionPath.key(key);
        if (!node.isNumber() || !Double.isFinite(node.doubleValue())) {
            throw problem(path, "expected a number such as " + fallback + ", found " + describe(node));
        }
        if (!(node.doubleValue() > 0)) {
            throw problem(path, "must be more than 0, found " + node.asText() + " — e.g. " + fallback);
        }
        return node.doubleValue();
    }

    private int count(JsonNode section, KeyPath sectionPath, String key, int fallback) throws ConfigException {
        Optional<JsonNode> given = number(section, sectionPath, key, "a whole number", "\\d{1,10}", fallback);
        if (given.isEmpty()) {
            return fallback;
        }
        JsonNode node = given.get();
        KeyPath path = sectionPath.key(key);
        if (!node.isIntegralNumber()) {
            throw problem(path, "expected a whole number such as " + fallback + ", found " + describe(node));
        }
        BigInteger value = node.bigIntegerValue();
        if (value.signum() < 1) {
            throw problem(path, "must be at least 1, found " + value + " — e.g. " + fallback);
        }
        if (value.bitLength() > 31) {
            throw problem(path, Strings.shorten(value.toString(), 40) + " is too large — e.g. " + fallback);
        }
        return value.intValue();
    }

    /**
     * The node of a numeric key, or empty when the key is absent (the default applies); an empty value and a number in
     * quotes ({@code quotedNumber}) are refused here with what to write instead.
     */
    private Optional<JsonNode> number(
            JsonNode section, KeyPath sectionPath, String key, String kind, String quotedNumber, Object fallback)
            throws ConfigException {
        JsonNode node = section == null ? null : section.get(key);
        if (node == null) {
            return Optional.empty();
        }
        KeyPath path = sectionPath.key(key);
        if (node.isNull()) {
            throw problem(
                    path,
                    "empty — give " + kind + " such as " + fallback + ", or remove the key to use the default ("
                            + fallback + ")");
        }
        if (node.isTextual() && node.textValue().matches(quotedNumber)) {
            throw problem(path, "expected " + kind + ", found " + describe(node) + " — remove the quotes");
        }
        return Optional.of(node);
    }

    private void checkKeys(JsonNode mapping, KeyPath path, List<String> known) throws ConfigException {
        for (Iterator<String> names = mapping.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                String hint = Suggestions.closest(name, known)
                        .map(suggestion -> "did you mean \"" + suggestion + "\"?")
                        .orElse("the keys here are " + joinAnd(known));
                throw problem(path.key(name), "unknown key — " + hint);
            }
        }
    }

    private ConfigException problem(KeyPath path, String text) {
        return ConfigException.at(fileName, path, text);
    }

    /** What a node is, for "expected …, found …": every reader of the file says it the same way. */
    static String describe(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "a list";
            case OBJECT -> "a mapping";
            case STRING -> "text " + Text.quote(node.textValue());
            case NUMBER -> "the number " + Strings.shorten(node.asText(), 40);
            case BOOLEAN -> node.asText();
            case NULL -> "nothing";
            case BINARY -> "binary data";
            case MISSING, POJO -> "a value of an unsupported kind";
        };
    }

    private static String joinAnd(List<String> words) {
        if (words.size() == 1) {
            return words.get(0);
        }
        return String.join(", ", words.subList(0, words.size() - 1)) + " and " + words.get(words.size() - 1);
    }
}

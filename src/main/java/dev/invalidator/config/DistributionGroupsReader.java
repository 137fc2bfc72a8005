package dev.invalidator.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads {@code distributionGroups:} once the targets are known: members are looked up through {@link
 * BotConfig#byAlias}, so whatever kind of target an alias names can be a member.
 */
final class DistributionGroupsReader {

    private static final String EXAMPLE = "distributionGroups: {sites: [web, shop]}";

    private final String fileName;

    DistributionGroupsReader(String fileName) {
        this.fileName = fileName;
    }

    Map<String, DistributionGroup> read(JsonNode node, BotConfig targets) throws ConfigException {
        KeyPath path = KeyPath.ROOT.key("distributionGroups");
        Map<String, DistributionGroup> groups = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return groups;
        }
        if (!node.isObject()) {
            throw problem(
                    path,
                    "expected a mapping from group name to members, found " + ConfigValidator.describe(node)
                            + " — e.g. " + EXAMPLE);
        }
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            KeyPath groupPath = path.key(entry.getKey());
            String name = name(entry.getKey(), groupPath, targets, groups);
            groups.put(name, new DistributionGroup(name, members(entry.getValue(), groupPath, targets)));
        }
        return groups;
    }

    private String name(String written, KeyPath path, BotConfig targets, Map<String, DistributionGroup> earlier)
            throws ConfigException {
        String name = Identifiers.normalizeAlias(written);
        Optional<String> invalid = Identifiers.nameProblem(name, "group name", "sites");
        if (invalid.isPresent()) {
            throw problem(path, invalid.get());
        }
        if (targets.byAlias(name).isPresent()) {
            throw problem(
                    path, "the alias of a distribution — a request naming it could mean either; rename the group");
        }
        Optional<DistributionConfig> byId = targets.byId(name);
        if (byId.isPresent()) {
            throw problem(
                    path,
                    "the CloudFront id of " + Text.quote(byId.get().alias())
                            + " — a request naming it could mean either; rename the group");
        }
        if (earlier.containsKey(name)) {
            throw problem(path, "the same name as another group (names ignore case) — rename one of them");
        }
        return name;
    }

    private List<String> members(JsonNode node, KeyPath path, BotConfig targets) throws ConfigException {
        if (!node.isArray()) {
            throw problem(
                    path,
                    "expected a list of distribution aliases, found " + ConfigValidator.describe(node)
                            + " — e.g. sites: [web, shop]");
        }
        List<String> members = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            KeyPath memberPath = path.index(i);
            JsonNode member = node.get(i);
            if (!member.isTextual()) {
                throw problem(
                        memberPath, "expected the alias of a distribution, found " + ConfigValidator.describe(member));
            }
            String written = member.textValue();
            Optional<DistributionConfig> target = targets.byAlias(written);
            if (target.isEmpty()) {
                String hint = Suggestions.closest(
                                written.toLowerCase(Locale.ROOT),
                                List.copyOf(targets.distributions().keySet()))
                        .map(suggestion -> "did you mean " + Text.quote(suggestion) + "?")
                        .orElse("the distributions are "
                                + String.join(", ", targets.distributions().keySet()));
                throw problem(memberPath, Text.quote(written) + " is not a configured distribution — " + hint);
            }
            String alias = target.get().alias();
            if (members.contains(alias)) {
                throw problem(
                        memberPath,
                        Text.quote(written) + " is listed twice (aliases ignore case) — list each member once");
            }
            members.add(alias);
        }
        if (members.size() < 2) {
            throw problem(
                    path,
                    (members.isEmpty() ? "no members" : "one member")
                            + " — a group sends one request to at least 2 distributions, e.g. [web, shop]");
        }
        return members;
    }

    private ConfigException problem(KeyPath path, String text) {
        return ConfigException.at(fileName, path, text);
    }
}

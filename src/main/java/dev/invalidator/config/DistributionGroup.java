package dev.invalidator.config;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * A name for several targets that one request goes to: {@code /invalidate sites /index.html} sends the same paths to
 * each member, as if it had been typed once per member.
 *
 * <pre>{@code
 * new DistributionGroup("sites", List.of("web", "shop", "docs"));
 * }</pre>
 *
 * @param name    follows the alias rules, in the same namespace as the targets' aliases
 * @param members the aliases of configured targets, in file order: at least 2, none twice
 */
public record DistributionGroup(String name, List<String> members) {

    public DistributionGroup {
        Objects.requireNonNull(name, "name");
        members = List.copyOf(members);
        if (!Identifiers.isAlias(name)) {
            throw new IllegalArgumentException("not a valid group name: " + name);
        }
        if (members.size() < 2) {
            throw new IllegalArgumentException("group " + name + " needs at least 2 members: " + members);
        }
        if (new HashSet<>(members).size() != members.size()) {
            throw new IllegalArgumentException("group " + name + " lists a member twice: " + members);
        }
    }
}

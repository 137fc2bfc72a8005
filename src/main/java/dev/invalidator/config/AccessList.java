package dev.invalidator.config;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * Who or where a distribution may be used: either anyone ({@code "*"} in the config) or a non-empty set of Slack
 * ids. The same record holds channel ids ({@code C…}, {@code G…}) and user and user-group ids ({@code U…},
 * {@code W…}, {@code S…}); {@link DistributionConfig} checks which kind goes where.
 *
 * <p>Ids keep the order of the config file, so messages list them as the operator wrote them; equality ignores
 * that order.
 *
 * <pre>{@code
 * AccessList ops = AccessList.of("C0OPS", "C0DEPLOYS");
 * ops.contains("C0OPS");                                   // true
 * AccessList.anyone().contains("C0RANDOM");                // true
 * AccessList.of("U0ALICE", "S0OPS").groupIds();            // [S0OPS]
 * }</pre>
 *
 * <p>The flag is called {@code allowsAnyone} rather than {@code anyone} because a record component named
 * {@code anyone} would clash with the {@link #anyone()} factory.
 *
 * @param allowsAnyone true when the config says {@code "*"}; then {@code ids} is empty
 * @param ids    Slack ids as Slack prints them (upper case), in file order
 */
public record AccessList(boolean allowsAnyone, Set<String> ids) {

    public AccessList {
        Objects.requireNonNull(ids, "ids");
        ids = Collections.unmodifiableSet(new LinkedHashSet<>(ids));
        for (String id : ids) {
            if (Identifiers.ANYONE.equals(id)) {
                throw new IllegalArgumentException("\"*\" is not an id; use AccessList.anyone()");
            }
            if (id == null || !Identifiers.isSlackId(id)) {
                throw new IllegalArgumentException("not a Slack id: " + id);
            }
        }
        if (allowsAnyone && !ids.isEmpty()) {
            throw new IllegalArgumentException("a list open to anyone holds no ids, found " + ids);
        }
        if (!allowsAnyone && ids.isEmpty()) {
            throw new IllegalArgumentException(
                    "an access list needs at least one id; use AccessList.anyone() for \"*\"");
        }
    }

    /** The list written {@code "*"}: every channel, or everyone. */
    public static AccessList anyone() {
        return new AccessList(true, Set.of());
    }

    /** A list of these ids, in this order. */
    public static AccessList of(String... ids) {
        return new AccessList(false, new LinkedHashSet<>(Arrays.asList(ids)));
    }

    /** Whether the list lets this id in: it is open to anyone or names the id. */
    public boolean contains(String id) {
        return allowsAnyone || ids.contains(id);
    }

    /** The user-group ids ({@code S…}) in the list, in file order; their members are let in too. */
    public Set<String> groupIds() {
        Set<String> groups = new LinkedHashSet<>();
        for (String id : ids) {
            if (Identifiers.isGroupId(id)) {
                groups.add(id);
            }
        }
        return Collections.unmodifiableSet(groups);
    }
}

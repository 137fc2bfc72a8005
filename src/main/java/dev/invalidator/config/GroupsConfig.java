package dev.invalidator.config;

import java.time.Duration;

/**
 * How long the members of a Slack user group are cached: a longer TTL means fewer Slack calls, a shorter one means
 * a person removed from a group loses access sooner.
 *
 * <pre>{@code
 * GroupsConfig groups = GroupsConfig.defaults();   // 5m
 * new GroupsConfig(Duration.ofMinutes(1));
 * }</pre>
 */
public record GroupsConfig(Duration cacheTtl) {

    public GroupsConfig {
        PollingConfig.requirePositive(cacheTtl, "cacheTtl");
    }

    /** 5 minutes: the value a config gets when it leaves {@code groups} out. */
    public static GroupsConfig defaults() {
        return new GroupsConfig(Duration.ofMinutes(5));
    }
}

package dev.invalidator.config;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The bot's whole configuration, validated once at start-up by {@link ConfigLoader} and never changed after.
 *
 * <pre>{@code
 * BotConfig config = ConfigLoader.load(Path.of("invalidator.yml"));
 * config.byAlias("Web").map(DistributionConfig::id);          // Optional[E1WEBEXAMPLE]
 * config.byId("e1webexample").map(DistributionConfig::alias); // Optional[web]
 * config.distributions().keySet();                            // [web, images], in file order
 * }</pre>
 *
 * @param distributions every target by alias — the distributions, then the distribution tenants, in file order; at
 *                      least one, no CloudFront id twice, no alias that is another target's id (aliases are one
 *                      namespace across distributions and tenants)
 * @param verify        the check after completion that the edge serves fresh copies
 * @param cloudfront    how fast the bot sends creates to each AWS account
 * @param queue         how many requests may wait for CloudFront per distribution, and for how long
 * @param distributionGroups by name, in file order: names for several targets one request goes to
 */
public record BotConfig(
        Map<String, DistributionConfig> distributions,
        PollingConfig polling,
        LimitsConfig limits,
        GroupsConfig groups,
        ConfirmConfig confirm,
        VerifyConfig verify,
        CloudFrontConfig cloudfront,
        QueueConfig queue,
        Map<String, DistributionGroup> distributionGroups) {

    /** A config without distribution groups. */
    public BotConfig(
            Map<String, DistributionConfig> distributions,
            PollingConfig polling,
            LimitsConfig limits,
            GroupsConfig groups,
            ConfirmConfig confirm,
            VerifyConfig verify,
            CloudFrontConfig cloudfront,
            QueueConfig queue) {
        this(distributions, polling, limits, groups, confirm, verify, cloudfront, queue, Map.of());
    }

    /** A config with the default {@code verify}, {@code cloudfront} and {@code queue} settings. */
    public BotConfig(
            Map<String, DistributionConfig> distributions,
            PollingConfig polling,
            LimitsConfig limits,
            GroupsConfig groups,
            ConfirmConfig confirm) {
        this(distributions, polling, limits, groups, confirm, VerifyConfig.defaults());
    }

    /** A config with the default {@code cloudfront} and {@code queue} settings. */
    public BotConfig(
            Map<String, DistributionConfig> distributions,
            PollingConfig polling,
            LimitsConfig limits,
            GroupsConfig groups,
            ConfirmConfig confirm,
            VerifyConfig verify) {
        this(distributions, polling, limits, groups, confirm, verify, CloudFrontConfig.defaults());
    }

    /** A config with the default {@code queue} settings. */
    public BotConfig(
            Map<String, DistributionConfig> distributions,
            PollingConfig polling,
            LimitsConfig limits,
            GroupsConfig groups,
            ConfirmConfig confirm,
            VerifyConfig verify,
            CloudFrontConfig cloudfront) {
        this(distributions, polling, limits, groups, confirm, verify, cloudfront, QueueConfig.defaults());
    }

    public BotConfig {
        Objects.requireNonNull(distributions, "distributions");
        Objects.requireNonNull(polling, "polling");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(groups, "groups");
        Objects.requireNonNull(confirm, "confirm");
        Objects.requireNonNull(verify, "verify");
        Objects.requireNonNull(cloudfront, "cloudfront");
        Objects.requireNonNull(queue, "queue");
        Objects.requireNonNull(distributionGroups, "distributionGroups");
        if (distributions.isEmpty()) {
            throw new IllegalArgumentException("a config needs at least one distribution");
        }
        // Ids compared ignoring case, as people type them: a tenant's id has both cases.
        Map<String, String> aliasById = new HashMap<>();
        for (Map.Entry<String, DistributionConfig> entry : distributions.entrySet()) {
            DistributionConfig distribution = Objects.requireNonNull(entry.getValue(), "distribution");
            if (!distribution.alias().equals(entry.getKey())) {
                throw new IllegalArgumentException(
                        "distribution " + distribution.alias() + " is filed under " + entry.getKey());
            }
            String other = aliasById.putIfAbsent(distribution.id().toUpperCase(Locale.ROOT), distribution.alias());
            if (other != null) {
                throw new IllegalArgumentException(
                        distribution.id() + " is under both " + other + " and " + distribution.alias());
            }
        }
        // A name that is one distribution's alias and another's id would resolve differently by lookup order.
        for (String alias : distributions.keySet()) {
            String owner = aliasById.get(alias.toUpperCase(Locale.ROOT));
            if (owner != null && !owner.equals(alias)) {
                throw new IllegalArgumentException("the alias " + alias + " is the id of " + owner);
            }
        }
        distributions = Collections.unmodifiableMap(new LinkedHashMap<>(distributions));
        for (Map.Entry<String, DistributionGroup> entry : distributionGroups.entrySet()) {
            if (!entry.getValue().name().equals(entry.getKey())) {
                throw new IllegalArgumentException(
                        "group " + entry.getValue().name() + " is filed under " + entry.getKey());
            }
        }
        distributionGroups = Collections.unmodifiableMap(new LinkedHashMap<>(distributionGroups));
    }

    /** The same config with these distribution groups, whose members {@link DistributionGroupsReader} checked. */
    BotConfig withDistributionGroups(Map<String, DistributionGroup> named) {
        return new BotConfig(distributions, polling, limits, groups, confirm, verify, cloudfront, queue, named);
    }

    /** The distribution group with this name, in any letter case. */
    public Optional<DistributionGroup> group(String name) {
        return Optional.ofNullable(distributionGroups.get(Identifiers.normalizeAlias(name)));
    }

    /** The distribution with this alias, in any letter case. */
    public Optional<DistributionConfig> byAlias(String alias) {
        return Optional.ofNullable(distributions.get(Identifiers.normalizeAlias(alias)));
    }

    /** The distribution or distribution tenant with this CloudFront id, in any letter case. */
    public Optional<DistributionConfig> byId(String id) {
        // A handful of targets: a scan is simpler than a second map to keep in step.
        return distributions.values().stream()
                .filter(d -> d.id().equalsIgnoreCase(id))
                .findFirst();
    }
}

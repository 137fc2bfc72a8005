package dev.invalidator.config;

import static dev.invalidator.config.Configs.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code distributionGroups}: a name for several distributions, each rule with the exact message a broken file gets. */
class DistributionGroupsConfigTest {

    private static final String THREE = """
            distributions:
              web: {id: E1WEBEXAMPLE, channels: [C0OPS], users: ["*"]}
              shop: {id: E2SHOPEXAMPLE, channels: [C0OPS], users: ["*"]}
              docs: {id: E3DOCSEXAMPLE, channels: [C0OPS], users: ["*"]}
            """;

    private static void assertRejected(String groups, String message) {
        assertThatThrownBy(() -> yaml(THREE + groups))
                .isInstanceOf(ConfigException.class)
                .hasMessage("invalidator.yml: " + message);
    }

    @Test
    void a_group_names_its_members_in_file_order() throws ConfigException {
        BotConfig config = yaml(THREE + "distributionGroups: {Sites: [web, SHOP, docs]}\n");

        assertThat(config.group("sites")).contains(new DistributionGroup("sites", List.of("web", "shop", "docs")));
        assertThat(config.group("SITES")).isPresent();
        assertThat(config.group("web")).isEmpty();
    }

    @Test
    void a_config_without_groups_has_none() throws ConfigException {
        assertThat(yaml(THREE).distributionGroups()).isEmpty();
        assertThat(yaml(THREE).group("sites")).isEqualTo(Optional.empty());
    }

    @Test
    void the_slack_user_groups_section_stays_apart() throws ConfigException {
        BotConfig config = yaml(THREE + "groups: {cacheTtl: 1m}\ndistributionGroups: {sites: [web, shop]}\n");

        assertThat(config.groups().cacheTtl()).hasMinutes(1);
        assertThat(config.group("sites")).isPresent();
    }

    @Test
    void a_group_named_like_a_distribution_is_rejected() {
        assertRejected(
                "distributionGroups: {web: [shop, docs]}\n",
                "distributionGroups.web: the alias of a distribution — a request naming it could mean either;"
                        + " rename the group");
    }

    @Test
    void a_group_named_like_a_distribution_id_is_rejected() {
        assertRejected(
                "distributionGroups: {e1webexample: [shop, docs]}\n",
                "distributionGroups.e1webexample: the CloudFront id of \"web\" — a request naming it could mean"
                        + " either; rename the group");
    }

    @Test
    void a_group_needs_two_members() {
        assertRejected(
                "distributionGroups: {sites: [web]}\n",
                "distributionGroups.sites: one member — a group sends one request to at least 2 distributions,"
                        + " e.g. [web, shop]");
    }

    @Test
    void a_member_named_twice_is_rejected() {
        assertRejected(
                "distributionGroups: {sites: [web, shop, Web]}\n",
                "distributionGroups.sites[2]: \"Web\" is listed twice (aliases ignore case) — list each member once");
    }

    @Test
    void an_unknown_member_is_named() {
        assertRejected(
                "distributionGroups: {sites: [web, shpo]}\n",
                "distributionGroups.sites[1]: \"shpo\" is not a configured distribution — did you mean \"shop\"?");
    }

    @Test
    void a_member_must_be_an_alias_not_a_list() {
        assertRejected(
                "distributionGroups: {sites: [web, [shop]]}\n",
                "distributionGroups.sites[1]: expected the alias of a distribution, found a list");
    }

    @Test
    void a_group_must_list_its_members() {
        assertRejected(
                "distributionGroups: {sites: web}\n",
                "distributionGroups.sites: expected a list of distribution aliases, found text \"web\""
                        + " — e.g. sites: [web, shop]");
    }

    @Test
    void the_section_must_be_a_mapping() {
        assertRejected(
                "distributionGroups: [web, shop]\n",
                "distributionGroups: expected a mapping from group name to members, found a list"
                        + " — e.g. distributionGroups: {sites: [web, shop]}");
    }

    @Test
    void a_group_name_follows_the_alias_rules() {
        assertRejected(
                "distributionGroups: {status: [web, shop]}\n",
                "distributionGroups.status: \"status\" is a sub-command of the bot, so it can't be a group name"
                        + " — pick another name");
        assertRejected(
                "distributionGroups: {\"all sites\": [web, shop]}\n",
                "distributionGroups.\"all sites\": not a valid group name — use 1 to 32 lower-case letters, digits,"
                        + " \"-\" or \"_\", starting with a letter or digit, e.g. sites");
    }
}

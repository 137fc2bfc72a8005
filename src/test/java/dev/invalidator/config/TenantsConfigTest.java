package dev.invalidator.config;

import static dev.invalidator.config.Configs.VALID;
import static dev.invalidator.config.Configs.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code tenants:} lists distribution tenants as targets, read and checked as distributions are. */
class TenantsConfigTest {

    private static final String TENANT_ID = "dt_2wjDZi3hD1ivOXf6rpZJOSNE1AB";
    private static final String ACME = "{id: " + TENANT_ID + ", channels: [C0ACME], users: [U0ALICE]}";

    private static void assertRejected(String content, String message) {
        assertThatThrownBy(() -> yaml(content))
                .isInstanceOf(ConfigException.class)
                .hasMessage("invalidator.yml: " + message);
    }

    @Test
    void a_tenant_is_a_target_found_by_its_alias_and_by_its_id_in_any_case() throws Exception {
        BotConfig config = yaml(VALID + "tenants: {acme: " + ACME + "}\n");

        DistributionConfig acme = config.byAlias("ACME").orElseThrow();
        assertThat(acme.id()).isEqualTo(TENANT_ID);
        assertThat(acme.kind()).isEqualTo(TargetKind.TENANT);
        assertThat(acme.channels().ids()).containsExactly("C0ACME");
        assertThat(config.byId(TENANT_ID.toUpperCase(java.util.Locale.ROOT))).contains(acme);
        assertThat(config.byAlias("web").orElseThrow().kind()).isEqualTo(TargetKind.DISTRIBUTION);
        assertThat(config.distributions().keySet()).containsExactly("web", "acme");
    }

    @Test
    void a_tenant_has_approvals_a_role_and_its_own_verify_like_a_distribution() throws Exception {
        BotConfig config = yaml("tenants: {acme: {id: " + TENANT_ID + ", channels: \"*\", users: \"*\","
                + " approvers: [U0LEAD], approvalFor: all, roleArn: \"arn:aws:iam::111122223333:role/saas\","
                + " verify: {baseUrl: \"https://acme.example.com\"}}}\n");

        DistributionConfig acme = config.byAlias("acme").orElseThrow();
        assertThat(acme.approval().scope()).isEqualTo(Approval.Scope.ALL);
        assertThat(acme.account()).isEqualTo("111122223333");
        assertThat(config.verify().forDistribution(TENANT_ID).baseUrl())
                .isEqualTo(Optional.of(URI.create("https://acme.example.com")));
    }

    @Test
    void an_alias_both_a_distribution_and_a_tenant_is_refused_by_name() {
        assertRejected(
                VALID + "tenants: {Web: " + ACME + "}\n",
                "tenants.Web: already the alias of distributions.web — distributions and tenants share one namespace"
                        + " of aliases, so a request naming it could mean either; rename one of them");
    }

    @Test
    void a_distribution_id_under_tenants_is_refused_saying_where_it_belongs() {
        assertRejected(
                VALID + "tenants: {acme: {id: E2ACMEEXAMPLE, channels: \"*\", users: \"*\"}}\n",
                "tenants.acme.id: \"E2ACMEEXAMPLE\" is not a distribution tenant id — that is a distribution's id; list"
                        + " it under distributions: instead, or use the tenant's id from the CloudFront console"
                        + " (Distribution tenants), e.g. " + TENANT_ID);
    }

    @Test
    void a_tenant_id_under_distributions_is_refused_saying_where_it_belongs() {
        assertRejected(
                "distributions: {acme: " + ACME + "}\n",
                "distributions.acme.id: \"" + TENANT_ID + "\" is not a CloudFront distribution id — that is a"
                        + " distribution tenant's id; list it under tenants: instead");
    }

    @Test
    void a_tenant_id_of_another_form_is_refused_with_the_form() {
        assertRejected(
                "tenants: {acme: {id: \"dt-acme\", channels: \"*\", users: \"*\"}}\n",
                "tenants.acme.id: \"dt-acme\" is not a distribution tenant id — tenant ids are dt_ followed by letters"
                        + " and digits, e.g. " + TENANT_ID);
    }

    @Test
    void the_same_tenant_under_two_aliases_is_refused() {
        assertRejected(
                "tenants: {acme: " + ACME + ", acme2: " + ACME + "}\n",
                "tenants.acme2.id: " + TENANT_ID + " is already the id of \"acme\" — each distribution gets one"
                        + " alias; remove one of them");
    }

    @Test
    void an_empty_tenants_key_is_refused_with_an_example() {
        assertRejected(
                VALID + "tenants: {}\n",
                "tenants: empty — add at least one distribution tenant, e.g. tenants: {shop-acme: {id: " + TENANT_ID
                        + ", channels: [C0OPS], users: [\"*\"]}}");
    }
}

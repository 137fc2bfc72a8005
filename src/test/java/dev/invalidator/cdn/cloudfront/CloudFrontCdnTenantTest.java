package dev.invalidator.cdn.cloudfront;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.invalidator.cdn.CdnException;
import dev.invalidator.cdn.CdnException.Failure;
import dev.invalidator.cdn.DistributionCatalog;
import dev.invalidator.cdn.Invalidation;
import dev.invalidator.config.BotConfig;
import dev.invalidator.config.ConfigLoader;
import dev.invalidator.sandbox.CloudFrontSimulator.Fault;
import dev.invalidator.sandbox.CloudFrontSimulator.Operation;
import dev.invalidator.testing.CloudFrontFixture;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link CloudFrontCdn} and the {@link DistributionCatalog} on a distribution tenant, through the real SDK. */
class CloudFrontCdnTenantTest {

    private static final String ACME = "dt_2wjDZi3hD1ivOXf6rpZJOSNE1AB";

    private final CloudFrontFixture cloudFront = new CloudFrontFixture();

    {
        cloudFront.simulator.addTenant(ACME, CloudFrontFixture.WEB, "acme.example.com", "www.acme.example.com");
    }

    @AfterEach
    void close() {
        cloudFront.close();
    }

    @Test
    void a_tenants_invalidation_is_created_read_and_listed_through_the_tenant_operations() {
        String reference = CloudFrontFixture.reference();

        Invalidation created = cloudFront.cdn.create(ACME, reference, List.of("/index.html"));

        assertThat(created.distributionId()).isEqualTo(ACME);
        assertThat(cloudFront.cdn.invalidation(ACME, created.id()).callerReference())
                .isEqualTo(reference);
        assertThat(cloudFront.cdn.findByCallerReference(ACME, reference)).contains(created);
        assertThat(cloudFront
                        .cdn
                        .create(ACME, reference, List.of("/index.html"))
                        .id())
                .isEqualTo(created.id());
        assertThat(cloudFront.simulator.calls(Operation.CREATE_INVALIDATION)).isZero();
        assertThat(cloudFront.simulator.invalidations(CloudFrontFixture.WEB)).isEmpty();
    }

    @Test
    void a_tenant_cloudfront_does_not_know_is_no_such_tenant_saying_where_to_look() {
        assertThatThrownBy(() -> cloudFront.cdn.tenant("dt_nobody")).isInstanceOfSatisfying(CdnException.class, e -> {
            assertThat(e.failure()).isEqualTo(Failure.NO_SUCH_TENANT);
            assertThat(e.getMessage())
                    .isEqualTo("CloudFront has no distribution tenant dt_nobody that the bot's"
                            + " AWS identity can see.");
            assertThat(e.nextStep()).contains("under tenants:");
        });
        assertThat(cloudFront.cdn.tenantByDomain("nobody.example.com", ACME)).isEmpty();
    }

    @Test
    void a_denied_tenant_create_names_the_tenant_action_and_its_arn() {
        cloudFront.simulator.injectFault(Operation.CREATE_INVALIDATION_FOR_DISTRIBUTION_TENANT, Fault.ACCESS_DENIED, 1);

        assertThatThrownBy(() -> cloudFront.cdn.create(ACME, CloudFrontFixture.reference(), List.of("/a")))
                .isInstanceOfSatisfying(CdnException.class, e -> {
                    assertThat(e.failure()).isEqualTo(Failure.ACCESS_DENIED);
                    assertThat(e.nextStep())
                            .isEqualTo("Ask an AWS admin to allow cloudfront:CreateInvalidationForDistributionTenant on"
                                    + " arn:aws:cloudfront::<account>:distribution-tenant/" + ACME
                                    + " (see deploy/iam-policy.json).");
                });
    }

    @Test
    void the_catalog_reads_a_tenants_domains_and_counts_its_limits_with_its_parent() throws Exception {
        BotConfig config = ConfigLoader.parse(
                "tenants: {acme: {id: " + ACME + ", channels: \"*\", users: \"*\"}}\n",
                "test.yml",
                ConfigLoader.Format.YAML);
        DistributionCatalog catalog =
                new DistributionCatalog(config, cloudFront.cdn, Duration.ofMinutes(10), Clock.systemUTC());
        assertThat(catalog.limitScope(ACME)).as("before it is read").isEqualTo(ACME);

        assertThat(catalog.details(config.byAlias("acme").orElseThrow()).viewerHost())
                .isEqualTo("acme.example.com");
        assertThat(catalog.limitScope(ACME)).isEqualTo(CloudFrontFixture.WEB);
        assertThat(catalog.resolve("WWW.acme.example.com"))
                .contains(config.byAlias("acme").orElseThrow());
        assertThat(catalog.resolve("www.example.com"))
                .as("the parent is not configured")
                .isEmpty();
    }
}

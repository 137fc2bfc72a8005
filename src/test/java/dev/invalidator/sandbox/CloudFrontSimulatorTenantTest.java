package dev.invalidator.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudfront.model.CreateInvalidationForDistributionTenantResponse;
import software.amazon.awssdk.services.cloudfront.model.DistributionTenant;
import software.amazon.awssdk.services.cloudfront.model.DomainResult;
import software.amazon.awssdk.services.cloudfront.model.EntityNotFoundException;
import software.amazon.awssdk.services.cloudfront.model.Invalidation;
import software.amazon.awssdk.services.cloudfront.model.InvalidationList;
import software.amazon.awssdk.services.cloudfront.model.NoSuchDistributionException;
import software.amazon.awssdk.services.cloudfront.model.TooManyInvalidationsInProgressException;

/**
 * The distribution-tenant operations as the real AWS SDK unmarshals them: GetDistributionTenant, its look-up by domain,
 * and the three invalidation operations on {@code /distribution-tenant/{id}}, with the tenant's invalidations its own
 * and its in-progress paths counted against its parent's limits.
 */
class CloudFrontSimulatorTenantTest extends SimulatorFixture {

    private static final String ACME = "dt_2wjDZi3hD1ivOXf6rpZJOSNE1AB";
    private static final String GLOBEX = "dt_2xVInRKCfUzQHgxosDs9hiLk1AB";

    @BeforeEach
    void addTenants() {
        sim.addTenant(ACME, DIST, "acme.example.com", "www.acme.example.com");
        sim.addTenant(GLOBEX, DIST, "globex.example.com");
    }

    @Test
    void get_distribution_tenant_answers_its_parent_and_domains() {
        DistributionTenant tenant =
                cf.getDistributionTenant(r -> r.identifier(ACME)).distributionTenant();

        assertThat(tenant.id()).isEqualTo(ACME);
        assertThat(tenant.distributionId()).isEqualTo(DIST);
        assertThat(tenant.domains().stream().map(DomainResult::domain))
                .containsExactly("acme.example.com", "www.acme.example.com");
        assertThat(tenant.arn()).isEqualTo("arn:aws:cloudfront::123456789012:distribution-tenant/" + ACME);
    }

    @Test
    void a_tenant_is_found_by_any_of_its_domains_and_an_unknown_domain_is_entity_not_found() {
        assertThat(cf.getDistributionTenantByDomain(r -> r.domain("WWW.acme.example.com"))
                        .distributionTenant()
                        .id())
                .isEqualTo(ACME);
        assertThatThrownBy(() -> cf.getDistributionTenantByDomain(r -> r.domain("nobody.example.com")))
                .isInstanceOf(EntityNotFoundException.class);
    }

    @Test
    void an_unknown_tenant_is_entity_not_found_and_a_tenant_is_no_distribution() {
        assertThatThrownBy(() -> cf.getDistributionTenant(r -> r.identifier("dt_nobody")))
                .isInstanceOf(EntityNotFoundException.class);
        assertThatThrownBy(() -> cf.getDistribution(r -> r.id(ACME))).isInstanceOf(NoSuchDistributionException.class);
        assertThatThrownBy(() -> cf.createInvalidationForDistributionTenant(r -> r.id(DIST)
                        .invalidationBatch(b -> b.callerReference("ref-1")
                                .paths(p -> p.quantity(1).items("/x")))))
                .isInstanceOf(EntityNotFoundException.class);
    }

    @Test
    void a_tenants_invalidation_is_created_read_and_listed_on_the_tenant_alone() {
        CreateInvalidationForDistributionTenantResponse created = createOn(ACME, "ref-1", List.of("/index.html"));

        assertThat(created.location())
                .isEqualTo(sim.endpoint() + "/2020-05-31/distribution-tenant/" + ACME + "/invalidation/"
                        + created.invalidation().id());
        Invalidation read = cf.getInvalidationForDistributionTenant(r ->
                        r.distributionTenantId(ACME).id(created.invalidation().id()))
                .invalidation();
        assertThat(read.invalidationBatch().callerReference()).isEqualTo("ref-1");
        assertThat(read.invalidationBatch().paths().items()).containsExactly("/index.html");
        InvalidationList list = cf.listInvalidationsForDistributionTenant(
                        r -> r.id(ACME).maxItems(10))
                .invalidationList();
        assertThat(list.items()).extracting(s -> s.id()).containsExactly(read.id());
        assertThat(sim.invalidations(DIST)).isEmpty();
        assertThat(sim.invalidations(GLOBEX)).isEmpty();
    }

    @Test
    void the_same_caller_reference_on_a_tenant_returns_the_earlier_invalidation() {
        String first = createOn(ACME, "ref-1", List.of("/a")).invalidation().id();

        assertThat(createOn(ACME, "ref-1", List.of("/a")).invalidation().id()).isEqualTo(first);
        assertThat(sim.invalidations(ACME)).hasSize(1);
    }

    @Test
    void tenants_wildcards_in_progress_count_against_their_parents_limit_with_the_parents_own() {
        sim.holdCompletions(true);
        IntStream.range(0, 5)
                .forEach(i -> cf.createInvalidation(r -> r.distributionId(DIST)
                        .invalidationBatch(b -> b.callerReference("parent-" + i)
                                .paths(p -> p.quantity(1).items("/parent" + i + "/*")))));
        sim.limits(CloudFrontLimits.strict());
        IntStream.range(0, 5).forEach(i -> createOn(ACME, "acme-" + i, List.of("/acme" + i + "/*")));
        sim.limits(CloudFrontLimits.strict());
        IntStream.range(0, 5).forEach(i -> createOn(GLOBEX, "globex-" + i, List.of("/globex" + i + "/*")));
        sim.limits(CloudFrontLimits.strict());

        assertThatThrownBy(() -> createOn(ACME, "acme-16", List.of("/one-too-many/*")))
                .isInstanceOf(TooManyInvalidationsInProgressException.class);
        assertThat(sim.invalidations(OTHER_DIST)).isEmpty();
        cf.createInvalidation(r -> r.distributionId(OTHER_DIST)
                .invalidationBatch(
                        b -> b.callerReference("other").paths(p -> p.quantity(1).items("/other/*"))));
    }

    private CreateInvalidationForDistributionTenantResponse createOn(
            String tenant, String reference, List<String> paths) {
        return cf.createInvalidationForDistributionTenant(r -> r.id(tenant)
                .invalidationBatch(b -> b.callerReference(reference)
                        .paths(p -> p.quantity(paths.size()).items(paths))));
    }
}

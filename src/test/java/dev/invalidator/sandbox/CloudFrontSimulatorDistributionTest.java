package dev.invalidator.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.invalidator.sandbox.CloudFrontSimulator.Operation;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudfront.model.DistributionSummary;
import software.amazon.awssdk.services.cloudfront.model.GetDistributionResponse;
import software.amazon.awssdk.services.cloudfront.model.ListDistributionsRequest;
import software.amazon.awssdk.services.cloudfront.model.NoSuchDistributionException;
import software.amazon.awssdk.services.cloudfront.paginators.ListDistributionsIterable;

class CloudFrontSimulatorDistributionTest extends SimulatorFixture {

    @Test
    void get_distribution_parses_domain_aliases_arn_and_etag() {
        GetDistributionResponse response = cf.getDistribution(r -> r.id(DIST));

        assertThat(response.eTag()).matches("E[A-Z0-9]{13}");
        assertThat(response.distribution().id()).isEqualTo(DIST);
        assertThat(response.distribution().arn()).isEqualTo("arn:aws:cloudfront::123456789012:distribution/" + DIST);
        assertThat(response.distribution().status()).isEqualTo("Deployed");
        assertThat(response.distribution().lastModifiedTime()).isNotNull();
        assertThat(response.distribution().domainName()).isEqualTo(DOMAIN);
        assertThat(response.distribution().distributionConfig().aliases().items())
                .containsExactly("www.example.com", "static.example.com");
        assertThat(response.distribution().distributionConfig().aliases().quantity())
                .isEqualTo(2);
        assertThat(response.distribution().distributionConfig().enabled()).isTrue();
        assertThat(response.distribution().distributionConfig().origins().items())
                .hasSize(1);
        assertThat(response.distribution()
                        .distributionConfig()
                        .defaultCacheBehavior()
                        .targetOriginId())
                .isEqualTo(response.distribution()
                        .distributionConfig()
                        .origins()
                        .items()
                        .get(0)
                        .id());
    }

    @Test
    void distribution_without_aliases_has_no_alias_items() {
        GetDistributionResponse response = cf.getDistribution(r -> r.id(OTHER_DIST));

        assertThat(response.distribution().distributionConfig().aliases().quantity())
                .isZero();
        assertThat(response.distribution().distributionConfig().aliases().items())
                .isEmpty();
    }

    @Test
    void in_progress_invalidation_batches_counts_running_invalidations() {
        sim.holdCompletions(true);
        String first = create(DIST, "ref-1", "/a").invalidation().id();
        create(DIST, "ref-2", "/b");
        sim.complete(first);

        assertThat(cf.getDistribution(r -> r.id(DIST)).distribution().inProgressInvalidationBatches())
                .isEqualTo(1);
    }

    @Test
    void unknown_distribution_is_no_such_distribution() {
        assertThatThrownBy(() -> cf.getDistribution(r -> r.id("ENOSUCH")))
                .isInstanceOfSatisfying(NoSuchDistributionException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(404);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NoSuchDistribution");
                    assertThat(e.awsErrorDetails().errorMessage())
                            .isEqualTo("The specified distribution does not exist.");
                    assertThat(e.requestId()).isNotBlank();
                });
        assertThat(sim.calls(Operation.GET_DISTRIBUTION, "ENOSUCH")).isEqualTo(1);
    }

    @Test
    void list_distributions_returns_every_distribution_in_order_of_addition() {
        var list = cf.listDistributions().distributionList();

        assertThat(list.quantity()).isEqualTo(2);
        assertThat(list.isTruncated()).isFalse();
        assertThat(list.items()).extracting(DistributionSummary::id).containsExactly(DIST, OTHER_DIST);
        assertThat(list.items().get(0).domainName()).isEqualTo(DOMAIN);
        assertThat(list.items().get(0).aliases().items()).containsExactly("www.example.com", "static.example.com");
        assertThat(list.items().get(0).arn()).endsWith(":distribution/" + DIST);
    }

    @Test
    void list_distributions_paginates() {
        sim.addDistribution("E2SIMULATOR0003", "d333333abcdef8.cloudfront.net");

        List<String> ids = new ListDistributionsIterable(
                        cf, ListDistributionsRequest.builder().maxItems("2").build())
                .stream()
                        .flatMap(page -> page.distributionList().items().stream())
                        .map(DistributionSummary::id)
                        .toList();

        assertThat(ids).containsExactly(DIST, OTHER_DIST, "E2SIMULATOR0003");
        assertThat(sim.calls(Operation.LIST_DISTRIBUTIONS)).isEqualTo(2);
    }

    @Test
    void adding_a_known_distribution_again_fails() {
        assertThatThrownBy(() -> sim.addDistribution(DIST, DOMAIN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(DIST);
    }

    @Test
    void a_distribution_without_cache_tags_has_no_cache_tag_config() {
        assertThat(cf.getDistribution(r -> r.id(DIST))
                        .distribution()
                        .distributionConfig()
                        .cacheTagConfig())
                .isNull();
    }

    @Test
    void a_cache_tag_header_is_served_as_cache_tag_config_and_changes_the_etag() {
        String before = cf.getDistribution(r -> r.id(DIST)).eTag();

        sim.cacheTagHeader(DIST, "Edge-Cache-Tag");
        GetDistributionResponse response = cf.getDistribution(r -> r.id(DIST));

        assertThat(response.distribution().distributionConfig().cacheTagConfig().headerName())
                .isEqualTo("Edge-Cache-Tag");
        assertThat(response.eTag()).isNotEqualTo(before);
    }

    @Test
    void a_removed_cache_tag_header_is_served_as_no_cache_tag_config() {
        sim.cacheTagHeader(DIST, "Edge-Cache-Tag");
        sim.removeCacheTagHeader(DIST);

        assertThat(cf.getDistribution(r -> r.id(DIST))
                        .distribution()
                        .distributionConfig()
                        .cacheTagConfig())
                .isNull();
    }
}

package dev.invalidator.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.invalidator.sandbox.CloudFrontSimulator.Operation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudfront.model.InvalidArgumentException;
import software.amazon.awssdk.services.cloudfront.model.InvalidationList;
import software.amazon.awssdk.services.cloudfront.model.InvalidationSummary;
import software.amazon.awssdk.services.cloudfront.model.ListInvalidationsRequest;
import software.amazon.awssdk.services.cloudfront.paginators.ListInvalidationsIterable;

class CloudFrontSimulatorPaginationTest extends SimulatorFixture {

    private static final Instant START = Instant.parse("2025-01-01T00:00:00.123Z");

    /** Ids newest first. */
    private final List<String> newestFirst = new ArrayList<>();

    @BeforeEach
    void seed250() {
        for (int i = 0; i < 250; i++) {
            boolean completed = i < 200;
            newestFirst.add(
                    0,
                    sim.seedInvalidation(DIST, List.of("/p" + i), START.plusSeconds(i), completed, "ref-" + i)
                            .id());
        }
    }

    @Test
    void three_pages_of_100_newest_first_with_next_marker() {
        InvalidationList first = list(null, "100");
        InvalidationList second = list(first.nextMarker(), "100");
        InvalidationList third = list(second.nextMarker(), "100");

        assertThat(first.marker()).isEmpty();
        assertThat(first.maxItems()).isEqualTo(100);
        assertThat(first.quantity()).isEqualTo(100);
        assertThat(first.isTruncated()).isTrue();
        assertThat(first.nextMarker()).isEqualTo(newestFirst.get(99));
        assertThat(ids(first)).isEqualTo(newestFirst.subList(0, 100));

        assertThat(second.marker()).isEqualTo(first.nextMarker());
        assertThat(second.isTruncated()).isTrue();
        assertThat(second.nextMarker()).isEqualTo(newestFirst.get(199));
        assertThat(ids(second)).isEqualTo(newestFirst.subList(100, 200));

        assertThat(third.quantity()).isEqualTo(50);
        assertThat(third.isTruncated()).isFalse();
        assertThat(third.nextMarker()).isNull();
        assertThat(ids(third)).isEqualTo(newestFirst.subList(200, 250));
        assertThat(sim.calls(Operation.LIST_INVALIDATIONS, DIST)).isEqualTo(3);
    }

    @Test
    void summaries_carry_create_time_and_status() {
        InvalidationSummary newest = list(null, "1").items().get(0);
        InvalidationSummary oldest = list(newestFirst.get(248), "1").items().get(0);

        assertThat(newest.createTime()).isEqualTo(START.plusSeconds(249));
        assertThat(newest.status()).isEqualTo("InProgress");
        assertThat(oldest.id()).isEqualTo(newestFirst.get(249));
        assertThat(oldest.createTime()).isEqualTo(START);
        assertThat(oldest.status()).isEqualTo("Completed");
    }

    @Test
    void default_max_items_is_100() {
        InvalidationList page =
                cf.listInvalidations(r -> r.distributionId(DIST)).invalidationList();

        assertThat(page.maxItems()).isEqualTo(100);
        assertThat(page.quantity()).isEqualTo(100);
    }

    @Test
    void the_sdk_paginator_walks_every_page() {
        var request = ListInvalidationsRequest.builder()
                .distributionId(DIST)
                .maxItems("100")
                .build();
        List<String> all = new ListInvalidationsIterable(cf, request)
                .stream()
                        .flatMap(page -> page.invalidationList().items().stream())
                        .map(InvalidationSummary::id)
                        .toList();

        assertThat(all).isEqualTo(newestFirst);
        assertThat(sim.calls(Operation.LIST_INVALIDATIONS)).isEqualTo(3);
    }

    @Test
    void bad_max_items_and_unknown_marker_are_invalid_argument() {
        assertThatThrownBy(() -> list(null, "0")).isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> list(null, "ten")).isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> list("INOSUCH", "10")).isInstanceOf(InvalidArgumentException.class);
    }

    @Test
    void empty_history_is_an_empty_page() {
        InvalidationList page =
                cf.listInvalidations(r -> r.distributionId(OTHER_DIST)).invalidationList();

        assertThat(page.quantity()).isZero();
        assertThat(page.isTruncated()).isFalse();
        assertThat(page.items()).isEmpty();
    }

    private InvalidationList list(String marker, String maxItems) {
        return cf.listInvalidations(r -> r.distributionId(DIST).marker(marker).maxItems(maxItems))
                .invalidationList();
    }

    private static List<String> ids(InvalidationList page) {
        return page.items().stream().map(InvalidationSummary::id).toList();
    }
}

package dev.invalidator.cdn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The paging helper over a CDN that serves fixed pages by marker and records every ListInvalidations it answers. */
class InvalidationPagesTest {

    private static final String DIST = "E1WEBEXAMPLE";
    private static final Instant NOW = Instant.parse("2026-11-03T10:00:00Z");

    @Nested
    class Laziness {

        @Test
        void asks_nothing_until_the_first_page_is_read() {
            PagedCdn cdn = PagedCdn.of(page(3, "m1"), page(3, null));

            Iterator<InvalidationPage> pages = cdn.invalidationPages(DIST, 3).iterator();

            assertThat(pages.hasNext()).isTrue();
            assertThat(cdn.markersAsked).isEmpty();
        }

        @Test
        void asks_for_a_page_only_when_the_caller_goes_past_the_one_before() {
            PagedCdn cdn = PagedCdn.of(page(3, "m1"), page(3, "m2"), page(3, null));

            Iterator<InvalidationPage> pages = cdn.invalidationPages(DIST, 3).iterator();
            pages.next();

            assertThat(pages.hasNext()).isTrue();
            assertThat(cdn.markersAsked).containsExactly((String) null);
        }

        @Test
        void follows_each_next_marker_in_turn_to_the_last_page() {
            PagedCdn cdn = PagedCdn.of(page(3, "m1"), page(3, "m2"), page(1, null));

            List<InvalidationPage> read = new ArrayList<>();
            cdn.invalidationPages(DIST, 3).forEach(read::add);

            assertThat(read).hasSize(3);
            assertThat(cdn.markersAsked).containsExactly(null, "m1", "m2");
            assertThat(cdn.pageSizesAsked).containsOnly(3);
        }

        @Test
        void asks_no_further_page_when_the_caller_breaks_out_of_the_loop() {
            PagedCdn cdn = PagedCdn.of(page(3, "m1"), page(3, "m2"), page(3, null));

            for (InvalidationPage page : cdn.invalidationPages(DIST, 3)) {
                if (page.nextMarker().equals(Optional.of("m1"))) {
                    break;
                }
            }

            assertThat(cdn.markersAsked).containsExactly((String) null);
        }

        @Test
        void summaries_cut_to_one_page_cost_one_call() {
            PagedCdn cdn = PagedCdn.of(page(3, "m1"), page(3, null));

            List<InvalidationSummary> newest =
                    cdn.invalidationPages(DIST, 3).summaries().limit(3).toList();

            assertThat(newest).hasSize(3);
            assertThat(cdn.markersAsked).containsExactly((String) null);
        }

        @Test
        void summaries_cut_inside_the_second_page_cost_two_calls() {
            PagedCdn cdn = PagedCdn.of(page(3, "m1"), page(3, "m2"), page(3, null));

            List<InvalidationSummary> newest =
                    cdn.invalidationPages(DIST, 3).summaries().limit(4).toList();

            assertThat(newest).hasSize(4);
            assertThat(cdn.markersAsked).containsExactly(null, "m1");
        }

        @Test
        void each_iterator_starts_again_from_the_newest_page() {
            PagedCdn cdn = PagedCdn.of(page(3, "m1"), page(3, null));
            InvalidationPages pages = cdn.invalidationPages(DIST, 3);

            pages.iterator().next();
            pages.iterator().next();

            assertThat(cdn.markersAsked).containsExactly(null, null);
        }
    }

    @Nested
    class Ends {

        @Test
        void an_empty_page_with_a_next_marker_is_passed_on_and_reading_goes_on() {
            PagedCdn cdn = PagedCdn.of(page(0, "m1"), page(2, null));

            assertThat(cdn.invalidationPages(DIST, 3).summaries()).hasSize(2);
            assertThat(cdn.markersAsked).containsExactly(null, "m1");
        }

        @Test
        void an_empty_distribution_is_one_empty_page() {
            PagedCdn cdn = PagedCdn.of(page(0, null));

            List<InvalidationPage> read = new ArrayList<>();
            cdn.invalidationPages(DIST, 3).forEach(read::add);

            assertThat(read)
                    .singleElement()
                    .satisfies(page -> assertThat(page.items()).isEmpty());
        }

        @Test
        void a_marker_named_a_second_time_ends_the_reading() {
            PagedCdn cdn =
                    new PagedCdn(Map.of(PagedCdn.FIRST, page(2, "m1"), "m1", page(2, "m2"), "m2", page(2, "m1")));

            assertThat(cdn.invalidationPages(DIST, 3).summaries()).hasSize(6);
            assertThat(cdn.markersAsked).containsExactly(null, "m1", "m2");
        }

        @Test
        void a_page_that_names_its_own_marker_ends_the_reading() {
            PagedCdn cdn = new PagedCdn(Map.of(PagedCdn.FIRST, page(1, "m1"), "m1", page(1, "m1")));

            assertThat(cdn.invalidationPages(DIST, 3).summaries()).hasSize(2);
        }

        @Test
        void no_page_follows_the_last_one() {
            Iterator<InvalidationPage> pages =
                    PagedCdn.of(page(1, null)).invalidationPages(DIST, 3).iterator();
            pages.next();

            assertThat(pages.hasNext()).isFalse();
            assertThatThrownBy(pages::next).isInstanceOf(NoSuchElementException.class);
        }

        @Test
        void a_page_size_outside_what_cloudfront_allows_is_refused() {
            PagedCdn cdn = PagedCdn.of(page(1, null));

            assertThatThrownBy(() -> cdn.invalidationPages(DIST, 0))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("pageSize must be 1 to 100: 0");
            assertThatThrownBy(() -> cdn.invalidationPages(DIST, 101))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("pageSize must be 1 to 100: 101");
        }
    }

    /** Whether a status message's request was sent: an empty answer must mean CloudFront's whole list was read. */
    @Nested
    class FindingAReference {

        private final String reference =
                "invalidator/1/C0OPS/" + NOW.minusSeconds(3_600).getEpochSecond() + ".000100/U0ALICE";

        @Test
        void a_list_that_names_a_marker_twice_before_the_status_message_is_a_failure_not_a_no() {
            PagedCdn cdn =
                    new PagedCdn(Map.of(PagedCdn.FIRST, page(2, "m1"), "m1", page(2, "m2"), "m2", page(2, "m1")));

            assertThatThrownBy(() -> cdn.findByCallerReference(DIST, reference))
                    .isInstanceOf(CdnException.class)
                    .hasMessageContaining(DIST)
                    .hasMessageContaining("whether");
        }

        @Test
        void a_list_read_to_its_end_without_the_reference_is_a_no() {
            PagedCdn cdn = PagedCdn.of(page(3, "m1"), page(3, null));

            assertThat(cdn.findByCallerReference(DIST, reference)).isEmpty();
            assertThat(cdn.invalidationsRead).hasSize(6);
        }
    }

    @Nested
    class EndsBefore {

        @Test
        void a_page_ends_before_a_time_when_its_oldest_entry_is_older() {
            InvalidationPage page = new InvalidationPage(
                    List.of(summary("I2", NOW), summary("I1", NOW.minusSeconds(60))), Optional.empty());

            assertThat(page.endsBefore(NOW.minusSeconds(30))).isTrue();
            assertThat(page.endsBefore(NOW.minusSeconds(60))).isFalse();
        }

        @Test
        void an_empty_page_ends_before_no_time() {
            assertThat(new InvalidationPage(List.of(), Optional.empty()).endsBefore(NOW))
                    .isFalse();
        }
    }

    private int nextId;

    /** {@code size} invalidations, each a second older than the one before, and the marker of the next page. */
    private InvalidationPage page(int size, String nextMarker) {
        List<InvalidationSummary> items = IntStream.range(0, size)
                .mapToObj(i -> summary("I" + ++nextId, NOW.minusSeconds(nextId)))
                .toList();
        return new InvalidationPage(items, Optional.ofNullable(nextMarker));
    }

    private static InvalidationSummary summary(String id, Instant createTime) {
        return new InvalidationSummary(id, InvalidationStatus.COMPLETED, createTime);
    }

    /** Serves a page per marker (the first page under {@link #FIRST}) and records what it was asked. */
    private static final class PagedCdn implements Cdn {

        @Override
        public dev.invalidator.cdn.Tenant tenant(String tenantId) {
            throw new UnsupportedOperationException("no tenant here");
        }

        @Override
        public java.util.Optional<dev.invalidator.cdn.Tenant> tenantByDomain(String domain, String askingAs) {
            throw new UnsupportedOperationException("no tenant here");
        }

        static final String FIRST = "";

        final Map<String, InvalidationPage> pagesByMarker;
        final List<String> markersAsked = new ArrayList<>();
        final List<Integer> pageSizesAsked = new ArrayList<>();
        final List<String> invalidationsRead = new ArrayList<>();

        PagedCdn(Map<String, InvalidationPage> pagesByMarker) {
            this.pagesByMarker = pagesByMarker;
        }

        /** Pages chained by the markers they name, in order. */
        static PagedCdn of(InvalidationPage... pages) {
            Map<String, InvalidationPage> byMarker = new HashMap<>();
            String marker = FIRST;
            for (InvalidationPage page : pages) {
                byMarker.put(marker, page);
                marker = page.nextMarker().orElse(null);
            }
            return new PagedCdn(byMarker);
        }

        @Override
        public InvalidationPage invalidations(String distributionId, String marker, int maxItems) {
            markersAsked.add(marker);
            pageSizesAsked.add(maxItems);
            InvalidationPage page = pagesByMarker.get(marker == null ? FIRST : marker);
            if (page == null) {
                throw new IllegalStateException("no page under marker " + marker);
            }
            return page;
        }

        @Override
        public Distribution distribution(String distributionId) {
            throw new UnsupportedOperationException("paging reads no distribution");
        }

        @Override
        public Invalidation create(String distributionId, String callerReference, List<String> paths) {
            throw new UnsupportedOperationException("paging creates nothing");
        }

        /** Every invalidation was made by someone else: its reference is the CLI's. */
        @Override
        public Invalidation invalidation(String distributionId, String invalidationId) {
            invalidationsRead.add(invalidationId);
            return new Invalidation(
                    distributionId,
                    invalidationId,
                    InvalidationStatus.COMPLETED,
                    NOW,
                    List.of("/index.html"),
                    "cli-" + invalidationId);
        }
    }
}

package dev.invalidator.cost;

import static dev.invalidator.testing.CloudFrontFixture.WEB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dev.invalidator.cdn.CdnException;
import dev.invalidator.cdn.Invalidation;
import dev.invalidator.cdn.InvalidationStatus;
import dev.invalidator.config.BotConfig;
import dev.invalidator.config.ConfigException;
import dev.invalidator.config.ConfigLoader;
import dev.invalidator.sandbox.CallHold;
import dev.invalidator.sandbox.CloudFrontLimits;
import dev.invalidator.sandbox.CloudFrontSimulator;
import dev.invalidator.sandbox.CloudFrontSimulator.Fault;
import dev.invalidator.sandbox.CloudFrontSimulator.Operation;
import dev.invalidator.sandbox.SimulatedInvalidation;
import dev.invalidator.testing.Await;
import dev.invalidator.testing.CloudFrontFixture;
import dev.invalidator.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The real gateway over HTTP against the CloudFront simulator; the month is the test clock's. */
class MonthToDatePathsTest {

    private static final String IMAGES = "E2IMAGESEXAMPLE";
    private static final String SHOP = "E3SHOPEXAMPLE";
    private static final String SHOP_ACCOUNT = "111122223333";
    private static final String CONFIG = """
            distributions:
              web: {id: E1WEBEXAMPLE, channels: [C0OPS], users: ["*"]}
              images: {id: E2IMAGESEXAMPLE, channels: [C0OPS], users: ["*"]}
              shop: {id: E3SHOPEXAMPLE, channels: [C0OPS], users: ["*"],
                     roleArn: "arn:aws:iam::111122223333:role/invalidator"}
            """;

    /**
     * Long enough for any read here: these tests are about what is counted, and a person's 5-s bound
     * ({@link MonthToDatePaths#LONGEST_WAIT}) would make them depend on how busy the machine is.
     */
    private static final Duration PATIENT = Duration.ofMinutes(1);

    private final CloudFrontFixture cloudFront = new CloudFrontFixture();
    private final CloudFrontSimulator simulator = cloudFront.simulator;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-03T10:00:00Z"));
    private final List<MonthToDatePaths> opened = new ArrayList<>();
    private final MonthToDatePaths used = counting(CONFIG, MonthToDatePaths.DEFAULT_FRESHNESS);

    MonthToDatePathsTest() {
        simulator.addDistribution(IMAGES, "d222222abcdef8.cloudfront.net");
        simulator.addDistribution(SHOP, "d333333abcdef8.cloudfront.net");
    }

    @AfterEach
    void close() {
        opened.forEach(MonthToDatePaths::close);
        cloudFront.close();
    }

    @Nested
    class CountsOnlyThisMonth {

        @Test
        void adds_up_every_path_of_this_months_invalidations() {
            seed(WEB, "2026-11-01T00:00:00Z", 3);
            seed(WEB, "2026-11-02T12:00:00Z", 2);

            assertThat(used.countThisMonth(WEB)).isEqualTo(MonthCount.fresh(5));
        }

        @Test
        void leaves_out_last_months_invalidations() {
            seed(WEB, "2026-10-31T23:59:59.999Z", 7);
            seed(WEB, "2026-11-01T00:00:00Z", 2);

            assertThat(used.countThisMonth(WEB)).isEqualTo(MonthCount.fresh(2));
        }

        @Test
        void counts_a_wildcard_and_a_tag_as_one_path_each() {
            seed(WEB, "2026-11-02T08:00:00Z", List.of("/images/*", "#product-42", "/index.html"));

            assertThat(used.countThisMonth(WEB)).isEqualTo(MonthCount.fresh(3));
        }

        @Test
        void is_zero_for_a_distribution_without_invalidations() {
            assertThat(used.countThisMonth(WEB)).isEqualTo(MonthCount.fresh(0));
        }

        @Test
        void asks_no_get_invalidation_for_last_months_invalidations() {
            seed(WEB, "2026-10-30T08:00:00Z", 4);
            seed(WEB, "2026-11-01T08:00:00Z", 1);

            used.countThisMonth(WEB);

            assertThat(simulator.calls(Operation.GET_INVALIDATION, WEB)).isEqualTo(1);
        }

        @Test
        void stops_listing_at_the_page_that_reaches_last_month() {
            seedMany(WEB, "2026-10-01T00:00:00Z", 250);
            seedMany(WEB, "2026-11-01T00:00:00Z", 50);

            used.countThisMonth(WEB);

            assertThat(simulator.calls(Operation.LIST_INVALIDATIONS, WEB)).isEqualTo(1);
        }

        @Test
        void leaves_out_invalidations_dated_in_a_later_month_than_the_clock() {
            seed(WEB, "2026-12-01T00:00:00Z", 4);
            seed(WEB, "2026-11-30T23:59:59.999Z", 1);

            assertThat(used.countThisMonth(WEB)).isEqualTo(MonthCount.fresh(1));
        }
    }

    @Nested
    class GroupsDistributionsByAccount {

        @Test
        void adds_up_every_distribution_of_the_bots_own_account() {
            seed(WEB, "2026-11-02T08:00:00Z", 3);
            seed(IMAGES, "2026-11-02T09:00:00Z", 4);

            assertThat(used.countThisMonth(WEB)).isEqualTo(MonthCount.fresh(7));
        }

        @Test
        void gives_the_same_answer_for_each_distribution_of_an_account() {
            seed(WEB, "2026-11-02T08:00:00Z", 3);
            seed(IMAGES, "2026-11-02T09:00:00Z", 4);

            assertThat(used.countThisMonth(IMAGES)).isEqualTo(used.countThisMonth(WEB));
        }

        @Test
        void keeps_a_distribution_behind_a_role_in_its_own_account() {
            seed(WEB, "2026-11-02T08:00:00Z", 3);
            seed(SHOP, "2026-11-02T09:00:00Z", 5);

            assertThat(used.countThisMonth(SHOP)).isEqualTo(MonthCount.fresh(5));
        }

        @Test
        void reports_every_account_the_config_spans_in_config_order() {
            seed(WEB, "2026-11-02T08:00:00Z", 3);
            seed(IMAGES, "2026-11-02T09:00:00Z", 4);
            seed(SHOP, "2026-11-02T10:00:00Z", 5);

            assertThat(used.countThisMonthByAccount(List.of(WEB, IMAGES, SHOP)))
                    .containsExactly(
                            entry(MonthToDatePaths.DEFAULT_ACCOUNT, MonthCount.fresh(7)),
                            entry(SHOP_ACCOUNT, MonthCount.fresh(5)));
        }

        @Test
        void reports_only_the_accounts_of_the_distributions_asked_about_without_reading_the_others() {
            seed(WEB, "2026-11-02T08:00:00Z", 3);
            seed(IMAGES, "2026-11-02T09:00:00Z", 4);
            seed(SHOP, "2026-11-02T10:00:00Z", 5);

            assertThat(used.countThisMonthByAccount(List.of(WEB)))
                    .containsExactly(entry(MonthToDatePaths.DEFAULT_ACCOUNT, MonthCount.fresh(7)));
            assertThat(simulator.calls(Operation.LIST_INVALIDATIONS, SHOP)).isZero();
        }

        @Test
        void names_the_account_of_a_distribution_by_the_account_id_in_its_role() {
            assertThat(used.accountOf(SHOP)).isEqualTo(SHOP_ACCOUNT);
        }

        @Test
        void names_the_bots_own_account_default() {
            assertThat(used.accountOf(IMAGES)).isEqualTo("default");
        }

        @Test
        void finds_a_distribution_id_in_any_letter_case() {
            seed(SHOP, "2026-11-02T10:00:00Z", 5);

            assertThat(used.countThisMonth("e3shopexample")).isEqualTo(MonthCount.fresh(5));
        }

        @Test
        void refuses_a_distribution_that_is_not_in_the_config() {
            assertThatThrownBy(() -> used.countThisMonth("E9UNKNOWNEXAMPLE"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("not a configured distribution: E9UNKNOWNEXAMPLE");
        }
    }

    @Nested
    class ReadsEveryPage {

        @Test
        void counts_invalidations_beyond_the_first_hundred() {
            seedMany(WEB, "2026-11-01T00:00:00Z", 250);

            assertThat(used.countThisMonth(WEB)).isEqualTo(MonthCount.fresh(250));
        }

        @Test
        void lists_three_pages_of_a_hundred_for_two_hundred_and_fifty() {
            seedMany(WEB, "2026-11-01T00:00:00Z", 250);

            used.countThisMonth(WEB);

            assertThat(simulator.calls(Operation.LIST_INVALIDATIONS, WEB)).isEqualTo(3);
        }
    }

    @Nested
    class Refreshes {

        @Test
        void asks_no_get_invalidation_again_for_invalidations_already_seen() {
            seedMany(WEB, "2026-11-01T00:00:00Z", 120);
            used.countThisMonth(WEB);
            clock.advance(MonthToDatePaths.DEFAULT_FRESHNESS);

            used.countThisMonth(WEB);

            assertThat(simulator.calls(Operation.GET_INVALIDATION, WEB)).isEqualTo(120);
        }

        @Test
        void lists_again_once_the_answer_is_no_longer_fresh() {
            seed(WEB, "2026-11-01T00:00:00Z", 1);
            used.countThisMonth(WEB);
            clock.advance(MonthToDatePaths.DEFAULT_FRESHNESS);

            used.countThisMonth(WEB);

            assertThat(simulator.calls(Operation.LIST_INVALIDATIONS, WEB)).isEqualTo(2);
        }

        @Test
        void counts_an_invalidation_created_after_the_first_answer() {
            seed(WEB, "2026-11-01T00:00:00Z", 3);
            used.countThisMonth(WEB);
            seed(WEB, "2026-11-03T10:00:01Z", 2);
            clock.advance(MonthToDatePaths.DEFAULT_FRESHNESS);

            assertThat(used.countThisMonth(WEB)).isEqualTo(MonthCount.fresh(5));
        }

        @Test
        void asks_one_get_invalidation_for_the_new_invalidation_only() {
            seed(WEB, "2026-11-01T00:00:00Z", 3);
            used.countThisMonth(WEB);
            seed(WEB, "2026-11-03T10:00:01Z", 2);
            clock.advance(MonthToDatePaths.DEFAULT_FRESHNESS);

            used.countThisMonth(WEB);

            assertThat(simulator.calls(Operation.GET_INVALIDATION, WEB)).isEqualTo(2);
        }

        @Test
        void answers_from_memory_within_the_freshness_window() {
            seed(WEB, "2026-11-01T00:00:00Z", 3);
            used.countThisMonth(WEB);
            seed(WEB, "2026-11-03T10:00:01Z", 2);
            clock.advance(MonthToDatePaths.DEFAULT_FRESHNESS.minusMillis(1));

            assertThat(used.countThisMonth(WEB)).isEqualTo(MonthCount.fresh(3));
        }

        @Test
        void makes_no_call_within_the_freshness_window() {
            seed(WEB, "2026-11-01T00:00:00Z", 3);
            used.countThisMonth(WEB);
            int callsBefore = simulator.recordedCalls().size();

            used.countThisMonth(WEB);

            assertThat(simulator.recordedCalls()).hasSize(callsBefore);
        }

        @Test
        void lists_on_every_call_with_a_zero_freshness_window() {
            MonthToDatePaths unbuffered = counting(CONFIG, Duration.ZERO);
            unbuffered.countThisMonth(SHOP);
            // Asked again later, as on any clock that moves: a count of the very same instant is not yet any older.
            clock.advance(Duration.ofMillis(1));

            unbuffered.countThisMonth(SHOP);

            assertThat(simulator.calls(Operation.LIST_INVALIDATIONS, SHOP)).isEqualTo(2);
        }

        @Test
        void lets_concurrent_callers_share_one_listing() throws Exception {
            seedMany(WEB, "2026-11-01T00:00:00Z", 30);
            List<MonthCount> answers = concurrently(8, () -> used.countThisMonth(WEB));

            assertThat(answers).containsOnly(MonthCount.fresh(30));
            assertThat(simulator.calls(Operation.LIST_INVALIDATIONS, WEB)).isEqualTo(1);
            assertThat(simulator.calls(Operation.GET_INVALIDATION, WEB)).isEqualTo(30);
        }
    }

    @Nested
    class RecordsTheBotsOwnInvalidations {

        @Test
        void counts_a_recorded_invalidation_within_the_freshness_window() {
            seed(WEB, "2026-11-01T00:00:00Z", 3);
            used.countThisMonth(WEB);

            used.record(created(seed(WEB, "2026-11-03T10:00:00Z", 4)));

            assertThat(used.countThisMonth(WEB)).isEqualTo(MonthCount.fresh(7));
        }

        @Test
        void makes_no_call_to_count_it() {
            seed(WEB, "2026-11-01T00:00:00Z", 3);
            used.countThisMonth(WEB);
            int callsBefore = simulator.recordedCalls().size();

            used.record(created(seed(WEB, "2026-11-03T10:00:00Z", 4)));
            used.countThisMonth(WEB);

            assertThat(simulator.recordedCalls()).hasSize(callsBefore);
        }

        @Test
        void asks_no_get_invalidation_for_it_on_the_next_refresh() {
            used.countThisMonth(WEB);
            used.record(created(seed(WEB, "2026-11-03T10:00:00Z", 4)));
            clock.advance(MonthToDatePaths.DEFAULT_FRESHNESS);

            used.countThisMonth(WEB);

            assertThat(simulator.calls(Operation.GET_INVALIDATION, WEB)).isZero();
        }

        @Test
        void counts_an_invalidation_recorded_twice_once() {
            used.countThisMonth(WEB);
            Invalidation created = created(seed(WEB, "2026-11-03T10:00:00Z", 4));

            used.record(created);
            used.record(created);

            assertThat(used.countThisMonth(WEB)).isEqualTo(MonthCount.fresh(4));
        }

        @Test
        void counts_it_for_the_whole_account() {
            used.countThisMonth(WEB);

            used.record(created(seed(IMAGES, "2026-11-03T10:00:00Z", 4)));

            assertThat(used.countThisMonth(WEB)).isEqualTo(MonthCount.fresh(4));
        }

        @Test
        void refuses_an_invalidation_of_a_distribution_that_is_not_in_the_config() {
            Invalidation elsewhere = new Invalidation(
                    "E9UNKNOWNEXAMPLE", "I1", InvalidationStatus.IN_PROGRESS, clock.instant(), List.of("/a"), "ref");

            assertThatThrownBy(() -> used.record(elsewhere))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("not a configured distribution: E9UNKNOWNEXAMPLE");
        }
    }

    @Nested
    class RollsOverWithTheMonth {

        @Test
        void starts_again_from_zero_in_december() {
            seed(WEB, "2026-11-02T08:00:00Z", 3);
            used.countThisMonth(WEB);

            clock.set(Instant.parse("2026-12-01T00:00:00Z"));

            assertThat(used.countThisMonth(WEB)).isEqualTo(MonthCount.fresh(0));
        }

        @Test
        void refreshes_at_the_month_boundary_even_within_the_freshness_window() {
            clock.set(Instant.parse("2026-11-30T23:59:55Z"));
            seed(WEB, "2026-11-30T23:00:00Z", 3);
            seed(WEB, "2026-12-01T00:00:01Z", 2);
            assertThat(used.countThisMonth(WEB)).isEqualTo(MonthCount.fresh(3));

            clock.advance(Duration.ofSeconds(10));

            assertThat(used.countThisMonth(WEB)).isEqualTo(MonthCount.fresh(2));
        }

        @Test
        void counts_december_per_account_too() {
            seed(WEB, "2026-11-02T08:00:00Z", 3);
            seed(SHOP, "2026-12-02T08:00:00Z", 1);
            used.countThisMonthByAccount(List.of(WEB, IMAGES, SHOP));

            clock.set(Instant.parse("2026-12-03T10:00:00Z"));

            assertThat(used.countThisMonthByAccount(List.of(WEB, IMAGES, SHOP)))
                    .containsExactly(
                            entry(MonthToDatePaths.DEFAULT_ACCOUNT, MonthCount.fresh(0)),
                            entry(SHOP_ACCOUNT, MonthCount.fresh(1)));
        }
    }

    @Nested
    class KnowsEachAccountFromMemory {

        @Test
        void names_every_account_the_config_spans_in_config_order() {
            assertThat(used.accounts()).containsExactly(MonthToDatePaths.DEFAULT_ACCOUNT, SHOP_ACCOUNT);
        }

        @Test
        void tells_each_accounts_paths_as_last_read_without_calling_cloudfront() {
            seed(WEB, "2026-11-01T00:00:00Z", 3);
            seed(SHOP, "2026-11-02T00:00:00Z", 2);
            used.countThisMonthByAccount(List.of(WEB, IMAGES, SHOP));
            seed(WEB, "2026-11-03T09:00:00Z", 4);
            clock.advance(MonthToDatePaths.DEFAULT_FRESHNESS);
            int callsBefore = simulator.recordedCalls().size();

            assertThat(used.knownThisMonthOfAccount(MonthToDatePaths.DEFAULT_ACCOUNT))
                    .hasValue(3);
            assertThat(used.knownThisMonthOfAccount(SHOP_ACCOUNT)).hasValue(2);
            assertThat(simulator.recordedCalls()).hasSize(callsBefore);
        }
    }

    @Nested
    class KeepsReading {

        @Test
        void so_that_it_follows_invalidations_made_elsewhere() {
            MonthToDatePaths reading = counting(CONFIG, Duration.ZERO);
            ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
            try {
                reading.keepReading(Duration.ofMillis(50), timer, Runnable::run);
                Await.until(
                        "the first read",
                        () -> reading.knownThisMonthOfAccount(MonthToDatePaths.DEFAULT_ACCOUNT)
                                .isPresent());

                seed(WEB, "2026-11-03T09:00:00Z", 4);

                Await.until(
                        "the console's four paths",
                        () -> reading.knownThisMonthOfAccount(MonthToDatePaths.DEFAULT_ACCOUNT)
                                .equals(Optional.of(4)));
            } finally {
                timer.shutdownNow();
            }
        }

        @Test
        void after_a_read_failed() {
            MonthToDatePaths reading = counting(CONFIG, Duration.ZERO);
            simulator.injectFault(Operation.LIST_INVALIDATIONS, Fault.ACCESS_DENIED, 1);
            ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
            try {
                reading.keepReading(Duration.ofMillis(50), timer, Runnable::run);

                Await.until(
                        "a read after the failed one",
                        () -> reading.knownThisMonthOfAccount(MonthToDatePaths.DEFAULT_ACCOUNT)
                                .isPresent());
            } finally {
                timer.shutdownNow();
            }
        }
    }

    @Nested
    class WhenCloudFrontCantBeRead {

        @Test
        void passes_access_denied_on_to_the_caller() {
            simulator.injectFault(Operation.LIST_INVALIDATIONS, Fault.ACCESS_DENIED, 1);

            assertThatThrownBy(() -> used.countThisMonth(WEB))
                    .isInstanceOfSatisfying(
                            CdnException.class,
                            e -> assertThat(e.failure()).isEqualTo(CdnException.Failure.ACCESS_DENIED));
        }

        @Test
        void passes_an_unknown_distribution_on_to_the_caller() {
            MonthToDatePaths withAGap = counting("""
                    distributions:
                      web: {id: E1WEBEXAMPLE, channels: [C0OPS], users: ["*"]}
                      gone: {id: E4GONEEXAMPLE, channels: [C0OPS], users: ["*"]}
                    """, MonthToDatePaths.DEFAULT_FRESHNESS);

            assertThatThrownBy(() -> withAGap.countThisMonth(WEB))
                    .isInstanceOfSatisfying(
                            CdnException.class,
                            e -> assertThat(e.failure()).isEqualTo(CdnException.Failure.NO_SUCH_DISTRIBUTION));
        }

        @Test
        void fails_the_whole_overview_rather_than_leave_an_account_out() {
            simulator.injectFault(Operation.LIST_INVALIDATIONS, Fault.ACCESS_DENIED, 1);

            assertThatThrownBy(() -> used.countThisMonthByAccount(List.of(WEB, IMAGES, SHOP)))
                    .isInstanceOf(CdnException.class);
        }

        @Test
        void asks_again_on_the_next_call() {
            seed(WEB, "2026-11-02T08:00:00Z", 3);
            simulator.injectFault(Operation.LIST_INVALIDATIONS, Fault.ACCESS_DENIED, 1);
            assertThatThrownBy(() -> used.countThisMonth(WEB)).isInstanceOf(CdnException.class);

            assertThat(used.countThisMonth(WEB)).isEqualTo(MonthCount.fresh(3));
        }

        @Test
        void keeps_what_it_counted_before_a_get_invalidation_failed() {
            seedMany(WEB, "2026-11-01T00:00:00Z", 5);
            simulator.injectFault(Operation.GET_INVALIDATION, Fault.ACCESS_DENIED, 1);
            assertThatThrownBy(() -> used.countThisMonth(WEB)).isInstanceOf(CdnException.class);

            assertThat(used.countThisMonth(WEB)).isEqualTo(MonthCount.fresh(5));
            assertThat(simulator.calls(Operation.GET_INVALIDATION, WEB)).isEqualTo(6);
        }
    }

    /** What a form's answer, which may not wait, reads: the last count, never a call. */
    @Nested
    class KnownThisMonth {

        @Test
        void is_empty_before_the_account_was_read_this_month() {
            assertThat(used.knownThisMonthOfAccount(MonthToDatePaths.DEFAULT_ACCOUNT))
                    .isEmpty();
            assertThat(simulator.recordedCalls()).isEmpty();
        }

        @Test
        void is_the_last_count_however_old_without_any_call() {
            seed(WEB, "2026-11-01T00:00:00Z", 3);
            used.countThisMonth(WEB);
            seed(WEB, "2026-11-03T10:00:01Z", 2);
            clock.advance(Duration.ofHours(1));
            int callsBefore = simulator.recordedCalls().size();

            assertThat(used.knownThisMonthOfAccount(MonthToDatePaths.DEFAULT_ACCOUNT))
                    .contains(3);
            assertThat(simulator.recordedCalls()).hasSize(callsBefore);
        }

        @Test
        void counts_a_recorded_invalidation_at_once() {
            seed(WEB, "2026-11-01T00:00:00Z", 3);
            used.countThisMonth(WEB);

            used.record(created(seed(IMAGES, "2026-11-03T10:00:01Z", 4)));

            assertThat(used.knownThisMonthOfAccount(MonthToDatePaths.DEFAULT_ACCOUNT))
                    .contains(7);
        }

        @Test
        void is_empty_in_a_new_month_until_the_account_is_read_again() {
            seed(WEB, "2026-11-01T00:00:00Z", 3);
            used.countThisMonth(WEB);
            clock.set(Instant.parse("2026-12-01T00:00:00Z"));

            assertThat(used.knownThisMonthOfAccount(MonthToDatePaths.DEFAULT_ACCOUNT))
                    .isEmpty();
        }

        @Test
        void does_not_wait_for_a_listing_in_progress() throws Exception {
            seed(WEB, "2026-11-01T00:00:00Z", 3);
            used.countThisMonth(WEB);
            clock.advance(MonthToDatePaths.DEFAULT_FRESHNESS);
            CallHold listing = simulator.holdNext(Operation.LIST_INVALIDATIONS, CallHold.Point.BEFORE_COMMIT);
            ExecutorService reader = Executors.newSingleThreadExecutor();
            try {
                Future<MonthCount> refreshing = reader.submit(() -> used.countThisMonth(WEB));
                listing.awaitReached(Duration.ofSeconds(10));

                assertThat(CompletableFuture.supplyAsync(
                                        () -> used.knownThisMonthOfAccount(MonthToDatePaths.DEFAULT_ACCOUNT))
                                .get(5, TimeUnit.SECONDS))
                        .contains(3);
                listing.release();
                assertThat(refreshing.get(10, TimeUnit.SECONDS)).isEqualTo(MonthCount.fresh(3));
            } finally {
                listing.release();
                reader.shutdownNow();
            }
        }
    }

    /** What a person is told: never after more than a bounded wait, with the count's age when it is not fresh. */
    @Nested
    class CountsForAPerson {

        /** Eleven distributions in the bot's own account: past what a fresh count reads within the wait. */
        private static final String ELEVEN = """
                distributions:
                  d00: {id: E1WEBEXAMPLE, channels: [C0OPS], users: ["*"]}
                  d01: {id: E2IMAGESEXAMPLE, channels: [C0OPS], users: ["*"]}
                  d02: {id: ESITE00002, channels: [C0OPS], users: ["*"]}
                  d03: {id: ESITE00003, channels: [C0OPS], users: ["*"]}
                  d04: {id: ESITE00004, channels: [C0OPS], users: ["*"]}
                  d05: {id: ESITE00005, channels: [C0OPS], users: ["*"]}
                  d06: {id: ESITE00006, channels: [C0OPS], users: ["*"]}
                  d07: {id: ESITE00007, channels: [C0OPS], users: ["*"]}
                  d08: {id: ESITE00008, channels: [C0OPS], users: ["*"]}
                  d09: {id: ESITE00009, channels: [C0OPS], users: ["*"]}
                  d10: {id: ESITE00010, channels: [C0OPS], users: ["*"]}
                """;

        private static final Duration SHORT_WAIT = Duration.ofMillis(300);

        private MonthToDatePaths many() {
            for (int n = 2; n <= 10; n++) {
                simulator.addDistribution(String.format("ESITE%05d", n), "d" + n + ".cloudfront.net");
            }
            // Over the adapter alone, without the bot's ReadBudget: eleven lists at once outrun the read rate.
            simulator.limits(CloudFrontLimits.strict().withReadRate(1_000, 1_000));
            return counting(ELEVEN, MonthToDatePaths.DEFAULT_FRESHNESS, SHORT_WAIT);
        }

        @Test
        void plans_to_answer_a_fresh_count_from_memory() {
            assertThat(MonthToDatePaths.plan(MonthCount.fresh(3), 2_500)).isEqualTo(MonthToDatePaths.Plan.ANSWER);
        }

        @Test
        void plans_to_answer_a_stale_count_of_a_big_account_at_once_and_read_it_again() {
            assertThat(MonthToDatePaths.plan(MonthCount.asOf(3, Duration.ofMinutes(4)), 2_500))
                    .isEqualTo(MonthToDatePaths.Plan.ANSWER_AND_READ);
        }

        @Test
        void plans_to_wait_for_a_fresh_count_of_a_small_account() {
            assertThat(MonthToDatePaths.plan(MonthCount.asOf(3, Duration.ofMinutes(4)), 3))
                    .isEqualTo(MonthToDatePaths.Plan.WAIT_FOR_READ);
        }

        @Test
        void plans_to_wait_a_while_when_nothing_is_known() {
            assertThat(MonthToDatePaths.plan(MonthCount.notKnown(), 2_500))
                    .isEqualTo(MonthToDatePaths.Plan.WAIT_FOR_READ);
        }

        @Test
        void gives_a_small_account_an_exact_fresh_count() {
            seed(WEB, "2026-11-01T00:00:00Z", 3);
            used.countThisMonth(WEB);
            clock.advance(Duration.ofMinutes(4));
            seed(IMAGES, "2026-11-03T10:01:00Z", 2);

            assertThat(used.countThisMonth(WEB)).isEqualTo(MonthCount.fresh(5));
        }

        @Test
        void gives_a_big_accounts_known_count_at_once_with_its_age_and_reads_it_again_in_the_background() {
            MonthToDatePaths big = many();
            seed(WEB, "2026-11-01T00:00:00Z", 3);
            big.readNow(cloudFront.cdn);
            clock.advance(Duration.ofMinutes(4));
            seed(IMAGES, "2026-11-03T10:01:00Z", 2);
            CallHold listing = simulator.holdNext(Operation.LIST_INVALIDATIONS, CallHold.Point.BEFORE_COMMIT);
            try {
                assertThat(big.countThisMonth(WEB)).isEqualTo(MonthCount.asOf(3, Duration.ofMinutes(4)));
                listing.awaitReached(Duration.ofSeconds(10));
            } finally {
                listing.release();
            }

            Await.until("the background read", () -> big.knownCount(WEB).equals(MonthCount.fresh(5)));
        }

        @Test
        void says_the_count_is_not_known_when_no_read_ends_within_the_wait() {
            MonthToDatePaths big = many();
            CallHold listing = simulator.holdNext(Operation.LIST_INVALIDATIONS, CallHold.Point.BEFORE_COMMIT);
            try {
                assertThat(big.countThisMonth(WEB)).isEqualTo(MonthCount.notKnown());
            } finally {
                listing.release();
            }
        }

        @Test
        void gives_the_count_when_a_read_ends_within_the_wait() {
            seed(WEB, "2026-11-01T00:00:00Z", 3);

            assertThat(many().countThisMonth(WEB)).isEqualTo(MonthCount.fresh(3));
        }

        @Test
        void waits_for_start_ups_read_instead_of_listing_beside_it() {
            seed(WEB, "2026-11-01T00:00:00Z", 3);
            MonthToDatePaths starting = counting(CONFIG, MonthToDatePaths.DEFAULT_FRESHNESS, SHORT_WAIT);
            starting.announceReadNow();

            assertThat(starting.countThisMonth(WEB)).isEqualTo(MonthCount.notKnown());
            assertThat(simulator.calls(Operation.LIST_INVALIDATIONS)).isZero();
            starting.readNow(cloudFront.cdn);
            assertThat(starting.countThisMonth(WEB)).isEqualTo(MonthCount.fresh(3));
        }

        @Test
        void counts_each_account_asked_about_in_config_order() {
            seed(SHOP, "2026-11-01T00:00:00Z", 2);

            assertThat(used.countThisMonthByAccount(List.of(SHOP, WEB)))
                    .containsExactly(
                            entry(MonthToDatePaths.DEFAULT_ACCOUNT, MonthCount.fresh(0)),
                            entry(SHOP_ACCOUNT, MonthCount.fresh(2)));
        }
    }

    /** Once the bot stops: no read starts, and nobody waits for one. */
    @Nested
    class Closed {

        @Test
        void starts_no_read_and_answers_what_is_known_at_once() throws Exception {
            seed(WEB, "2026-11-01T00:00:00Z", 3);
            used.countThisMonth(WEB);
            clock.advance(Duration.ofMinutes(4));
            int listsBefore = simulator.calls(Operation.LIST_INVALIDATIONS);

            used.close();

            assertThat(CompletableFuture.supplyAsync(() -> used.countThisMonth(WEB))
                            .get(10, TimeUnit.SECONDS))
                    .isEqualTo(MonthCount.asOf(3, Duration.ofMinutes(4)));
            assertThat(CompletableFuture.supplyAsync(() -> used.countThisMonthByAccount(List.of(WEB, SHOP)))
                            .get(10, TimeUnit.SECONDS))
                    .containsExactly(
                            entry(MonthToDatePaths.DEFAULT_ACCOUNT, MonthCount.asOf(3, Duration.ofMinutes(4))),
                            entry(SHOP_ACCOUNT, MonthCount.notKnown()));
            assertThat(used.knownCount(SHOP)).isEqualTo(MonthCount.notKnown());
            assertThat(simulator.calls(Operation.LIST_INVALIDATIONS)).isEqualTo(listsBefore);
        }

        @Test
        void lets_go_of_an_answer_waiting_for_a_read_in_progress() throws Exception {
            CallHold listing = simulator.holdNext(Operation.LIST_INVALIDATIONS, CallHold.Point.BEFORE_COMMIT);
            try {
                CompletableFuture<MonthCount> waiting = CompletableFuture.supplyAsync(() -> used.countThisMonth(WEB));
                listing.awaitReached(Duration.ofSeconds(10));

                used.close();

                assertThat(waiting.get(10, TimeUnit.SECONDS)).isEqualTo(MonthCount.notKnown());
            } finally {
                listing.release();
            }
        }

        @Test
        void frees_the_worker_whose_turn_of_keep_reading_waits_for_a_read_in_progress() throws Exception {
            CallHold listing = simulator.holdNext(Operation.LIST_INVALIDATIONS, CallHold.Point.BEFORE_COMMIT);
            ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
            ExecutorService worker = Executors.newSingleThreadExecutor();
            try {
                used.keepReading(Duration.ofMillis(50), timer, worker);
                listing.awaitReached(Duration.ofSeconds(10));

                used.close();

                worker.shutdown();
                assertThat(worker.awaitTermination(10, TimeUnit.SECONDS))
                        .as("the worker is free within 10 s, as the bot's drain needs it")
                        .isTrue();
            } finally {
                listing.release();
                timer.shutdownNow();
                worker.shutdownNow();
            }
        }
    }

    // ---- helpers ----

    /**
     * Over the real gateway, closed after the test; an answer waits for its read up to {@code longestWait}, which
     * {@link #PATIENT} makes as long as the read takes.
     */
    private MonthToDatePaths counting(String yaml, Duration freshness, Duration longestWait) {
        MonthToDatePaths paths = new MonthToDatePaths(config(yaml), cloudFront.cdn, clock, freshness, longestWait);
        opened.add(paths);
        return paths;
    }

    private MonthToDatePaths counting(String yaml, Duration freshness) {
        return counting(yaml, freshness, PATIENT);
    }

    private static BotConfig config(String yaml) {
        try {
            return ConfigLoader.parse(yaml, "test.yml", ConfigLoader.Format.YAML);
        } catch (ConfigException e) {
            throw new AssertionError(e);
        }
    }

    private SimulatedInvalidation seed(String distributionId, String createTime, int paths) {
        return seed(
                distributionId,
                createTime,
                IntStream.range(0, paths).mapToObj(i -> "/page-" + i + ".html").toList());
    }

    private SimulatedInvalidation seed(String distributionId, String createTime, List<String> paths) {
        return simulator.seedInvalidation(distributionId, paths, Instant.parse(createTime), true, null);
    }

    /** {@code count} one-path invalidations, a second apart from {@code from}. */
    private void seedMany(String distributionId, String from, int count) {
        // These tests are about counting and paging over the adapter alone, not a realistic load: dozens of
        // GetInvalidation at once outrun CloudFront's read rate. In the bot every read waits for its turn in
        // ReadBudget (RestartReadsEndToEndTest reads a month that way without lifting the rate).
        simulator.limits(CloudFrontLimits.strict().withReadRate(1_000, 1_000));
        Instant start = Instant.parse(from);
        for (int i = 0; i < count; i++) {
            simulator.seedInvalidation(distributionId, List.of("/batch-" + i), start.plusSeconds(i), true, null);
        }
    }

    /** What {@code Cdn.create} would have answered for it. */
    private static Invalidation created(SimulatedInvalidation seeded) {
        return new Invalidation(
                seeded.distributionId(),
                seeded.id(),
                InvalidationStatus.IN_PROGRESS,
                seeded.createTime(),
                seeded.paths(),
                seeded.callerReference());
    }

    /** Runs {@code call} on {@code threads} threads released together; their answers. */
    private static <T> List<T> concurrently(int threads, Callable<T> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            List<T> answers = new ArrayList<>();
            for (Future<T> future : futures) {
                answers.add(future.get(20, TimeUnit.SECONDS));
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }
}

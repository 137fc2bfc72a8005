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
import dev.invalidator.sandbox.CloudFrontSimulator;
import dev.invalidator.sandbox.CloudFrontSimulator.Fault;
import dev.invalidator.sandbox.CloudFrontSimulator.Operation;
import dev.invalidator.sandbox.SimulatedInvalidation;
import dev.invalidator.testing.CloudFrontFixture;
import dev.invalidator.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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

    private final CloudFrontFixture cloudFront = new CloudFrontFixture();
    private final CloudFrontSimulator simulator = cloudFront.simulator;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-03T10:00:00Z"));
    private final MonthToDatePaths used = new MonthToDatePaths(config(CONFIG), cloudFront.cdn, clock);

    MonthToDatePathsTest() {
        simulator.addDistribution(IMAGES, "d222222abcdef8.cloudfront.net");
        simulator.addDistribution(SHOP, "d333333abcdef8.cloudfront.net");
    }

    @AfterEach
    void close() {
        cloudFront.close();
    }

    @Nested
    class CountsOnlyThisMonth {

        @Test
        void addsUpEveryPathOfThisMonthsInvalidations() {
            seed(WEB, "2026-11-01T00:00:00Z", 3);
            seed(WEB, "2026-11-02T12:00:00Z", 2);

            assertThat(used.usedThisMonth(WEB)).isEqualTo(5);
        }

        @Test
        void leavesOutLastMonthsInvalidations() {
            seed(WEB, "2026-10-31T23:59:59.999Z", 7);
            seed(WEB, "2026-11-01T00:00:00Z", 2);

            assertThat(used.usedThisMonth(WEB)).isEqualTo(2);
        }

        @Test
        void countsAWildcardAndATagAsOnePathEach() {
            seed(WEB, "2026-11-02T08:00:00Z", List.of("/images/*", "#product-42", "/index.html"));

            assertThat(used.usedThisMonth(WEB)).isEqualTo(3);
        }

        @Test
        void isZeroForADistributionWithoutInvalidations() {
            assertThat(used.usedThisMonth(WEB)).isZero();
        }

        @Test
        void asksNoGetInvalidationForLastMonthsInvalidations() {
            seed(WEB, "2026-10-30T08:00:00Z", 4);
            seed(WEB, "2026-11-01T08:00:00Z", 1);

            used.usedThisMonth(WEB);

            assertThat(simulator.calls(Operation.GET_INVALIDATION, WEB)).isEqualTo(1);
        }

        @Test
        void stopsListingAtThePageThatReachesLastMonth() {
            seedMany(WEB, "2026-10-01T00:00:00Z", 250);
            seedMany(WEB, "2026-11-01T00:00:00Z", 50);

            used.usedThisMonth(WEB);

            assertThat(simulator.calls(Operation.LIST_INVALIDATIONS, WEB)).isEqualTo(1);
        }

        @Test
        void leavesOutInvalidationsDatedInALaterMonthThanTheClock() {
            seed(WEB, "2026-12-01T00:00:00Z", 4);
            seed(WEB, "2026-11-30T23:59:59.999Z", 1);

            assertThat(used.usedThisMonth(WEB)).isEqualTo(1);
        }
    }

    @Nested
    class GroupsDistributionsByAccount {

        @Test
        void addsUpEveryDistributionOfTheBotsOwnAccount() {
            seed(WEB, "2026-11-02T08:00:00Z", 3);
            seed(IMAGES, "2026-11-02T09:00:00Z", 4);

            assertThat(used.usedThisMonth(WEB)).isEqualTo(7);
        }

        @Test
        void givesTheSameAnswerForEachDistributionOfAnAccount() {
            seed(WEB, "2026-11-02T08:00:00Z", 3);
            seed(IMAGES, "2026-11-02T09:00:00Z", 4);

            assertThat(used.usedThisMonth(IMAGES)).isEqualTo(used.usedThisMonth(WEB));
        }

        @Test
        void keepsADistributionBehindARoleInItsOwnAccount() {
            seed(WEB, "2026-11-02T08:00:00Z", 3);
            seed(SHOP, "2026-11-02T09:00:00Z", 5);

            assertThat(used.usedThisMonth(SHOP)).isEqualTo(5);
        }

        @Test
        void reportsEveryAccountTheConfigSpansInConfigOrder() {
            seed(WEB, "2026-11-02T08:00:00Z", 3);
            seed(IMAGES, "2026-11-02T09:00:00Z", 4);
            seed(SHOP, "2026-11-02T10:00:00Z", 5);

            assertThat(used.usedThisMonthByAccount())
                    .containsExactly(entry(MonthToDatePaths.DEFAULT_ACCOUNT, 7), entry(SHOP_ACCOUNT, 5));
        }

        @Test
        void namesTheAccountOfADistributionByTheAccountIdInItsRole() {
            assertThat(used.accountOf(SHOP)).isEqualTo(SHOP_ACCOUNT);
        }

        @Test
        void namesTheBotsOwnAccountDefault() {
            assertThat(used.accountOf(IMAGES)).isEqualTo("default");
        }

        @Test
        void findsADistributionIdInAnyLetterCase() {
            seed(SHOP, "2026-11-02T10:00:00Z", 5);

            assertThat(used.usedThisMonth("e3shopexample")).isEqualTo(5);
        }

        @Test
        void refusesADistributionThatIsNotInTheConfig() {
            assertThatThrownBy(() -> used.usedThisMonth("E9UNKNOWNEXAMPLE"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("not a configured distribution: E9UNKNOWNEXAMPLE");
        }
    }

    @Nested
    class ReadsEveryPage {

        @Test
        void countsInvalidationsBeyondTheFirstHundred() {
            seedMany(WEB, "2026-11-01T00:00:00Z", 250);

            assertThat(used.usedThisMonth(WEB)).isEqualTo(250);
        }

        @Test
        void listsThreePagesOfAHundredForTwoHundredAndFifty() {
            seedMany(WEB, "2026-11-01T00:00:00Z", 250);

            used.usedThisMonth(WEB);

            assertThat(simulator.calls(Operation.LIST_INVALIDATIONS, WEB)).isEqualTo(3);
        }
    }

    @Nested
    class Refreshes {

        @Test
        void asksNoGetInvalidationAgainForInvalidationsAlreadySeen() {
            seedMany(WEB, "2026-11-01T00:00:00Z", 120);
            used.usedThisMonth(WEB);
            clock.advance(MonthToDatePaths.DEFAULT_FRESHNESS);

            used.usedThisMonth(WEB);

            assertThat(simulator.calls(Operation.GET_INVALIDATION, WEB)).isEqualTo(120);
        }

        @Test
        void listsAgainOnceTheAnswerIsNoLongerFresh() {
            seed(WEB, "2026-11-01T00:00:00Z", 1);
            used.usedThisMonth(WEB);
            clock.advance(MonthToDatePaths.DEFAULT_FRESHNESS);

            used.usedThisMonth(WEB);

            assertThat(simulator.calls(Operation.LIST_INVALIDATIONS, WEB)).isEqualTo(2);
        }

        @Test
        void countsAnInvalidationCreatedAfterTheFirstAnswer() {
            seed(WEB, "2026-11-01T00:00:00Z", 3);
            used.usedThisMonth(WEB);
            seed(WEB, "2026-11-03T10:00:01Z", 2);
            clock.advance(MonthToDatePaths.DEFAULT_FRESHNESS);

            assertThat(used.usedThisMonth(WEB)).isEqualTo(5);
        }

        @Test
        void asksOneGetInvalidationForTheNewInvalidationOnly() {
            seed(WEB, "2026-11-01T00:00:00Z", 3);
            used.usedThisMonth(WEB);
            seed(WEB, "2026-11-03T10:00:01Z", 2);
            clock.advance(MonthToDatePaths.DEFAULT_FRESHNESS);

            used.usedThisMonth(WEB);

            assertThat(simulator.calls(Operation.GET_INVALIDATION, WEB)).isEqualTo(2);
        }

        @Test
        void answersFromMemoryWithinTheFreshnessWindow() {
            seed(WEB, "2026-11-01T00:00:00Z", 3);
            used.usedThisMonth(WEB);
            seed(WEB, "2026-11-03T10:00:01Z", 2);
            clock.advance(MonthToDatePaths.DEFAULT_FRESHNESS.minusMillis(1));

            assertThat(used.usedThisMonth(WEB)).isEqualTo(3);
        }

        @Test
        void makesNoCallWithinTheFreshnessWindow() {
            seed(WEB, "2026-11-01T00:00:00Z", 3);
            used.usedThisMonth(WEB);
            int callsBefore = simulator.recordedCalls().size();

            used.usedThisMonth(WEB);

            assertThat(simulator.recordedCalls()).hasSize(callsBefore);
        }

        @Test
        void listsOnEveryCallWithAZeroFreshnessWindow() {
            MonthToDatePaths unbuffered = new MonthToDatePaths(config(CONFIG), cloudFront.cdn, clock, Duration.ZERO);
            unbuffered.usedThisMonth(SHOP);

            unbuffered.usedThisMonth(SHOP);

            assertThat(simulator.calls(Operation.LIST_INVALIDATIONS, SHOP)).isEqualTo(2);
        }

        @Test
        void letsConcurrentCallersShareOneListing() throws Exception {
            seedMany(WEB, "2026-11-01T00:00:00Z", 30);
            List<Integer> answers = concurrently(8, () -> used.usedThisMonth(WEB));

            assertThat(answers).containsOnly(30);
            assertThat(simulator.calls(Operation.LIST_INVALIDATIONS, WEB)).isEqualTo(1);
            assertThat(simulator.calls(Operation.GET_INVALIDATION, WEB)).isEqualTo(30);
        }
    }

    @Nested
    class RecordsTheBotsOwnInvalidations {

        @Test
        void countsARecordedInvalidationWithinTheFreshnessWindow() {
            seed(WEB, "2026-11-01T00:00:00Z", 3);
            used.usedThisMonth(WEB);

            used.record(created(seed(WEB, "2026-11-03T10:00:00Z", 4)));

            assertThat(used.usedThisMonth(WEB)).isEqualTo(7);
        }

        @Test
        void makesNoCallToCountIt() {
            seed(WEB, "2026-11-01T00:00:00Z", 3);
            used.usedThisMonth(WEB);
            int callsBefore = simulator.recordedCalls().size();

            used.record(created(seed(WEB, "2026-11-03T10:00:00Z", 4)));
            used.usedThisMonth(WEB);

            assertThat(simulator.recordedCalls()).hasSize(callsBefore);
        }

        @Test
        void asksNoGetInvalidationForItOnTheNextRefresh() {
            used.usedThisMonth(WEB);
            used.record(created(seed(WEB, "2026-11-03T10:00:00Z", 4)));
            clock.advance(MonthToDatePaths.DEFAULT_FRESHNESS);

            used.usedThisMonth(WEB);

            assertThat(simulator.calls(Operation.GET_INVALIDATION, WEB)).isZero();
        }

        @Test
        void countsAnInvalidationRecordedTwiceOnce() {
            used.usedThisMonth(WEB);
            Invalidation created = created(seed(WEB, "2026-11-03T10:00:00Z", 4));

            used.record(created);
            used.record(created);

            assertThat(used.usedThisMonth(WEB)).isEqualTo(4);
        }

        @Test
        void countsItForTheWholeAccount() {
            used.usedThisMonth(WEB);

            used.record(created(seed(IMAGES, "2026-11-03T10:00:00Z", 4)));

            assertThat(used.usedThisMonth(WEB)).isEqualTo(4);
        }

        @Test
        void refusesAnInvalidationOfADistributionThatIsNotInTheConfig() {
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
        void startsAgainFromZeroInDecember() {
            seed(WEB, "2026-11-02T08:00:00Z", 3);
            used.usedThisMonth(WEB);

            clock.set(Instant.parse("2026-12-01T00:00:00Z"));

            assertThat(used.usedThisMonth(WEB)).isZero();
        }

        @Test
        void refreshesAtTheMonthBoundaryEvenWithinTheFreshnessWindow() {
            clock.set(Instant.parse("2026-11-30T23:59:55Z"));
            seed(WEB, "2026-11-30T23:00:00Z", 3);
            seed(WEB, "2026-12-01T00:00:01Z", 2);
            assertThat(used.usedThisMonth(WEB)).isEqualTo(3);

            clock.advance(Duration.ofSeconds(10));

            assertThat(used.usedThisMonth(WEB)).isEqualTo(2);
        }

        @Test
        void countsDecemberPerAccountToo() {
            seed(WEB, "2026-11-02T08:00:00Z", 3);
            seed(SHOP, "2026-12-02T08:00:00Z", 1);
            used.usedThisMonthByAccount();

            clock.set(Instant.parse("2026-12-03T10:00:00Z"));

            assertThat(used.usedThisMonthByAccount())
                    .containsExactly(entry(MonthToDatePaths.DEFAULT_ACCOUNT, 0), entry(SHOP_ACCOUNT, 1));
        }
    }

    @Nested
    class WhenCloudFrontCantBeRead {

        @Test
        void passesAccessDeniedOnToTheCaller() {
            simulator.injectFault(Operation.LIST_INVALIDATIONS, Fault.ACCESS_DENIED, 1);

            assertThatThrownBy(() -> used.usedThisMonth(WEB))
                    .isInstanceOfSatisfying(
                            CdnException.class,
                            e -> assertThat(e.failure()).isEqualTo(CdnException.Failure.ACCESS_DENIED));
        }

        @Test
        void passesAnUnknownDistributionOnToTheCaller() {
            MonthToDatePaths withAGap = new MonthToDatePaths(config("""
                    distributions:
                      web: {id: E1WEBEXAMPLE, channels: [C0OPS], users: ["*"]}
                      gone: {id: E4GONEEXAMPLE, channels: [C0OPS], users: ["*"]}
                    """), cloudFront.cdn, clock);

            assertThatThrownBy(() -> withAGap.usedThisMonth(WEB))
                    .isInstanceOfSatisfying(
                            CdnException.class,
                            e -> assertThat(e.failure()).isEqualTo(CdnException.Failure.NO_SUCH_DISTRIBUTION));
        }

        @Test
        void failsTheWholeOverviewRatherThanLeaveAnAccountOut() {
            simulator.injectFault(Operation.LIST_INVALIDATIONS, Fault.ACCESS_DENIED, 1);

            assertThatThrownBy(used::usedThisMonthByAccount).isInstanceOf(CdnException.class);
        }

        @Test
        void asksAgainOnTheNextCall() {
            seed(WEB, "2026-11-02T08:00:00Z", 3);
            simulator.injectFault(Operation.LIST_INVALIDATIONS, Fault.ACCESS_DENIED, 1);
            assertThatThrownBy(() -> used.usedThisMonth(WEB)).isInstanceOf(CdnException.class);

            assertThat(used.usedThisMonth(WEB)).isEqualTo(3);
        }

        @Test
        void keepsWhatItCountedBeforeAGetInvalidationFailed() {
            seedMany(WEB, "2026-11-01T00:00:00Z", 5);
            simulator.injectFault(Operation.GET_INVALIDATION, Fault.ACCESS_DENIED, 1);
            assertThatThrownBy(() -> used.usedThisMonth(WEB)).isInstanceOf(CdnException.class);

            assertThat(used.usedThisMonth(WEB)).isEqualTo(5);
            assertThat(simulator.calls(Operation.GET_INVALIDATION, WEB)).isEqualTo(6);
        }
    }

    // ---- helpers ----

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
    private static List<Integer> concurrently(int threads, Callable<Integer> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            List<Integer> answers = new ArrayList<>();
            for (Future<Integer> future : futures) {
                answers.add(future.get(20, TimeUnit.SECONDS));
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }
}

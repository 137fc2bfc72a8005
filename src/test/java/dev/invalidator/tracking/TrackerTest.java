package dev.invalidator.tracking;

import static dev.invalidator.testing.CloudFrontFixture.WEB;
import static dev.invalidator.testing.CloudFrontFixture.reference;
import static org.assertj.core.api.Assertions.assertThat;

import dev.invalidator.cdn.Invalidation;
import dev.invalidator.cdn.InvalidationStatus;
import dev.invalidator.cdn.ReadBudget;
import dev.invalidator.config.CloudFrontConfig;
import dev.invalidator.metrics.BotMetrics;
import dev.invalidator.sandbox.CloudFrontSimulator.Fault;
import dev.invalidator.sandbox.CloudFrontSimulator.Operation;
import dev.invalidator.sandbox.SimulatedInvalidation;
import dev.invalidator.testing.Await;
import dev.invalidator.testing.BotFixture;
import dev.invalidator.testing.CloudFrontFixture;
import dev.invalidator.testing.MetricSamples;
import dev.invalidator.testing.RecordingListener;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The tracker with the real gateway and SDK against the CloudFront simulator; completions are released by hand. */
class TrackerTest {

    private static final CloudFrontConfig BUDGET = CloudFrontConfig.defaults();

    /** Polls at once and as often as the read budget lets them: CloudFront's 2026 times would make the tests slow. */
    private static final PollSchedule FAST =
            new PollSchedule(Duration.ofMillis(20), Duration.ofMillis(100), BUDGET.readsPerSecond() * 0.75);

    private final CloudFrontFixture cloudFront = new CloudFrontFixture();
    private final RecordingListener listener = new RecordingListener();
    private final List<Tracker> trackers = new ArrayList<>();
    private final BotMetrics metrics = new BotMetrics(Map.of(WEB, "web"));
    private final ReadBudget reads = new ReadBudget(cloudFront.cdn, BotFixture.config());

    @BeforeEach
    void holdCompletions() {
        cloudFront.simulator.holdCompletions(true);
    }

    @AfterEach
    void close() {
        trackers.forEach(Tracker::close);
        cloudFront.close();
        metrics.close();
    }

    private Tracker newTracker() {
        Tracker tracker = new Tracker(reads, FAST, listener, Clock.systemUTC(), metrics.invalidations());
        trackers.add(tracker);
        return tracker;
    }

    private Invalidation create(String... paths) {
        return cloudFront.cdn.create(WEB, reference(), List.of(paths));
    }

    private void awaitPolls(int polls) {
        int before = cloudFront.simulator.calls(Operation.LIST_INVALIDATIONS);
        Await.until(
                polls + " more polls",
                () -> cloudFront.simulator.calls(Operation.LIST_INVALIDATIONS) >= before + polls);
    }

    @Nested
    class TimesCompletions {

        private double timed() {
            return MetricSamples.parse(metrics.scrape(null).body())
                    .sum("invalidator_invalidation_time_to_complete_seconds_count", "distribution", "web");
        }

        @Test
        void from_cloudfronts_create_time_to_the_poll_that_saw_it_completed() {
            Tracker tracker = newTracker();
            Invalidation created = create("/index.html");
            tracker.follow(created);
            awaitPolls(1);

            cloudFront.simulator.complete(created.id());

            listener.awaitCompleted(created.id());
            assertThat(timed()).isEqualTo(1);
        }

        @Test
        void but_not_one_that_had_completed_before_it_was_followed_when_nobody_saw_how_long_it_took() {
            Tracker tracker = newTracker();
            Invalidation created = create("/index.html");
            cloudFront.simulator.complete(created.id());

            tracker.follow(cloudFront.cdn.invalidation(WEB, created.id()));

            listener.awaitCompleted(created.id());
            assertThat(timed()).isZero();
        }
    }

    @Nested
    class Following {

        @Test
        void reports_a_completion_once_after_cloudfront_says_completed() {
            Tracker tracker = newTracker();
            Invalidation created = create("/index.html");
            tracker.follow(created);
            awaitPolls(2);
            assertThat(listener.completions()).isZero();

            cloudFront.simulator.complete(created.id());

            assertThat(listener.awaitCompleted(created.id()).status()).isEqualTo(InvalidationStatus.COMPLETED);
            Await.until("the tracker to let go", () -> tracker.inFlight() == 0);
            assertThat(listener.completionsOf(created.id())).isEqualTo(1);
        }

        @Test
        void following_the_same_invalidation_twice_still_reports_it_once() {
            Tracker tracker = newTracker();
            Invalidation created = create("/index.html");
            tracker.follow(created);
            tracker.follow(created);
            cloudFront.simulator.complete(created.id());

            listener.awaitCompleted(created.id());
            tracker.follow(created);

            assertThat(tracker.inFlight()).isZero();
            assertThat(listener.completionsOf(created.id())).isEqualTo(1);
        }

        @Test
        void one_list_call_per_poll_answers_for_all_invalidations_of_a_distribution() {
            Tracker tracker = newTracker();
            List<Invalidation> created = List.of(create("/1"), create("/2"), create("/3"), create("/4"), create("/5"));
            created.forEach(tracker::follow);
            awaitPolls(3);

            created.forEach(invalidation -> cloudFront.simulator.complete(invalidation.id()));

            created.forEach(invalidation -> listener.awaitCompleted(invalidation.id()));
            assertThat(cloudFront.simulator.calls(Operation.GET_INVALIDATION)).isZero();
        }

        @Test
        void finds_an_invalidation_that_newer_ones_pushed_off_the_first_page() {
            Tracker tracker = newTracker();
            Invalidation old = create("/old.html");
            for (int i = 0; i < 150; i++) {
                cloudFront.simulator.seedInvalidation(
                        WEB, List.of("/new" + i), Instant.now().plusSeconds(1), true, null);
            }
            tracker.follow(old);

            cloudFront.simulator.complete(old.id());

            listener.awaitCompleted(old.id());
        }

        @Test
        void keeps_following_through_throttled_polls() {
            Tracker tracker = newTracker();
            Invalidation created = create("/index.html");
            cloudFront.simulator.injectFault(Operation.LIST_INVALIDATIONS, Fault.THROTTLING, 6);
            tracker.follow(created);

            cloudFront.simulator.complete(created.id());

            listener.awaitCompleted(created.id());
        }

        @Test
        void gives_up_on_an_invalidation_cloudfront_does_not_know_and_says_why() {
            Tracker tracker = newTracker();
            Invalidation real = create("/index.html");
            Invalidation unknown = new Invalidation(
                    WEB,
                    "I0DOESNOTEXIST",
                    InvalidationStatus.IN_PROGRESS,
                    real.createTime(),
                    List.of("/x"),
                    reference());

            tracker.follow(unknown);

            assertThat(listener.awaitLost(unknown.id())).containsIgnoringCase("no such invalidation");
            Await.until("the tracker to let go", () -> tracker.inFlight() == 0);
        }
    }

    @Nested
    class WithinTheReadBudget {

        private static final int BUSY = 40;

        @Test
        void forty_busy_distributions_are_all_followed_to_completion_without_a_throttled_read() {
            List<Invalidation> inFlight = new ArrayList<>();
            for (int d = 0; d < BUSY; d++) {
                String id = String.format("E%02dBUSYEXAMPLE", d);
                cloudFront.simulator.addDistribution(id, "d" + d + ".cloudfront.net");
                // Seeded, not created: forty creates would wait for CloudFront's create rate, and this is about reads.
                SimulatedInvalidation seeded = cloudFront.simulator.seedInvalidation(
                        id, List.of("/index.html"), Instant.now(), false, reference());
                inFlight.add(new Invalidation(
                        id,
                        seeded.id(),
                        InvalidationStatus.IN_PROGRESS,
                        seeded.createTime(),
                        seeded.paths(),
                        seeded.callerReference()));
            }
            Tracker tracker = newTracker();
            inFlight.forEach(tracker::follow);
            awaitPolls(BUSY);

            inFlight.forEach(invalidation -> cloudFront.simulator.complete(invalidation.id()));

            inFlight.forEach(invalidation -> listener.awaitCompleted(invalidation.id()));
            assertThat(cloudFront.simulator.throttledCalls(Operation.LIST_INVALIDATIONS))
                    .as("ListInvalidations answered Throttling")
                    .isZero();
            assertThat(cloudFront.simulator.throttledCalls(Operation.GET_INVALIDATION))
                    .as("GetInvalidation answered Throttling")
                    .isZero();
            assertThat(listener.completions()).isEqualTo(BUSY);
        }
    }

    @Nested
    class Recovering {

        @Test
        void a_new_tracker_resumes_what_the_old_one_was_following_and_reports_it_once() {
            Tracker before = newTracker();
            Invalidation created = create("/index.html");
            before.follow(created);
            before.close();

            Tracker after = newTracker();
            Recovery recovery = after.recover(List.of(WEB), Duration.ofHours(1), reads);
            cloudFront.simulator.complete(created.id());

            assertThat(recovery.resumed()).isEqualTo(1);
            assertThat(listener.awaitCompleted(created.id()).paths()).containsExactly("/index.html");
            assertThat(listener.completionsOf(created.id())).isEqualTo(1);
        }

        @Test
        void reports_what_completed_while_no_tracker_was_running() {
            Invalidation created = create("/index.html");
            cloudFront.simulator.complete(created.id());

            Recovery recovery = newTracker().recover(List.of(WEB), Duration.ofHours(1), reads);

            assertThat(recovery.completedWhileDown()).isEqualTo(1);
            listener.awaitCompleted(created.id());
        }

        @Test
        void leaves_invalidations_of_other_tools_alone() {
            Invalidation foreign = cloudFront.cdn.create(WEB, "cli-1523067548-180131", List.of("/theirs.html"));

            Recovery recovery = newTracker().recover(List.of(WEB), Duration.ofHours(1), reads);

            assertThat(recovery.resumed()).isZero();
            assertThat(recovery.completedWhileDown()).isZero();
            assertThat(listener.completionsOf(foreign.id())).isZero();
        }

        @Test
        void ignores_completed_invalidations_older_than_the_window() {
            cloudFront.simulator.seedInvalidation(
                    WEB, List.of("/old"), Instant.now().minus(Duration.ofDays(2)), true, reference());

            Recovery recovery = newTracker().recover(List.of(WEB), Duration.ofHours(1), reads);

            assertThat(recovery.completedWhileDown()).isZero();
            assertThat(cloudFront.simulator.calls(Operation.GET_INVALIDATION)).isZero();
        }

        @Test
        void names_a_distribution_it_could_not_read_and_goes_on() {
            create("/index.html");

            Recovery recovery = newTracker().recover(List.of("E0NOSUCHDIST1", WEB), Duration.ofHours(1), reads);

            assertThat(recovery.unreachable()).singleElement().asString().startsWith("E0NOSUCHDIST1");
            assertThat(recovery.resumed()).isEqualTo(1);
        }
    }
}

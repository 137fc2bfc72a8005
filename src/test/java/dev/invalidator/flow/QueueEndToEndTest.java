package dev.invalidator.flow;

import static dev.invalidator.testing.BotFixture.CAROL;
import static dev.invalidator.testing.BotFixture.DAVE;
import static dev.invalidator.testing.BotFixture.OPS;
import static dev.invalidator.testing.BotFixture.WEB;
import static org.assertj.core.api.Assertions.assertThat;

import dev.invalidator.Bot;
import dev.invalidator.chat.StatusCard;
import dev.invalidator.sandbox.CloudFrontSimulator.Operation;
import dev.invalidator.sandbox.SimulatedInvalidation;
import dev.invalidator.sandbox.SlackSimulator;
import dev.invalidator.sandbox.SlackSimulator.ChannelMessage;
import dev.invalidator.testing.Await;
import dev.invalidator.testing.BotFixture;
import dev.invalidator.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Requests CloudFront can't take yet — the account's create rate spent, the distribution's in-progress wildcards
 * used up — wait in their status message, "⏳ Queued" with why and their place, and go as soon as capacity frees,
 * against the simulator's default limits (0.5 creates a second after a burst of 5; 15 wildcard paths in progress).
 */
class QueueEndToEndTest {

    private static final List<String> PEOPLE = List.of(SlackSimulator.ALICE, SlackSimulator.BOB, CAROL, DAVE);

    /** A sweep takes over a queued request nobody touched for a second; short, so the test need not wait two minutes. */
    private static final String QUICK_TAKE_OVER = BotFixture.CONFIG.replace(
            "  maxInterval: 200ms\n", "  maxInterval: 200ms\n  abandonedAfter: 1s\n  sweepInterval: 1s\n");

    /**
     * A holder's touch may wait its turn behind other edits at Slack's ~50 a minute: a second past the touch it promised
     * (QUICK_TAKE_OVER) may pass while it lives, and a sweep would take its request over; ten seconds do not.
     */
    private static final String TAKE_OVER_WITHIN_SLACKS_PACE = BotFixture.CONFIG.replace(
            "  maxInterval: 200ms\n", "  maxInterval: 200ms\n  abandonedAfter: 10s\n  sweepInterval: 1s\n");

    /**
     * The bot sends its creates one at a time rather than CloudFront's burst of 5: Slack lets the twelve status messages
     * of a burst in one channel appear at only about one a second, nearly the account's 0.5 creates a second, so with
     * the burst the queue may never form. Stricter than CloudFront, never kinder.
     */
    private static final String NO_CREATE_BURST = BotFixture.CONFIG + "cloudfront:\n  createBurst: 1\n";

    private final BotFixture world = new BotFixture();

    @AfterEach
    void stop() {
        world.close();
    }

    @Nested
    class ABurst {

        @BeforeEach
        void start() {
            world.startBot(BotFixture.config(NO_CREATE_BURST));
        }

        @Test
        void a_burst_past_the_accounts_turns_is_queued_and_every_request_completes() {
            int requests = 12;
            IntStream.range(0, requests)
                    .forEach(i -> world.type(PEOPLE.get(i % PEOPLE.size()), OPS, "web /page-" + i + ".html"));

            completeAsTheyCome(requests);

            assertThat(world.slack.messages(OPS))
                    .noneMatch(message -> message.text().contains("failed"));
            assertThat(world.cloudFront.simulator.throttledCalls(Operation.CREATE_INVALIDATION))
                    .isZero();
            assertThat(world.cloudFront.simulator.calls(Operation.CREATE_INVALIDATION))
                    .as("creates: the requests queued together went as one invalidation")
                    .isLessThan(requests);
            // Each waits a turn of two seconds at most, all those waiting going together: a request may go before its
            // place is shown (the places of longer waits: OnOneInstance), but one that went with others says so.
            ChannelMessage waited = world.slack.messages(OPS).stream()
                    .filter(message -> message.previousTexts().stream().anyMatch(text -> text.contains("⏳ Queued")))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no status message said queued"));
            // Twelve status messages, their replies and notices share the channel's one post a second.
            Await.until(
                    "how long it queued",
                    Duration.ofSeconds(60),
                    () -> world.slack.thread(OPS, waited.ts()).stream()
                            .anyMatch(reply -> reply.text().contains("Queued for")));
        }
    }

    @Nested
    class OnOneInstance {

        @BeforeEach
        void start() {
            world.startBot();
        }

        @Test
        void a_wildcard_past_the_fifteen_in_progress_waits_for_a_completion_then_goes() {
            world.type(SlackSimulator.ALICE, OPS, "web " + BotFixture.FIFTEEN_WILDCARDS);
            SimulatedInvalidation first = world.awaitInvalidation(WEB);

            world.type(SlackSimulator.BOB, OPS, "web /late/*");
            ChannelMessage queued = world.awaitMessage(
                    OPS, message -> message.text().contains("⏳ Queued"), "the request past the wildcard limit");
            assertThat(queued.text()).contains("CloudFront allows 15 wildcard paths in progress");
            assertThat(world.cloudFront.simulator.invalidations(WEB)).hasSize(1);

            world.cloudFront.simulator.complete(first.id());

            Await.until(
                    "the queued request to be sent",
                    () -> world.cloudFront.simulator.invalidations(WEB).size() == 2);
            Await.until(
                    "the queued request to be in progress",
                    () -> statusOf(queued).endsWith(": in progress"));
            assertThat(world.slack.messages(OPS))
                    .noneMatch(message -> message.text().contains("failed"));
        }

        @Test
        void status_list_and_the_home_tab_show_a_queued_request_and_its_place() {
            queueBehindFifteenWildcards(SlackSimulator.BOB);

            world.type(CAROL, OPS, "status web");
            assertThat(world.awaitEphemeral(CAROL, "the status").blocksJson())
                    .contains("Queued, waiting for CloudFront")
                    .contains("<@" + SlackSimulator.BOB + ">")
                    .contains("CloudFront allows 15 wildcard paths in progress");
            world.type(DAVE, OPS, "list web");
            assertThat(world.awaitEphemeral(DAVE, "the list").blocksJson())
                    .contains("Queued, waiting for CloudFront")
                    .contains("<@" + SlackSimulator.BOB + ">");
            world.slack
                    .appHomeOpened(SlackSimulator.BOB)
                    .ack()
                    .orTimeout(10, TimeUnit.SECONDS)
                    .join();
            Await.until(
                    "the Home tab with the queued request",
                    () -> world.slack.views(SlackSimulator.BOB).stream()
                            .anyMatch(view -> view.viewJson().contains("Queued, waiting for CloudFront")
                                    && view.viewJson().contains("15 wildcard paths in progress")));
        }

        @Test
        void the_requester_cancels_a_queued_request_and_nothing_is_sent() {
            ChannelMessage queued = queueBehindFifteenWildcards(SlackSimulator.BOB);

            click(SlackSimulator.BOB, queued);

            Await.until("the request to be cancelled", () -> statusOf(queued).contains("cancelled, nothing was sent"));
            world.cloudFront.simulator.complete(
                    world.cloudFront.simulator.invalidations(WEB).get(0).id());
            Await.until(
                    "the first request to be completed",
                    () -> world.slack.messages(OPS).stream()
                            .anyMatch(message -> message.text().contains("completed")));
            assertThat(world.cloudFront.simulator.invalidations(WEB)).hasSize(1);
            assertThat(world.cloudFront.simulator.invalidations(WEB).get(0).paths())
                    .doesNotContain("/late/*");
        }

        @Test
        void someone_else_s_cancel_is_refused_privately_and_the_request_stays_queued() {
            ChannelMessage queued = queueBehindFifteenWildcards(SlackSimulator.BOB);

            click(CAROL, queued);

            assertThat(world.awaitEphemeral(CAROL, "the refusal").text())
                    .contains("Only <@" + SlackSimulator.BOB + ">");
            assertThat(statusOf(queued)).contains("⏳ Queued");
            world.cloudFront.simulator.complete(
                    world.cloudFront.simulator.invalidations(WEB).get(0).id());
            Await.until(
                    "the queued request to be sent",
                    () -> world.cloudFront.simulator.invalidations(WEB).size() == 2);
        }
    }

    @Nested
    class Bounded {

        @Test
        void beyond_max_per_distribution_the_person_is_told_privately_to_try_later_and_nothing_is_posted() {
            world.startBot(BotFixture.config(BotFixture.CONFIG + "queue:\n  maxPerDistribution: 1\n"));
            queueBehindFifteenWildcards(SlackSimulator.BOB);

            world.type(CAROL, OPS, "web /later/*");

            assertThat(world.awaitEphemeral(CAROL, "the answer").text())
                    .contains("1 request already waits")
                    .contains("try again");
            assertThat(world.slack.messages(OPS)).hasSize(2);
        }

        @Test
        void a_queued_request_older_than_expires_after_ends_expired_with_nothing_sent() {
            MutableClock clock = new MutableClock(Instant.now());
            // abandonedAfter 3s: the queue looks at its requests every second, where expiry is found.
            world.startBot(
                    BotFixture.config(BotFixture.CONFIG.replace(
                                    "  maxInterval: 200ms\n", "  maxInterval: 200ms\n  abandonedAfter: 3s\n")
                            + "queue:\n  expiresAfter: 10m\n"),
                    clock);
            ChannelMessage queued = queueBehindFifteenWildcards(SlackSimulator.BOB);

            clock.advance(Duration.ofMinutes(11));

            Await.until("the request to expire", () -> statusOf(queued).endsWith("expired, nothing was sent"));
            world.awaitReply(
                    queued,
                    reply -> reply.blocksJson().contains("<@" + SlackSimulator.BOB + ">")
                            && reply.text().contains("expired"),
                    "the notice to the requester");
            world.cloudFront.simulator.complete(
                    world.cloudFront.simulator.invalidations(WEB).get(0).id());
            Await.until(
                    "the first request to be completed",
                    () -> world.slack.messages(OPS).stream()
                            .anyMatch(message -> message.text().contains("completed")));
            assertThat(world.cloudFront.simulator.invalidations(WEB)).hasSize(1);
        }
    }

    @Nested
    class WithinSlacksEditRate {

        private static final Pattern TOUCHED = Pattern.compile("\"touched_at\":\"(\\d+)\"");
        private static final Pattern DUE = Pattern.compile("\"touch_due\":\"(\\d+)\"");

        @Test
        void a_holder_of_several_queued_requests_touches_them_within_its_share_of_slacks_edits() {
            // A third of abandonedAfter is 333 ms: were that the touch interval, four messages would want 12 edits a
            // second, far past Slack's ~50 a minute.
            world.startBot(BotFixture.config(QUICK_TAKE_OVER));
            queueBehindFifteenWildcards(SlackSimulator.BOB);
            List.of(CAROL, DAVE, SlackSimulator.ALICE)
                    .forEach(person -> world.type(person, OPS, "web /later-" + person + "/*"));
            // Each request posts its status and keeps its paths in its thread: ten posts at Slack's one a second.
            Await.until("four requests queued", Duration.ofSeconds(60), () -> queued().size() == 4);
            Set<String> queuedTs = queued().stream().map(ChannelMessage::ts).collect(Collectors.toSet());
            Await.until(
                    "every queued message to promise its next touch",
                    () -> queued().stream()
                            .allMatch(message ->
                                    DUE.matcher(message.metadataJson()).find()));
            int editsBefore = editsOf(queuedTs);
            int sweepsBefore = world.slack.calls("conversations.history").size();

            // A sweep a second (QUICK_TAKE_OVER): eight of them are about eight seconds.
            Await.until(
                    "eight sweeps to pass",
                    () -> world.slack.calls("conversations.history").size() >= sweepsBefore + 8);

            assertThat(editsOf(queuedTs) - editsBefore)
                    .as("edits of the queued messages over eight sweeps: a burst of 3, then 10 a minute")
                    .isLessThanOrEqualTo(4);
            for (ChannelMessage message : queued()) {
                assertThat(millis(DUE, message) - millis(TOUCHED, message))
                        .as("the touch promised in " + message.metadataJson())
                        .isGreaterThanOrEqualTo(Duration.ofSeconds(6).toMillis());
            }
        }

        private List<ChannelMessage> queued() {
            return world.slack.messages(OPS).stream()
                    .filter(message -> message.text().contains("⏳ Queued"))
                    .toList();
        }

        private int editsOf(Set<String> ts) {
            return (int) world.slack.calls("chat.update").stream()
                    .filter(call -> ts.contains(call.params().get("ts")))
                    .count();
        }

        private static long millis(Pattern fact, ChannelMessage message) {
            Matcher matcher = fact.matcher(message.metadataJson());
            assertThat(matcher.find())
                    .as(fact + " in " + message.metadataJson())
                    .isTrue();
            return Long.parseLong(matcher.group(1));
        }
    }

    @Nested
    class WhenItsInstanceIsGone {

        @Test
        void another_instance_takes_the_queued_request_over_from_its_thread_and_sends_it_once() {
            Bot first = world.startBot(BotFixture.config(QUICK_TAKE_OVER));
            ChannelMessage queued = queueBehindFifteenWildcards(SlackSimulator.BOB);
            world.awaitReply(
                    queued,
                    reply -> reply.text().contains("to send to CloudFront")
                            && reply.blocksJson().contains("/late/*"),
                    "the paths kept in the thread");
            world.stop(first);

            world.startBot(BotFixture.config(QUICK_TAKE_OVER));
            world.cloudFront.simulator.complete(
                    world.cloudFront.simulator.invalidations(WEB).get(0).id());

            Await.until(
                    "the queued request to be in progress",
                    () -> statusOf(queued).endsWith(": in progress"));
            assertThat(world.cloudFront.simulator.invalidations(WEB))
                    .as("the invalidations: %s", world.cloudFront.simulator.invalidations(WEB))
                    .filteredOn(invalidation -> invalidation.paths().contains("/late/*"))
                    .singleElement()
                    .satisfies(invalidation ->
                            assertThat(invalidation.callerReference()).contains(queued.ts()));
            assertThat(world.cloudFront.simulator.calls(Operation.CREATE_INVALIDATION))
                    .isEqualTo(2);
        }

        @Test
        void after_a_restart_every_member_of_a_coalesced_invalidation_is_told_of_its_end() {
            Bot first = world.startBot(BotFixture.config(QUICK_TAKE_OVER));
            ChannelMessage one = queueBehindFifteenWildcards(SlackSimulator.BOB);
            world.type(CAROL, OPS, "web /later/*");
            Await.until(
                    "both requests queued",
                    () -> world.slack.messages(OPS).stream()
                                    .filter(message -> message.text().contains("⏳ Queued"))
                                    .count()
                            == 2);
            ChannelMessage other = world.slack.messages(OPS).stream()
                    .filter(message ->
                            message.text().contains("⏳ Queued") && !message.ts().equals(one.ts()))
                    .findFirst()
                    .orElseThrow();
            world.cloudFront.simulator.complete(
                    world.cloudFront.simulator.invalidations(WEB).get(0).id());
            Await.until(
                    "both sent together",
                    () -> statusOf(one).endsWith(": in progress")
                            && statusOf(other).endsWith(": in progress"));
            assertThat(world.cloudFront.simulator.invalidations(WEB)).hasSize(2);
            world.stop(first);
            int historyReads = world.slack.calls("conversations.history").size();

            world.startBot(BotFixture.config(QUICK_TAKE_OVER));
            // The new instance's tracker reports to the first member; its sweep finds the other and adds it.
            Await.until(
                    "a sweep of the new instance",
                    () -> world.slack.calls("conversations.history").size() > historyReads + 1);
            world.cloudFront.simulator.invalidations(WEB).stream()
                    .filter(invalidation -> invalidation.paths().contains("/later/*"))
                    .forEach(invalidation -> world.cloudFront.simulator.complete(invalidation.id()));

            Await.until(
                    "both members completed",
                    () -> statusOf(one).contains(": completed")
                            && statusOf(other).contains(": completed"));
        }

        @Test
        void two_live_replicas_each_send_their_own_queued_requests_once() {
            Bot first = world.startBot(BotFixture.config(TAKE_OVER_WITHIN_SLACKS_PACE));
            Bot second = world.startBot(BotFixture.config(TAKE_OVER_WITHIN_SLACKS_PACE));
            world.deliverTo(first);
            world.type(SlackSimulator.ALICE, OPS, "web " + BotFixture.FIFTEEN_WILDCARDS);
            world.awaitInvalidation(WEB);
            world.type(SlackSimulator.BOB, OPS, "web /late-1/*");
            world.deliverTo(second);
            world.type(CAROL, OPS, "web /late-2/*");
            Await.until(
                    "both requests queued",
                    () -> world.slack.messages(OPS).stream()
                                    .filter(message -> message.text().contains("⏳ Queued"))
                                    .count()
                            == 2);
            // Longer than abandonedAfter: each holder keeps touching its own, so neither sweep takes the other's.
            long sweepsFrom = world.slack.calls("conversations.history").size();
            Await.until(
                    "a few sweeps to pass",
                    Duration.ofSeconds(60),
                    () -> world.slack.calls("conversations.history").size() > sweepsFrom + 24);

            completeAsTheyCome(3);

            // The second replica follows none of the first's wildcards, so its create may be refused by CloudFront
            // (TooManyInvalidationsInProgress) and sent again later: one invalidation each all the same.
            assertThat(world.cloudFront.simulator.invalidations(WEB))
                    .extracting(invalidation -> invalidation.paths().get(0))
                    .containsExactlyInAnyOrder("/section-0/*", "/late-1/*", "/late-2/*");
        }
    }

    private ChannelMessage queueBehindFifteenWildcards(String requester) {
        world.type(SlackSimulator.ALICE, OPS, "web " + BotFixture.FIFTEEN_WILDCARDS);
        world.awaitInvalidation(WEB);
        world.type(requester, OPS, "web /late/*");
        return world.awaitMessage(
                OPS,
                message -> message.text().contains("⏳ Queued")
                        && message.blocksJson().contains(StatusCard.CANCEL_QUEUED),
                "the queued request with its Cancel button");
    }

    private void click(String user, ChannelMessage status) {
        world.slack
                .clickButton(user, OPS, status.ts(), StatusCard.CANCEL_QUEUED)
                .ack()
                .orTimeout(10, TimeUnit.SECONDS)
                .join();
    }

    private String statusOf(ChannelMessage message) {
        return world.slack.messages(OPS).stream()
                .filter(m -> m.ts().equals(message.ts()))
                .findFirst()
                .orElseThrow()
                .text();
    }

    /** Completes each invalidation CloudFront holds until {@code requests} status messages say completed. */
    private void completeAsTheyCome(int requests) {
        Await.until("every request to be completed", Duration.ofSeconds(90), () -> {
            world.cloudFront.simulator.invalidations(WEB).stream()
                    .filter(invalidation -> !invalidation.completedAt(Instant.now()))
                    .forEach(invalidation -> world.cloudFront.simulator.complete(invalidation.id()));
            return world.slack.messages(OPS).stream()
                            .filter(message -> message.text().contains("completed"))
                            .count()
                    == requests;
        });
    }
}

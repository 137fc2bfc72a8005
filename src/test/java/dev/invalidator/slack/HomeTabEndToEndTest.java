package dev.invalidator.slack;

import static dev.invalidator.testing.BotFixture.DAVE;
import static dev.invalidator.testing.BotFixture.OPS;
import static dev.invalidator.testing.BotFixture.WEB;
import static org.assertj.core.api.Assertions.assertThat;

import dev.invalidator.Bot;
import dev.invalidator.chat.HomeView;
import dev.invalidator.sandbox.CloudFrontSimulator.Operation;
import dev.invalidator.sandbox.SimulatedInvalidation;
import dev.invalidator.sandbox.SlackSimulator;
import dev.invalidator.sandbox.SlackSimulator.OpenedView;
import dev.invalidator.testing.Await;
import dev.invalidator.testing.BotFixture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Home tab: published on app_home_opened with what the person may use and what is in flight. */
class HomeTabEndToEndTest {

    private static final String ALICE = SlackSimulator.ALICE;

    private BotFixture world;
    private Bot bot;

    @BeforeEach
    void start() {
        world = new BotFixture();
        bot = world.startBot();
    }

    @AfterEach
    void stop() {
        world.close();
    }

    private OpenedView awaitHome(String user, String containing) {
        return Await.value(
                "the Home tab of " + user,
                () -> world.slack.views(user).stream()
                        .filter(view -> view.method().equals("views.publish")
                                && view.viewJson().contains(containing))
                        .reduce((a, b) -> b)
                        .orElse(null));
    }

    @Test
    void lists_the_in_progress_invalidation_by_its_id_with_a_link_to_its_status_message() {
        world.type(ALICE, OPS, "web /index.html");
        SimulatedInvalidation invalidation = world.awaitInvalidation(WEB);
        Await.until("the tracker to follow it", () -> bot.inFlight() == 1);

        world.slack.appHomeOpened(ALICE).ack().orTimeout(10, TimeUnit.SECONDS).join();

        String home = awaitHome(ALICE, "In progress").viewJson();
        assertThat(home)
                .contains("`web`")
                .contains("`images`")
                .contains("`" + invalidation.id() + "`")
                .contains("1 path")
                .contains("<@" + ALICE + ">")
                .contains("|status>")
                .contains("free paths used this month");
        assertThat(home).doesNotContain("Nothing in progress");
        assertThat(invalidation.paths()).containsExactly("/index.html");
    }

    @Test
    void asks_slack_for_the_link_to_a_status_message_once_however_often_it_is_opened() {
        world.type(ALICE, OPS, "web /index.html");
        Await.until("the tracker to follow it", () -> bot.inFlight() == 1);

        for (int opened = 1; opened <= 3; opened++) {
            world.slack
                    .appHomeOpened(ALICE)
                    .ack()
                    .orTimeout(10, TimeUnit.SECONDS)
                    .join();
            int published = opened;
            Await.until(
                    "Home tab " + opened + " published",
                    () -> world.slack.views(ALICE).stream()
                                    .filter(view -> view.viewJson().contains("|status>"))
                                    .count()
                            == published);
        }

        assertThat(world.slack.calls("chat.getPermalink")).hasSize(1);
    }

    @Test
    void shows_a_person_of_another_workspace_no_distribution_and_no_usage() {
        world.slack.addUser("U0EXT", "mallory", "T0OTHERORG");

        world.slack.appHomeOpened("U0EXT").ack().orTimeout(10, TimeUnit.SECONDS).join();

        String home = awaitHome("U0EXT", "Distributions you can use").viewJson();
        assertThat(home).contains("None yet").doesNotContain("free paths").doesNotContain(WEB);
    }

    @Test
    void opened_past_the_per_person_limit_of_reads_says_when_to_open_it_again_and_reads_nothing() {
        for (int i = 0; i < 30; i++) {
            world.slack
                    .appHomeOpened(DAVE)
                    .ack()
                    .orTimeout(10, TimeUnit.SECONDS)
                    .join();
        }
        Await.until("thirty Home tabs", () -> world.slack.views(DAVE).size() == 30);
        int lists = world.cloudFront.simulator.calls(Operation.LIST_INVALIDATIONS, WEB);

        world.slack.appHomeOpened(DAVE).ack().orTimeout(10, TimeUnit.SECONDS).join();

        assertThat(awaitHome(DAVE, "in the last minute").viewJson()).contains("try again in");
        assertThat(world.cloudFront.simulator.calls(Operation.LIST_INVALIDATIONS, WEB))
                .isEqualTo(lists);
    }

    @Test
    void shows_only_the_distributions_the_person_is_listed_for() {
        world.slack.appHomeOpened(DAVE).ack().orTimeout(10, TimeUnit.SECONDS).join();

        String home = awaitHome(DAVE, "Distributions you can use").viewJson();
        assertThat(home).contains("`web`").doesNotContain("`images`").contains(HomeView.NEW_INVALIDATION);
    }
}

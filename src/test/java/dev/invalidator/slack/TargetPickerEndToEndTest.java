package dev.invalidator.slack;

import static dev.invalidator.testing.BotFixture.OPS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.invalidator.sandbox.SlackSimulator.OpenedView;
import dev.invalidator.sandbox.SlackSimulator.Suggestion;
import dev.invalidator.sandbox.SlackSimulator.Suggestions;
import dev.invalidator.testing.Await;
import dev.invalidator.testing.BotFixture;
import dev.invalidator.testing.LargeConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The form's target picker with {@value LargeConfig#DISTRIBUTIONS} distributions and {@value LargeConfig#TENANTS}
 * tenants: the form opens (a static menu holds 100 options, and Slack refuses the view past that), and typing in
 * the picker finds a target by a fragment of its alias, id or domain, answered within Slack's limits and its three
 * seconds.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TargetPickerEndToEndTest {

    private static final String CAROL = BotFixture.CAROL;

    private BotFixture world;
    private OpenedView form;

    @BeforeAll
    void start() {
        world = new BotFixture();
        LargeConfig.deploy(world.cloudFront.simulator);
        // Start-up's reads of 2,500 targets take minutes at CloudFront's pace; the picker answers meanwhile.
        world.startConnected(BotFixture.config(LargeConfig.yaml()), Clock.systemUTC());
        world.type(CAROL, OPS, "");
        form = Await.value(
                "the form", () -> world.slack.views(CAROL).stream().findFirst().orElse(null));
    }

    @AfterAll
    void stop() {
        world.close();
    }

    private Suggestions type(String text) {
        return world.slack
                .typeInMenu(CAROL, form.viewId(), "distribution", text)
                .orTimeout(10, TimeUnit.SECONDS)
                .join();
    }

    @Test
    void the_form_opens_with_a_picker_that_asks_the_bot_instead_of_listing_every_target() {
        assertThat(form.viewJson()).contains("\"type\":\"external_select\"").doesNotContain("\"options\"");
        assertThat(form.viewJson()).contains("one of the 2,501 targets you may use here");
    }

    @Test
    void opening_the_menu_lists_the_first_hundred_targets_within_slacks_limits() {
        Suggestions shown = type("");

        assertThat(shown.problems()).isEmpty();
        assertThat(shown.values()).hasSize(100).startsWith(LargeConfig.alias(0), LargeConfig.alias(1));
    }

    @Test
    void a_fragment_of_an_alias_finds_the_targets_that_hold_it_the_one_named_exactly_first() {
        Suggestions shown = type("site-04");

        assertThat(shown.problems()).isEmpty();
        assertThat(shown.values()).hasSize(10).startsWith(LargeConfig.alias(40)).contains(LargeConfig.alias(49));
        assertThat(type("site-042").values()).first().isEqualTo(LargeConfig.alias(42));
    }

    @Test
    void a_tenant_is_found_by_its_alias_and_a_distribution_by_its_id() {
        assertThat(type("tenant-1234").values()).containsExactly(LargeConfig.tenantAlias(1234));
        assertThat(type(LargeConfig.id(7).toLowerCase(java.util.Locale.ROOT)).values())
                .containsExactly(LargeConfig.alias(7));
    }

    @Test
    void a_group_is_found_by_its_name_and_by_a_member() {
        assertThat(type("first-si").values()).containsExactly(LargeConfig.GROUP);
        assertThat(type("site-001").values()).containsExactly(LargeConfig.alias(1), LargeConfig.GROUP);
    }

    @Test
    void a_fragment_of_a_domain_finds_its_distribution_once_start_up_has_read_the_domain() {
        // Start-up reads the domains in the config's order, in its read budget: the fourth comes early.
        Suggestions shown = Await.until(
                "site-003's domain in its label",
                Duration.ofSeconds(30),
                () -> type("003.example"),
                found -> !found.options().isEmpty());

        assertThat(shown.options()).extracting(Suggestion::value).containsExactly(LargeConfig.alias(3));
        assertThat(shown.options().get(0).text()).contains(LargeConfig.domain(3));
    }

    @Test
    void the_home_tab_opens_at_once_with_a_count_of_the_distributions_it_does_not_name() {
        world.slack.appHomeOpened(CAROL).ack().orTimeout(10, TimeUnit.SECONDS).join();

        // Without a bound, the Home tab would first list the recent invalidations of each of the 2,500 targets.
        String home = Await.value(
                        "the Home tab",
                        () -> world.slack.views(CAROL).stream()
                                .filter(view -> view.method().equals("views.publish"))
                                .findFirst()
                                .orElse(null))
                .viewJson();
        assertThat(home).contains("more: type part of a name, id or domain in the picker");
    }

    @Test
    void every_answer_comes_well_within_slacks_three_seconds() {
        for (String text : new String[] {"", "s", "site", "tenant-", "example.com", "nothing-like-this"}) {
            Suggestions shown = type(text);
            assertThat(shown.problems()).as(text).isEmpty();
            assertThat(shown.took()).as(text).isLessThan(Duration.ofSeconds(3));
        }
    }
}

package dev.invalidator.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invalidator.cost.MonthCount;
import dev.invalidator.cost.Pricing;
import dev.invalidator.request.WildcardSuggestion.Suggestion;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The confirmation question: numbers in English whatever the server's locale, and what a wipe sweeps. */
class ConfirmationCardTest {

    private final Locale defaultLocale = Locale.getDefault();
    private final Locale formatLocale = Locale.getDefault(Locale.Category.FORMAT);
    private final Locale displayLocale = Locale.getDefault(Locale.Category.DISPLAY);

    @BeforeEach
    void runAsAServerSetUpInGerman() {
        Locale.setDefault(Locale.GERMANY);
    }

    @AfterEach
    void restoreTheLocale() {
        Locale.setDefault(defaultLocale);
        Locale.setDefault(Locale.Category.FORMAT, formatLocale);
        Locale.setDefault(Locale.Category.DISPLAY, displayLocale);
    }

    private static ConfirmationCard card(int paths, int usedThisMonth) {
        return new ConfirmationCard(
                "t1.key",
                "web",
                "E1WEBEXAMPLE",
                paths,
                List.of(),
                List.of(),
                true,
                1_000,
                Pricing.charge(paths, usedThisMonth),
                Optional.of(new Suggestion(List.of("/img/*"), List.of(), paths, 1)));
    }

    private static ConfirmationCard wiping(String... wipes) {
        return new ConfirmationCard(
                "t1.key",
                "web",
                "E1WEBEXAMPLE",
                wipes.length,
                List.of(wipes),
                List.of(),
                false,
                1_000,
                Pricing.charge(wipes.length, 0),
                Optional.empty());
    }

    private static String allText(Message message) {
        return message.text() + "\n" + message.blocks();
    }

    @Test
    void a_german_server_still_writes_the_free_tier_as_1_000_with_a_comma() {
        String shown = allText(card(1_200, 950).message());

        assertThat(shown)
                .contains("950 of 1,000 free paths used in this AWS account")
                .doesNotContain("1.000");
    }

    @Test
    void every_count_on_the_card_groups_its_digits_with_commas() {
        String shown = allText(card(1_200, 950).message());

        assertThat(shown)
                .contains("Invalidate 1,200 paths")
                .contains("1,150 charged paths")
                .contains("more than the 1,000 paths this bot asks about")
                .contains("instead of 1,200")
                .doesNotContain("1.200")
                .doesNotContain("1.150");
    }

    @Nested
    class TheMonthsCount {

        private ConfirmationCard counted(int paths, MonthCount count) {
            return new ConfirmationCard(
                    "t1.key",
                    "web",
                    "E1WEBEXAMPLE",
                    paths,
                    List.of(),
                    List.of(),
                    false,
                    1_000,
                    Pricing.charge(paths, count),
                    Optional.empty());
        }

        @Test
        void not_known_yet_is_said_plainly_and_the_request_is_priced_as_if_nothing_were_free() {
            String shown = allText(counted(3, MonthCount.notKnown()).message());

            assertThat(shown)
                    .contains("This month so far: count not known yet")
                    .contains("may be charged: if the free 1,000 are used up, 3 paths charged, about *$0.02*")
                    .contains("(may cost up to $0.02)")
                    .doesNotContain("0 of 1,000");
        }

        @Test
        void a_count_that_is_not_fresh_says_how_old_it_is() {
            assertThat(allText(counted(1_200, MonthCount.asOf(950, Duration.ofSeconds(185)))
                            .message()))
                    .contains("950 of 1,000 free paths used in this AWS account (as of 3m 5s ago)");
        }

        @Test
        void a_fresh_count_says_no_age() {
            assertThat(allText(counted(1_200, MonthCount.fresh(950)).message()))
                    .contains("950 of 1,000 free paths used in this AWS account\n")
                    .doesNotContain("as of");
        }
    }

    @Nested
    class Wipes {

        @Test
        void slash_star_warns_that_every_cached_object_goes_to_the_origin() {
            assertThat(allText(wiping("/*").message()))
                    .contains("`/*` removes *every* cached object of this distribution")
                    .contains("requests go to your origin");
        }

        @Test
        void one_wildcard_at_the_top_level_says_what_it_sweeps() {
            assertThat(allText(wiping("/img*").message()))
                    .contains("`/img*` is a wildcard at the top level of this distribution")
                    .contains("every cached object whose path starts with `/img`, whole folders included")
                    .contains("requests go to your origin");
        }

        @Test
        void fifteen_wildcards_at_the_top_level_name_three_and_count_the_rest() {
            String[] fifteen = "abcdefghijklmno"
                    .chars()
                    .mapToObj(c -> "/" + (char) c + "*")
                    .toArray(String[]::new);

            assertThat(allText(wiping(fifteen).message()))
                    .contains("`/a*`, `/b*`, `/c*` and 12 more are wildcards at the top level")
                    .doesNotContain("`/d*`");
        }

        @Test
        void a_request_without_a_wipe_carries_no_warning() {
            assertThat(allText(card(1_200, 0).message())).doesNotContain(":warning:");
        }
    }

    @Nested
    class Tags {

        private ConfirmationCard tagging(int usedThisMonth, String... tags) {
            return new ConfirmationCard(
                    "t1.key",
                    "web",
                    "E1WEBEXAMPLE",
                    tags.length,
                    List.of(),
                    List.of(tags),
                    false,
                    1_000,
                    Pricing.charge(tags.length, usedThisMonth),
                    Optional.empty());
        }

        @Test
        void a_tag_is_explained_as_matching_any_number_of_objects() {
            assertThat(allText(tagging(0, "#release-42").message()))
                    .contains("`#release-42` is a cache tag")
                    .contains("every cached object the origin tagged with it, however many that is")
                    .contains("requests for them go to your origin");
        }

        @Test
        void each_tag_is_counted_and_priced_as_one_path() {
            assertThat(allText(tagging(999, "#a", "#b", "#c").message()))
                    .contains("Invalidate 3 paths")
                    .contains("a wildcard or a cache tag counts as one")
                    .contains("2 charged paths");
        }

        @Test
        void many_tags_name_three_and_count_the_rest() {
            assertThat(allText(tagging(0, "#a", "#b", "#c", "#d", "#e").message()))
                    .contains("`#a`, `#b`, `#c` and 2 more are cache tags")
                    .doesNotContain("`#d`");
        }
    }
}

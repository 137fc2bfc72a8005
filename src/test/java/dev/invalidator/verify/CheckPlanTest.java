package dev.invalidator.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CheckPlanTest {

    @Test
    void checks_the_files_then_the_samples_and_counts_what_names_no_url() {
        CheckPlan plan =
                CheckPlan.of(List.of("/index.html", "/img/*", "/css/*", "#header"), List.of("/img/logo.png"), 20);

        assertThat(plan)
                .isEqualTo(new CheckPlan(List.of("/index.html", "/img/logo.png"), 0, List.of("/css/*"), List.of()));
    }

    @Test
    void a_tag_of_a_request_without_samples_is_named_as_unchecked() {
        assertThat(CheckPlan.of(List.of("/index.html", "#release-42"), List.of(), 20)
                        .tagsWithoutSamples())
                .containsExactly("#release-42");
    }

    @Test
    void any_sample_checks_a_tag_since_only_the_origin_knows_which_files_carry_it() {
        assertThat(CheckPlan.of(List.of("#release-42"), List.of("/index.html"), 20))
                .isEqualTo(new CheckPlan(List.of("/index.html"), 0, List.of(), List.of()));
    }

    @Test
    void a_sample_that_misses_its_wildcard_by_a_slip_still_checks_it() {
        assertThat(CheckPlan.of(List.of("/IMG/*"), List.of("/img/logo.png"), 20).wildcardsWithoutSamples())
                .isEmpty();
    }

    @Test
    void asks_for_at_most_max_urls_and_counts_the_rest() {
        CheckPlan plan = CheckPlan.of(List.of("/a", "/b", "/c"), List.of(), 2);

        assertThat(plan.paths()).containsExactly("/a", "/b");
        assertThat(plan.leftOut()).isEqualTo(1);
    }

    @Test
    void a_wildcard_only_invalidation_without_samples_checks_nothing() {
        CheckPlan plan = CheckPlan.of(List.of("/img/*"), List.of(), 20);

        assertThat(plan.paths()).isEmpty();
        assertThat(plan.wildcardsWithoutSamples()).containsExactly("/img/*");
    }
}

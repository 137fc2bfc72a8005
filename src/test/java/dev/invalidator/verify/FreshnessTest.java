package dev.invalidator.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invalidator.verify.Freshness.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What X-Cache and Age say about a copy, against the moment the invalidation was created. */
class FreshnessTest {

    private static final Instant CREATED = Instant.parse("2025-04-01T10:00:00Z");
    private static final Instant NOW = CREATED.plusSeconds(60);

    private static Freshness judge(int status, String xCache, Long age) {
        return Freshness.of(
                new EdgeAnswer(
                        status,
                        Optional.ofNullable(xCache),
                        Optional.ofNullable(age),
                        Optional.empty(),
                        Optional.empty()),
                NOW,
                CREATED);
    }

    @Test
    void a_hit_cached_before_the_invalidation_was_created_is_stale_by_that_much() {
        Freshness freshness = judge(200, "Hit from cloudfront", 3_660L);

        assertThat(freshness.verdict()).isEqualTo(Verdict.STALE);
        assertThat(freshness.cachedBefore()).contains(Duration.ofHours(1));
    }

    @Test
    void a_hit_cached_while_the_invalidation_ran_came_from_the_origin_after_it_and_is_fresh() {
        assertThat(judge(200, "Hit from cloudfront", 30L).verdict()).isEqualTo(Verdict.FRESH);
    }

    @Test
    void a_hit_within_the_clock_tolerance_of_the_creation_is_fresh() {
        assertThat(judge(200, "Hit from cloudfront", 60L + Freshness.TOLERANCE.toSeconds())
                        .verdict())
                .isEqualTo(Verdict.FRESH);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Miss from cloudfront", "RefreshHit from cloudfront", "miss from cloudfront"})
    void a_miss_or_a_revalidated_copy_is_fresh_whatever_its_age(String xCache) {
        assertThat(judge(200, xCache, 99_999L).verdict()).isEqualTo(Verdict.FRESH);
    }

    @Test
    void an_error_status_is_an_error_naming_the_status() {
        Freshness freshness = judge(404, "Error from cloudfront", null);

        assertThat(freshness.verdict()).isEqualTo(Verdict.ERROR);
        assertThat(freshness.detail()).isEqualTo("answered 404 (Error from cloudfront)");
    }

    @Test
    void an_answer_without_x_cache_or_a_hit_without_age_says_nothing_and_is_never_stale() {
        assertThat(judge(200, null, 99_999L).verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(judge(200, "Hit from cloudfront", null).verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(judge(200, "LimitExceeded from cloudfront", 99_999L).verdict())
                .isEqualTo(Verdict.UNKNOWN);
    }
}

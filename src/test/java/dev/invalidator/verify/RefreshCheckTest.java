package dev.invalidator.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The check's decisions URL by URL, against an edge that answers from a table (the HTTP side has its own test). */
class RefreshCheckTest {

    private static final URI BASE = URI.create("https://www.example.com");
    private static final Instant CREATED = Instant.parse("2025-04-01T10:00:00Z");
    private static final Clock NOW = Clock.fixed(CREATED.plusSeconds(60), ZoneOffset.UTC);

    private final Map<String, EdgeAnswer> answers = new HashMap<>();
    private final EdgeProbe edge = url -> {
        EdgeAnswer answer = answers.get(url.toString().substring(BASE.toString().length()));
        if (answer == null) {
            throw new EdgeUnreachable("could not connect (Connection refused)");
        }
        return answer;
    };

    private static EdgeAnswer answer(int status, String xCache, Long age) {
        return new EdgeAnswer(
                status, Optional.ofNullable(xCache), Optional.ofNullable(age), Optional.of("\"v1\""), Optional.empty());
    }

    private RefreshReport check(List<String> paths, List<String> samples) {
        return new RefreshCheck(edge, NOW, Runnable::run)
                .run(BASE, CheckPlan.of(paths, samples, 20), paths, CREATED)
                .join();
    }

    @Test
    void a_miss_is_fresh_and_an_old_hit_is_stale_with_its_cause() {
        answers.put("/index.html", answer(200, "Miss from cloudfront", null));
        answers.put("/img/logo.png", answer(200, "Hit from cloudfront", 7_260L));

        RefreshReport report = check(List.of("/index.html", "/IMG/*"), List.of("/img/logo.png"));

        assertThat(report.freshCount()).isEqualTo(1);
        assertThat(report.stale()).singleElement().satisfies(stale -> {
            assertThat(stale.url()).isEqualTo("https://www.example.com/img/logo.png");
            assertThat(stale.foundUnderVariant()).isFalse();
            assertThat(stale.cause().kind()).isEqualTo(StaleCause.Kind.LETTER_CASE);
            assertThat(stale.cause().fix()).contains("/img/*");
        });
        assertThat(report.mark()).contains("1 stale");
    }

    @Test
    void a_404_whose_variant_is_served_old_is_stale_under_that_variant() {
        answers.put("/Index.html", answer(404, "Error from cloudfront", null));
        answers.put("/index.html", answer(200, "Hit from cloudfront", 7_260L));

        UrlCheck.Stale stale = check(List.of("/Index.html"), List.of()).stale().get(0);

        assertThat(stale.answered()).isEqualTo(404);
        assertThat(stale.heldKey()).isEqualTo("/index.html");
        assertThat(stale.cause().kind()).isEqualTo(StaleCause.Kind.LETTER_CASE);
    }

    @Test
    void a_404_no_variant_explains_an_error_status_and_no_answer_are_not_checked_never_stale() {
        answers.put("/gone.html", answer(404, "Error from cloudfront", null));
        answers.put("/down.html", answer(503, "Error from cloudfront", null));

        RefreshReport report = check(List.of("/gone.html", "/down.html", "/unreachable.html"), List.of());

        assertThat(report.stale()).isEmpty();
        assertThat(report.unchecked())
                .extracting(UrlCheck.Unchecked::reason)
                .containsExactly(
                        "answered 404 (Error from cloudfront), and no other letter case, encoding or trailing slash of it is"
                                + " served from an older copy",
                        "answered 503 (Error from cloudfront)",
                        "could not connect (Connection refused)");
        assertThat(report.mark()).contains("not verified");
    }

    @Test
    void every_url_fresh_is_verified_and_nothing_to_check_has_no_mark() {
        answers.put("/a.css", answer(200, "RefreshHit from cloudfront", 99_999L));

        assertThat(check(List.of("/a.css"), List.of()).mark()).contains("verified");
        assertThat(check(List.of("/css/*"), List.of()).mark()).isEmpty();
    }
}

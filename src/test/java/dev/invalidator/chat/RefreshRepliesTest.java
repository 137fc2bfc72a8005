package dev.invalidator.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invalidator.cdn.CdnException;
import dev.invalidator.verify.CheckPlan;
import dev.invalidator.verify.Freshness;
import dev.invalidator.verify.RefreshReport;
import dev.invalidator.verify.UrlCheck;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The thread reply of the refresh check, and the mark it leaves on the status message. */
class RefreshRepliesTest {

    private static final String SITE = "https://www.example.com";

    private static UrlCheck fresh(String path) {
        return new UrlCheck.Fresh(
                path, SITE + path, new Freshness(Freshness.Verdict.FRESH, "Miss from cloudfront", Optional.empty()));
    }

    private static String allText(Message message) {
        return message.blocks().toString();
    }

    @Test
    void all_fresh_is_one_line_with_the_count() {
        RefreshReport report = new RefreshReport(
                List.of(fresh("/a.css"), fresh("/b.css")), CheckPlan.of(List.of("/a.css", "/b.css"), List.of(), 20));

        Message reply = RefreshReplies.report("U0ALICE", "web", report);

        assertThat(reply.text()).isEqualTo("✓ 2 of 2 URLs served fresh");
        assertThat(reply.blocks()).hasSize(1);
    }

    @Test
    void what_was_left_out_is_said_with_how_to_check_a_wildcard() {
        RefreshReport report = new RefreshReport(
                List.of(fresh("/a.css"), new UrlCheck.Unchecked("/b.css", SITE + "/b.css", "no answer within 3s")),
                CheckPlan.of(List.of("/a.css", "/b.css", "/c.css", "/img/*", "#hero"), List.of(), 2));

        Message reply = RefreshReplies.report("U0ALICE", "web", report);

        assertThat(reply.text()).isEqualTo("✓ 1 of 2 URLs served fresh; could not check the other 1");
        assertThat(allText(reply))
                .contains("• `https://www.example.com/b.css`: no answer within 3s")
                .contains("1 more path was not checked: at most 2 per invalidation.")
                .contains("`/invalidate web /img/* check:/img/index.html`")
                .contains("`#hero` (a cache tag names no file)");
    }

    @Test
    void a_tag_only_invalidation_says_nothing_was_checked_and_how_to_name_samples_for_it() {
        Message reply = RefreshReplies.nothingChecked("web", CheckPlan.of(List.of("#release-42"), List.of(), 20));

        assertThat(reply.text()).isEqualTo("Nothing was checked: this invalidation names no single file");
        assertThat(allText(reply))
                .contains("Not checked: `#release-42` (a cache tag names no file)")
                .contains("`/invalidate web #release-42 check:/index.html`");
    }

    @Test
    void a_wildcard_only_invalidation_says_nothing_was_checked() {
        Message reply = RefreshReplies.nothingChecked("images", CheckPlan.of(List.of("/img/*"), List.of(), 20));

        assertThat(reply.text()).isEqualTo("Nothing was checked: this invalidation names no single file");
        assertThat(allText(reply)).contains("/invalidate images /img/* check:/img/index.html");
    }

    @Test
    void a_check_that_cannot_start_says_why_with_cloudfronts_words_escaped() {
        Message reply = RefreshReplies.domainsUnreadable(
                new CdnException(CdnException.Failure.UNAVAILABLE, "CloudFront <unavailable>", "Try later."));

        assertThat(reply.text())
                .isEqualTo("Could not check whether the edge serves fresh copies: the distribution's domain names"
                        + " could not be read (CloudFront &lt;unavailable&gt;)");
    }

    @Test
    void a_path_that_would_flood_the_message_is_shortened() {
        String path = "/" + "a".repeat(3_000);
        RefreshReport report = new RefreshReport(
                List.of(new UrlCheck.Unchecked(path, SITE + path, "answered 503")),
                CheckPlan.of(List.of(path), List.of(), 20));

        assertThat(RefreshReplies.report("U0ALICE", "web", report).blocks())
                .allSatisfy(block -> assertThat(block.toString()).hasSizeLessThan(3_000));
    }

    @Test
    void the_status_message_shows_the_mark_only_once_completed() {
        StatusCard inProgress = StatusCard.requesting("U0ALICE", "web", "E1WEBEXAMPLE", 1)
                .inProgress("I1", Instant.parse("2025-04-01T10:00:00Z"));

        assertThat(inProgress
                        .completed(Instant.parse("2025-04-01T10:01:00Z"))
                        .withRefreshMark(Optional.of("2 stale"))
                        .message()
                        .blocks()
                        .toString())
                .contains(":mag: 2 stale");
        assertThat(inProgress
                        .withRefreshMark(Optional.of("2 stale"))
                        .message()
                        .blocks()
                        .toString())
                .doesNotContain("2 stale");
    }
}

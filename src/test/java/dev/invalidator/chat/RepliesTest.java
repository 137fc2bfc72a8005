package dev.invalidator.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invalidator.config.AccessList;
import dev.invalidator.config.DistributionConfig;
import dev.invalidator.cost.MonthCount;
import dev.invalidator.request.ParsedPaths;
import dev.invalidator.request.PathLimits;
import dev.invalidator.request.PathParser;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The answers the bot writes: the shape they share, and a few that rely on it. */
class RepliesTest {

    @Nested
    class The_path_list_in_the_thread {

        @Test
        void says_a_path_was_percent_encoded_because_cloudfront_needs_it() {
            assertThat(notes("/café.pdf")).contains("`/café.pdf` was sent as `/caf%C3%A9.pdf`", "percent-encoded");
        }

        @Test
        void says_a_link_was_reduced_to_its_path_without_claiming_an_encoding() {
            assertThat(notes("https://www.example.com/app.js?v=2"))
                    .contains("was sent as `/app.js?v=2`", "the link's path")
                    .doesNotContain("percent-encoded");
        }

        @Test
        void leaves_a_dropped_fragment_to_its_own_note_without_claiming_an_encoding() {
            assertThat(notes("/page.html#install"))
                    .contains("#fragment")
                    .doesNotContain("was sent as")
                    .doesNotContain("percent-encoded");
        }

        private String notes(String token) {
            ParsedPaths parsed =
                    new PathParser(PathLimits.cloudFrontDefaults()).parse(List.of(token), Set.of("www.example.com"));
            return Replies.pathList(parsed).blocks().toString();
        }
    }

    @Nested
    class The_one_reply_when_a_request_is_sent {

        private final ParsedPaths paths = new PathParser(PathLimits.cloudFrontDefaults())
                .parse(List.of("/index.html", "/css/*"), Set.of("www.example.com"));

        @Test
        void says_how_long_it_queued_and_lists_the_paths_in_as_many_blocks_as_the_list_alone() {
            Message reply = Replies.sent(Optional.of(Duration.ofSeconds(42)), 2, Optional.of(paths))
                    .orElseThrow();

            assertThat(reply.text()).startsWith("Queued for 42s").contains("together with 1 other request");
            assertThat(reply.blocks()).hasSameSizeAs(Replies.pathList(paths).blocks());
            assertThat(reply.blocks().get(0).toString()).contains("Queued for 42s", "2 paths sent to CloudFront");
            assertThat(reply.blocks().toString()).contains("/index.html", "/css/*");
        }

        @Test
        void says_only_how_long_it_queued_when_the_thread_keeps_its_paths() {
            Message reply = Replies.sent(Optional.of(Duration.ofSeconds(42)), 1, Optional.empty())
                    .orElseThrow();

            assertThat(reply.text()).isEqualTo("Queued for 42s before CloudFront had room for it; sent now.");
        }

        @Test
        void lists_only_the_paths_when_it_never_queued() {
            assertThat(Replies.sent(Optional.empty(), 1, Optional.of(paths))).contains(Replies.pathList(paths));
        }

        @Test
        void is_none_when_it_never_queued_and_the_thread_keeps_its_paths() {
            assertThat(Replies.sent(Optional.empty(), 1, Optional.empty())).isEmpty();
        }
    }

    @Nested
    class A_notice {

        @Test
        void leads_its_one_paragraph_with_the_emoji() {
            Message notice = Replies.notice(":no_entry:", "Only <@U0ALICE>, who asked, can confirm.");

            assertThat(notice.blocks())
                    .containsExactly(new Block.Section(":no_entry: Only <@U0ALICE>, who asked, can confirm."));
        }

        @Test
        void falls_back_to_the_sentence_without_emoji_or_mrkdwn_markers() {
            Message notice = Replies.notice(":warning:", "Cancelled: nothing was invalidated on `web`, *really*.");

            assertThat(notice.text()).isEqualTo("Cancelled: nothing was invalidated on web, really.");
        }

        @Test
        void without_an_emoji_is_the_sentence_alone() {
            Message notice = Replies.notice("", "This request was already decided or has expired.");

            assertThat(notice.blocks())
                    .containsExactly(new Block.Section("This request was already decided or has expired."));
        }
    }

    @Test
    void the_busy_answers_say_nothing_was_invalidated_and_how_to_send_it_again() {
        assertThat(Replies.tooBusy()).contains("invalidated nothing").endsWith("Try again in a minute.");
        assertThat(Replies.formTooBusy()).contains("invalidated nothing").endsWith("Submit again in a minute.");
    }

    @Test
    void an_approval_on_a_removed_distribution_is_denied_with_why() {
        assertThat(Replies.distributionRemoved())
                .isEqualTo(Replies.denied("This distribution is no longer in the bot's configuration."));
    }

    @Test
    void a_rejection_notice_mentions_both_people_after_its_emoji() {
        Message notice = Replies.rejectedNotice("U0ALICE", "U0LEAD");

        assertThat(notice.text()).isEqualTo("<@U0LEAD> rejected this request, <@U0ALICE>; nothing was invalidated.");
        assertThat(notice.blocks())
                .containsExactly(new Block.Section(
                        ":no_entry_sign: <@U0LEAD> rejected this request, <@U0ALICE>; nothing was invalidated."));
    }

    @Test
    void the_help_escapes_its_placeholders_so_that_slack_shows_them_instead_of_a_broken_link() {
        String shown = Replies.help(List.of(), Optional.empty()).blocks().toString();

        assertThat(shown)
                .doesNotContain("<distribution>")
                .contains("`/invalidate status &lt;distribution&gt; [id]`")
                .contains("`/invalidate list &lt;distribution&gt;`");
    }

    @Nested
    class This_months_paths_in_help {

        private final List<DistributionConfig> web = List.of(new DistributionConfig(
                "web", "E1WEBEXAMPLE", AccessList.anyone(), AccessList.anyone(), Optional.empty()));

        private String helpWith(Map<String, MonthCount> used) {
            return Replies.help(web, Optional.of(used)).blocks().toString();
        }

        @Test
        void says_how_old_a_count_is_when_it_is_not_fresh() {
            assertThat(helpWith(Map.of("default", MonthCount.asOf(840, Duration.ofMinutes(3)))))
                    .contains("840 of 1,000 free paths used this month (as of 3m 0s ago)");
        }

        @Test
        void says_a_count_not_known_yet_rather_than_a_number() {
            assertThat(helpWith(Map.of("default", MonthCount.notKnown())))
                    .contains("this month's paths: count not known yet")
                    .doesNotContain("of 1,000 free paths");
        }

        @Test
        void shows_a_fresh_count_without_an_age() {
            assertThat(helpWith(Map.of("default", MonthCount.fresh(840))))
                    .contains("840 of 1,000 free paths used this month.")
                    .doesNotContain("as of");
        }
    }

    @Nested
    class A_group_card {

        private String shown(BigDecimal charge, MonthCount counted) {
            return new GroupCard(
                            "3f9a1c0b7e2d4a58",
                            "sites",
                            List.of("web", "docs"),
                            List.of(),
                            1,
                            List.of(),
                            List.of(),
                            false,
                            1_000,
                            charge,
                            998,
                            counted)
                    .message()
                    .blocks()
                    .toString();
        }

        @Test
        void whose_count_is_not_known_says_it_may_be_charged() {
            assertThat(shown(new BigDecimal("0.010"), MonthCount.notKnown()))
                    .contains("may be charged: this month's count not known yet")
                    .contains("about *$0.01*");
        }

        @Test
        void free_by_a_count_that_is_not_fresh_says_how_old_it_is() {
            assertThat(shown(BigDecimal.ZERO, MonthCount.asOf(2, Duration.ofSeconds(65))))
                    .contains("free (998 free paths left after it, as of 1m 5s ago)");
        }
    }
}

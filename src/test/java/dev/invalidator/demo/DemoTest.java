package dev.invalidator.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo driven as {@code printf '…' | java -jar invalidator.jar demo} drives it: lines on its input, the
 * conversation on its output. Each run starts the real bot against fresh simulators, and ends once the input has
 * and the invalidations in flight are done.
 */
class DemoTest {

    /** What one run of the demo printed, and how it ended. */
    record Run(int status, String out, String err) {

        /** The output from the first line containing {@code marker} on. */
        String from(String marker) {
            assertThat(out).contains(marker);
            return out.substring(out.indexOf(marker));
        }

        /** The number the chat gave the first message the bot posted in {@code channel}, e.g. {@code #2}. */
        String firstPostIn(String channel) {
            Matcher post = Pattern.compile(Pattern.quote(channel) + " · (#\\d+) · invalidator")
                    .matcher(out);
            assertThat(post.find())
                    .as("a message posted in " + channel + " in:\n" + out)
                    .isTrue();
            return post.group(1);
        }
    }

    static Run demo(String input, String... options) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = DemoCommand.run(
                List.of(options),
                new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                false,
                () -> {});
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void a_command_shows_the_status_message_then_its_edit_to_completed_and_the_demo_ends_with_status_0() {
        Run run = demo("/invalidate web /index.html /css/*\n");

        assertThat(run.status()).isZero();
        String status = run.firstPostIn("#ops");
        assertThat(run.from("alice in #ops › /invalidate web /index.html /css/*"))
                .containsSubsequence(
                        "#ops · " + status + " · invalidator",
                        "Requesting invalidation of 2 paths on `web` (E1WEBEXAMPLE)",
                        "#ops · " + status + " edited",
                        "🔄 In progress: invalidation of 2 paths on `web`",
                        "── end of input ──",
                        "#ops · " + status + " edited",
                        "✅ Completed in",
                        "#ops · thread of " + status + " · invalidator",
                        "@alice done: CloudFront completed the invalidation",
                        "── final state ──",
                        "#ops · " + status + " ✅ Completed in");
        // The paths' reply and the "in progress" edit are sent each in its own turn, in either order.
        assertThat(run.from("alice in #ops › /invalidate web /index.html /css/*"))
                .containsSubsequence(
                        "#ops · " + status + " · invalidator",
                        "#ops · thread of " + status + " · invalidator",
                        "2 paths sent to CloudFront:",
                        "/index.html",
                        "/css/*",
                        "── end of input ──");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void the_check_after_completion_shows_a_verified_and_a_stale_invalidation_side_by_side() {
        Run run = demo("/invalidate web /index.html\n/invalidate web /About.html\n");

        assertThat(run.status()).isZero();
        String end = run.from("── end of input ──");
        assertThat(end)
                .contains("✓ 1 of 1 URL served fresh", "🔍 verified", "🔍 1 stale")
                .contains("Likely cause: letter case: `/About.html` in this request is not `/about.html`");
    }

    @Test
    void a_confirmed_cache_tag_clears_the_files_tagged_with_it_and_a_tag_on_images_is_refused() {
        Run run = demo("""
                /invalidate web #release-42 check:/index.html
                :click confirm
                /invalidate images #release-42
                """);

        assertThat(run.status()).isZero();
        assertThat(run.from("alice in #ops › /invalidate web #release-42 check:/index.html"))
                .containsSubsequence(
                        "only @alice can see this",
                        "is a cache tag",
                        "[Confirm] [Cancel]",
                        "alice in #ops › :click confirm",
                        "🔄 In progress: invalidation of 1 path on `web`");
        assertThat(run.from("alice in #ops › /invalidate images #release-42"))
                .contains("has no cache tags set up, so nothing was sent")
                .contains("CacheTagConfig");
        assertThat(run.from("── end of input ──")).contains("✓ 1 of 1 URL served fresh", "🔍 verified");
    }

    @Test
    void a_workflow_runs_the_step_for_the_person_in_the_channel_and_shows_how_it_ended() {
        Run run = demo(":workflow web /index.html\n:workflow web /*\n");

        assertThat(run.status()).isZero();
        String status = run.firstPostIn("#ops");
        assertThat(run.from("alice in #ops › :workflow web /index.html"))
                .containsSubsequence(
                        "⚙ A workflow runs the step \"Invalidate CloudFront paths\" for @alice in #ops",
                        "#ops · " + status + " · invalidator",
                        "⚙ Workflow step completed: state completed · invalidation ",
                        "alice in #ops › :workflow web /*",
                        "⚙ Workflow step failed: Nothing was invalidated: in a chat this request would need a"
                                + " confirmation");
    }

    @Test
    void starts_with_the_rules_and_the_help() {
        Run run = demo("");

        assertThat(run.out())
                .containsSubsequence(
                        "images  E2IMAGESEXAMPLE (img.example.com)  in #ops, #design · by @alice, @frontend · a wipe (/*, /x*) needs approval by @lead",
                        "#releases (C0RELEASES, the bot is not in it)",
                        ":click confirm",
                        ":quit");
        assertThat(run.from("── end of input ──")).contains("No status message was posted.");
    }

    @Nested
    class Refusals {

        @Test
        void are_marked_as_seen_only_by_the_person_and_post_nothing() {
            Run run = demo("""
                    :as bob
                    /invalidate images /logo.png
                    :in #releases
                    /invalidate web /index.html
                    """);

            // The ack's words and the answer travel separately (socket and response_url): either may show first.
            assertThat(run.from("bob in #ops › /invalidate images /logo.png"))
                    .containsSubsequence(
                            "#ops · #",
                            " · only @bob can see this",
                            "You are not on the list for `images`",
                            "bob in #releases › /invalidate web /index.html",
                            "#releases · #",
                            " · only @bob can see this",
                            "I can't post in this channel",
                            "No status message was posted.");
            assertThat(run.status()).isZero();
        }
    }

    @Nested
    class TheForm {

        @Test
        void is_filled_in_from_the_input_asking_again_only_for_a_field_with_an_error() {
            Run run = demo("""
                    /invalidate
                    web
                    index.html

                    release 42
                    /index.html

                    """);

            assertThat(run.from("alice in #ops › /invalidate\n"))
                    .containsSubsequence(
                            "form · Invalidate CloudFront · only @alice can see this",
                            "Distribution (type part of its name, id or domain) › web",
                            "→ web · E1WEBEXAMPLE",
                            "Paths (one per line; an empty line ends them) › index.html",
                            "Note (optional; empty for none) › release 42",
                            "⚠ index.html: Paths must start with /",
                            "Paths (one per line; an empty line ends them) › /index.html",
                            "#ops · " + run.firstPostIn("#ops") + " · invalidator",
                            "▌ release 42",
                            "#ops · " + run.firstPostIn("#ops") + " ✅ Completed in");
            assertThat(run.from("⚠ index.html")).doesNotContain("Distribution (type part");
        }

        @Test
        void closed_with_cancel_sends_nothing() {
            Run run = demo("/invalidate\nweb\n:cancel\n");

            assertThat(run.out()).contains("(form closed: nothing was sent)").contains("No status message was posted.");
        }
    }

    @Nested
    class Buttons {

        @Test
        void confirm_a_full_wipe_then_another_person_approves_it() {
            Run run = demo("""
                    /invalidate images /*
                    :click confirm
                    :click approve
                    :as lead
                    :click approve
                    """);

            // The ack's words and the confirmation travel separately (socket and response_url): either may show
            // first, so the messages are found by what they say, not by their numbers.
            String after = run.from("alice in #ops › /invalidate images /*");
            assertThat(after).contains("Working on it");
            assertThat(after)
                    .containsSubsequence(
                            "only @alice can see this",
                            "removes every cached object",
                            "[Confirm] [Cancel]",
                            "alice in #ops › :click confirm",
                            "only @alice can see this · replaces #",
                            " · invalidator",
                            "✋ Awaiting approval: invalidation of 1 path on `images`",
                            "[Approve] [Reject]",
                            "it needs an approval from @lead",
                            "alice in #ops › :click approve",
                            "only @alice can see this",
                            "lead in #ops › :click approve",
                            "@lead approved",
                            " edited",
                            "🔄 In progress",
                            "✅ Completed in");
            assertThat(run.status()).isZero();
        }

        @Test
        void a_group_request_names_the_member_bob_may_not_use_and_sends_to_the_other() {
            Run run = demo("""
                    :as bob
                    /invalidate sites /index.html
                    :click send
                    """);

            String after = run.from("bob in #ops › /invalidate sites /index.html");
            assertThat(after)
                    .containsSubsequence(
                            "only @bob can see this",
                            "`images`",
                            "[Send to web] [Send nothing]",
                            "bob in #ops › :click send",
                            "Sending 1 path to `web`",
                            "Requesting invalidation of 1 path on `web`",
                            "✅ Completed in");
            assertThat(after).doesNotContain("on `images` (E2IMAGESEXAMPLE)");
            assertThat(run.status()).isZero();
        }

        @Test
        void a_button_nobody_shows_is_named_with_the_ones_there_are() {
            Run run = demo(":click approve\n");

            assertThat(run.out()).contains("@alice sees no [approve] button in #ops.");
        }
    }

    @Nested
    class TheirOwnConfig {

        @TempDir
        Path dir;

        @Test
        void seeds_its_distributions_channels_people_and_groups_and_says_what_was_invented() throws IOException {
            Path config = dir.resolve("team.yml");
            Files.writeString(config, """
                    distributions:
                      site:
                        id: E9SITEEXAMPLE
                        channels: [C0TEAM]
                        users: [U0ME, S0SRE]
                        roleArn: arn:aws:iam::111122223333:role/invalidator
                    """);

            Run run = demo("""
                    /invalidate site /index.html
                    :as guest
                    /invalidate site /index.html
                    """, "--config", config.toString());

            assertThat(run.out())
                    .containsSubsequence(
                            "Distributions (from " + config + "):",
                            "site  E9SITEEXAMPLE (site.example.com)  in #c0team · by @u0me, @s0sre",
                            "Invented for the simulation",
                            "roleArn of site left out",
                            "@s0sre has s0sre-member (U0DEMOMEMBER1)",
                            "u0me in #c0team › /invalidate site /index.html",
                            "#c0team · " + run.firstPostIn("#c0team") + " · invalidator",
                            "guest in #c0team › /invalidate site /index.html",
                            "only @guest can see this",
                            "#c0team · " + run.firstPostIn("#c0team") + " ✅ Completed in");
            assertThat(run.status()).isZero();
        }

        @Test
        void that_is_broken_stops_the_demo_with_one_line_naming_the_file() {
            Run run = demo("", "--config", dir.resolve("missing.yml").toString());

            assertThat(run.status()).isEqualTo(1);
            assertThat(run.err())
                    .startsWith("invalidator: " + dir.resolve("missing.yml"))
                    .hasLineCount(1);
            assertThat(run.out()).isEmpty();
        }
    }

    @Test
    void unknown_options_get_the_usage() {
        Run run = demo("", "--frobnicate");

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).isEqualTo(DemoCommand.USAGE + System.lineSeparator());
    }
}

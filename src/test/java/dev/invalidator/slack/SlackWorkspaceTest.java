package dev.invalidator.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.Slack;
import dev.invalidator.access.Workspace.Standing;
import dev.invalidator.sandbox.SlackSimulator;
import dev.invalidator.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Who a person is to the workspace, from {@code users.info} through the real SDK, and what of it is remembered. */
class SlackWorkspaceTest {

    private static final Duration TTL = Duration.ofMinutes(5);

    private final SlackSimulator sim = SlackSimulator.start();
    private final Slack slack = SlackBot.slack(sim.apiUrl());
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T10:00:00Z"));
    private final SlackWorkspace workspace = new SlackWorkspace(
            slack.methods(sim.botToken()),
            new SlackChat(slack.methods(sim.botToken()), 3, Duration.ofSeconds(1)),
            TTL,
            clock);

    @AfterEach
    void stop() throws Exception {
        slack.close();
        sim.close();
    }

    @Test
    void asks_slack_about_a_person_once_within_the_time_to_live() {
        assertThat(workspace.standingOf(SlackSimulator.ALICE)).isEqualTo(Standing.MEMBER);
        clock.advance(TTL.minusSeconds(1));

        assertThat(workspace.standingOf(SlackSimulator.ALICE)).isEqualTo(Standing.MEMBER);
        assertThat(sim.calls("users.info")).hasSize(1);
    }

    @Test
    void holds_no_answer_past_its_time_to_live_once_someone_else_is_asked_about() {
        sim.addUser("U0CAROL", "carol");
        workspace.standingOf(SlackSimulator.ALICE);
        workspace.standingOf(SlackSimulator.BOB);
        clock.advance(TTL.plusSeconds(1));

        workspace.standingOf("U0CAROL");

        assertThat(workspace.answersHeld())
                .as("answers held after the first two expired")
                .isEqualTo(1);
    }
}

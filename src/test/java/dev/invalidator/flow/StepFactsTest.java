package dev.invalidator.flow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invalidator.chat.StatusCard;
import dev.invalidator.chat.StatusCard.State;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The workflow step a status message's request runs for, as its facts keep it, and when the request has ended. */
class StepFactsTest {

    private static Map<String, String> facts() {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put(StatusFacts.REQUESTER, "U0ALICE");
        facts.put(StatusFacts.DISTRIBUTION, "E1WEBEXAMPLE");
        facts.put(StatusFacts.PATHS, "1");
        facts.put(StatusFacts.STEP, "Fx0123ABCDEF");
        facts.put(StatusFacts.STEP_WAITS, "no");
        return facts;
    }

    @Test
    void the_run_and_whether_it_waits_are_read_back_as_written() {
        assertThat(StatusFacts.step(facts())).contains(new StepExecution("Fx0123ABCDEF", false));

        Map<String, String> waiting = facts();
        waiting.put(StatusFacts.STEP_WAITS, "yes");
        assertThat(StatusFacts.step(waiting)).contains(new StepExecution("Fx0123ABCDEF", true));
    }

    @ParameterizedTest
    @ValueSource(strings = {"U0ALICE", "Fx", "Fx0123<!channel>", "fx0123ABCDEF"})
    void a_run_id_of_another_shape_makes_the_facts_not_the_bots_and_names_no_step(String id) {
        Map<String, String> facts = facts();
        facts.put(StatusFacts.STEP, id);

        assertThat(StatusFacts.wellFormed(facts)).isFalse();
        assertThat(StatusFacts.step(facts)).isEmpty();
    }

    @Test
    void a_message_without_a_step_names_none() {
        Map<String, String> facts = facts();
        facts.remove(StatusFacts.STEP);
        facts.remove(StatusFacts.STEP_WAITS);

        assertThat(StatusFacts.step(facts)).isEmpty();
    }

    @Test
    void a_groups_member_names_its_groups_run_as_the_one_it_was_sent_for_and_ends_none() {
        Map<String, String> member = facts();
        member.remove(StatusFacts.STEP);
        member.put(StatusFacts.GROUP_STEP, "Fx0123ABCDEF");

        assertThat(StatusFacts.sentFor(member)).contains(new StepExecution("Fx0123ABCDEF", false));
        assertThat(StatusFacts.step(member)).isEmpty();
        assertThat(StatusFacts.sentFor(facts())).isEqualTo(StatusFacts.step(facts()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"U0ALICE", "Fx", "Fx0123<!channel>", "fx0123ABCDEF"})
    void a_groups_run_id_of_another_shape_makes_the_facts_not_the_bots_and_names_no_run(String id) {
        Map<String, String> member = facts();
        member.remove(StatusFacts.STEP);
        member.put(StatusFacts.GROUP_STEP, id);

        assertThat(StatusFacts.wellFormed(member)).isFalse();
        assertThat(StatusFacts.sentFor(member)).isEmpty();
    }

    @Test
    void the_text_of_a_message_says_which_end_its_request_came_to_and_nothing_while_it_is_open() {
        StatusCard requesting = StatusCard.requesting("U0ALICE", "web", "E1WEBEXAMPLE", 1);
        StatusCard inProgress = requesting.inProgress("I1", Instant.parse("2026-12-05T12:00:00Z"));

        assertThat(StatusCard.endedIn(requesting.message().text())).isEmpty();
        assertThat(StatusCard.endedIn(inProgress.message().text())).isEmpty();
        assertThat(StatusCard.endedIn(
                        requesting.awaitingApproval(Optional.empty()).message().text()))
                .isEmpty();
        assertThat(StatusCard.endedIn(inProgress
                        .completed(Instant.parse("2026-12-05T12:00:09Z"))
                        .message()
                        .text()))
                .contains(State.COMPLETED);
        assertThat(StatusCard.endedIn(inProgress.failed("why", "next").message().text()))
                .contains(State.FAILED);
        assertThat(StatusCard.endedIn(requesting.rejected("U0BOB").message().text()))
                .contains(State.REJECTED);
        assertThat(StatusCard.endedIn(
                        requesting.expired(Duration.ofHours(1)).message().text()))
                .contains(State.EXPIRED);
        assertThat(StatusCard.endedIn(requesting.cancelled().message().text())).contains(State.CANCELLED);
    }
}

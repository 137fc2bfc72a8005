package dev.invalidator.flow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invalidator.chat.Chat;
import dev.invalidator.chat.GroupStatusCard;
import dev.invalidator.chat.PostedMessage;
import dev.invalidator.chat.StatusCard;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a group's members add up to for the workflow step that sent them, and the step's run and the members'
 * invalidation ids as the facts keep them.
 */
class GroupStepOutcomeTest {

    private static final StepExecution WAITS = new StepExecution("Fx0123ABCDEF", true);
    private static final StepExecution GOES_ON = new StepExecution("Fx0123ABCDEF", false);
    private static final StatusCard REQUESTING = StatusCard.requesting("U0ALICE", "web", "E1WEBEXAMPLE", 1);
    private static final Instant CREATED = Instant.parse("2026-12-05T12:00:00Z");

    private static Map<String, String> facts(Optional<String> invalidation, Optional<String> mark) {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put(StatusFacts.REQUESTER, "U0ALICE");
        facts.put(StatusFacts.DISTRIBUTION, "E1WEBEXAMPLE");
        facts.put(StatusFacts.PATHS, "1");
        invalidation.ifPresent(id -> facts.put(StatusFacts.INVALIDATION, id));
        mark.ifPresent(text -> facts.put(StatusFacts.REFRESH, text));
        return facts;
    }

    private static GroupStepOutcome.Member member(String alias, StatusCard card, Optional<String> id) {
        return member(alias, card, id, Optional.empty(), true);
    }

    private static GroupStepOutcome.Member member(
            String alias, StatusCard card, Optional<String> id, Optional<String> mark, boolean checked) {
        Chat.StatusRecord record = new Chat.StatusRecord(
                new PostedMessage("C0OPS", "1700000000.000200", Optional.of("1700000000.000100")),
                card.message().text(),
                facts(id, mark));
        return new GroupStepOutcome.Member(alias, Optional.of(record), false, checked);
    }

    private static StatusCard inProgress(String id) {
        return REQUESTING.inProgress(id, CREATED);
    }

    private static StatusCard completed(String id) {
        return inProgress(id).completed(CREATED.plusSeconds(20));
    }

    @Test
    void the_worst_state_is_failed_then_rejected_expired_cancelled_and_completed_only_when_all_completed() {
        assertThat(GroupStepOutcome.worst(List.of("completed", "cancelled", "expired")))
                .isEqualTo("expired");
        assertThat(GroupStepOutcome.worst(List.of("cancelled", "rejected", "completed")))
                .isEqualTo("rejected");
        assertThat(GroupStepOutcome.worst(List.of("rejected", "failed", "expired")))
                .isEqualTo("failed");
        assertThat(GroupStepOutcome.worst(List.of("completed", "completed"))).isEqualTo("completed");
        assertThat(GroupStepOutcome.worst(List.of("cancelled", "completed"))).isEqualTo("cancelled");
    }

    @Test
    void a_waiting_step_completes_once_every_member_ended_with_the_ids_in_order_and_the_stale_urls_summed() {
        List<GroupStepOutcome.Member> members = List.of(
                member("web", completed("IWEB1"), Optional.of("IWEB1"), Optional.of("1 stale"), true),
                member("images", completed("IIMG2"), Optional.of("IIMG2"), Optional.of("2 stale"), true));

        assertThat(GroupStepOutcome.of(WAITS, members))
                .contains(new GroupStepOutcome("completed", List.of("IWEB1", "IIMG2"), OptionalInt.of(3)));
    }

    @Test
    void a_waiting_step_waits_while_a_member_runs_or_its_refresh_check_is_not_over() {
        assertThat(GroupStepOutcome.of(
                        WAITS,
                        List.of(
                                member("web", completed("IWEB1"), Optional.of("IWEB1")),
                                member("images", inProgress("IIMG2"), Optional.of("IIMG2")))))
                .isEmpty();
        assertThat(GroupStepOutcome.of(
                        WAITS,
                        List.of(member("web", completed("IWEB1"), Optional.of("IWEB1"), Optional.empty(), false))))
                .isEmpty();
    }

    @Test
    void a_member_never_sent_counts_as_failed() {
        List<GroupStepOutcome.Member> members = List.of(
                member("web", completed("IWEB1"), Optional.of("IWEB1")),
                new GroupStepOutcome.Member("images", Optional.empty(), true, true));

        assertThat(GroupStepOutcome.of(WAITS, members).map(GroupStepOutcome::state))
                .contains("failed");
    }

    @Test
    void a_step_that_goes_on_completes_in_progress_once_every_member_is_created_and_not_before() {
        assertThat(GroupStepOutcome.of(
                        GOES_ON,
                        List.of(
                                member("web", inProgress("IWEB1"), Optional.of("IWEB1")),
                                member("images", REQUESTING, Optional.empty()))))
                .isEmpty();
        assertThat(GroupStepOutcome.of(
                        GOES_ON,
                        List.of(
                                member("web", inProgress("IWEB1"), Optional.of("IWEB1")),
                                member("images", completed("IIMG2"), Optional.of("IIMG2")))))
                .contains(new GroupStepOutcome("in_progress", List.of("IWEB1", "IIMG2"), OptionalInt.empty()));
    }

    @Test
    void a_step_that_goes_on_completes_at_once_with_the_worst_end_of_a_member_that_ended_without_an_invalidation() {
        List<GroupStepOutcome.Member> members = List.of(
                member("web", inProgress("IWEB1"), Optional.of("IWEB1")),
                member("shop", REQUESTING.awaitingApproval(Optional.empty()).rejected("U0BOB"), Optional.empty()));

        assertThat(GroupStepOutcome.of(GOES_ON, members))
                .contains(new GroupStepOutcome("rejected", List.of("IWEB1"), OptionalInt.empty()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"i123", "I", "E1WEBEXAMPLE", "I12<!here>", "IABC 1"})
    void an_invalidation_id_of_another_shape_makes_a_status_messages_facts_not_the_bots(String id) {
        Map<String, String> facts = facts(Optional.of(id), Optional.empty());

        assertThat(StatusFacts.wellFormed(facts)).isFalse();
        assertThat(StatusFacts.invalidationId(facts)).isEmpty();
        assertThat(StatusFacts.invalidationId(facts(Optional.of("I2J0I21PCUYOIK"), Optional.empty())))
                .contains("I2J0I21PCUYOIK");
    }

    @Test
    void a_group_messages_step_is_read_back_as_written_and_only_in_slacks_shape() {
        GroupStatusCard card = new GroupStatusCard(
                "sites", "U0ALICE", 1, Optional.empty(), List.of(GroupStatusCard.Line.waiting("web")));
        Map<String, String> facts = GroupFacts.of(card, List.of("web"), List.of(), Optional.of(GOES_ON));

        assertThat(GroupFacts.step(facts)).contains(GOES_ON);
        assertThat(GroupFacts.step(GroupFacts.of(card, List.of("web"), List.of())))
                .isEmpty();
        Map<String, String> forged = new LinkedHashMap<>(facts);
        forged.put(GroupFacts.STEP, "Fx0123<!channel>");
        assertThat(GroupFacts.wellFormed(forged)).isFalse();
        assertThat(GroupFacts.step(forged)).isEmpty();
    }

    @Test
    void a_group_message_shows_the_lines_its_digest_names_and_no_other() {
        GroupStatusCard card = new GroupStatusCard(
                "sites", "U0ALICE", 1, Optional.empty(), List.of(GroupStatusCard.Line.waiting("web")));
        Map<String, String> facts = GroupFacts.showing(GroupFacts.of(card, List.of("web"), List.of()), card);

        assertThat(GroupFacts.wellFormed(facts)).isTrue();
        assertThat(GroupFacts.shows(facts, card)).isTrue();
        assertThat(GroupFacts.shows(facts, card.withLines(List.of(GroupStatusCard.Line.notSent("web")))))
                .isFalse();
    }
}

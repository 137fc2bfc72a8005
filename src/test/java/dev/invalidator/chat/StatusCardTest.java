package dev.invalidator.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The status message's facts: built directly or moved from state to state, and what each state keeps. */
class StatusCardTest {

    private static final Instant CREATED = Instant.parse("2026-11-23T15:04:05Z");

    private static StatusCard.Builder web() {
        return StatusCard.builder()
                .state(StatusCard.State.REQUESTING)
                .requester("U0ALICE")
                .alias("web")
                .distributionId("E1WEBEXAMPLE")
                .pathCount(3);
    }

    @Nested
    class The_builder {

        @Test
        void leaves_every_optional_fact_empty_unless_set() {
            StatusCard card = web().build();

            assertThat(card).isEqualTo(StatusCard.requesting("U0ALICE", "web", "E1WEBEXAMPLE", 3));
            assertThat(card.invalidationId()).isEmpty();
            assertThat(card.note()).isEmpty();
            assertThat(card.approvalKey()).isEmpty();
            assertThat(card.refreshMark()).isEmpty();
        }

        @Test
        void builds_the_same_card_as_the_transitions_that_reach_its_state() {
            StatusCard direct = web().state(StatusCard.State.AWAITING_APPROVAL)
                    .note("release 42")
                    .approvalKey("KEY")
                    .build();

            StatusCard moved = StatusCard.requesting("U0ALICE", "web", "E1WEBEXAMPLE", 3)
                    .withNote(Optional.of("release 42"))
                    .awaitingApproval(Optional.of("KEY"));
            assertThat(direct).isEqualTo(moved);
            assertThat(direct.message()).isEqualTo(moved.message());
        }

        @Test
        void names_a_required_fact_left_unset() {
            assertThatThrownBy(() -> web().requester(null).build())
                    .isInstanceOf(NullPointerException.class)
                    .hasMessage("requester");
            assertThatThrownBy(() -> StatusCard.builder()
                            .state(StatusCard.State.REQUESTING)
                            .requester("U0ALICE")
                            .alias("web")
                            .distributionId("E1WEBEXAMPLE")
                            .build())
                    .hasMessage("pathCount");
        }

        @Test
        void to_builder_gives_back_an_equal_card() {
            StatusCard card = web().state(StatusCard.State.COMPLETED)
                    .invalidationId("I2J0I21PCUYOIK")
                    .startedAt(CREATED)
                    .endedAt(CREATED.plusSeconds(72))
                    .refreshMark("verified")
                    .build();

            assertThat(card.toBuilder().build()).isEqualTo(card);
        }
    }

    @Nested
    class Failing {

        private final StatusCard requesting = StatusCard.requesting("U0ALICE", "web", "E1WEBEXAMPLE", 3);

        @Test
        void after_an_approval_keeps_the_refusal_and_says_nothing_was_invalidated() {
            StatusCard refused = requesting.awaitingApproval(Optional.of("KEY")).refused("You are not on the list.");

            assertThat(refused.state()).isEqualTo(StatusCard.State.FAILED);
            assertThat(refused.problem()).contains("You are not on the list.");
            assertThat(refused.nextStep()).contains("Nothing was invalidated.");
            assertThat(refused.approvalKey()).isEmpty();
        }

        @Test
        void before_anything_was_sent_asks_for_the_command_again() {
            assertThat(List.of(requesting.notSent(), requesting.unchecked())).allSatisfy(card -> {
                assertThat(card.problem()).get().asString().contains("nothing was invalidated");
                assertThat(card.nextStep()).contains("Send the command again.");
            });
        }
    }

    @Nested
    class Queued {

        private final String place = QueueReason.WILDCARDS.place(2, "web", 15, 0.5);

        @Test
        void says_its_place_and_why_in_its_text_and_carries_a_cancel_button() {
            StatusCard queued = web().build().queued(place);

            assertThat(queued.message().text())
                    .isEqualTo("Invalidation of 3 paths on web: ⏳ Queued — 2 requests ahead on `web`; CloudFront"
                            + " allows 15 wildcard paths in progress");
            assertThat(StatusCard.isQueued(queued.message().text())).isTrue();
            assertThat(queued.message().blocks())
                    .anySatisfy(block -> assertThat(block).isInstanceOf(Block.Actions.class));
        }

        @Test
        void leaves_its_place_and_button_behind_when_sent_or_cancelled() {
            StatusCard queued = web().build().queued(place);

            assertThat(queued.inProgress("I2J0I21PCUYOIK", CREATED).queuePlace())
                    .isEmpty();
            StatusCard cancelled = queued.cancelled();
            assertThat(cancelled.message().text())
                    .isEqualTo("Invalidation of 3 paths on web: cancelled, nothing was sent");
            assertThat(StatusCard.isQueued(cancelled.message().text())).isFalse();
            assertThat(StatusCard.isCancelled(cancelled.message().text())).isTrue();
            assertThat(StatusCard.isCancelled(queued.message().text())).isFalse();
            assertThat(cancelled.message().blocks()).noneMatch(block -> block instanceof Block.Actions);
        }

        @Test
        void names_the_accounts_pace_as_it_is_now() {
            assertThat(QueueReason.ACCOUNT_TURN.place(0, "web", 15, 0.25))
                    .isEqualTo("next on `web`; CloudFront takes 0.25 new invalidations a second from this AWS account");
            assertThat(QueueReason.FILES.place(1, "web", 3000, 0.5))
                    .isEqualTo("1 request ahead on `web`; CloudFront allows 3,000 file paths in progress");
        }
    }

    @Nested
    class Moving_on {

        @Test
        void leaves_the_approval_buttons_behind() {
            StatusCard waiting = web().build().awaitingApproval(Optional.of("KEY"));

            assertThat(waiting.inProgress("I2J0I21PCUYOIK", CREATED).approvalKey())
                    .isEmpty();
            assertThat(waiting.rejected("U0LEAD").approvalKey()).isEmpty();
        }

        @Test
        void keeps_the_invalidation_and_the_note() {
            StatusCard completed = web().note("release 42")
                    .build()
                    .inProgress("I2J0I21PCUYOIK", CREATED)
                    .completed(CREATED.plusSeconds(72));

            assertThat(completed.invalidationId()).contains("I2J0I21PCUYOIK");
            assertThat(completed.note()).contains("release 42");
            assertThat(completed.message().text()).isEqualTo("Invalidation of 3 paths on web: completed in 1m 12s");
        }

        @Test
        void a_note_changes_nothing_else() {
            StatusCard waiting = web().build().awaitingApproval(Optional.of("KEY"));

            assertThat(waiting.withNote(Optional.of("release 42")))
                    .isEqualTo(waiting.toBuilder().note("release 42").build());
        }

        @Test
        void a_refresh_mark_changes_nothing_else() {
            StatusCard completed =
                    web().build().inProgress("I2J0I21PCUYOIK", CREATED).completed(CREATED.plusSeconds(72));

            assertThat(completed.withRefreshMark(Optional.of("2 stale")))
                    .isEqualTo(completed.toBuilder().refreshMark("2 stale").build());
        }
    }
}

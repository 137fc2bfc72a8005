package dev.invalidator.flow;

import dev.invalidator.chat.Chat;
import dev.invalidator.chat.StatusCard;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Predicate;

/**
 * What a group request's members add up to for the workflow step that sent them, as its group message's thread shows
 * them: the members' invalidation ids in the group's order, one state for all, the stale URLs their refresh checks
 * found, summed. The state is {@code completed} when every member completed, else the worst a member came to —
 * {@code failed} (a member never sent counts as failed), then {@code rejected}, {@code expired}, {@code cancelled} — so
 * that a workflow branching on {@code completed} never goes on when any member did not.
 *
 * <pre>{@code
 * GroupStepOutcome.of(step, members, checked);   // empty while the step is to wait on
 * }</pre>
 *
 * @param invalidationIds the ids of the members' invalidations created so far, in the group's order
 */
record GroupStepOutcome(String state, List<String> invalidationIds, OptionalInt stale) {

    /** The states a member can end in, the worst first. */
    static final List<String> WORST_FIRST = List.of("failed", "rejected", "expired", "cancelled", "completed");

    static final String IN_PROGRESS = "in_progress";

    /**
     * A member as the group's thread shows it.
     *
     * @param status  its status message, once it has one
     * @param notSent whether it was refused at the last moment and never got one
     * @param checked whether its refresh check is over, or none runs for it: a completed member's stale count is final
     */
    record Member(String alias, Optional<Chat.StatusRecord> status, boolean notSent, boolean checked) {

        /** The state it ended in as a step's output; empty while it runs. */
        Optional<String> ended() {
            if (notSent) {
                return Optional.of("failed");
            }
            return status.map(Chat.StatusRecord::text)
                    .filter(text -> !StatusCard.isOpen(text))
                    .map(text ->
                            StatusCard.endedIn(text).map(StepOutcomes::outcome).orElse("failed"));
        }

        Optional<String> invalidationId() {
            return status.flatMap(record -> StatusFacts.invalidationId(record.facts()));
        }

        int stale() {
            return status.flatMap(record -> StatusFacts.refreshMark(record.facts()))
                    .map(StepOutcomes::staleIn)
                    .orElse(OptionalInt.empty())
                    .orElse(0);
        }
    }

    /** The worst of {@code states} ({@link #WORST_FIRST}); {@code completed} when there is none. */
    static String worst(Collection<String> states) {
        return states.stream()
                .min(Comparator.comparingInt(state -> WORST_FIRST.indexOf(state) < 0 ? 0 : WORST_FIRST.indexOf(state)))
                .orElse("completed");
    }

    /**
     * The step's outcome, once there is one: for a step that waits, when every member has ended and each completed
     * member's check is over; for one that does not, when every member has its invalidation created ({@code
     * in_progress}), or as soon as a member ended without one (the worst of those).
     */
    static Optional<GroupStepOutcome> of(StepExecution step, List<Member> members) {
        List<String> ids = members.stream()
                .map(Member::invalidationId)
                .flatMap(Optional::stream)
                .toList();
        if (!step.waits()) {
            List<String> endedWithout = new ArrayList<>();
            for (Member member : members) {
                if (member.invalidationId().isEmpty()) {
                    member.ended().ifPresent(endedWithout::add);
                }
            }
            if (!endedWithout.isEmpty()) {
                return Optional.of(new GroupStepOutcome(worst(endedWithout), ids, OptionalInt.empty()));
            }
            return ids.size() == members.size()
                    ? Optional.of(new GroupStepOutcome(IN_PROGRESS, ids, OptionalInt.empty()))
                    : Optional.empty();
        }
        Predicate<Member> over = member -> member.ended().isPresent()
                && (!"completed".equals(member.ended().get()) || member.checked());
        if (!members.stream().allMatch(over)) {
            return Optional.empty();
        }
        String state = worst(
                members.stream().map(member -> member.ended().orElseThrow()).toList());
        int stale = members.stream().mapToInt(Member::stale).sum();
        return Optional.of(new GroupStepOutcome(state, ids, OptionalInt.of(stale)));
    }
}

package dev.invalidator.chat;

import dev.invalidator.base.Numbers;
import dev.invalidator.cost.Pricing;
import java.util.ArrayList;
import java.util.List;

/**
 * What a workflow's custom step says when it fails: Slack shows it to the person who ran the workflow, so it names
 * what was wrong and what to do, in plain words (Slack shows it as it is, without formatting).
 */
public final class StepReplies {

    /** The config key that lets a distribution's workflows send what a chat would ask to confirm. */
    public static final String SKIP_CONFIRM_KEY = "workflowsSkipConfirm";

    private StepReplies() {}

    /**
     * A request someone would have to confirm in a chat (a wipe, a cache tag, many paths, a charge): a workflow has
     * nobody to click, so it is refused unless the distribution's config lets workflows send such requests.
     */
    public static String needsConfirmation(ConfirmationCard card) {
        List<String> reasons = new ArrayList<>();
        if (!card.wipes().isEmpty()) {
            reasons.add("it clears whole folders (" + String.join(", ", card.wipes()) + ")");
        }
        if (!card.tags().isEmpty()) {
            reasons.add("it clears cache tags (" + String.join(", ", card.tags()) + ")");
        }
        if (card.overThreshold()) {
            reasons.add("it has more than the " + Numbers.grouped(card.threshold()) + " paths the bot asks about");
        }
        if (card.charge().goesPastFreeTier()) {
            reasons.add("it costs about " + Pricing.dollars(card.charge().charge()) + " past this month's free paths");
        }
        return "Nothing was invalidated: in a chat this request would need a confirmation, which a workflow can't give ("
                + String.join("; ", reasons) + "). Run /invalidate " + card.alias()
                + " with these paths in the channel and confirm it there, or ask whoever runs the bot to set "
                + SKIP_CONFIRM_KEY + ": true on " + card.alias() + " so that workflows may send such requests"
                + " (to its approvers first, if it has any).";
    }

    /** A refusal the command would have answered privately, as the step's error. */
    public static String refused(Message answer) {
        return answer.text();
    }

    /** A refusal whose one-line version names every problem (the paths'), as the step's error. */
    public static String refused(String inline) {
        return inline.endsWith(".") ? inline : inline + ".";
    }

    /** A member of the step's group refused the request: nothing is sent to any, as a workflow's author wants. */
    public static String membersRefused(String group, List<GroupCard.Refusal> refused) {
        return "Nothing was invalidated on the group " + group + ": a step sends to every member or to none, and "
                + refused.stream()
                        .map(refusal -> refusal.alias() + " refused it (" + strip(refusal.reason()) + ")")
                        .reduce((first, second) -> first + "; " + second)
                        .orElse("")
                + ". Fix that, or name in the step a group or distribution you may use.";
    }

    /** A group request a chat would ask to confirm, and members whose config doesn't let workflows skip that. */
    public static String groupNeedsConfirmation(GroupCard card, List<String> unconfirmed) {
        List<String> reasons = new ArrayList<>();
        if (!card.wipes().isEmpty()) {
            reasons.add("it clears whole folders (" + String.join(", ", card.wipes()) + ")");
        }
        if (!card.tags().isEmpty()) {
            reasons.add("it clears cache tags (" + String.join(", ", card.tags()) + ")");
        }
        if (card.overThreshold()) {
            reasons.add("it has " + Numbers.grouped(card.totalPaths()) + " paths over its members, more than the "
                    + Numbers.grouped(card.threshold()) + " the bot asks about");
        }
        if (card.charge().signum() > 0) {
            reasons.add("it costs about " + Pricing.dollars(card.charge()) + " past this month's free paths");
        }
        return "Nothing was invalidated on the group " + card.group() + ": in a chat this request would need a"
                + " confirmation, which a workflow can't give (" + String.join("; ", reasons) + "). Run /invalidate "
                + card.group() + " with these paths in the channel and confirm it there, or ask whoever runs the bot"
                + " to set " + SKIP_CONFIRM_KEY + ": true on " + String.join(", ", unconfirmed)
                + " so that workflows may send such requests.";
    }

    private static String strip(String reason) {
        return reason.endsWith(".") ? reason.substring(0, reason.length() - 1) : reason;
    }

    /** Something went wrong in the bot itself. */
    public static String internalError() {
        return "Something went wrong in the invalidation bot; nothing was invalidated. Run the workflow again, and"
                + " if it fails again, tell whoever runs the bot (its log says why).";
    }
}

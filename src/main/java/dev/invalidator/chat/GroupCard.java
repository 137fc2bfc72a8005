package dev.invalidator.chat;

import static dev.invalidator.request.SlackText.escape;

import dev.invalidator.base.Numbers;
import dev.invalidator.cost.MonthCount;
import dev.invalidator.cost.Pricing;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The question the bot asks before a request to a distribution group goes out, when some members refuse it or the
 * whole request is risky or costs money: which members refuse and why, what the members that may go would cost
 * together, and the person's choice — send to those members, or send nothing.
 *
 * <pre>{@code
 * new GroupCard("3f9a1c0b7e2d4a58", "sites", List.of("web", "docs"),
 *         List.of(new GroupCard.Refusal("images", "Not allowed: …")), 1, List.of(), List.of(), false, 100,
 *         BigDecimal.ZERO, 998, MonthCount.fresh(2));
 * // "Send to web and docs" / "Send nothing"
 * }</pre>
 *
 * @param key            the id of the request this instance holds
 * @param going          the aliases of the members that may go, in the group's order; at least one
 * @param pathsPerMember paths each member gets (a wildcard counts as one)
 * @param wipes          the wildcards at the top level of any member
 * @param tags           the request's cache tags: each may match any number of objects of every member
 * @param charge         what the paths of all members that go cost past the free tier, in dollars (0: free)
 * @param freeLeft       free paths left this month after the request, summed over the members' AWS accounts
 * @param counted        the members' accounts' paths this month, summed ({@link MonthCount#together}); when not known,
 *                       {@code charge} is the worst case, every path charged
 */
public record GroupCard(
        String key,
        String group,
        List<String> going,
        List<Refusal> refused,
        int pathsPerMember,
        List<String> wipes,
        List<String> tags,
        boolean overThreshold,
        int threshold,
        BigDecimal charge,
        int freeLeft,
        MonthCount counted) {

    public static final String SEND = "group_send";
    public static final String SEND_NOTHING = "group_send_nothing";

    private static final int MAX_REASON_CHARS = 300;

    /** A member the person may not send to, and why. */
    public record Refusal(String alias, String reason) {

        public Refusal {
            Objects.requireNonNull(alias, "alias");
            Objects.requireNonNull(reason, "reason");
        }
    }

    public GroupCard {
        going = List.copyOf(going);
        refused = List.copyOf(refused);
        wipes = List.copyOf(wipes);
        tags = List.copyOf(tags);
        if (going.isEmpty()) {
            throw new IllegalArgumentException("a group card needs a member that may go");
        }
    }

    /** Paths × members that go: what the cost guard and the threshold count. */
    public int totalPaths() {
        return pathsPerMember * going.size();
    }

    public Message message() {
        List<Block> blocks = new ArrayList<>();
        String goingList =
                Texts.and(going.stream().map(alias -> "`" + escape(alias) + "`").toList());
        blocks.add(new Block.Section("*Invalidate " + Texts.paths(pathsPerMember) + " on " + goingList + " (group `"
                + escape(group) + "`)?* Nothing is sent until you choose."));
        if (!refused.isEmpty()) {
            blocks.add(new Block.Section(":no_entry: Not sent to "
                    + (refused.size() == 1 ? "this member:" : "these members:") + "\n"
                    + Fit.lines(
                            refused.stream()
                                    .map(refusal -> "• `" + escape(refusal.alias()) + "`: "
                                            + Fit.escaped(refusal.reason(), MAX_REASON_CHARS))
                                    .toList(),
                            Fit.SECTION - 40,
                            more -> "… and " + more + " more")));
        }
        List<String> facts = new ArrayList<>();
        facts.add("• " + Texts.paths(pathsPerMember) + " on each of " + going.size() + " distributions: "
                + Texts.paths(totalPaths()) + " in all (a wildcard counts as one)");
        facts.add("• This request: "
                + (!counted.known()
                        ? "may be charged: this month's " + Texts.NOT_COUNTED_YET + ", and if the free 1,000 of each"
                                + " AWS account are used up, about *" + Pricing.dollars(charge) + "* ($0.005 a path)"
                        : charge.signum() > 0
                                ? "about *" + Pricing.dollars(charge)
                                        + "* ($0.005 a path past the free 1,000 of each AWS account)"
                                        + Texts.asOf(counted)
                                : "free (" + Numbers.grouped(freeLeft) + " free paths left after it"
                                        + Texts.age(counted)
                                                .map(age -> ", " + age)
                                                .orElse("") + ")"));
        if (overThreshold) {
            facts.add("• That is more than the " + Numbers.grouped(threshold) + " paths this bot asks about");
        }
        blocks.add(new Block.Section(String.join("\n", facts)));
        if (!wipes.isEmpty()) {
            blocks.add(new Block.Section(":warning: "
                    + Texts.and(wipes.stream()
                            .map(wipe -> "`" + Fit.escaped(wipe, 80) + "`")
                            .toList())
                    + " at the top level removes whole folders of every member it goes to. Until the edge caches"
                    + " fill again, requests go to your origin. Make sure it can take the load."));
        }
        if (!tags.isEmpty()) {
            blocks.add(new Block.Section(ConfirmationCard.tagWarning(tags)));
        }
        blocks.add(new Block.Actions(List.of(
                new Block.Button(SEND, sendLabel(), key, Block.Button.Style.DANGER),
                new Block.Button(SEND_NOTHING, "Send nothing", key, Block.Button.Style.DEFAULT))));
        return new Message(
                "Confirm: invalidate " + Texts.paths(pathsPerMember) + " on " + String.join(", ", going)
                        + (refused.isEmpty()
                                ? ""
                                : " (not on "
                                        + String.join(
                                                ", ",
                                                refused.stream()
                                                        .map(Refusal::alias)
                                                        .toList()) + ")"),
                blocks);
    }

    /** "Send to web and docs" when the names fit on a button. */
    private String sendLabel() {
        String named = "Send to " + Texts.and(going);
        return named.length() <= Fit.LABEL ? named : "Send to the " + going.size() + " members";
    }
}

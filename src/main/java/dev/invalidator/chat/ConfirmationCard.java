package dev.invalidator.chat;

import static dev.invalidator.request.SlackText.escape;

import dev.invalidator.base.Numbers;
import dev.invalidator.base.Strings;
import dev.invalidator.cost.PathCharge;
import dev.invalidator.cost.Pricing;
import dev.invalidator.request.WildcardSuggestion.Suggestion;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The question the bot asks before a risky request: what will happen, what it costs, and buttons to go ahead, give
 * up, or take the cheaper wildcard instead.
 *
 * @param key            what the buttons carry back: the request itself as a ticket, or its id when it is too big
 * @param wipes          the request's wildcards at the top level ({@code /*}, {@code /img*}), which sweep whole folders
 * @param tags           the request's cache tags ({@code #release-42}): each may match any number of objects
 * @param overThreshold  the request has more paths than {@code confirm.pathThreshold}, which is {@code threshold}
 */
public record ConfirmationCard(
        String key,
        String alias,
        String distributionId,
        int pathCount,
        List<String> wipes,
        List<String> tags,
        boolean overThreshold,
        int threshold,
        PathCharge charge,
        Optional<Suggestion> suggestion) {

    public static final String CONFIRM = "confirm";
    public static final String CANCEL = "cancel";
    public static final String USE_WILDCARDS = "confirm_wildcards";

    /** How many of a request's wipes the warning names; the rest are counted. */
    private static final int WIPES_NAMED = 3;
    /** A wildcard quoted in the question: a deep folder's is shown by its start. */
    private static final int MAX_WILDCARD_CHARS = 300;

    public ConfirmationCard {
        wipes = List.copyOf(wipes);
        tags = List.copyOf(tags);
    }

    /** The question without its buttons, for a form's confirmation step (whose own buttons answer it). */
    public Message questionOnly() {
        Message full = message();
        return new Message(
                full.text(),
                full.blocks().stream()
                        .filter(block -> !(block instanceof Block.Actions))
                        .toList());
    }

    /** "Invalidate /img/* instead" when the wildcard fits on a button, which a deep folder's may not. */
    private static String label(Suggestion better) {
        if (better.wildcards().size() > 1) {
            return "Use " + better.wildcards().size() + " wildcards instead";
        }
        String named = "Invalidate " + better.wildcards().get(0) + " instead";
        return named.length() <= Fit.LABEL ? named : "Use the wildcard instead";
    }

    public Message message() {
        List<String> facts = new ArrayList<>();
        facts.add("• " + Texts.paths(pathCount)
                + (tags.isEmpty() ? " (a wildcard counts as one)" : " (a wildcard or a cache tag counts as one)"));
        facts.add(monthSoFar());
        facts.add("• This request: "
                + (!charge.counted().known()
                        ? "may be charged: if the free 1,000 are used up, " + Texts.paths(charge.chargedPaths())
                                + " charged, about *" + Pricing.dollars(charge.charge())
                                + "* ($0.005 a path past the free 1,000)"
                        : charge.goesPastFreeTier()
                                ? Numbers.grouped(charge.chargedPaths()) + " charged paths, about *"
                                        + Pricing.dollars(charge.charge()) + "* ($0.005 a path past the free 1,000)"
                                : "free (" + Numbers.grouped(charge.freeLeftBefore() - charge.freeUsedByRequest())
                                        + " free paths left after it)"));
        if (overThreshold) {
            facts.add("• That is more than the " + Numbers.grouped(threshold) + " paths this bot asks about");
        }
        List<Block> blocks = new ArrayList<>();
        blocks.add(new Block.Section("*Invalidate " + Texts.paths(pathCount) + " on `" + escape(alias) + "` ("
                + distributionId + ")?* Nothing is sent until you confirm.\n" + String.join("\n", facts)));
        if (!wipes.isEmpty()) {
            blocks.add(new Block.Section(wipeWarning()));
        }
        if (!tags.isEmpty()) {
            blocks.add(new Block.Section(tagWarning(tags)));
        }
        suggestion.ifPresent(better -> blocks.add(new Block.Section(":bulb: "
                + Fit.joined(
                        better.wildcards().stream()
                                .map(wildcard -> "`" + Fit.escaped(wildcard, MAX_WILDCARD_CHARS) + "`")
                                .toList(),
                        ", ",
                        Fit.SECTION / 2,
                        more -> "and " + Numbers.grouped(more) + " more")
                + " would cover the same files with " + Texts.paths(better.pathsAfter()) + " instead of "
                + Numbers.grouped(better.pathsBefore()) + " (it also clears files you did not list).")));
        List<Block.Button> buttons = new ArrayList<>();
        buttons.add(new Block.Button(CONFIRM, "Confirm", key, Block.Button.Style.DANGER));
        suggestion.ifPresent(
                better -> buttons.add(new Block.Button(USE_WILDCARDS, label(better), key, Block.Button.Style.PRIMARY)));
        buttons.add(new Block.Button(CANCEL, "Cancel", key, Block.Button.Style.DEFAULT));
        blocks.add(new Block.Actions(buttons));
        return new Message(
                "Confirm: invalidate " + Texts.paths(pathCount) + " on " + alias
                        + (!charge.counted().known()
                                ? " (may cost up to " + Pricing.dollars(charge.charge()) + ")"
                                : charge.goesPastFreeTier() ? " (about " + Pricing.dollars(charge.charge()) + ")" : ""),
                blocks);
    }

    /** The account's month as counted: how old the count is when not fresh, and said plainly when not known. */
    private String monthSoFar() {
        if (!charge.counted().known()) {
            return "• This month so far: " + Texts.NOT_COUNTED_YET + " (I haven't finished reading this AWS account's"
                    + " invalidations), so this request is treated as charged";
        }
        return "• This month so far: " + Numbers.grouped(charge.usedThisMonth()) + " of "
                + Numbers.grouped(Pricing.FREE_PATHS_PER_MONTH) + " free paths used in this AWS account"
                + Texts.asOf(charge.counted());
    }

    private String wipeWarning() {
        String load = "Until the edge caches fill again, requests go to your origin. Make sure it can take the load.";
        if (wipes.contains("/*")) {
            return ":warning: `/*` removes *every* cached object of this distribution. " + load;
        }
        if (wipes.size() == 1) {
            String wipe = wipes.get(0);
            return ":warning: " + quoted(wipe) + " is a wildcard at the top level of this distribution: it removes "
                    + "every cached object whose path starts with " + quoted(wipe.substring(0, wipe.length() - 1))
                    + ", whole folders included. " + load;
        }
        String named =
                wipes.stream().limit(WIPES_NAMED).map(ConfirmationCard::quoted).collect(Collectors.joining(", "));
        String more = wipes.size() > WIPES_NAMED ? " and " + Numbers.grouped(wipes.size() - WIPES_NAMED) + " more" : "";
        return ":warning: " + named + more + " are wildcards at the top level of this distribution: each removes every "
                + "cached object whose path starts with what comes before its `*`, whole folders included. " + load;
    }

    /** Why a tag is asked about: nothing shows beforehand how much it sweeps. Group cards ask the same way. */
    static String tagWarning(List<String> tags) {
        String named =
                tags.stream().limit(WIPES_NAMED).map(ConfirmationCard::quoted).collect(Collectors.joining(", "));
        String more = tags.size() > WIPES_NAMED ? " and " + Numbers.grouped(tags.size() - WIPES_NAMED) + " more" : "";
        return ":warning: " + named + more
                + (tags.size() == 1 ? " is a cache tag: it removes" : " are cache tags: each removes")
                + " every cached object the origin tagged with it, however many that is — one file or the whole site; "
                + "nothing here can tell how many beforehand. Until the edge caches fill again, requests for them go to "
                + "your origin.";
    }

    private static String quoted(String path) {
        return "`" + escape(Strings.shorten(path, 80)) + "`";
    }
}

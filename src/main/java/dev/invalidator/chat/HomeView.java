package dev.invalidator.chat;

import static dev.invalidator.request.SlackText.escape;

import dev.invalidator.base.Numbers;
import dev.invalidator.cdn.CallerReference;
import dev.invalidator.cdn.Invalidation;
import dev.invalidator.config.DistributionConfig;
import dev.invalidator.cost.MonthCount;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The bot's Home tab for one person: what they may use, what is in flight, what finished lately, and how much of
 * the month's free paths is gone — with a button for a new request. Each invalidation is named by its id, the one
 * {@code /invalidate status web <id>} takes and CloudFront's console shows.
 *
 * @param domains   the public host of each distribution, where known
 * @param links     a permalink to each invalidation's status message, where Slack gave one
 * @param usage     paths used this month per AWS account of these distributions (none when there is no
 *                  distribution); empty when CloudFront could not be read
 * @param queued    the requests waiting for CloudFront on these distributions that this instance holds
 * @param cacheTags the header that carries each distribution's cache tags, empty for one without cache tags, where its
 *                  details are known
 */
public record HomeView(
        List<DistributionConfig> distributions,
        Map<String, String> domains,
        List<Invalidation> inProgress,
        List<Invalidation> recentlyCompleted,
        Map<String, String> links,
        Optional<Map<String, MonthCount>> usage,
        List<QueuedRequest> queued,
        Map<String, Optional<String>> cacheTags) {

    /** A view with nothing queued, and no cache tags known. */
    public HomeView(
            List<DistributionConfig> distributions,
            Map<String, String> domains,
            List<Invalidation> inProgress,
            List<Invalidation> recentlyCompleted,
            Map<String, String> links,
            Optional<Map<String, MonthCount>> usage) {
        this(distributions, domains, inProgress, recentlyCompleted, links, usage, List.of(), Map.of());
    }

    public static final String NEW_INVALIDATION = "open_form";
    /** Invalidations listed in flight, and lately completed; the others are counted. */
    private static final int MAX_LISTED = 10;
    /** Channels named on a distribution's line; the others are counted. */
    private static final int MAX_CHANNELS = 5;
    /** A domain name as shown: DNS allows 253 characters. */
    private static final int MAX_DOMAIN_CHARS = 253;
    /** A header name as shown: CloudFront publishes no limit, and a line has room for this much. */
    private static final int MAX_HEADER_CHARS = 100;

    /** The Home tab opened past the person's limit of reads: nothing was read, and it says when to open it again. */
    public static Message limited(String reason) {
        return new Message(
                "Invalidator: " + reason,
                List.of(new Block.Header("Invalidator"), new Block.Section(":stopwatch: " + reason)));
    }

    public Message message() {
        List<Block> blocks = new ArrayList<>();
        blocks.add(new Block.Header("Invalidator"));
        blocks.add(new Block.Actions(
                List.of(new Block.Button(NEW_INVALIDATION, "New invalidation", "home", Block.Button.Style.PRIMARY))));
        blocks.add(section(
                "*Distributions you can use*\n",
                mostUsedFirst().stream().map(this::distributionLine).toList(),
                Integer.MAX_VALUE,
                "None yet: ask whoever runs the bot to add you to its config.",
                more -> "… and " + Numbers.grouped(more) + " more: type part of a name, id or domain in the picker of"
                        + " *New invalidation* to find one."));
        if (!queued.isEmpty()) {
            blocks.add(section(
                    "*Queued, waiting for CloudFront to have room*\n",
                    queued.stream().map(QueuedRequest::line).toList(),
                    Integer.MAX_VALUE,
                    "",
                    HomeView::moreInvalidations));
        }
        blocks.add(section(
                "*In progress*\n", lines(inProgress), MAX_LISTED, "Nothing in progress.", HomeView::moreInvalidations));
        blocks.add(section(
                "*Recently completed*\n",
                lines(recentlyCompleted),
                MAX_LISTED,
                "Nothing lately.",
                HomeView::moreInvalidations));
        if (!distributions.isEmpty()) {
            blocks.add(new Block.Context(usage.map(Texts::monthToDate)
                    .orElse("This month's paths could not be read from CloudFront right now.")));
        }
        return new Message("Invalidator: your distributions and invalidations", blocks);
    }

    private static String moreInvalidations(int more) {
        return "… and " + Numbers.grouped(more) + " more: `/invalidate list <distribution>` shows a distribution's.";
    }

    /**
     * A heading and its lines, at most {@code limit} and as many as a section holds, then {@code more} of the number
     * left out; {@code none} when there are none.
     */
    private static Block section(String heading, List<String> lines, int limit, String none, IntFunction<String> more) {
        if (lines.isEmpty()) {
            return new Block.Section(heading + none);
        }
        int room = Fit.SECTION - heading.length();
        String all = String.join("\n", lines);
        if (lines.size() <= limit && all.length() <= room) {
            return new Block.Section(heading + all);
        }
        // The longest "more" line there could be, so that whatever number it says, it fits.
        int shown = Fit.fitting(lines, "\n", room - 1 - more.apply(lines.size()).length(), limit);
        String listed = String.join("\n", lines.subList(0, shown));
        return new Block.Section(heading + (shown == 0 ? "" : listed + "\n") + more.apply(lines.size() - shown));
    }

    /** The distributions with invalidations in flight or lately completed first, most recent first; then the rest. */
    private List<DistributionConfig> mostUsedFirst() {
        return LatelyUsed.first(
                distributions,
                LatelyUsed.latest(Stream.concat(inProgress.stream(), recentlyCompleted.stream())
                        .toList()));
    }

    private String distributionLine(DistributionConfig distribution) {
        List<String> ids = List.copyOf(distribution.channels().ids());
        String channels = distribution.channels().allowsAnyone()
                ? "any channel"
                : ids.stream().limit(MAX_CHANNELS).map(id -> "<#" + id + ">").collect(Collectors.joining(", "))
                        + (ids.size() > MAX_CHANNELS
                                ? " and " + Numbers.grouped(ids.size() - MAX_CHANNELS) + " more channels"
                                : "");
        return "• `" + escape(distribution.alias()) + "` " + distribution.id()
                + Optional.ofNullable(domains.get(distribution.id()))
                        .map(domain -> " · " + Fit.escaped(domain, MAX_DOMAIN_CHARS))
                        .orElse("")
                + Optional.ofNullable(cacheTags.get(distribution.id()))
                        .map(header -> header.map(
                                        name -> " · cache tags in `" + Fit.escaped(name, MAX_HEADER_CHARS) + "`")
                                .orElse(" · no cache tags"))
                        .orElse("")
                + " · in " + channels;
    }

    private List<String> lines(List<Invalidation> invalidations) {
        Function<String, String> aliasOf = id -> distributions.stream()
                .filter(d -> d.id().equals(id))
                .findFirst()
                .map(DistributionConfig::alias)
                .orElse(id);
        return invalidations.stream()
                .map(invalidation -> "• `" + escape(aliasOf.apply(invalidation.distributionId()))
                        + "` `" + invalidation.id() + "` "
                        + Texts.paths(invalidation.paths().size()) + " · "
                        + CallerReference.decode(invalidation.callerReference())
                                .map(r -> "<@" + r.requester() + ">")
                                .orElse("outside the bot")
                        + " · " + Texts.time(invalidation.createTime())
                        + Optional.ofNullable(links.get(invalidation.id()))
                                .map(link -> " · <" + link + "|status>")
                                .orElse(""))
                .toList();
    }
}

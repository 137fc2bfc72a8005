package dev.invalidator.flow;

import dev.invalidator.access.AccessPolicy;
import dev.invalidator.cdn.CallerReference;
import dev.invalidator.cdn.Cdn;
import dev.invalidator.cdn.CdnException;
import dev.invalidator.cdn.DistributionCatalog;
import dev.invalidator.cdn.Invalidation;
import dev.invalidator.cdn.InvalidationSummary;
import dev.invalidator.chat.Chat;
import dev.invalidator.chat.HomeView;
import dev.invalidator.config.BotConfig;
import dev.invalidator.config.DistributionConfig;
import dev.invalidator.cost.MonthCount;
import dev.invalidator.cost.MonthToDatePaths;
import dev.invalidator.tracking.Tracker;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Home tab, published when someone opens it: each opening costs one ListInvalidations per distribution, plus a
 * GetInvalidation only for completed invalidations not seen before ({@link InvalidationDetails}) and a
 * {@code chat.getPermalink} only for status messages not linked before ({@link Permalinks}).
 */
final class HomeTab {

    private static final Logger log = LoggerFactory.getLogger(HomeTab.class);
    private static final int RECENT_PER_DISTRIBUTION = 5;
    /** Distributions whose recent invalidations the Home tab reads; see {@link #readFirst}. */
    private static final int RECENT_DISTRIBUTIONS = 10;

    private final BotConfig config;
    private final AccessPolicy policy;
    private final DistributionCatalog catalog;
    private final Tracker tracker;
    private final Cdn cdn;
    private final MonthToDatePaths usage;
    private final Chat chat;
    private final InvalidationDetails details;
    private final CreateQueue queue;
    private final Permalinks permalinks;

    HomeTab(
            BotConfig config,
            AccessPolicy policy,
            DistributionCatalog catalog,
            Tracker tracker,
            Cdn cdn,
            MonthToDatePaths usage,
            Chat chat,
            InvalidationDetails details,
            CreateQueue queue) {
        this.config = config;
        this.policy = policy;
        this.catalog = catalog;
        this.tracker = tracker;
        this.cdn = cdn;
        this.usage = usage;
        this.chat = chat;
        this.details = details;
        this.permalinks = new Permalinks(chat);
        this.queue = queue;
    }

    /** The distributions this person is on the list for, in any channel. */
    List<DistributionConfig> listedFor(String userId) {
        return config.distributions().values().stream()
                .filter(d -> policy.isListed(userId, d))
                .toList();
    }

    void show(String userId) {
        List<DistributionConfig> mine = listedFor(userId);
        Set<String> ids = mine.stream().map(DistributionConfig::id).collect(Collectors.toSet());
        Map<String, String> domains = new HashMap<>();
        Map<String, Optional<String>> cacheTags = new HashMap<>();
        mine.forEach(d -> catalog.knownDetails(d).ifPresent(details -> {
            domains.put(d.id(), details.publicHost());
            cacheTags.put(d.id(), details.cacheTagHeader());
        }));
        List<Invalidation> inProgress = tracker.following().stream()
                .filter(invalidation -> ids.contains(invalidation.distributionId()))
                .toList();
        List<Invalidation> recent = recentlyCompleted(readFirst(mine, inProgress));
        Map<String, String> links = new LinkedHashMap<>();
        for (Invalidation invalidation : concat(inProgress, recent)) {
            CallerReference.decode(invalidation.callerReference())
                    .flatMap(reference -> permalinks.of(StatusReferences.statusOf(reference)))
                    .ifPresent(link -> links.put(invalidation.id(), link));
        }
        Optional<Map<String, MonthCount>> used = monthToDate(ids);
        chat.publishHome(
                userId,
                new HomeView(mine, domains, inProgress, recent, links, used, queue.waiting(ids), cacheTags).message());
    }

    /**
     * The distributions whose recent invalidations the Home tab reads: those with invalidations in flight, then the
     * others in the config's order, at most {@value #RECENT_DISTRIBUTIONS} — each read is a ListInvalidations within
     * the account's read budget, and with hundreds the tab would wait minutes for them.
     */
    private static List<DistributionConfig> readFirst(List<DistributionConfig> mine, List<Invalidation> inProgress) {
        Set<String> busy = inProgress.stream().map(Invalidation::distributionId).collect(Collectors.toSet());
        return Stream.concat(
                        mine.stream().filter(d -> busy.contains(d.id())),
                        mine.stream().filter(d -> !busy.contains(d.id())))
                .limit(RECENT_DISTRIBUTIONS)
                .toList();
    }

    /**
     * This month's paths of the accounts of these distributions: counted within {@link MonthToDatePaths#LONGEST_WAIT}
     * when there are few, and when there are more than {@value #RECENT_DISTRIBUTIONS}, what was last read (start-up,
     * every five minutes, each request) at once, read again in the background — the tab opens at once however many.
     */
    private Optional<Map<String, MonthCount>> monthToDate(Set<String> ids) {
        if (ids.size() > RECENT_DISTRIBUTIONS) {
            Map<String, String> oneOfEach = new LinkedHashMap<>();
            ids.forEach(id -> oneOfEach.putIfAbsent(usage.accountOf(id), id));
            Map<String, MonthCount> known = new LinkedHashMap<>();
            for (String account : usage.accounts()) {
                if (oneOfEach.containsKey(account)) {
                    known.put(account, usage.knownCount(oneOfEach.get(account)));
                }
            }
            return Optional.of(known);
        }
        try {
            return Optional.of(usage.countThisMonthByAccount(ids));
        } catch (CdnException e) {
            return Optional.empty();
        }
    }

    private List<Invalidation> recentlyCompleted(List<DistributionConfig> distributions) {
        List<Invalidation> recent = new ArrayList<>();
        for (DistributionConfig distribution : distributions) {
            try {
                for (InvalidationSummary summary :
                        cdn.recentInvalidations(distribution.id(), RECENT_PER_DISTRIBUTION)) {
                    if (summary.completed()) {
                        recent.add(details.of(distribution.id(), summary));
                    }
                }
            } catch (CdnException e) {
                log.warn("Home tab: could not read invalidations of {}: {}", distribution.id(), e.getMessage());
            }
        }
        return recent.stream()
                .sorted(Comparator.comparing(Invalidation::createTime).reversed())
                .limit(10)
                .toList();
    }

    private static List<Invalidation> concat(List<Invalidation> first, List<Invalidation> second) {
        List<Invalidation> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }
}

package dev.invalidator.flow;

import dev.invalidator.chat.ConfirmationCard;
import dev.invalidator.config.ConfirmConfig;
import dev.invalidator.cost.MonthCount;
import dev.invalidator.cost.MonthToDatePaths;
import dev.invalidator.cost.PathCharge;
import dev.invalidator.cost.Pricing;
import dev.invalidator.request.InvalidationPath;
import dev.invalidator.request.WildcardSuggestion;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Decides which requests need an explicit click — a wipe, a cache tag (which may match any number of objects), more
 * paths than the threshold, or paths that would be charged (a tag is priced as one path) — and finds the request again when the click comes, on whichever instance of the bot Slack hands it to.
 *
 * <p>The question's buttons carry the request as a {@link RequestTicket}; the instance that asked also keeps it in
 * memory, and a request too big for a ticket lives only there (its buttons carry the bare id).
 */
final class Confirmations {

    /** A directory needs this many listed files before a wildcard is worth suggesting. */
    static final int FILES_PER_SUGGESTED_WILDCARD = 5;

    /** How far ahead of this instance's clock a ticket may say it was asked: another instance's clock may run ahead. */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(1);

    /** What a click's key names, as this instance sees it. */
    sealed interface Lookup {}

    record Found(Waiting waiting) implements Lookup {}

    enum Missing implements Lookup {
        /** Answered already, or expired. */
        GONE,
        /** A bare id this instance doesn't hold: another instance asked, or this one has restarted since. */
        NOT_HELD,
        /** Neither a ticket nor an id: altered, or not the bot's. */
        UNREADABLE
    }

    private final ConfirmConfig config;
    private final MonthToDatePaths usage;
    private final Clock clock;
    private final PendingRequests<Waiting.Held> pending;

    Confirmations(ConfirmConfig config, MonthToDatePaths usage, Clock clock) {
        this.config = config;
        this.usage = usage;
        this.clock = clock;
        this.pending = new PendingRequests<>(config.expiresAfter(), clock);
    }

    /**
     * The question to ask before this request, or empty when it may go ahead at once. This month's paths are counted
     * within {@link MonthToDatePaths#LONGEST_WAIT}; a count not known by then makes the request possibly charged, so
     * it is asked about.
     *
     * @throws dev.invalidator.cdn.CdnException when this month's paths can't be read
     */
    Optional<ConfirmationCard> ask(PreparedRequest request) {
        return ask(request, usage.countThisMonth(request.distribution().id()));
    }

    /** The same, with this month's paths so far given: for an answer that may not wait for CloudFront. */
    Optional<ConfirmationCard> ask(PreparedRequest request, MonthCount usedThisMonth) {
        int paths = request.paths().accepted().size();
        List<String> wipes =
                request.paths().wipes().stream().map(InvalidationPath::value).toList();
        List<String> tags = CacheTags.tags(request.paths());
        boolean overThreshold = paths > config.pathThreshold();
        PathCharge charge = Pricing.charge(paths, usedThisMonth);
        if (wipes.isEmpty() && tags.isEmpty() && !overThreshold && !charge.goesPastFreeTier()) {
            return Optional.empty();
        }
        List<String> files = request.paths().accepted().stream()
                .filter(path -> path.kind() == InvalidationPath.Kind.FILE)
                .map(InvalidationPath::value)
                .toList();
        // With /* every file was dropped as covered, so there is nothing to suggest.
        Optional<WildcardSuggestion.Suggestion> suggestion =
                WildcardSuggestion.suggest(files, FILES_PER_SUGGESTED_WILDCARD);
        String id = pending.newId();
        Instant now = clock.instant();
        pending.put(id, new Waiting.Held(id, request, now));
        return Optional.of(new ConfirmationCard(
                RequestTicket.of(id, request, now).key(),
                request.distribution().alias(),
                request.distribution().id(),
                paths,
                wipes,
                tags,
                overThreshold,
                config.pathThreshold(),
                charge,
                suggestion));
    }

    /** The request a click's key names: held here when this instance asked, else read from the key's ticket. */
    Lookup find(String key) {
        Optional<RequestTicket> ticket = RequestTicket.decode(key);
        String id = ticket.map(RequestTicket::id).orElse(key);
        if (pending.answered(id)) {
            return Missing.GONE;
        }
        Optional<Waiting.Held> held = pending.peek(id);
        if (held.isPresent()) {
            return new Found(held.get());
        }
        if (ticket.isEmpty()) {
            return RequestTicket.isId(key) ? Missing.NOT_HELD : Missing.UNREADABLE;
        }
        Instant asked = ticket.get().askedAt();
        Instant now = clock.instant();
        if (asked.isAfter(now.plus(CLOCK_SKEW))) {
            return Missing.UNREADABLE;
        }
        return asked.plus(config.expiresAfter()).isBefore(now)
                ? Missing.GONE
                : new Found(new Waiting.Carried(ticket.get()));
    }

    /** Marks the question answered on this instance: true for the first click, false for any later one. */
    boolean claim(Waiting waiting) {
        return pending.claim(waiting.id());
    }
}

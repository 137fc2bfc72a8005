package dev.invalidator.flow;

import dev.invalidator.chat.ConfirmationCard;
import dev.invalidator.config.ConfirmConfig;
import dev.invalidator.cost.MonthToDatePaths;
import dev.invalidator.cost.PathCharge;
import dev.invalidator.cost.Pricing;
import dev.invalidator.request.InvalidationPath;
import dev.invalidator.request.WildcardSuggestion;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Decides which requests need an explicit click — a full wipe, more paths than the threshold, or paths that would be
 * charged — and keeps them until the click (or expiry).
 */
final class Confirmations {

    /** A directory needs this many listed files before a wildcard is worth suggesting. */
    static final int FILES_PER_SUGGESTED_WILDCARD = 5;

    private final ConfirmConfig config;
    private final MonthToDatePaths usage;
    private final PendingRequests<PreparedRequest> pending;

    Confirmations(ConfirmConfig config, MonthToDatePaths usage, Clock clock) {
        this.config = config;
        this.usage = usage;
        this.pending = new PendingRequests<>(config.expiresAfter(), clock);
    }

    /** The question to ask before this request, or empty when it may go ahead at once. */
    Optional<ConfirmationCard> ask(PreparedRequest request) {
        int paths = request.paths().accepted().size();
        boolean fullWipe = request.paths().containsFullWipe();
        boolean overThreshold = paths > config.pathThreshold();
        PathCharge charge = Pricing.charge(paths, usage.usedThisMonth(request.distribution().id()));
        if (!fullWipe && !overThreshold && !charge.goesPastFreeTier()) {
            return Optional.empty();
        }
        List<String> files = request.paths().accepted().stream()
                .filter(path -> path.kind() == InvalidationPath.Kind.FILE).map(InvalidationPath::value).toList();
        Optional<WildcardSuggestion.Suggestion> suggestion = fullWipe ? Optional.empty()
                : WildcardSuggestion.suggest(files, FILES_PER_SUGGESTED_WILDCARD);
        return Optional.of(new ConfirmationCard(pending.put(request), request.distribution().alias(),
                request.distribution().id(), paths, fullWipe, overThreshold, config.pathThreshold(), charge, suggestion));
    }

    Optional<PreparedRequest> peek(String pendingId) {
        return pending.peek(pendingId);
    }

    Optional<PreparedRequest> take(String pendingId) {
        return pending.take(pendingId);
    }
}

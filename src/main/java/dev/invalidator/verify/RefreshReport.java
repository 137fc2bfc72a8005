package dev.invalidator.verify;

import java.util.List;
import java.util.Optional;

/**
 * Everything one check found, URL by URL, with the plan that says what it left out.
 *
 * <pre>{@code
 * report.mark();   // Optional[verified], Optional[2 stale], Optional[11 of 12 verified], Optional[not verified]
 * }</pre>
 */
public record RefreshReport(List<UrlCheck> checks, CheckPlan plan) {

    public RefreshReport {
        checks = List.copyOf(checks);
    }

    public List<UrlCheck.Stale> stale() {
        return checks.stream()
                .filter(UrlCheck.Stale.class::isInstance)
                .map(UrlCheck.Stale.class::cast)
                .toList();
    }

    public List<UrlCheck.Unchecked> unchecked() {
        return checks.stream()
                .filter(UrlCheck.Unchecked.class::isInstance)
                .map(UrlCheck.Unchecked.class::cast)
                .toList();
    }

    public int freshCount() {
        return (int) checks.stream().filter(UrlCheck.Fresh.class::isInstance).count();
    }

    /**
     * The few words the status message shows: "verified" only when every URL was checked and fresh, "N stale"
     * whenever one was not; empty when there was nothing to check.
     */
    public Optional<String> mark() {
        if (checks.isEmpty()) {
            return Optional.empty();
        }
        if (!stale().isEmpty()) {
            return Optional.of(stale().size() + " stale");
        }
        if (unchecked().isEmpty()) {
            return Optional.of("verified");
        }
        return Optional.of(freshCount() == 0 ? "not verified" : freshCount() + " of " + checks.size() + " verified");
    }
}

package dev.invalidator.cost;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * What one request adds to the month's invalidation bill, worked out by {@link Pricing#charge(int, int)}.
 *
 * <pre>{@code
 * PathCharge charge = Pricing.charge(1_200, 950);
 * charge.freeUsedByRequest();   // 50
 * charge.chargedPaths();        // 1,150
 * charge.charge();              // 5.750 (dollars)
 * charge.crossesFreeTier();     // true: worth saying "this request uses up the free tier"
 * }</pre>
 *
 * @param pathsInRequest    paths the request sends; a wildcard or a {@code #tag} counts as one
 * @param usedThisMonth     paths the AWS account already sent this calendar month (UTC), before this request
 * @param freeLeftBefore    free paths the month had left before this request
 * @param freeUsedByRequest free paths this request uses up
 * @param chargedPaths      paths of this request billed beyond the free tier
 * @param charge            what those paths cost, in US dollars, exact (not rounded to cents)
 * @param counted           the month's count the split was worked out from, and how old it is; when not known, the
 *                          split is the worst case: {@code usedThisMonth} is the whole free tier, every path charged
 */
public record PathCharge(
        int pathsInRequest,
        int usedThisMonth,
        int freeLeftBefore,
        int freeUsedByRequest,
        int chargedPaths,
        BigDecimal charge,
        MonthCount counted) {

    public PathCharge {
        Objects.requireNonNull(charge, "charge");
        Objects.requireNonNull(counted, "counted");
    }

    /**
     * True when the request costs money, or may: some of its paths are beyond the free tier, or the month's count is
     * not known and any path could be.
     */
    public boolean goesPastFreeTier() {
        return chargedPaths > 0;
    }

    /**
     * True when the request starts inside the free tier and ends beyond it, the one request a month that turns
     * invalidations from free to paid. Read from the split rather than from {@code usedThisMonth + pathsInRequest},
     * which could overflow an int.
     */
    public boolean crossesFreeTier() {
        return freeUsedByRequest > 0 && chargedPaths > 0;
    }
}

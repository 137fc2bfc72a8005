package dev.invalidator.cost;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.Objects;

/**
 * CloudFront's price for invalidation paths: the first {@value #FREE_PATHS_PER_MONTH} paths of a calendar month
 * (UTC) are free for the whole AWS account, across all its distributions; each path beyond costs
 * {@link #PRICE_PER_PATH} dollars. A wildcard path counts as one however much it removes, each path of a batch
 * counts on its own, and so does each {@code #tag} item.
 *
 * <pre>{@code
 * PathCharge charge = Pricing.charge(1_200, 950);   // 50 free, 1,150 charged
 * Pricing.dollars(charge.charge());                 // "$5.75"
 * }</pre>
 *
 * <p>The price comes from secondary sources, not AWS's pricing page (see the CloudFront reference, §3): one
 * constant to change if it turns out different.
 */
public final class Pricing {

    public static final int FREE_PATHS_PER_MONTH = 1_000;

    /** US dollars per path beyond the free tier. */
    public static final BigDecimal PRICE_PER_PATH = new BigDecimal("0.005");

    private Pricing() {}

    /**
     * Splits a request's paths into free and charged ones, given what the account already used this month.
     * Computes without adding the two counts, so even {@code Integer.MAX_VALUE} for both cannot overflow.
     *
     * @throws IllegalArgumentException if either count is negative
     */
    public static PathCharge charge(int pathsInRequest, int usedThisMonth) {
        requireCounts(pathsInRequest, usedThisMonth);
        return charge(pathsInRequest, usedThisMonth, MonthCount.fresh(usedThisMonth));
    }

    /**
     * The same with the month's count as known: as of some time ago, or not known — then every path is taken as
     * charged (the worst case), so that a request is never silently taken as free.
     *
     * @throws IllegalArgumentException if {@code pathsInRequest} is negative
     */
    public static PathCharge charge(int pathsInRequest, MonthCount counted) {
        return charge(pathsInRequest, counted.paths().orElse(FREE_PATHS_PER_MONTH), counted);
    }

    private static PathCharge charge(int pathsInRequest, int usedThisMonth, MonthCount counted) {
        requireCounts(pathsInRequest, usedThisMonth);
        int freeLeftBefore = Math.max(0, FREE_PATHS_PER_MONTH - usedThisMonth);
        int freeUsedByRequest = Math.min(pathsInRequest, freeLeftBefore);
        int chargedPaths = pathsInRequest - freeUsedByRequest;
        return new PathCharge(
                pathsInRequest,
                usedThisMonth,
                freeLeftBefore,
                freeUsedByRequest,
                chargedPaths,
                PRICE_PER_PATH.multiply(BigDecimal.valueOf(chargedPaths)),
                counted);
    }

    private static void requireCounts(int pathsInRequest, int usedThisMonth) {
        if (pathsInRequest < 0) {
            throw new IllegalArgumentException("pathsInRequest must not be negative, was " + pathsInRequest);
        }
        if (usedThisMonth < 0) {
            throw new IllegalArgumentException("usedThisMonth must not be negative, was " + usedThisMonth);
        }
    }

    /**
     * An amount as people read a bill: a dollar sign, thousands grouped with commas, cents rounded half up
     * ({@code 0.005} → {@code "$0.01"}, {@code 5.75} → {@code "$5.75"}, {@code 1234.5} → {@code "$1,234.50"}).
     * A non-zero amount below half a cent shows as {@code "<$0.01"} rather than {@code "$0.00"}, which would
     * read as free; only zero shows as {@code "$0.00"}.
     *
     * @throws IllegalArgumentException if the amount is negative: a charge never is
     */
    public static String dollars(BigDecimal amount) {
        Objects.requireNonNull(amount, "amount");
        if (amount.signum() < 0) {
            throw new IllegalArgumentException("amount must not be negative, was " + amount.toPlainString());
        }
        BigDecimal cents = amount.setScale(2, RoundingMode.HALF_UP);
        if (cents.signum() == 0 && amount.signum() > 0) {
            return "<$0.01";
        }
        return String.format(Locale.ROOT, "$%,.2f", cents);
    }
}

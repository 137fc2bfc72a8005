/**
 * The pure arithmetic of what an invalidation costs: free paths left this month, paths charged, dollars.
 *
 * <pre>{@code
 * PathCharge charge = Pricing.charge(1_200, 950);   // 50 free, 1,150 charged
 * Pricing.dollars(charge.charge());                 // "$5.75"
 * }</pre>
 *
 * <p>Nothing here knows where the month's count comes from or how it is shown: callers pass numbers in and get
 * numbers and text out, so the rules stay easy to test.
 */
package dev.invalidator.cost;

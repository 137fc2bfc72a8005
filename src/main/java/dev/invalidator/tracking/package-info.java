/**
 * Follows the invalidations the bot created until CloudFront reports them completed, and finds them again after a
 * restart.
 *
 * <pre>{@code
 * Tracker tracker = new Tracker(reads, new PollSchedule(ofSeconds(3), ofMillis(1500), reads.pollsPerSecond()),
 *         listener, Clock.systemUTC(), metrics.invalidations());
 * Recovery found = tracker.recover(List.of("E1WEBEXAMPLE"), Duration.ofHours(24), new ReadOnce(reads));   // start-up
 * tracker.follow(cdn.create("E1WEBEXAMPLE", reference, paths));
 * // later, once: listener.completed(invalidation, observedAt), or listener.lost(invalidation, reason)
 * }</pre>
 *
 * <p>One {@link Tracker} polls per distribution, not per invalidation, at the pace of a {@link PollSchedule} within
 * each AWS account's share of its read budget, and
 * tells its {@link InvalidationListener} exactly once per invalidation. Nothing is stored: CloudFront keeps every
 * invalidation with its CallerReference, so {@link Tracker#recover} tells the bot's own from the rest and rebuilds
 * what a stopped bot was following ({@link Recovery}).
 *
 * <p>CloudFront is reached only through the {@code cdn.Cdn} port, so the same polling runs against the simulator,
 * moto and the real service.
 */
package dev.invalidator.tracking;

package dev.invalidator.cdn;

import dev.invalidator.config.BotConfig;
import dev.invalidator.config.CloudFrontConfig;
import dev.invalidator.config.DistributionConfig;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Cdn} that keeps its creates within each AWS account's rate ({@code cloudfront.createsPerSecond}, bursts of
 * {@code cloudfront.createBurst}): a burst of requests waits its turn, a few seconds each, instead of being answered
 * "Rate exceeded". A create CloudFront still throttles (other tools in the account, other replicas) slows the
 * account's pace down and is sent again in its new turn — safely, since its CallerReference makes a second send
 * return the first invalidation. Every other call goes straight through.
 *
 * <p>The wait is on the calling thread, a worker's, never an acknowledgement's. A turn further away than
 * {@link #LONGEST_WAIT}, or than half of {@code polling.abandonedAfter}, is not waited for: the create fails as
 * throttled and says when to try again. Its status message says "requesting" meanwhile, and a sweep takes one that
 * says so for longer than {@code abandonedAfter} as left by a stopped bot.
 *
 * <pre>{@code
 * Cdn cdn = new PacedCdn(new CloudFrontCdn(aws, roles), config);
 * cdn.create("E1WEBEXAMPLE", reference, List.of("/index.html"));   // waits for the account's turn, then creates
 * }</pre>
 */
public final class PacedCdn implements Cdn {

    /** The longest a create waits for its turn, when {@code polling.abandonedAfter} (2 minutes by default) allows. */
    public static final Duration LONGEST_WAIT = Duration.ofMinutes(1);

    /**
     * Room left after each wait. CloudFront counts a call when it arrives, the bot when it sends: when the first call
     * of a burst takes longer to arrive than a later one (a slow first connection, a busy machine), the later one
     * arrives too soon by the difference.
     */
    static final Duration ROOM = Duration.ofMillis(500);

    /** Sends after "Rate exceeded", including the first: each in a new, slower turn. */
    static final int SENDS = 3;

    private static final Logger log = LoggerFactory.getLogger(PacedCdn.class);

    /** Waits, as {@code Thread.sleep} does. */
    @FunctionalInterface
    interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final Cdn cdn;
    private final Map<String, AccountPace> paceByDistribution;
    private final AccountPace ownAccount;
    private final Sleeper sleeper;
    private final Duration longestWait;

    public PacedCdn(Cdn cdn, BotConfig config) {
        this(
                cdn,
                config,
                System::nanoTime,
                duration -> Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000));
    }

    PacedCdn(Cdn cdn, BotConfig config, LongSupplier nanoTime, Sleeper sleeper) {
        this.cdn = cdn;
        this.sleeper = sleeper;
        Duration halfAbandoned = config.polling().abandonedAfter().dividedBy(2);
        this.longestWait = halfAbandoned.compareTo(LONGEST_WAIT) < 0 ? halfAbandoned : LONGEST_WAIT;
        CloudFrontConfig pace = config.cloudfront();
        Map<String, AccountPace> byAccount = new HashMap<>();
        Map<String, AccountPace> byDistribution = new HashMap<>();
        for (DistributionConfig distribution : config.distributions().values()) {
            byDistribution.put(
                    distribution.id(),
                    byAccount.computeIfAbsent(
                            distribution.account(),
                            account -> new AccountPace(pace.createsPerSecond(), pace.createBurst(), nanoTime)));
        }
        this.ownAccount = byAccount.computeIfAbsent(
                DistributionConfig.OWN_ACCOUNT,
                account -> new AccountPace(pace.createsPerSecond(), pace.createBurst(), nanoTime));
        this.paceByDistribution = Map.copyOf(byDistribution);
    }

    @Override
    public Invalidation create(String distributionId, String callerReference, List<String> paths) {
        AccountPace pace = paceByDistribution.getOrDefault(distributionId, ownAccount);
        for (int send = 1; ; send++) {
            waitForTurn(pace, distributionId);
            try {
                Invalidation created = cdn.create(distributionId, callerReference, paths);
                pace.answered();
                return created;
            } catch (CdnException e) {
                if (e.failure() != CdnException.Failure.THROTTLED || send == SENDS) {
                    throw e;
                }
                pace.throttled();
                log.info(
                        "CloudFront throttled a create on {}; its account's pace is now {} a second",
                        distributionId,
                        String.format(Locale.ROOT, "%.3f", pace.rate()));
            }
        }
    }

    private void waitForTurn(AccountPace pace, String distributionId) {
        Duration wait = pace.reserve(longestWait).orElseThrow(() -> busy(distributionId));
        if (wait.isZero()) {
            return;
        }
        Duration roomy = wait.plus(ROOM);
        log.debug("Creating on {} in {} ms, the account's next turn", distributionId, roomy.toMillis());
        try {
            sleeper.sleep(roomy);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CdnException(
                    CdnException.Failure.UNAVAILABLE,
                    "The bot stopped before its turn to send this to CloudFront; nothing was sent.",
                    "Try again in a minute.",
                    e);
        }
    }

    private static CdnException busy(String distributionId) {
        return new CdnException(
                CdnException.Failure.THROTTLED,
                "The bot is already sending CloudFront as many invalidations as it accepts from the AWS account of "
                        + distributionId + " for the next minute; nothing was sent.",
                "Try again in a minute.");
    }

    @Override
    public Distribution distribution(String distributionId) {
        return cdn.distribution(distributionId);
    }

    @Override
    public Invalidation invalidation(String distributionId, String invalidationId) {
        return cdn.invalidation(distributionId, invalidationId);
    }

    @Override
    public InvalidationPage invalidations(String distributionId, String marker, int maxItems) {
        return cdn.invalidations(distributionId, marker, maxItems);
    }
}

package dev.invalidator.cdn;

import dev.invalidator.config.BotConfig;
import dev.invalidator.config.CloudFrontConfig;
import dev.invalidator.config.DistributionConfig;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Cdn} that keeps its creates within each AWS account's rate ({@code cloudfront.createsPerSecond}, bursts of
 * {@code cloudfront.createBurst}) and says when the next create may go ({@link CreateTurns}), so that a burst of
 * requests waits in a queue instead of being answered "Rate exceeded". A create CloudFront still throttles (other tools
 * in the account, other replicas) slows the account's pace down, and fails as {@link CdnException.Failure#THROTTLED}
 * for the queue to send again in the new turn — safely, since its CallerReference makes a second send return the
 * first invalidation. Nothing here waits: a create without a turn now fails at once, sending nothing. Every other
 * call goes straight through.
 *
 * <pre>{@code
 * PacedCdn cdn = new PacedCdn(new CloudFrontCdn(aws, roles), config);
 * if (cdn.untilTurn("E1WEBEXAMPLE").isZero()) {
 *     cdn.create("E1WEBEXAMPLE", reference, List.of("/index.html"));
 * }
 * }</pre>
 */
public final class PacedCdn implements Cdn, CreateTurns {

    /**
     * Room added to a turn that is not now. CloudFront counts a call when it arrives, the bot when it sends: when the
     * first call of a burst takes longer to arrive than a later one (a slow first connection, a busy machine), the
     * later one arrives too soon by the difference.
     */
    static final Duration ROOM = Duration.ofMillis(500);

    private static final Logger log = LoggerFactory.getLogger(PacedCdn.class);

    private final Cdn cdn;
    private final Map<String, AccountPace> paceByDistribution;
    private final AccountPace ownAccount;

    public PacedCdn(Cdn cdn, BotConfig config) {
        this(cdn, config, System::nanoTime);
    }

    PacedCdn(Cdn cdn, BotConfig config, LongSupplier nanoTime) {
        this.cdn = cdn;
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
    public Duration untilTurn(String distributionId) {
        Duration wait = pace(distributionId).untilTurn();
        return wait.isZero() ? wait : wait.plus(ROOM);
    }

    @Override
    public double createsPerSecond(String distributionId) {
        return pace(distributionId).rate();
    }

    /**
     * Creates the invalidation in the account's turn.
     *
     * @throws CdnException {@link CdnException.Failure#THROTTLED} when the account has no turn now (nothing was sent)
     *     or CloudFront throttled the create (the account's pace is slower from now on)
     */
    @Override
    public Invalidation create(String distributionId, String callerReference, List<String> paths) {
        AccountPace pace = pace(distributionId);
        if (!pace.take()) {
            throw new CdnException(
                    CdnException.Failure.THROTTLED,
                    "The AWS account of " + distributionId + " has no turn for another invalidation yet; nothing was"
                            + " sent.",
                    "Try again in a few seconds.");
        }
        try {
            Invalidation created = cdn.create(distributionId, callerReference, paths);
            pace.answered();
            return created;
        } catch (CdnException e) {
            if (e.failure() == CdnException.Failure.THROTTLED) {
                pace.throttled();
                log.info(
                        "CloudFront throttled a create on {}; its account's pace is now {} a second",
                        distributionId,
                        String.format(Locale.ROOT, "%.3f", pace.rate()));
            }
            throw e;
        }
    }

    private AccountPace pace(String distributionId) {
        return paceByDistribution.getOrDefault(distributionId, ownAccount);
    }

    @Override
    public Distribution distribution(String distributionId) {
        return cdn.distribution(distributionId);
    }

    @Override
    public Tenant tenant(String tenantId) {
        return cdn.tenant(tenantId);
    }

    @Override
    public Optional<Tenant> tenantByDomain(String domain, String askingAs) {
        return cdn.tenantByDomain(domain, askingAs);
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

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
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Cdn} whose reads — GetDistribution, GetInvalidation, ListInvalidations, and so every look-up built on them
 * ({@link #findByCallerReference}, {@link #invalidationPages}) — stay within each AWS account's read budget
 * ({@code cloudfront.readsPerSecond}, bursts of {@code cloudfront.readBurst}): a read waits for its account's turn
 * instead of being answered "Rate exceeded". A read CloudFront still throttles (other tools in the account, other
 * replicas) halves the account's read pace and is sent again in its new turn. Creates go straight through: their own
 * pace is {@link PacedCdn}'s.
 *
 * <p>The wait is on the calling thread: a worker's or a tracker's, never an acknowledgement's (a form's answer reads
 * only what is known). Each thread holds at most one turn at a time, so a long pass over many invalidations (start-up,
 * this month's paths) takes every other turn it can get but never pushes the tracker's polls behind a queue of its own.
 *
 * <pre>{@code
 * ReadBudget reads = new ReadBudget(new CloudFrontCdn(aws, roles), config);
 * reads.invalidation("E1WEBEXAMPLE", "I2J0I21PCUYOIK");   // waits for the account's turn, then reads
 * reads.pollsPerSecond("E1WEBEXAMPLE");                   // 3.0: what the tracker may spend polling that account
 * }</pre>
 */
public final class ReadBudget implements Cdn {

    /**
     * The share of an account's reads the tracker's polls may take, so that the other reads — a create's look-up,
     * start-up, this month's paths, domain names — always find room.
     */
    public static final double POLLING_SHARE = 0.75;

    /** The longest a read waits for its turn; with one turn per thread, waits are far shorter than this. */
    static final Duration LONGEST_WAIT = Duration.ofMinutes(1);

    /** Sends after "Rate exceeded", including the first: each in a new, slower turn. */
    static final int SENDS = 4;

    private static final Logger log = LoggerFactory.getLogger(ReadBudget.class);

    /** Waits, as {@code Thread.sleep} does. */
    @FunctionalInterface
    interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final Cdn cdn;
    private final Map<String, AccountPace> paceByDistribution;
    private final Map<String, String> accountByDistribution;
    private final AccountPace ownAccount;
    private final double pollsPerSecond;
    private final Sleeper sleeper;

    public ReadBudget(Cdn cdn, BotConfig config) {
        this(
                cdn,
                config,
                System::nanoTime,
                duration -> Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000));
    }

    ReadBudget(Cdn cdn, BotConfig config, LongSupplier nanoTime, Sleeper sleeper) {
        this.cdn = cdn;
        this.sleeper = sleeper;
        CloudFrontConfig budget = config.cloudfront();
        this.pollsPerSecond = budget.readsPerSecond() * POLLING_SHARE;
        Map<String, AccountPace> byAccount = new HashMap<>();
        Map<String, AccountPace> byDistribution = new HashMap<>();
        Map<String, String> accounts = new HashMap<>();
        for (DistributionConfig distribution : config.distributions().values()) {
            String key = distribution.id().toUpperCase(Locale.ROOT);
            accounts.put(key, distribution.account());
            byDistribution.put(
                    key,
                    byAccount.computeIfAbsent(
                            distribution.account(),
                            account -> new AccountPace(budget.readsPerSecond(), budget.readBurst(), nanoTime)));
        }
        this.ownAccount = byAccount.computeIfAbsent(
                DistributionConfig.OWN_ACCOUNT,
                account -> new AccountPace(budget.readsPerSecond(), budget.readBurst(), nanoTime));
        this.paceByDistribution = Map.copyOf(byDistribution);
        this.accountByDistribution = Map.copyOf(accounts);
    }

    /** The AWS account whose budget the distribution's reads draw on; the bot's own for one not configured. */
    public String accountOf(String distributionId) {
        return accountByDistribution.getOrDefault(
                distributionId.toUpperCase(Locale.ROOT), DistributionConfig.OWN_ACCOUNT);
    }

    /** The polls a second the tracker may spend on one AWS account, all its distributions together. */
    public double pollsPerSecond() {
        return pollsPerSecond;
    }

    @Override
    public Distribution distribution(String distributionId) {
        return read(distributionId, () -> cdn.distribution(distributionId));
    }

    @Override
    public Tenant tenant(String tenantId) {
        return read(tenantId, () -> cdn.tenant(tenantId));
    }

    @Override
    public Optional<Tenant> tenantByDomain(String domain, String askingAs) {
        return read(askingAs, () -> cdn.tenantByDomain(domain, askingAs));
    }

    @Override
    public Invalidation create(String distributionId, String callerReference, List<String> paths) {
        return cdn.create(distributionId, callerReference, paths);
    }

    @Override
    public Invalidation invalidation(String distributionId, String invalidationId) {
        return read(distributionId, () -> cdn.invalidation(distributionId, invalidationId));
    }

    @Override
    public InvalidationPage invalidations(String distributionId, String marker, int maxItems) {
        return read(distributionId, () -> cdn.invalidations(distributionId, marker, maxItems));
    }

    private <T> T read(String distributionId, Supplier<T> call) {
        AccountPace pace = paceByDistribution.getOrDefault(distributionId.toUpperCase(Locale.ROOT), ownAccount);
        for (int send = 1; ; send++) {
            waitForTurn(pace, distributionId);
            try {
                T answer = call.get();
                pace.answered();
                return answer;
            } catch (CdnException e) {
                if (e.failure() != CdnException.Failure.THROTTLED || send == SENDS) {
                    throw e;
                }
                pace.throttled();
                log.info(
                        "CloudFront throttled a read of {}; its account's read pace is now {} a second",
                        distributionId,
                        String.format(Locale.ROOT, "%.3f", pace.rate()));
            }
        }
    }

    private void waitForTurn(AccountPace pace, String distributionId) {
        Duration wait = pace.reserve(LONGEST_WAIT)
                .orElseThrow(() -> new CdnException(
                        CdnException.Failure.THROTTLED,
                        "The bot is already reading as much from the AWS account of " + distributionId
                                + " as CloudFront allows for the next minute.",
                        "Try again in a minute."));
        if (wait.isZero()) {
            return;
        }
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CdnException(
                    CdnException.Failure.UNAVAILABLE,
                    "The bot stopped before its turn to read " + distributionId + " from CloudFront.",
                    "Try again in a minute.",
                    e);
        }
    }
}

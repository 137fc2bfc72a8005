package dev.invalidator.health;

import dev.invalidator.cdn.CdnCallObserver;
import dev.invalidator.cdn.CdnException.Failure;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Keeps the outcome of the last CloudFront call, as the health endpoint reports it.
 *
 * <ul>
 *   <li>An answer is <b>ok</b> — also a refusal about the request itself (too many invalidations in progress, a bad
 *       path, an unknown invalidation id, a reused caller reference): CloudFront is reachable and the bot may use it.
 *   <li>"Rate exceeded" that outlasted the SDK's retries is <b>throttled</b>, and still healthy: restarting the bot
 *       does not lift a rate limit, and a bot that starts again calls CloudFront more (recovery lists every
 *       distribution). The next answered call clears it.
 *   <li>Access denied, an unknown distribution, CloudFront unreachable or failing after the retries, or an unexpected
 *       error is <b>failing</b> (503) until the next call is answered.
 * </ul>
 */
public final class CloudFrontHealth implements CdnCallObserver {

    private final AtomicReference<CloudFrontStatus> last = new AtomicReference<>(CloudFrontStatus.OK);

    @Override
    public void answered(String operation, Duration took) {
        last.set(CloudFrontStatus.OK);
    }

    @Override
    public void failed(String operation, Failure failure, Duration took) {
        last.set(
                switch (failure) {
                    case TOO_MANY_IN_PROGRESS,
                            NO_SUCH_INVALIDATION,
                            INVALID_ARGUMENT,
                            BATCH_TOO_LARGE,
                            REFERENCE_ALREADY_USED -> CloudFrontStatus.OK;
                    case THROTTLED -> CloudFrontStatus.throttled(operation);
                    case ACCESS_DENIED, NO_SUCH_DISTRIBUTION, UNAVAILABLE, UNEXPECTED ->
                        CloudFrontStatus.failing(operation, failure.name().toLowerCase(Locale.ROOT));
                });
    }

    public CloudFrontStatus status() {
        return last.get();
    }
}

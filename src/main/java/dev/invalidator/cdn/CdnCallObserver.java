package dev.invalidator.cdn;

import java.time.Duration;

/**
 * Told how each call to the CDN ended, about which distribution and how long it took, by the adapter that makes it —
 * so that the health endpoint can say whether CloudFront answers for each distribution, and the metrics how it does,
 * without knowing the AWS SDK.
 *
 * <pre>{@code
 * Cdn cdn = new CloudFrontCdn(aws, roles, health.andThen(metrics));
 * cdn.invalidations("E1WEBEXAMPLE", null, 10);
 * // health.answered("ListInvalidations", "E1WEBEXAMPLE", PT0.08S), then metrics.answered(…)
 * }</pre>
 */
public interface CdnCallObserver {

    /** Observes nothing. */
    CdnCallObserver NONE = new CdnCallObserver() {
        @Override
        public void answered(String operation, String distributionId, Duration took) {}

        @Override
        public void failed(String operation, String distributionId, CdnException.Failure failure, Duration took) {}
    };

    /**
     * The CDN answered {@code operation}, e.g. {@code ListInvalidations}, about {@code distributionId}, {@code took}
     * after it was asked.
     */
    void answered(String operation, String distributionId, Duration took);

    /**
     * {@code operation} about {@code distributionId} failed after the SDK's retries, for this reason, {@code took}
     * after it was asked.
     */
    void failed(String operation, String distributionId, CdnException.Failure failure, Duration took);

    /** Tells this observer, then {@code next}. */
    default CdnCallObserver andThen(CdnCallObserver next) {
        CdnCallObserver first = this;
        return new CdnCallObserver() {
            @Override
            public void answered(String operation, String distributionId, Duration took) {
                first.answered(operation, distributionId, took);
                next.answered(operation, distributionId, took);
            }

            @Override
            public void failed(String operation, String distributionId, CdnException.Failure failure, Duration took) {
                first.failed(operation, distributionId, failure, took);
                next.failed(operation, distributionId, failure, took);
            }
        };
    }
}

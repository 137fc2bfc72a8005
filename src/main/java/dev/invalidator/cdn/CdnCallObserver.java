package dev.invalidator.cdn;

/**
 * Told how each call to the CDN ended, and about which distribution, by the adapter that makes it — so that the
 * health endpoint can say whether CloudFront answers for each distribution without knowing the AWS SDK.
 *
 * <pre>{@code
 * Cdn cdn = new CloudFrontCdn(aws, roles, observer);
 * cdn.invalidations("E1WEBEXAMPLE", null, 10);   // observer.answered("ListInvalidations", "E1WEBEXAMPLE")
 * }</pre>
 */
public interface CdnCallObserver {

    /** Observes nothing. */
    CdnCallObserver NONE = new CdnCallObserver() {
        @Override
        public void answered(String operation, String distributionId) {}

        @Override
        public void failed(String operation, String distributionId, CdnException.Failure failure) {}
    };

    /** The CDN answered {@code operation}, e.g. {@code ListInvalidations}, about {@code distributionId}. */
    void answered(String operation, String distributionId);

    /** {@code operation} about {@code distributionId} failed after the SDK's retries, for this reason. */
    void failed(String operation, String distributionId, CdnException.Failure failure);
}

package dev.invalidator.cdn;

/**
 * Told how each call to the CDN ended, by the adapter that makes it — so that the health endpoint can say whether
 * CloudFront answers without knowing the AWS SDK.
 *
 * <pre>{@code
 * Cdn cdn = new CloudFrontCdn(aws, roles, observer);
 * cdn.invalidations("E1WEBEXAMPLE", null, 10);   // observer.answered("ListInvalidations")
 * }</pre>
 */
public interface CdnCallObserver {

    /** Observes nothing. */
    CdnCallObserver NONE = new CdnCallObserver() {
        @Override
        public void answered(String operation) {}

        @Override
        public void failed(String operation, CdnException.Failure failure) {}
    };

    /** The CDN answered {@code operation}, e.g. {@code ListInvalidations}. */
    void answered(String operation);

    /** {@code operation} failed after the SDK's retries, for this reason. */
    void failed(String operation, CdnException.Failure failure);
}

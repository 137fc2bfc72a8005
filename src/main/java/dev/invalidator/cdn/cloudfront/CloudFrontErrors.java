package dev.invalidator.cdn.cloudfront;

import dev.invalidator.cdn.CdnException;
import dev.invalidator.cdn.CdnException.Failure;
import dev.invalidator.config.TargetKind;
import java.util.Locale;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudfront.model.AccessDeniedException;
import software.amazon.awssdk.services.cloudfront.model.BatchTooLargeException;
import software.amazon.awssdk.services.cloudfront.model.EntityNotFoundException;
import software.amazon.awssdk.services.cloudfront.model.InvalidArgumentException;
import software.amazon.awssdk.services.cloudfront.model.NoSuchDistributionException;
import software.amazon.awssdk.services.cloudfront.model.NoSuchInvalidationException;
import software.amazon.awssdk.services.cloudfront.model.TooManyInvalidationsInProgressException;
import software.amazon.awssdk.services.sts.model.StsException;

/**
 * Turns what the SDK throws into a {@link CdnException} a person can act on.
 *
 * <p>By the time an exception arrives here the SDK's retry strategy has already retried throttling, 5xx and network
 * errors; the message says so, so nobody retries by hand in a loop.
 */
final class CloudFrontErrors {

    private static final String REUSED_REFERENCE_CODE = "InvalidationBatchAlreadyExists";

    private CloudFrontErrors() {}

    /**
     * @param operation the CloudFront API operation, e.g. {@code CreateInvalidation} (also the IAM action's name)
     */
    static CdnException translate(SdkException e, String operation, String distributionId, String accountHint) {
        String action = "cloudfront:" + operation;
        boolean tenant = TargetKind.of(distributionId) == TargetKind.TENANT;
        String attempts =
                e.numAttempts() == null || e.numAttempts() <= 1 ? "" : " after " + e.numAttempts() + " attempts";
        if (e instanceof TooManyInvalidationsInProgressException) {
            return new CdnException(
                    Failure.TOO_MANY_IN_PROGRESS,
                    "CloudFront is already running as many invalidations on " + distributionId
                            + (tenant ? " and the other tenants of its distribution" : "") + " as it allows "
                            + "(3,000 file paths or 15 wildcard paths in progress).",
                    "Wait for some to finish, or cover many files with one wildcard path such as `/assets/*`.",
                    e);
        }
        if (e instanceof NoSuchDistributionException) {
            return new CdnException(
                    Failure.NO_SUCH_DISTRIBUTION,
                    "CloudFront has no distribution " + distributionId + " that the bot's AWS identity can see"
                            + accountHint + ".",
                    "Check the distribution id (and roleArn) in the bot's config.",
                    e);
        }
        if (e instanceof EntityNotFoundException || (tenant && hasCode(e, "EntityNotFound"))) {
            return new CdnException(
                    Failure.NO_SUCH_TENANT,
                    "CloudFront has no distribution tenant " + distributionId + " that the bot's AWS identity can see"
                            + accountHint + ".",
                    "Check the tenant id (and roleArn) under tenants: in the bot's config.",
                    e);
        }
        if (e instanceof NoSuchInvalidationException) {
            return new CdnException(
                    Failure.NO_SUCH_INVALIDATION,
                    "CloudFront has no such invalidation on " + distributionId + ".",
                    "Check the invalidation id with `/invalidate list`.",
                    e);
        }
        if (e instanceof AccessDeniedException || hasCode(e, "AccessDenied")) {
            return new CdnException(
                    Failure.ACCESS_DENIED,
                    "The bot's AWS identity may not call " + action + " on "
                            + (tenant ? "distribution tenant " : "distribution ") + distributionId + accountHint + ".",
                    "Ask an AWS admin to allow " + action + " on " + TargetArns.of(distributionId)
                            + " (see deploy/iam-policy.json).",
                    e);
        }
        if (e instanceof StsException) {
            return new CdnException(
                    Failure.ACCESS_DENIED,
                    "The bot could not assume the IAM role for " + distributionId + accountHint + ": "
                            + serviceMessage(e) + ".",
                    "Check the role's trust policy allows the bot's identity to call sts:AssumeRole.",
                    e);
        }
        if (e instanceof BatchTooLargeException) {
            return new CdnException(
                    Failure.BATCH_TOO_LARGE,
                    "CloudFront says the batch of paths is too large.",
                    "Send fewer paths, or cover them with a wildcard path.",
                    e);
        }
        if (hasCode(e, REUSED_REFERENCE_CODE) || isReusedReference(e)) {
            return new CdnException(
                    Failure.REFERENCE_ALREADY_USED,
                    "CloudFront already has an invalidation for this request on " + distributionId + ".",
                    "Look it up with `/invalidate list`.",
                    e);
        }
        if (e instanceof InvalidArgumentException) {
            return new CdnException(
                    Failure.INVALID_ARGUMENT,
                    "CloudFront rejected the request: " + serviceMessage(e),
                    "Check the paths; if they look right, report this to the bot's maintainers.",
                    e);
        }
        if (e instanceof AwsServiceException service && service.isThrottlingException()) {
            return new CdnException(
                    Failure.THROTTLED,
                    "CloudFront kept answering \"Rate exceeded\"" + attempts + ".",
                    "Try again in a minute.",
                    e);
        }
        if (e instanceof AwsServiceException service && service.statusCode() >= 500) {
            return new CdnException(
                    Failure.UNAVAILABLE,
                    "CloudFront had an internal error (" + service.statusCode() + ")" + attempts + ".",
                    "Try again in a few minutes; check status.aws.amazon.com if it persists.",
                    e);
        }
        if (e instanceof AwsServiceException service) {
            return new CdnException(
                    Failure.UNEXPECTED,
                    "CloudFront refused " + operation + " on " + distributionId + ": " + serviceMessage(service),
                    "Report this to the bot's maintainers with the time it happened.",
                    e);
        }
        if (String.valueOf(e.getMessage()).contains("Unable to load credentials")) {
            return new CdnException(
                    Failure.ACCESS_DENIED,
                    "The bot found no AWS credentials to call " + action + ".",
                    "Give the bot an IAM role (task role, instance profile, IRSA) or AWS_* credentials.",
                    e);
        }
        return new CdnException(
                Failure.UNAVAILABLE,
                "The bot could not reach CloudFront" + attempts + ": " + e.getMessage(),
                "Check the bot's network access to cloudfront.amazonaws.com, then try again.",
                e);
    }

    private static boolean hasCode(SdkException e, String code) {
        return e instanceof AwsServiceException service
                && service.awsErrorDetails() != null
                && code.equals(service.awsErrorDetails().errorCode());
    }

    private static boolean isReusedReference(SdkException e) {
        return e instanceof InvalidArgumentException
                && serviceMessage(e).toLowerCase(Locale.ROOT).contains("caller reference");
    }

    private static String serviceMessage(SdkException e) {
        if (e instanceof AwsServiceException service
                && service.awsErrorDetails() != null
                && service.awsErrorDetails().errorMessage() != null) {
            return service.awsErrorDetails().errorMessage();
        }
        return String.valueOf(e.getMessage());
    }
}

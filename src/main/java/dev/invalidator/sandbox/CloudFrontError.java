package dev.invalidator.sandbox;

/**
 * A CloudFront error answer: HTTP status plus the {@code Type}/{@code Code}/{@code Message} of the
 * {@code ErrorResponse} envelope. Thrown inside the simulator and turned into a response by the HTTP layer.
 * Messages are the real service's where one is known (see {@code cloudfront.md} §6).
 */
final class CloudFrontError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    static final String ACCOUNT_ID = "123456789012";
    static final String CALLER_ARN = "arn:aws:sts::" + ACCOUNT_ID + ":assumed-role/invalidator/bot";

    private final int status;
    private final String type;
    private final String code;

    private CloudFrontError(int status, String type, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.type = type;
        this.code = code;
    }

    int status() {
        return status;
    }

    String type() {
        return type;
    }

    String code() {
        return code;
    }

    static CloudFrontError sender(int status, String code, String message) {
        return new CloudFrontError(status, "Sender", code, message);
    }

    static CloudFrontError receiver(int status, String code, String message) {
        return new CloudFrontError(status, "Receiver", code, message);
    }

    static CloudFrontError noSuchDistribution() {
        return sender(404, "NoSuchDistribution", "The specified distribution does not exist.");
    }

    /** A distribution tenant's operations answer an unknown tenant or domain so (API reference: EntityNotFound, 404). */
    static CloudFrontError entityNotFound() {
        return sender(404, "EntityNotFound", "The entity was not found.");
    }

    static CloudFrontError noSuchInvalidation() {
        return sender(404, "NoSuchInvalidation", "The specified invalidation does not exist.");
    }

    static CloudFrontError missingBody() {
        return sender(
                400,
                "MissingBody",
                "This operation requires a body. Ensure that the body is present and the Content-Type header is set.");
    }

    static CloudFrontError malformedInput(String detail) {
        return sender(400, "MalformedInput", detail);
    }

    static CloudFrontError inconsistentQuantities() {
        return sender(400, "InconsistentQuantities", "The value of Quantity and the size of Items don't match.");
    }

    static CloudFrontError invalidPaths() {
        return sender(400, "InvalidArgument", "Your request contains one or more invalid invalidation paths.");
    }

    static CloudFrontError invalidArgument(String message) {
        return sender(400, "InvalidArgument", message);
    }

    static CloudFrontError batchAlreadyExists() {
        return sender(
                400,
                "InvalidationBatchAlreadyExists",
                "The caller reference that you are using to create an invalidation batch is already in use.");
    }

    static CloudFrontError referenceReused() {
        return invalidArgument("Your request contains a caller reference that was used for a previous invalidation"
                + " batch for the same distribution.");
    }

    static CloudFrontError batchTooLarge() {
        return sender(413, "BatchTooLarge", "Invalidation batch specified is too large.");
    }

    static CloudFrontError unknownOperation(String method, String path) {
        return sender(404, "UnknownOperation", "Could not find operation " + method + " " + path);
    }

    static CloudFrontError throttling() {
        return sender(400, "Throttling", "Rate exceeded");
    }

    static CloudFrontError tooManyInvalidationsInProgress() {
        return sender(
                400,
                "TooManyInvalidationsInProgress",
                "Processing your request will cause you to exceed the maximum number of in-progress invalidations.");
    }

    static CloudFrontError internalFailure() {
        return receiver(500, "InternalFailure", "The request processing has failed because of an unknown error.");
    }

    /** The answer for an injected fault (never {@code SERVICE_UNAVAILABLE_AFTER_COMMIT}'s commit part). */
    static CloudFrontError forFault(
            CloudFrontSimulator.Fault fault, CloudFrontSimulator.Operation operation, String distributionId) {
        return switch (fault) {
            case THROTTLING -> throttling();
            case SERVICE_UNAVAILABLE, SERVICE_UNAVAILABLE_AFTER_COMMIT ->
                receiver(503, "ServiceUnavailable", "CloudFront encountered an internal error. Please try again.");
            case TOO_MANY_INVALIDATIONS_IN_PROGRESS -> tooManyInvalidationsInProgress();
            case ACCESS_DENIED -> accessDenied(operation, distributionId);
        };
    }

    private static CloudFrontError accessDenied(CloudFrontSimulator.Operation operation, String distributionId) {
        String action = operation.iamAction();
        String resource = distributionId == null
                ? ""
                : " on resource: "
                        + (operation.onTenant() ? tenantArn(distributionId) : distributionArn(distributionId));
        return sender(
                403,
                "AccessDenied",
                "User: " + CALLER_ARN + " is not authorized to perform: " + action + resource
                        + " because no identity-based policy allows the " + action + " action");
    }

    static String tenantArn(String tenantId) {
        return "arn:aws:cloudfront::" + ACCOUNT_ID + ":distribution-tenant/" + tenantId;
    }

    static String distributionArn(String distributionId) {
        return "arn:aws:cloudfront::" + ACCOUNT_ID + ":distribution/" + distributionId;
    }
}

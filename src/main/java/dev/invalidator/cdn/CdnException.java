package dev.invalidator.cdn;

import java.util.Objects;

/**
 * A CDN call that failed, sorted into what a person can act on.
 *
 * <p>{@link #getMessage()} is the user-facing explanation (it names the distribution, and for {@link
 * Failure#ACCESS_DENIED} the IAM action that is missing); {@link #nextStep()} says what to do about it.
 *
 * <pre>{@code
 * try { cdn.create(id, reference, paths); }
 * catch (CdnException e) { chat.fail(e.getMessage() + " " + e.nextStep()); }
 * }</pre>
 */
public final class CdnException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What kind of failure, as CloudFront's error codes group them. */
    public enum Failure {
        TOO_MANY_IN_PROGRESS,
        NO_SUCH_DISTRIBUTION,
        /** CloudFront's {@code EntityNotFound} for a distribution tenant: none with that id or domain. */
        NO_SUCH_TENANT,
        NO_SUCH_INVALIDATION,
        ACCESS_DENIED,
        THROTTLED,
        UNAVAILABLE,
        INVALID_ARGUMENT,
        BATCH_TOO_LARGE,
        REFERENCE_ALREADY_USED,
        UNEXPECTED
    }

    private final Failure failure;
    private final String nextStep;

    public CdnException(Failure failure, String message, String nextStep, Throwable cause) {
        super(message, cause);
        this.failure = Objects.requireNonNull(failure);
        this.nextStep = Objects.requireNonNull(nextStep);
    }

    public CdnException(Failure failure, String message, String nextStep) {
        this(failure, message, nextStep, null);
    }

    public Failure failure() {
        return failure;
    }

    public String nextStep() {
        return nextStep;
    }
}

package dev.invalidator.health;

import java.util.Objects;
import java.util.Optional;

/**
 * What the last CloudFront call about one distribution says about the bot's ability to invalidate it.
 *
 * <pre>{@code
 * CloudFrontStatus.OK;                                              // answered, or not asked yet
 * CloudFrontStatus.throttled("ListInvalidations");                  // "Rate exceeded" through the SDK's retries
 * CloudFrontStatus.failing("CreateInvalidation", "access_denied");  // someone must fix the role, the policy or the id
 * }</pre>
 *
 * @param state     ok, throttled or failing
 * @param operation the CloudFront operation that was throttled or failed; empty when ok
 * @param error     the kind of failure, e.g. {@code access_denied}; empty unless failing
 */
public record CloudFrontStatus(State state, Optional<String> operation, Optional<String> error) {

    /** As the health endpoint writes it: {@code "cloudfront":"ok"}. */
    public enum State {
        OK,
        THROTTLED,
        FAILING
    }

    /** CloudFront answered the last call, or none was needed yet. */
    public static final CloudFrontStatus OK = new CloudFrontStatus(State.OK, Optional.empty(), Optional.empty());

    public CloudFrontStatus {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(error, "error");
        if (state == State.FAILING && error.isEmpty()) {
            throw new IllegalArgumentException("a failing status names its error");
        }
    }

    /** The last call kept getting "Rate exceeded" through the SDK's retries. */
    public static CloudFrontStatus throttled(String operation) {
        return new CloudFrontStatus(State.THROTTLED, Optional.of(operation), Optional.empty());
    }

    /** The last call failed in a way that stops the bot from working until someone or something fixes it. */
    public static CloudFrontStatus failing(String operation, String error) {
        return new CloudFrontStatus(State.FAILING, Optional.of(operation), Optional.of(error));
    }
}

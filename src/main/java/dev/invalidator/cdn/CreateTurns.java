package dev.invalidator.cdn;

import java.time.Duration;

/**
 * When the AWS account of a distribution may take its next create, for a queue that sends only then instead of
 * having CloudFront throttle it.
 *
 * <pre>{@code
 * Duration wait = turns.untilTurn("E1WEBEXAMPLE");   // PT0S: send now; PT2.5S: wake up then
 * }</pre>
 */
public interface CreateTurns {

    /** Zero when a create on {@code distributionId} may go now; otherwise how long until it may. */
    Duration untilTurn(String distributionId);

    /** The creates a second the account of {@code distributionId} is paced at now, to tell people why they wait. */
    double createsPerSecond(String distributionId);
}

package dev.invalidator.sandbox;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Calls a simulator keeps, before acting on any, until a number of them have arrived; then all go on at once. So a
 * test can make a race certain: two instances that each look, then post, both post before either post shows.
 *
 * <pre>{@code
 * CallGathering both = slack.gatherNext("chat.postMessage", params -> params.get("text").contains(marker), 2);
 * … both instances report the same end …
 * both.awaitGathered(Duration.ofSeconds(30));
 * }</pre>
 *
 * <p>A call kept longer than {@link #PATIENCE} goes on alone, so that a test whose second caller never comes fails on
 * its assertions rather than leaving a call hanging.
 */
public final class CallGathering {

    static final Duration PATIENCE = Duration.ofSeconds(60);

    private final String method;
    private final Predicate<Map<String, String>> which;
    private final CountDownLatch arrived;
    private final CountDownLatch actedOn;
    private int places;

    CallGathering(String method, Predicate<Map<String, String>> which, int callers) {
        if (callers < 1) {
            throw new IllegalArgumentException("callers must be at least 1");
        }
        this.method = method;
        this.which = which;
        this.arrived = new CountDownLatch(callers);
        this.actedOn = new CountDownLatch(callers);
        this.places = callers;
    }

    /** Whether a call of {@code method} with {@code params} is one of those kept; takes its place if so. */
    synchronized boolean takes(String calledMethod, Map<String, String> params) {
        if (places == 0 || !method.equals(calledMethod) || !which.test(params)) {
            return false;
        }
        places--;
        return true;
    }

    synchronized boolean full() {
        return places == 0;
    }

    /** Called on the simulator's thread by a kept call: waits for the others, then lets it go on. */
    void arriveAndWait() {
        arrived.countDown();
        try {
            if (!arrived.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)) {
                return; // alone past its patience: see the class comment
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Called on the simulator's thread once Slack has acted on a kept call. */
    void actedOn() {
        actedOn.countDown();
    }

    /** Waits until every kept call has arrived and Slack has acted on each. */
    public void awaitGathered(Duration timeout) {
        try {
            if (!actedOn.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException(actedOn.getCount() + " of the gathered " + method
                        + " calls were not acted on within " + timeout + " (" + arrived.getCount()
                        + " never came)");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the gathered calls", e);
        }
    }
}

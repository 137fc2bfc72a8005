package dev.invalidator.flow;

import java.util.function.Consumer;

/**
 * Tells the create queue that CloudFront has room again on a distribution: the tracker saw one of its invalidations
 * end. The tracker's listener is built before the queue (the queue needs the tracker), so the composition root hands
 * both this one relay instead of a cycle.
 *
 * <pre>{@code
 * FreedCapacity freed = new FreedCapacity();
 * new CompletionReporter(..., freed);   // calls freed.freed(distributionId) on every end it hears of
 * new CommandHandler(..., freed);       // its queue listens
 * }</pre>
 */
public final class FreedCapacity {

    private volatile Consumer<String> listener = distributionId -> {};

    void listen(Consumer<String> listener) {
        this.listener = listener;
    }

    /** An invalidation of {@code distributionId} completed or can no longer be followed. */
    public void freed(String distributionId) {
        listener.accept(distributionId);
    }
}

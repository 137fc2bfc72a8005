package dev.invalidator.flow;

import dev.invalidator.chat.PostedMessage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The other requests an invalidation was sent for, when queued requests went to CloudFront together: its
 * CallerReference names only the first one's status message, so the completion is reported to these as well. In
 * memory only: a sweep that adopts a member's invalidation after a restart registers that member here again.
 *
 * <pre>{@code
 * members.add("I2J0I21PCUYOIK", second.status());
 * members.of("I2J0I21PCUYOIK");   // [second's status message]
 * }</pre>
 */
public final class BatchMembers {

    private static final int REMEMBERED = 10_000;

    /** Guarded by {@code this}. */
    private final Map<String, List<PostedMessage>> byInvalidation = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, List<PostedMessage>> eldest) {
            return size() > REMEMBERED;
        }
    };

    synchronized void add(String invalidationId, PostedMessage member) {
        List<PostedMessage> members = byInvalidation.computeIfAbsent(invalidationId, id -> new ArrayList<>());
        if (!members.contains(member)) {
            members.add(member);
        }
    }

    synchronized List<PostedMessage> of(String invalidationId) {
        return List.copyOf(byInvalidation.getOrDefault(invalidationId, List.of()));
    }
}

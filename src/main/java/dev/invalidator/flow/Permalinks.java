package dev.invalidator.flow;

import dev.invalidator.chat.Chat;
import dev.invalidator.chat.PostedMessage;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Links to status messages, asked of Slack ({@code chat.getPermalink}) once per message: a message's link never
 * changes, and each opening of the Home tab would otherwise ask again for every invalidation it lists. The most
 * recently used {@value #CAPACITY} are kept; a link Slack could not give is asked for again next time.
 *
 * <pre>{@code
 * Permalinks links = new Permalinks(chat);
 * links.of(new PostedMessage("C0OPS", "1503435956.000247"));   // Optional[https://…/p1503435956000247]
 * }</pre>
 */
final class Permalinks {

    /** Far more than the Home tabs show at once (10 completed and the ones in flight per distribution). */
    static final int CAPACITY = 1_000;

    private final Chat chat;
    /** Guarded by {@code this}; in access order, so the least recently shown link goes first. */
    private final Map<PostedMessage, String> links = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<PostedMessage, String> eldest) {
            return size() > CAPACITY;
        }
    };

    Permalinks(Chat chat) {
        this.chat = chat;
    }

    Optional<String> of(PostedMessage message) {
        synchronized (this) {
            String known = links.get(message);
            if (known != null) {
                return Optional.of(known);
            }
        }
        // Asked outside the lock: a slow Slack call must not hold up other Home tabs.
        Optional<String> link = chat.permalink(message);
        link.ifPresent(found -> {
            synchronized (this) {
                links.put(message, found);
            }
        });
        return link;
    }
}

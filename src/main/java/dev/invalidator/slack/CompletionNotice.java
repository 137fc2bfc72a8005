package dev.invalidator.slack;

import static dev.invalidator.slack.OwnMessages.NOTICE_EVENT;

import com.slack.api.methods.MethodsClient;
import dev.invalidator.chat.ChatException;
import dev.invalidator.chat.Message;
import dev.invalidator.chat.PostedMessage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At most one notice of an end in a thread, across instances of the bot: look, post straight after, read the thread
 * back, and keep the notice only when it is the earliest of the bot's own ({@link FirstNotice}); a later one is taken
 * back. Slack has no compare-and-set, so the look alone cannot keep two replicas from posting at the same moment.
 *
 * <pre>{@code
 * CompletionNotice notice = new CompletionNotice(client, calls, own, posts);
 * if (notice.replyUnlessThreadHas(status, "(I2J0I21PCUYOIK)", done)) { … }   // this instance goes on with the end
 * }</pre>
 */
final class CompletionNotice {

    private static final Logger log = LoggerFactory.getLogger(CompletionNotice.class);

    /**
     * How many times a notice just posted is looked for in its thread before it is taken as the first: whether Slack
     * shows a reply to the next read of its thread is not documented (reference slack.md says nothing of it).
     */
    private static final int READS_BACK = 4;
    /** The pause before the second read back, growing by as much before each next one. */
    private static final Duration READ_BACK_PAUSE = Duration.ofMillis(250);

    private final MethodsClient client;
    private final SlackCalls calls;
    private final OwnMessages own;
    private final SlackPosts posts;

    CompletionNotice(MethodsClient client, SlackCalls calls, OwnMessages own, SlackPosts posts) {
        this.client = client;
        this.calls = calls;
        this.own = own;
        this.posts = posts;
    }

    /**
     * Replies {@code message} in the thread of {@code parent} unless a reply of the bot's there carries {@code marker}
     * already: whether this instance's reply is the one that stands, and it goes on with the end.
     */
    boolean replyUnlessThreadHas(PostedMessage parent, String marker, Message message) {
        // Both turns first, then the look and the reply straight after it: waiting for a turn between the two would
        // leave another replica seconds to look, find nothing too, and reply the same.
        calls.awaitTurn("conversations.replies", parent.channel());
        calls.awaitTurn("chat.postMessage", parent.channel());
        if (FirstNotice.earliest(candidates(parent, own.wholeThread(parent, true)), marker)
                .isPresent()) {
            return false;
        }
        String mine = posts.replyWithFacts(
                        parent, message, NOTICE_EVENT, Map.of(), () -> own.wholeThread(parent, false), true)
                .ts();
        return stands(parent, marker, mine);
    }

    /**
     * Whether the notice {@code mine} is the one that stays: another instance may have looked at the same moment,
     * found nothing either and posted too. Every instance reads the thread back after posting and the earliest of the
     * bot's notices wins ({@link FirstNotice}); a later one is taken back. The winner never deletes anything, so a
     * delete that fails leaves a duplicate in sight but the decision as it was.
     */
    private boolean stands(PostedMessage parent, String marker, String mine) {
        for (int read = 1; read <= READS_BACK; read++) {
            switch (FirstNotice.of(candidates(parent, own.wholeThread(parent, false)), marker, mine)) {
                case WON -> {
                    return true;
                }
                case LOST -> {
                    takeBack(parent, mine);
                    return false;
                }
                case NOT_SEEN -> {
                    if (read < READS_BACK) {
                        SlackCalls.sleep(READ_BACK_PAUSE.multipliedBy(read));
                    }
                }
            }
        }
        // Unread, it cannot be decided: kept as the notice, so that the end goes on at worst twice, never not at all.
        log.warn(
                "The notice {} in {} did not show in its thread after {} reads; going on as if it were the first",
                mine,
                parent.channel(),
                READS_BACK);
        return true;
    }

    private void takeBack(PostedMessage parent, String mine) {
        try {
            calls.call(
                    "chat.delete",
                    parent.channel(),
                    () -> client.chatDelete(r -> r.channel(parent.channel()).ts(mine)));
            log.info("An earlier notice of the same end stands in {}; took back {}", parent.channel(), mine);
        } catch (ChatException e) {
            log.warn(
                    "An earlier notice of the same end stands in {}, but {} could not be taken back and stays: {}",
                    parent.channel(),
                    mine,
                    e.getMessage());
        }
    }

    /** The replies of the thread of {@code parent} that may be a notice: neither its root nor {@code parent}. */
    private List<FirstNotice.Reply> candidates(PostedMessage parent, List<com.slack.api.model.Message> thread) {
        return thread.stream()
                .filter(reply ->
                        !parent.threadTs().equals(reply.getTs()) && !parent.ts().equals(reply.getTs()))
                .map(reply -> new FirstNotice.Reply(reply.getTs(), own.isOwn(reply), String.valueOf(reply.getText())))
                .toList();
    }
}

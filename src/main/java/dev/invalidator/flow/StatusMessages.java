package dev.invalidator.flow;

import dev.invalidator.chat.Chat;
import dev.invalidator.chat.GroupStatusCard;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The bot's status messages in a channel as whoever settles them must see them: the channel's own, and the members'
 * of each group request still moving on, whose messages are replies in the group message's thread — which the
 * channel's history leaves out. A settled group's thread is not read (Slack allows about 50 reads a minute in a
 * workspace): every member of it has ended, so nothing in it needs settling.
 *
 * <pre>{@code
 * StatusMessages.in(chat, "C0OPS", since);   // newest first, members by the ts of their own messages
 * }</pre>
 */
final class StatusMessages {

    private StatusMessages() {}

    /** As {@link Chat#statusMessages}, newest first, with the members of every unsettled group message among them. */
    static List<Chat.StatusRecord> in(Chat chat, String channel, Instant oldest) {
        List<Chat.StatusRecord> records = new ArrayList<>(chat.statusMessages(channel, oldest));
        List<Chat.StatusRecord> members = new ArrayList<>();
        for (Chat.StatusRecord record : records) {
            if (GroupFacts.wellFormed(record) && !GroupStatusCard.isSettled(record.text())) {
                chat.threadStatusMessages(record.message()).stream()
                        .filter(member -> member.message().inThread())
                        .forEach(members::add);
            }
        }
        if (members.isEmpty()) {
            return records;
        }
        records.addAll(members);
        records.sort(Comparator.comparing((Chat.StatusRecord record) ->
                        new BigDecimal(record.message().ts()))
                .reversed());
        return records;
    }
}

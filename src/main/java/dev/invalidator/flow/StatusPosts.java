package dev.invalidator.flow;

import dev.invalidator.chat.Chat;
import dev.invalidator.chat.ChatException;
import dev.invalidator.chat.PostedMessage;
import dev.invalidator.chat.Replies;
import dev.invalidator.chat.Responder;
import dev.invalidator.chat.StatusCard;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts the status message of a request — the first thing the channel sees of it, before anything is created — and
 * lets one confirmation go on in one status message only.
 *
 * <p>Two clicks on one Confirm that reach two instances of the bot at once both get here, and Slack offers no
 * compare-and-set. So each instance posts, then reads the channel back: the status message posted first for that
 * confirmation goes on, and any later one says so and stops before anything is created. Exactly one goes on because
 * Slack orders a channel's messages by {@code ts} and shows a message to every reader once {@code chat.postMessage}
 * has answered: whichever posted later sees the earlier one.
 */
final class StatusPosts {

    private static final Logger log = LoggerFactory.getLogger(StatusPosts.class);
    /** Another instance's clock, which timed the question, may run a little ahead of Slack's. */
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(1);

    /** The confirmation a request went through: its question's id, and when it was asked. */
    record Confirmed(String questionId, Instant askedAt) {

        static Confirmed of(Waiting waiting) {
            return new Confirmed(waiting.id(), waiting.askedAt());
        }
    }

    private final Chat chat;

    StatusPosts(Chat chat) {
        this.chat = chat;
    }

    /**
     * The status message, posted with the request's facts and {@code moreFacts}; empty when Slack refused it (the
     * person is told) or when another click on the same confirmation got there first (the message says so).
     */
    Optional<PostedMessage> post(
            PreparedRequest request,
            StatusCard card,
            Map<String, String> moreFacts,
            Optional<Confirmed> confirmed,
            Responder responder) {
        Map<String, String> facts = new LinkedHashMap<>(StatusFacts.of(request));
        facts.putAll(moreFacts);
        confirmed.ifPresent(question -> facts.put(StatusFacts.CONFIRMATION, question.questionId()));
        PostedMessage status;
        try {
            status = request.group().isPresent()
                    ? chat.post(request.group().get(), card.message(), facts)
                    : chat.post(request.channel(), card.message(), facts);
        } catch (ChatException e) {
            responder.answer(Replies.cannotPost(e, request.channel()));
            return Optional.empty();
        }
        if (confirmed.isEmpty()) {
            return Optional.of(status);
        }
        try {
            if (isFirst(status, confirmed.get())) {
                return Optional.of(status);
            }
            log.info(
                    "A second click on confirmation {} stops in status message {}",
                    confirmed.get().questionId(),
                    status.ts());
            chat.update(status, card.duplicate().message());
        } catch (ChatException e) {
            log.warn("Could not check status message {} against other clicks: {}", status.ts(), e.getMessage());
            Quietly.show(
                    "the unchecked confirmation",
                    () -> chat.update(status, card.unchecked().message()));
        }
        return Optional.empty();
    }

    private boolean isFirst(PostedMessage status, Confirmed confirmed) {
        return chat.statusMessages(status.channel(), confirmed.askedAt().minus(CLOCK_SKEW)).stream()
                .filter(StatusFacts::wellFormed)
                .filter(record -> confirmed.questionId().equals(record.facts().get(StatusFacts.CONFIRMATION)))
                .map(Chat.StatusRecord::message)
                .min(Comparator.comparing(message -> new BigDecimal(message.ts())))
                .map(status::equals)
                .orElse(true);
    }
}

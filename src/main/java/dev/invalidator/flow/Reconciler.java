package dev.invalidator.flow;

import dev.invalidator.cdn.CallerReference;
import dev.invalidator.cdn.Cdn;
import dev.invalidator.cdn.CdnException;
import dev.invalidator.cdn.Invalidation;
import dev.invalidator.chat.Chat;
import dev.invalidator.chat.ChatException;
import dev.invalidator.chat.Replies;
import dev.invalidator.chat.StatusCard;
import dev.invalidator.config.BotConfig;
import dev.invalidator.config.DistributionConfig;
import dev.invalidator.tracking.Tracker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At start-up, finds status messages that a stopped bot left at "requesting": it had posted the message but may not
 * have created the invalidation. CloudFront answers which: an invalidation with the message's CallerReference means
 * the create went through (the message is moved on and the invalidation followed); none means nothing was sent
 * (the message says so, and the requester is asked to send it again). Messages younger than
 * {@code polling.abandonedAfter} are left alone: they may belong to another replica that is creating them right now.
 */
public final class Reconciler {

    private static final Logger log = LoggerFactory.getLogger(Reconciler.class);

    private final BotConfig config;
    private final Chat chat;
    private final Cdn cdn;
    private final Tracker tracker;
    private final Clock clock;

    public Reconciler(BotConfig config, Chat chat, Cdn cdn, Tracker tracker, Clock clock) {
        this.config = config;
        this.chat = chat;
        this.cdn = cdn;
        this.tracker = tracker;
        this.clock = clock;
    }

    /** Looks back {@code window} in every configured channel; returns how many messages it settled. */
    public int run(Duration window) {
        Instant now = clock.instant();
        int settled = 0;
        for (String channel : channels()) {
            try {
                for (Chat.StatusRecord record : chat.statusMessages(channel, now.minus(window))) {
                    if (StatusFacts.wellFormed(record) && settle(record, now)) {
                        settled++;
                    }
                }
            } catch (ChatException e) {
                if (e.reason() == ChatException.Reason.NOT_IN_CHANNEL) {
                    // Not invited yet: the bot can't have posted there, so there is nothing to settle.
                    log.info("Not a member of {}: no status messages to reconcile there", channel);
                } else {
                    log.warn("Could not reconcile the status messages of {}: {}", channel, e.getMessage());
                }
            } catch (CdnException e) {
                log.warn("Could not reconcile the status messages of {}: {}", channel, e.getMessage());
            }
        }
        log.info("Reconciliation: {} status message(s) left at requesting were settled", settled);
        return settled;
    }

    private boolean settle(Chat.StatusRecord record, Instant now) {
        Map<String, String> facts = record.facts();
        String requester = facts.get(StatusFacts.REQUESTER);
        Optional<DistributionConfig> distribution =
                Optional.ofNullable(facts.get(StatusFacts.DISTRIBUTION)).flatMap(config::byId);
        if (!record.text().endsWith(": requesting") || requester == null || distribution.isEmpty()) {
            return false;
        }
        CallerReference reference =
                new CallerReference(record.message().channel(), record.message().ts(), requester);
        if (reference.messageTime().isAfter(now.minus(config.polling().abandonedAfter()))) {
            return false;
        }
        StatusCard card = StatusCard.requesting(
                        requester,
                        distribution.get().alias(),
                        distribution.get().id(),
                        Integer.parseInt(facts.get(StatusFacts.PATHS)))
                .withNote(StatusFacts.note(facts));
        Optional<Invalidation> created =
                cdn.findByCallerReference(distribution.get().id(), reference.encode());
        if (created.isPresent()) {
            chat.update(
                    record.message(),
                    card.inProgress(created.get().id(), created.get().createTime())
                            .message());
            tracker.follow(created.get());
        } else {
            chat.update(record.message(), card.notSent().message());
            chat.reply(record.message(), Replies.notRunNotice(requester));
        }
        return true;
    }

    private Set<String> channels() {
        Set<String> channels = new LinkedHashSet<>();
        config.distributions()
                .values()
                .forEach(distribution -> channels.addAll(distribution.channels().ids()));
        return channels;
    }
}

package dev.invalidator.flow;

import dev.invalidator.access.AccessDecision;
import dev.invalidator.access.AccessPolicy;
import dev.invalidator.cdn.DistributionCatalog;
import dev.invalidator.chat.Replies;
import dev.invalidator.chat.Responder;
import dev.invalidator.config.BotConfig;
import dev.invalidator.config.DistributionConfig;
import java.util.List;
import java.util.Optional;

/**
 * The one place that decides whether a person may touch a distribution from a channel. Every use case — create,
 * status, list — passes through it, and a refusal always tells the person why and what to do.
 */
final class Gate {

    private final BotConfig config;
    private final DistributionCatalog catalog;
    private final AccessPolicy policy;

    Gate(BotConfig config, DistributionCatalog catalog, AccessPolicy policy) {
        this.config = config;
        this.catalog = catalog;
        this.policy = policy;
    }

    /** The distribution {@code target} names, if the person may use it here; otherwise answers them and is empty. */
    Optional<DistributionConfig> admit(SlashCommand command, Optional<String> target, Responder responder) {
        List<DistributionConfig> usable = usable(command);
        if (target.isEmpty()) {
            if (usable.size() == 1) {
                return usable.stream().findFirst();
            }
            responder.answer(Replies.nameADistribution(usable));
            return Optional.empty();
        }
        Optional<DistributionConfig> distribution = catalog.resolve(target.get());
        if (distribution.isEmpty()) {
            responder.answer(Replies.unknownDistribution(target.get(), usable));
            return Optional.empty();
        }
        AccessDecision decision = policy.decide(command.userId(), command.channelId(), distribution.get());
        if (!decision.allowed()) {
            responder.answer(Replies.denied(decision.reason()));
            return Optional.empty();
        }
        return distribution;
    }

    List<DistributionConfig> usable(SlashCommand command) {
        return policy.usableBy(command.userId(), command.channelId(), config.distributions().values());
    }
}

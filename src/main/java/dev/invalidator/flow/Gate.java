package dev.invalidator.flow;

import dev.invalidator.access.AccessDecision;
import dev.invalidator.access.AccessPolicy;
import dev.invalidator.cdn.DistributionCatalog;
import dev.invalidator.chat.Message;
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
        Admission admission = check(command.userId(), command.channelId(), target);
        admission.refusal().ifPresent(responder::answer);
        return admission.distribution();
    }

    /** Either the distribution, or the answer that explains why not. */
    record Admission(Optional<DistributionConfig> distribution, Optional<Message> refusal) {

        static Admission of(DistributionConfig distribution) {
            return new Admission(Optional.of(distribution), Optional.empty());
        }

        static Admission refused(Message answer) {
            return new Admission(Optional.empty(), Optional.of(answer));
        }
    }

    Admission check(String userId, String channelId, Optional<String> target) {
        List<DistributionConfig> usable = usable(userId, channelId);
        if (target.isEmpty()) {
            return usable.size() == 1
                    ? Admission.of(usable.get(0))
                    : Admission.refused(Replies.nameADistribution(usable));
        }
        Optional<DistributionConfig> distribution = catalog.resolve(target.get());
        if (distribution.isEmpty()) {
            return Admission.refused(Replies.unknownDistribution(target.get(), usable));
        }
        return admission(distribution.get(), policy.decide(userId, channelId, distribution.get()));
    }

    /**
     * The same check from what is known now, for an answer that may not wait: the distribution by alias or id (the
     * form offers aliases; a domain name would need CloudFront), access from the cached answers. Empty when one the
     * decision needs is not at hand.
     */
    Optional<Admission> checkFromWhatIsKnown(String userId, String channelId, String target) {
        Optional<DistributionConfig> distribution = config.byAlias(target).or(() -> config.byId(target));
        if (distribution.isEmpty()) {
            List<DistributionConfig> usable = config.distributions().values().stream()
                    .filter(candidate -> policy.decideFromWhatIsKnown(userId, channelId, candidate)
                            .map(AccessDecision::allowed)
                            .orElse(false))
                    .toList();
            return Optional.of(Admission.refused(Replies.unknownDistribution(target, usable)));
        }
        return policy.decideFromWhatIsKnown(userId, channelId, distribution.get())
                .map(decision -> admission(distribution.get(), decision));
    }

    private static Admission admission(DistributionConfig distribution, AccessDecision decision) {
        return decision.allowed() ? Admission.of(distribution) : Admission.refused(Replies.denied(decision.reason()));
    }

    /** The same decision again at the moment of acting: a click or a submit is never trusted on its own. */
    AccessDecision recheck(String userId, String channelId, DistributionConfig distribution) {
        return policy.decide(userId, channelId, distribution);
    }

    /** The distribution {@code target} names (alias, id or domain name), whoever asks. */
    Optional<DistributionConfig> distribution(String target) {
        return catalog.resolve(target);
    }

    /** The refusal of a person of another workspace, or of anyone when that can't be checked. */
    Optional<Message> outsider(String userId) {
        AccessDecision decision = policy.inWorkspace(userId);
        return decision.allowed() ? Optional.empty() : Optional.of(Replies.denied(decision.reason()));
    }

    /** The distributions this person is on the list for, whatever the channel (asking Slack where it must). */
    List<DistributionConfig> listed(String userId) {
        return config.distributions().values().stream()
                .filter(distribution -> policy.isListed(userId, distribution))
                .toList();
    }

    List<DistributionConfig> usable(String userId, String channelId) {
        return policy.usableBy(userId, channelId, config.distributions().values());
    }
}

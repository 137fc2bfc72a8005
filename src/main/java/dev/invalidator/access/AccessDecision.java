package dev.invalidator.access;

import java.util.Objects;

/**
 * Whether a user may use a distribution from a channel, and if not, why and what to do about it (Slack mrkdwn).
 *
 * <pre>{@code
 * AccessDecision decision = policy.decide("U0ALICE", "C0RANDOM", web);
 * if (!decision.allowed()) {
 *     chat.ephemeral(channel, user, decision.reason());   // "`web` may be used in <#C0OPS> only."
 * }
 * }</pre>
 *
 * @param allowed whether to go ahead
 * @param reason  for a denial, a sentence the user can act on; empty when allowed
 */
public record AccessDecision(boolean allowed, String reason) {

    public AccessDecision {
        Objects.requireNonNull(reason, "reason");
        if (!allowed && reason.isBlank()) {
            throw new IllegalArgumentException("a denial needs a reason the user can act on");
        }
    }

    public static AccessDecision allow() {
        return new AccessDecision(true, "");
    }

    public static AccessDecision deny(String reason) {
        return new AccessDecision(false, reason);
    }
}

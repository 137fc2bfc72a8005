package dev.invalidator.config;

import java.util.Objects;

/**
 * Which requests on a distribution need a second person's approval, and who may give it.
 *
 * <pre>{@code
 * Approval.NONE;                                               // nobody needs to approve
 * new Approval(AccessList.of("U0LEAD", "S0SRE"), Scope.WIPE);  // /* or /img* needs the lead or an SRE
 * }</pre>
 *
 * @param approvers users ({@code U…}/{@code W…}) and user groups ({@code S…}) who may approve; never the requester
 */
public record Approval(AccessList approvers, Scope scope) {

    /** {@code approvalFor} in the config. */
    public enum Scope {
        /** Nothing needs approval. */
        NONE,
        /** Requests with a wildcard at the top level: {@code /*}, and {@code /img*} too, which sweeps whole folders. */
        WIPE,
        /** Every request. */
        ALL
    }

    /** No approval: the approvers list is never consulted (and {@code AccessPolicy.mayApprove} refuses everyone). */
    public static final Approval NONE = new Approval(AccessList.anyone(), Scope.NONE);

    public Approval {
        Objects.requireNonNull(approvers, "approvers");
        Objects.requireNonNull(scope, "scope");
    }

    /** Whether a request with ({@code wipe}) or without a wildcard at the top level must wait for an approver. */
    public boolean requiredFor(boolean wipe) {
        return scope == Scope.ALL || (scope == Scope.WIPE && wipe);
    }
}

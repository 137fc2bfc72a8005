package dev.invalidator.cdn.cloudfront;

import dev.invalidator.config.TargetKind;

/**
 * The IAM resource of a target, for the messages that say what to grant: {@code
 * arn:aws:cloudfront::<account>:distribution/E1WEBEXAMPLE}, {@code
 * arn:aws:cloudfront::<account>:distribution-tenant/dt_…}.
 *
 * <p>The tenant's form is UNCONFIRMED in CloudFront's IAM documentation (shared reference cloudfront.md §10): it is the
 * {@code Arn} GetDistributionTenant answers in the AWS CLI's examples, and the one public policies use. This is the one
 * place to change it, with {@code deploy/iam-policy.json} and docs/operating.md#iam-policy.
 */
public final class TargetArns {

    private TargetArns() {}

    /** {@code arn:aws:cloudfront::<account>:distribution/E1WEBEXAMPLE}, with a placeholder for the account. */
    static String of(String targetId) {
        return "arn:aws:cloudfront::<account>:" + resource(targetId);
    }

    /** {@code distribution/E1WEBEXAMPLE} or {@code distribution-tenant/dt_…}: the ARN's part after the account. */
    public static String resource(String targetId) {
        String type = TargetKind.of(targetId) == TargetKind.TENANT ? "distribution-tenant/" : "distribution/";
        return type + targetId;
    }
}

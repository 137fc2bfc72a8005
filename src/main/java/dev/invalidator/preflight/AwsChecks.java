package dev.invalidator.preflight;

import dev.invalidator.aws.AwsClients;
import dev.invalidator.cdn.CdnException;
import dev.invalidator.cdn.Distribution;
import dev.invalidator.cdn.InvalidationPage;
import dev.invalidator.cdn.Tenant;
import dev.invalidator.cdn.cloudfront.CloudFrontCdn;
import dev.invalidator.cdn.cloudfront.TargetArns;
import dev.invalidator.config.DistributionConfig;
import dev.invalidator.config.TargetKind;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

/**
 * The AWS half of check-config: who the bot is ({@code sts:GetCallerIdentity}), and for each distribution that it can
 * be read as the bot reads it — {@code GetDistribution}, {@code ListInvalidations}, {@code GetInvalidation}, through
 * the distribution's role when it names one ({@code sts:AssumeRole}); for each distribution tenant, that it exists,
 * its parent distribution and its domains ({@code GetDistributionTenant}), and its invalidations through the tenant
 * operations.
 *
 * <p>{@code CreateInvalidation} is not verified: CloudFront has no dry run, and the only proof is an invalidation,
 * which costs money past the free tier and empties caches. The checklist says so and names the resources to allow.
 */
final class AwsChecks {

    private final AwsClients aws;

    AwsChecks(AwsClients aws) {
        this.aws = aws;
    }

    /** The identity's ARN, when STS tells it. Needs no IAM permission, so a failure is about credentials or network. */
    Optional<String> identity(Checklist checklist) {
        String subject = "AWS identity";
        try {
            GetCallerIdentityResponse identity = aws.sts().getCallerIdentity();
            checklist.add(CheckItem.passed(subject, identity.arn() + " (account " + identity.account() + ")"));
            return Optional.of(identity.arn());
        } catch (SdkException e) {
            String reason = firstLine(e.getMessage());
            checklist.add(
                    reason.contains("Unable to load credentials")
                            ? CheckItem.failed(
                                    subject,
                                    "no AWS credentials found",
                                    "give the bot an IAM role (task role,"
                                            + " instance profile, IRSA) or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY")
                            : CheckItem.notVerified(
                                    subject,
                                    "STS did not say who the bot is (" + reason + ")",
                                    "the bot itself needs STS only to assume a roleArn; the CloudFront lines below show"
                                            + " whether it can work"));
            return Optional.empty();
        }
    }

    /** The three read calls the bot makes, with the distribution's names when they succeed. */
    void distributions(Collection<DistributionConfig> distributions, Checklist checklist) {
        Map<String, String> roles = distributions.stream()
                .filter(d -> d.roleArn().isPresent())
                .collect(Collectors.toMap(
                        DistributionConfig::id, d -> d.roleArn().orElseThrow()));
        CloudFrontCdn cdn = new CloudFrontCdn(aws, roles);
        for (DistributionConfig distribution : distributions) {
            String through =
                    distribution.roleArn().map(role -> ", through role " + role).orElse("");
            if (distribution.kind() == TargetKind.TENANT) {
                tenant(cdn, distribution, through, checklist);
                continue;
            }
            String subject = "distribution " + distribution.alias() + " (" + distribution.id() + ")";
            try {
                Distribution found = cdn.distribution(distribution.id());
                InvalidationPage newest = cdn.invalidations(distribution.id(), null, 1);
                String invalidations = "GetDistribution, ListInvalidations and GetInvalidation allowed";
                if (newest.items().isEmpty()) {
                    invalidations = "GetDistribution and ListInvalidations allowed; GetInvalidation not verified (no"
                            + " invalidation to read yet)";
                } else {
                    cdn.invalidation(distribution.id(), newest.items().get(0).id());
                }
                checklist.add(CheckItem.passed(subject, names(found) + through + " — " + invalidations));
            } catch (CdnException e) {
                checklist.add(CheckItem.failed(subject, e.getMessage(), e.nextStep()));
            }
        }
    }

    /**
     * A tenant exists, names its parent and serves at least one domain (where the refresh check asks, and what people
     * may type instead of its alias); its invalidations can be listed and read through the tenant operations.
     */
    private static void tenant(CloudFrontCdn cdn, DistributionConfig tenant, String through, Checklist checklist) {
        String subject = "tenant " + tenant.alias() + " (" + tenant.id() + ")";
        try {
            Tenant found = cdn.tenant(tenant.id());
            if (found.domains().isEmpty()) {
                checklist.add(CheckItem.failed(
                        subject,
                        "CloudFront lists no domain for this tenant of " + found.distributionId(),
                        "add a domain to the tenant in CloudFront, or set verify.baseUrl for it in the config"));
                return;
            }
            InvalidationPage newest = cdn.invalidations(tenant.id(), null, 1);
            String invalidations =
                    "GetDistributionTenant, ListInvalidationsForDistributionTenant and GetInvalidationForDistributionTenant"
                            + " allowed";
            if (newest.items().isEmpty()) {
                invalidations = "GetDistributionTenant and ListInvalidationsForDistributionTenant allowed;"
                        + " GetInvalidationForDistributionTenant not verified (no invalidation to read yet)";
            } else {
                cdn.invalidation(tenant.id(), newest.items().get(0).id());
            }
            checklist.add(CheckItem.passed(
                    subject,
                    "of distribution " + found.distributionId() + ", serving " + String.join(", ", found.domains())
                            + through + " — " + invalidations));
        } catch (CdnException e) {
            checklist.add(CheckItem.failed(subject, e.getMessage(), e.nextStep()));
        }
    }

    /** CloudFront has no dry run: this is said, not tested, and names each target's ARN to allow. */
    void createInvalidation(
            Collection<DistributionConfig> distributions, Optional<String> identityArn, Checklist checklist) {
        for (TargetKind kind : TargetKind.values()) {
            String action = kind == TargetKind.TENANT
                    ? "cloudfront:CreateInvalidationForDistributionTenant"
                    : "cloudfront:CreateInvalidation";
            List<String> resources = distributions.stream()
                    .filter(distribution -> distribution.kind() == kind)
                    .map(distribution -> distributionArn(distribution, identityArn))
                    .toList();
            if (!resources.isEmpty()) {
                checklist.add(CheckItem.notVerified(
                        action,
                        "not verified — CloudFront has no dry run, and only creating an invalidation would prove it",
                        "make sure the bot's IAM policy allows " + action + " on " + String.join(", ", resources)));
            }
        }
    }

    /** Its names, and the header its cache tags come in: without one, CloudFront ignores {@code #tag} items. */
    private static String names(Distribution distribution) {
        return distribution.domainName()
                + (distribution.aliases().isEmpty() ? "" : " (" + String.join(", ", distribution.aliases()) + ")")
                + distribution
                        .cacheTagHeader()
                        .map(header -> ", cache tags in " + header)
                        .orElse(", no cache tags");
    }

    /**
     * {@code arn:aws:cloudfront::<account>:distribution/<id>}, or {@code distribution-tenant/<id>} for a tenant
     * ({@link TargetArns}): the account of the target's role,
     * else of the bot's identity, else a placeholder.
     */
    private static String distributionArn(DistributionConfig distribution, Optional<String> identityArn) {
        Optional<String[]> owner = distribution.roleArn().or(() -> identityArn).map(arn -> arn.split(":", 6));
        String partition = owner.map(parts -> parts[1]).orElse("aws");
        String account = owner.map(parts -> parts[4]).orElse("<account>");
        return "arn:" + partition + ":cloudfront::" + account + ":" + TargetArns.resource(distribution.id());
    }

    private static String firstLine(String message) {
        String text = String.valueOf(message);
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}

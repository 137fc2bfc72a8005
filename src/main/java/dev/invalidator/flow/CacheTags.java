package dev.invalidator.flow;

import dev.invalidator.cdn.CdnException;
import dev.invalidator.cdn.Distribution;
import dev.invalidator.chat.CacheTagReplies;
import dev.invalidator.config.DistributionConfig;
import dev.invalidator.config.TargetKind;
import dev.invalidator.request.InvalidationPath;
import dev.invalidator.request.ParsedPaths;
import java.util.List;
import java.util.Optional;

/**
 * Tag items ({@code #release-42}) go only to a distribution that honours them: CloudFront completes a tag
 * invalidation on a distribution without a cache tag header ({@code CacheTagConfig}) and removes nothing, which the
 * bot would report as completed. So such a request is refused, and so is one whose distribution couldn't be read:
 * a tag is never sent unchecked.
 *
 * <p>A distribution tenant takes no tags: CloudFront documents cache tags for distributions, and whether a tenant's
 * invalidation honours its parent's {@code CacheTagConfig} is unconfirmed, so a tag for a tenant is refused rather
 * than risk an invalidation that says completed and removed nothing.
 */
final class CacheTags {

    private CacheTags() {}

    /** The refusal of {@code paths} on a distribution described by {@code details}; empty when they may go. */
    static Optional<Preparation.Refused> refusal(
            DistributionConfig distribution, Distribution details, ParsedPaths paths) {
        List<String> tags = tags(paths);
        if (!tags.isEmpty() && distribution.kind() == TargetKind.TENANT) {
            return Optional.of(new Preparation.Refused(
                    CacheTagReplies.notForTenants(distribution.alias(), tags),
                    Preparation.Field.PATHS,
                    CacheTagReplies.notForTenantsInline(distribution.alias(), tags)));
        }
        if (tags.isEmpty() || details.honoursCacheTags()) {
            return Optional.empty();
        }
        return Optional.of(new Preparation.Refused(
                CacheTagReplies.notHonoured(distribution.alias(), tags),
                Preparation.Field.PATHS,
                CacheTagReplies.notHonouredInline(distribution.alias(), tags)));
    }

    /** The refusal of a request with tags whose distribution couldn't be read. */
    static Preparation.Refused unchecked(DistributionConfig distribution, CdnException e) {
        return new Preparation.Refused(
                CacheTagReplies.unchecked(distribution.alias(), e),
                Preparation.Field.DISTRIBUTION,
                CacheTagReplies.uncheckedInline(distribution.alias()));
    }

    /** Whether any typed token is a tag item: what {@code request/TokenReader} reads as one. */
    static boolean anyTyped(List<String> tokens) {
        return tokens.stream().anyMatch(token -> token.startsWith("#"));
    }

    static List<String> tags(ParsedPaths paths) {
        return paths.accepted().stream()
                .filter(path -> path.kind() == InvalidationPath.Kind.TAG)
                .map(InvalidationPath::value)
                .toList();
    }
}

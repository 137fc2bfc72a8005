package dev.invalidator.chat;

import dev.invalidator.base.Strings;
import dev.invalidator.cdn.CdnException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The answers to a request holding {@code #tag} items that can't go: its distribution has no cache tag header
 * ({@code CacheTagConfig}), so CloudFront would complete the invalidation and remove nothing; or whether it has one
 * couldn't be read just now. Each says what to do instead: list the paths, or have the header configured.
 */
public final class CacheTagReplies {

    /** Tags named in an answer; the rest are counted. */
    private static final int TAGS_NAMED = 3;
    /** A tag as quoted: one may be 256 characters. */
    private static final int MAX_TAG_CHARS = 80;
    /** What a form field shows. */
    private static final int MAX_INLINE_CHARS = 1_500;

    private CacheTagReplies() {}

    /** The distribution has no {@code CacheTagConfig}: the tags would do nothing, so nothing was sent. */
    public static Message notHonoured(String alias, List<String> tags) {
        String text = notHonouredInline(alias, tags);
        return Message.of(
                text,
                new Block.Section(":no_entry: *`" + Fit.escaped(alias, MAX_TAG_CHARS) + "` has no cache tags set up, "
                        + "so nothing was sent.* CloudFront ignores " + quoted(tags) + " there: the invalidation "
                        + "would say completed and remove nothing."),
                new Block.Context("Instead, list the paths of the files, e.g. `/invalidate "
                        + Fit.escaped(alias, MAX_TAG_CHARS) + " /index.html /css/*`; or have the distribution's "
                        + "cache tag header configured (its CacheTagConfig, the response header that carries each "
                        + "object's tags), then send the tags again."));
    }

    /** {@link #notHonoured} on one plain line, for a form field. */
    public static String notHonouredInline(String alias, List<String> tags) {
        return Strings.shorten(
                alias + " has no cache tags set up (no CacheTagConfig), so CloudFront would ignore " + plain(tags)
                        + " and remove nothing; nothing was sent. List the paths instead, or have the distribution's "
                        + "cache tag header configured (CacheTagConfig) and send the tags again.",
                MAX_INLINE_CHARS);
    }

    /** A distribution tenant: whether its invalidations honour tags is unconfirmed, so the bot sends none. */
    public static Message notForTenants(String alias, List<String> tags) {
        return Message.of(
                notForTenantsInline(alias, tags),
                new Block.Section(":no_entry: *`" + Fit.escaped(alias, MAX_TAG_CHARS) + "` is a distribution tenant, "
                        + "so nothing was sent.* CloudFront documents cache tags such as " + quoted(tags)
                        + " for distributions; whether a tenant's invalidation honours them isn't documented, and "
                        + "one that ignored them would say completed and remove nothing."),
                new Block.Context("Instead, list the paths of the files, e.g. `/invalidate "
                        + Fit.escaped(alias, MAX_TAG_CHARS) + " /index.html /css/*`."));
    }

    /** {@link #notForTenants} on one plain line, for a form field. */
    public static String notForTenantsInline(String alias, List<String> tags) {
        return Strings.shorten(
                alias + " is a distribution tenant: whether CloudFront honours cache tags such as " + plain(tags)
                        + " in a tenant's invalidation isn't documented, so nothing was sent. List the paths instead.",
                MAX_INLINE_CHARS);
    }

    /** Whether the distribution has cache tags couldn't be read: a tag is never sent unchecked. */
    public static Message unchecked(String alias, CdnException e) {
        String text = uncheckedInline(alias);
        return Message.of(
                text,
                new Block.Section(":warning: *I couldn't check whether `" + Fit.escaped(alias, MAX_TAG_CHARS)
                        + "` has cache tags set up, so nothing was sent.* A tag on a distribution without them "
                        + "would remove nothing. CloudFront said: " + Fit.escaped(e.getMessage(), MAX_INLINE_CHARS)),
                new Block.Context("Try again in a minute, or list the paths instead of the tags."));
    }

    /** {@link #unchecked} on one plain line, for a form field. */
    public static String uncheckedInline(String alias) {
        return "I couldn't check whether " + Strings.shorten(alias, MAX_TAG_CHARS) + " has cache tags set up, so "
                + "nothing was sent. Try again in a minute, or list the paths instead of the tags.";
    }

    private static String quoted(List<String> tags) {
        return named(tags.stream()
                .map(tag -> "`" + Fit.escaped(tag, MAX_TAG_CHARS) + "`")
                .toList());
    }

    private static String plain(List<String> tags) {
        return named(
                tags.stream().map(tag -> Strings.shorten(tag, MAX_TAG_CHARS)).toList());
    }

    private static String named(List<String> shown) {
        String named = shown.stream().limit(TAGS_NAMED).collect(Collectors.joining(", "));
        return shown.size() > TAGS_NAMED ? named + " and " + (shown.size() - TAGS_NAMED) + " more" : named;
    }
}

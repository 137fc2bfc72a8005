package dev.invalidator.chat;

import static dev.invalidator.request.SlackText.escape;

import dev.invalidator.cdn.CdnException;
import dev.invalidator.verify.CheckPlan;
import dev.invalidator.verify.EdgeAnswer;
import dev.invalidator.verify.RefreshReport;
import dev.invalidator.verify.StaleCause;
import dev.invalidator.verify.UrlCheck;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The thread reply after the refresh check: "✓ 12 of 12 URLs served fresh", or each stale URL with what the edge
 * served and the slip in the request's paths that most likely missed it, and what could not be checked.
 */
public final class RefreshReplies {

    /** Slack allows 50 blocks per message: the first ones of each list, then a count. */
    private static final int MAX_LISTED = 10;
    /** A URL or a path as shown: a path may be 4,000 characters; a section only 3,000. */
    private static final int MAX_SHOWN = 200;
    /** A tag as shown: one may be 256 characters, and ten are listed in one block. */
    private static final int MAX_TAG_SHOWN = 80;
    /** What the edge's headers and a failure's reason may take of a line. */
    private static final int MAX_DETAIL = 300;
    /**
     * The stale URLs together: what the message has left besides its headline, the list of URLs not checked and the
     * notes, each at most a section.
     */
    private static final int MAX_STALE_CHARS = Fit.MESSAGE - 2 * Fit.SECTION - 500;

    private RefreshReplies() {}

    public static Message report(String requester, String alias, RefreshReport report) {
        int total = report.checks().size();
        List<UrlCheck.Stale> stale = report.stale();
        List<UrlCheck.Unchecked> unchecked = report.unchecked();
        int fresh = report.freshCount();
        String headline;
        if (!stale.isEmpty()) {
            headline = ":warning: <@" + requester + "> " + stale.size() + " of " + urls(total)
                    + " still served from a copy cached before this invalidation";
        } else if (fresh == 0) {
            headline = ":grey_question: Could not check whether the edge serves fresh copies of " + urls(total);
        } else {
            headline = "✓ " + fresh + " of " + urls(total) + " served fresh"
                    + (unchecked.isEmpty() ? "" : "; could not check the other " + unchecked.size());
        }
        List<Block> blocks = new ArrayList<>();
        blocks.add(new Block.Section(headline));
        List<String> staleShown = stale.stream().map(RefreshReplies::describe).toList();
        int staleListed = Fit.fitting(staleShown, "", MAX_STALE_CHARS, MAX_LISTED);
        staleShown.subList(0, staleListed).forEach(described -> blocks.add(new Block.Section(described)));
        if (!stale.isEmpty() && fresh > 0) {
            blocks.add(new Block.Section("✓ " + urls(fresh) + " served fresh."));
        }
        int uncheckedListed = 0;
        if (!unchecked.isEmpty()) {
            String heading = "*Could not check* (no answer, or none that says when the copy was cached):\n";
            List<String> lines = unchecked.stream()
                    .map(url -> "• `" + shown(url.url()) + "`: " + Fit.escaped(url.reason(), MAX_DETAIL))
                    .toList();
            uncheckedListed = Fit.fitting(lines, "\n", Fit.SECTION - heading.length(), MAX_LISTED);
            blocks.add(new Block.Section(heading + String.join("\n", lines.subList(0, uncheckedListed))));
        }
        int notListed = (stale.size() - staleListed) + (unchecked.size() - uncheckedListed);
        List<String> notes = notes(alias, report.plan());
        if (notListed > 0) {
            notes.add(0, notListed + " more not listed here.");
        }
        if (!notes.isEmpty()) {
            blocks.add(new Block.Context(String.join(" ", notes)));
        }
        tagNote(alias, report.plan()).ifPresent(note -> blocks.add(new Block.Context(note)));
        String text = stale.isEmpty()
                ? headline.replace(":grey_question: ", "")
                : "<@" + requester + "> " + stale.size() + " of " + urls(total) + " still served stale";
        return new Message(text, blocks);
    }

    /** When the invalidation names no URL: only wildcards without samples, and cache tags. */
    /** A check's reply in a group's thread, where every member replies: it starts with the member's name. */
    public static Message ofMember(String alias, Message reply) {
        List<Block> blocks = new ArrayList<>();
        blocks.add(new Block.Context("Refresh check of `" + escape(alias) + "`"));
        blocks.addAll(reply.blocks());
        return new Message(alias + ": " + reply.text(), blocks);
    }

    public static Message nothingChecked(String alias, CheckPlan plan) {
        String text =
                "Nothing was checked: this invalidation names no single file. " + String.join(" ", notes(alias, plan));
        List<Block> blocks = new ArrayList<>(List.of(new Block.Context(text)));
        tagNote(alias, plan).ifPresent(note -> blocks.add(new Block.Context(note)));
        return new Message("Nothing was checked: this invalidation names no single file", blocks);
    }

    /** When the check can't start: CloudFront didn't say which domain names to ask. */
    public static Message domainsUnreadable(CdnException e) {
        String text = "Could not check whether the edge serves fresh copies: the distribution's domain names could"
                + " not be read (" + Fit.escaped(e.getMessage(), MAX_DETAIL) + ")";
        return Message.of(text, new Block.Context(text));
    }

    private static String describe(UrlCheck.Stale stale) {
        String where = stale.foundUnderVariant()
                ? "answered " + stale.answered() + ", and the edge serves `" + shown(stale.heldKey()) + "` from a copy"
                : "is served from a copy";
        return "• `" + shown(stale.url()) + "` " + where + " cached " + Texts.duration(stale.cachedBefore())
                + " before this invalidation (" + evidence(stale.answer()) + ").\n" + cause(stale);
    }

    private static String evidence(EdgeAnswer answer) {
        List<String> parts = new ArrayList<>();
        answer.xCache().ifPresent(parts::add);
        answer.ageSeconds().ifPresent(age -> parts.add("Age " + age));
        answer.etag().ifPresent(etag -> parts.add("ETag " + etag));
        answer.lastModified().ifPresent(modified -> parts.add("Last-Modified " + modified));
        return Fit.escaped(String.join(", ", parts), MAX_DETAIL);
    }

    private static String cause(UrlCheck.Stale stale) {
        StaleCause cause = stale.cause();
        String key = code(stale.heldKey());
        String asked = cause.requestPath().map(RefreshReplies::code).orElse("");
        String fix = cause.fix().map(path -> " Invalidate " + code(path) + ".").orElse("");
        return "Likely cause: "
                + switch (cause.kind()) {
                    case QUERY_STRING ->
                        "the query string is part of the cache key, and " + asked + " in this request is not "
                                + key + "."
                                + cause.fix()
                                        .map(path -> " Invalidate " + code(path)
                                                + " to cover the file with every query string.")
                                        .orElse("");
                    case ENCODING ->
                        "percent-encoding: " + asked + " in this request and " + key + " are the same name written"
                                + " differently, and CloudFront compares paths as sent." + fix;
                    case LETTER_CASE ->
                        "letter case: " + asked + " in this request is not " + key + ", and paths are"
                                + " case-sensitive." + fix;
                    case TRAILING_SLASH ->
                        "a trailing slash: " + asked + " in this request and " + key + " are different cache" + " keys."
                                + fix;
                    case NO_SLIP ->
                        "none in the paths: " + asked + " in this request names it exactly. Check it again in a few"
                                + " minutes; if the old copy stays, AWS Support can look at the invalidation.";
                    case UNRELATED -> "no path of this request names " + key + "." + fix;
                };
    }

    /** What was left out of the check, and how to ask for samples under a wildcard or for a tag. */
    private static List<String> notes(String alias, CheckPlan plan) {
        List<String> notes = new ArrayList<>();
        if (plan.leftOut() > 0) {
            notes.add(plan.leftOut() + " more " + (plan.leftOut() == 1 ? "path was" : "paths were") + " not checked:"
                    + " at most " + plan.paths().size() + " per invalidation.");
        }
        if (!plan.wildcardsWithoutSamples().isEmpty()) {
            String first = plan.wildcardsWithoutSamples().get(0);
            String prefix = first.substring(0, first.length() - 1);
            String example = "/invalidate " + alias + " " + first + " check:" + prefix
                    + (prefix.endsWith("/") ? "index.html" : ".html");
            notes.add("Not checked: "
                    + plan.wildcardsWithoutSamples().stream()
                            .limit(MAX_LISTED)
                            .map(RefreshReplies::code)
                            .collect(Collectors.joining(", "))
                    + " (a wildcard names no file). To check one, name files under it as samples, which are only"
                    + " asked for, never invalidated: " + code(example) + ", or a check: line in the form.");
        }
        return notes;
    }

    /**
     * The cache tags nothing checked, and how to name samples for them: a block of its own, as the notes before it may
     * fill theirs.
     */
    private static Optional<String> tagNote(String alias, CheckPlan plan) {
        List<String> tags = plan.tagsWithoutSamples();
        if (tags.isEmpty()) {
            return Optional.empty();
        }
        String example = "/invalidate " + alias + " " + tags.get(0) + " check:/index.html";
        return Optional.of("Not checked: "
                + tags.stream()
                        .limit(MAX_LISTED)
                        .map(tag -> "`" + Fit.escaped(tag, MAX_TAG_SHOWN) + "`")
                        .collect(Collectors.joining(", "))
                + (tags.size() > MAX_LISTED ? " and " + (tags.size() - MAX_LISTED) + " more" : "")
                + (tags.size() == 1 ? " (a cache tag names no file)" : " (cache tags name no file)")
                + ". To check one, name files the origin tags with it as samples, which are only asked for, never"
                + " invalidated: `" + Fit.escaped(example, MAX_SHOWN) + "`, or a check: line in the form.");
    }

    private static String urls(int count) {
        return count + (count == 1 ? " URL" : " URLs");
    }

    private static String code(String path) {
        return "`" + shown(path) + "`";
    }

    private static String shown(String text) {
        return Fit.escaped(text, MAX_SHOWN);
    }
}

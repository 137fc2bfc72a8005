package dev.invalidator.chat;

import static dev.invalidator.request.SlackText.escape;

import dev.invalidator.base.Numbers;
import dev.invalidator.base.Strings;
import dev.invalidator.cdn.CallerReference;
import dev.invalidator.cdn.CdnException;
import dev.invalidator.cdn.Invalidation;
import dev.invalidator.config.AccessList;
import dev.invalidator.config.DistributionConfig;
import dev.invalidator.config.Identifiers;
import dev.invalidator.cost.MonthCount;
import dev.invalidator.request.DroppedPath;
import dev.invalidator.request.InvalidationPath;
import dev.invalidator.request.ParsedPaths;
import dev.invalidator.request.PathProblem;
import dev.invalidator.request.PathWarning;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Every answer and thread reply the bot writes, apart from the status message itself ({@link StatusCard}).
 * Each rejection says what was wrong and what to do next.
 */
public final class Replies {

    /** The code fences around a code block's lines: {@code ```…```}. */
    private static final int FENCES = 6;
    /** The paths listed in a message: what its intro, the count of the others and a section of notes leave. */
    private static final int MAX_LISTED_PATH_CHARS = Fit.MESSAGE - Fit.SECTION - 500;
    /** The path problems under a form field: the form stays readable however much was pasted. */
    private static final int MAX_INLINE_CHARS = 1_500;
    /** A distribution name quoted back, as typed: a pasted paragraph is not repeated whole. */
    private static final int MAX_QUOTED_CHARS = 80;
    /** A path, or what was typed for it, quoted in a sentence: enough to recognise it. */
    private static final int MAX_QUOTED_PATH_CHARS = 200;
    /** What CloudFront or Slack said, quoted in an answer. */
    private static final int MAX_QUOTED_ERROR_CHARS = 1_000;

    private static final int MAX_LISTED = 20;
    private static final String SMALLER_REQUEST = "A request with fewer paths — one wildcard such as `/assets/*` for"
            + " many files — can be answered by any instance.";
    /** Slack reads {@code <…>} as a link even inside code, so the placeholders' brackets are escaped. */
    private static final String DISTRIBUTION = "&lt;distribution&gt;";

    private static final String USAGE =
            "`/invalidate " + DISTRIBUTION + " &lt;path&gt; …`, e.g. `/invalidate web /index.html /css/*`";

    /** For {@link #notice}: a sentence that reads best without a leading emoji. */
    private static final String NO_EMOJI = "";

    private Replies() {}

    /**
     * The acknowledgement of an invalidation request, shown before anything else happens: if the bot stops before
     * its status message is posted, this is the only trace, so it says what that means.
     */
    public static String working() {
        return ":hourglass_flowing_sand: Working on it. If neither a status message nor an answer from me appears within"
                + " a minute, nothing was invalidated: send the command again.";
    }

    /** The acknowledgement when the bot can take no more work: nothing was started, so sending it again is safe. */
    public static String tooBusy() {
        return "I'm too busy to take this right now and invalidated nothing. Try again in a minute.";
    }

    public static Message help(Collection<DistributionConfig> usable, Optional<Map<String, MonthCount>> monthToDate) {
        String distributions = usable.isEmpty()
                ? "You can't use any distribution in this channel. Ask whoever runs the bot to add you to its config."
                : listed(
                        "You can use here: ",
                        usable.stream()
                                .map(d -> "`" + escape(d.alias()) + "` (" + d.id() + ")")
                                .toList(),
                        Fit.SECTION);
        return Message.of(
                "How to use /invalidate",
                new Block.Section("*Clear CloudFront caches from Slack*\n" + USAGE + "\n"
                        + "• Paths start with `/` and are case-sensitive; `*` is a wildcard, only at the end "
                        + "(`/css/*`, `/*` for everything); a wildcard at the top, like `/a*`, clears much of the "
                        + "site, so it is asked about first.\n"
                        + "• URLs of the distribution work too: `https://www.example.com/app.js`.\n"
                        + "• Once done, the bot asks the site for each file and says whether it is served fresh; "
                        + "for a wildcard, name files to check: `/invalidate web /img/* check:/img/logo.png`.\n"
                        + "• `/invalidate status " + DISTRIBUTION + " [id]` shows the latest (or one) invalidation; "
                        + "`/invalidate list " + DISTRIBUTION + "` the recent ones."),
                new Block.Section(distributions),
                new Block.Context(
                        "CloudFront bills paths beyond 1,000 a month ($0.005 each); a wildcard counts as one path."
                                + monthToDate
                                        .map(used -> " " + Texts.monthToDate(used) + ".")
                                        .orElse("")));
    }

    public static Message nameADistribution(Collection<DistributionConfig> usable) {
        return withHelp("Which distribution? Name it first: " + USAGE + ".", usable);
    }

    public static Message unknownDistribution(String name, Collection<DistributionConfig> usable) {
        String quoted = "`" + Fit.escaped(name, MAX_QUOTED_CHARS) + "`";
        String hint = name.startsWith("/") || name.contains("://")
                ? quoted + " looks like a path: name the distribution first, " + USAGE + "."
                : "I don't know a distribution called " + quoted + ".";
        return withHelp(hint, usable);
    }

    private static Message withHelp(String problem, Collection<DistributionConfig> usable) {
        String choices = usable.isEmpty()
                ? "There is none you can use in this channel."
                : listed(
                        "Distributions you can use here: ",
                        usable.stream().map(d -> "`" + escape(d.alias()) + "`").toList(),
                        Fit.SECTION - problem.length() - 1);
        return Message.of(plain(problem), new Block.Section(problem + "\n" + choices));
    }

    public static Message denied(String reason) {
        return Message.of("Not allowed: " + plain(reason), new Block.Section(":no_entry: " + reason));
    }

    /** An approval click on a request whose distribution was taken out of the config since it was asked. */
    public static Message distributionRemoved() {
        return denied("This distribution is no longer in the bot's configuration.");
    }

    public static Message invalidPaths(String alias, ParsedPaths parsed) {
        List<String> lines = new ArrayList<>();
        for (PathProblem problem : parsed.problems()) {
            String input =
                    problem.input().isEmpty() ? "" : "`" + Fit.escaped(problem.input(), MAX_QUOTED_PATH_CHARS) + "`: ";
            lines.add("• " + input + Fit.escaped(problem.message(), MAX_QUOTED_ERROR_CHARS));
        }
        String intro = parsed.problems().size() == 1
                ? "One problem"
                : Numbers.grouped(parsed.problems().size()) + " problems";
        String heading = ":warning: *" + intro + " with the paths for `" + Fit.escaped(alias, MAX_QUOTED_CHARS)
                + "`; nothing was invalidated.*\n";
        return Message.of(
                intro + " with the paths for " + alias + "; nothing was invalidated",
                new Block.Section(heading + Fit.lines(lines, Fit.SECTION - heading.length(), Replies::andMore)),
                new Block.Context("Fix them and send the command again. " + USAGE));
    }

    /** The path problems on one plain line, for a form field (no formatting shows there). */
    public static String pathProblemsInline(ParsedPaths parsed) {
        String text = parsed.problems().stream()
                .map(problem -> (problem.input().isEmpty() ? "" : problem.input() + ": ") + problem.message())
                .collect(Collectors.joining(" · "));
        return Strings.shorten(text, MAX_INLINE_CHARS);
    }

    /** {@link #tooBusy()} under a form's paths field: the form stays open with what was typed, to submit again. */
    public static String formTooBusy() {
        return "I'm too busy to take this right now and invalidated nothing. Submit again in a minute.";
    }

    /**
     * Under the distribution field of a form whose checks need an answer that is not at hand (whether the person
     * belongs to the workspace or a user group, the distribution's domain names, this month's paths): the form's
     * answer may not wait for Slack or CloudFront, so it asks for the next try instead.
     */
    public static String formUnchecked() {
        return "I couldn't check that just now — nothing was sent, try again.";
    }

    /** Under the channel field of a form opened from the Home tab, when no channel was chosen. */
    public static String chooseAChannel() {
        return "Choose the channel for the status message.";
    }

    /** A read ({@code help}, {@code status}, {@code list}) past the person's limit: nothing was read. */
    public static Message readsLimited(String reason) {
        return notice(":stopwatch:", reason);
    }

    public static Message rateLimited(String reason) {
        return notice(":stopwatch:", reason + " Nothing was invalidated.");
    }

    /**
     * Slack refused the status message in {@code channel}. Nobody can invite a bot into a direct message ({@code D…}),
     * so from one the answer names what works there: the form, which asks for a channel, or a channel the bot is in.
     */
    public static Message cannotPost(ChatException e, String channel) {
        boolean notThere = e.reason() == ChatException.Reason.NOT_IN_CHANNEL
                || e.reason() == ChatException.Reason.CHANNEL_NOT_FOUND;
        if (notThere && !Identifiers.isChannelId(channel)) {
            return notice(
                    ":warning:",
                    "I can't post in a direct message, so I invalidated nothing. Type `/invalidate` with nothing after"
                            + " it to open the form and choose a channel for the status message, or type the command"
                            + " in a channel I'm in.");
        }
        String text = switch (e.reason()) {
            case NOT_IN_CHANNEL, CHANNEL_NOT_FOUND ->
                "I can't post in this channel, so I invalidated nothing. Invite me with `/invite @invalidator` and try again.";
            default ->
                "Slack didn't let me post the status message (" + Fit.escaped(e.getMessage(), MAX_QUOTED_ERROR_CHARS)
                        + "), so I invalidated nothing. Try again in a minute.";
        };
        return notice(":warning:", text);
    }

    public static Message cdnProblem(CdnException e) {
        return Message.of(plain(e.getMessage()), new Block.Section(":warning: " + reasonAndNextStep(e)));
    }

    /** CloudFront's reason and the next step, quoted within a section whatever CloudFront said. */
    private static String reasonAndNextStep(CdnException e) {
        return Fit.escaped(e.getMessage(), MAX_QUOTED_ERROR_CHARS) + "\n*Next:* "
                + Fit.escaped(e.nextStep(), MAX_QUOTED_ERROR_CHARS);
    }

    public static Message confirmationGone() {
        return notice(
                NO_EMOJI,
                "This confirmation was already answered or has expired, so nothing more was invalidated. "
                        + "Send the command again if you still need it.");
    }

    /**
     * A click on a request too big to travel with its buttons, which only the instance of the bot that asked holds,
     * reached another instance — or one started since. Slack hands each click to any one instance, so another click
     * may reach the right one.
     */
    public static Message heldByAnotherInstance() {
        return notice(
                ":information_source:",
                "This request lists too many paths to travel with its buttons, so only the instance of the bot that"
                        + " asked can act on it, and your click reached another one. Nothing was invalidated. Click"
                        + " again (Slack hands each click to one of the instances); if this answer keeps coming, that"
                        + " instance has stopped: send the request again. " + SMALLER_REQUEST);
    }

    /** {@link #heldByAnotherInstance()} for a form's Confirm, which can't be clicked again once answered. */
    public static Message formHeldByAnotherInstance() {
        return notice(
                ":information_source:",
                "This request lists too many paths to travel with the form, so only the instance of the bot that"
                        + " asked can act on it, and your Confirm reached another one. Nothing was invalidated: send"
                        + " the form again. " + SMALLER_REQUEST);
    }

    /** A button (or form) whose value doesn't belong to the request it was clicked on: altered, or not the bot's. */
    public static Message unreadableButton() {
        return notice(
                ":no_entry:",
                "This button doesn't match the request it belongs to, so nothing was invalidated. Send the"
                        + " command again if you still need it.");
    }

    public static Message notYourRequest(String requester) {
        return notice(":no_entry:", "Only <@" + requester + ">, who asked, can confirm or cancel this request.");
    }

    /**
     * The one thread reply of a request once CloudFront took it: how long it waited in the queue, if it did, and the
     * paths sent, unless its thread keeps them already (they were posted when it queued); empty when there is neither.
     *
     * @param together how many requests went as the one invalidation, this one included
     */
    public static Optional<Message> sent(Optional<Duration> queued, int together, Optional<ParsedPaths> paths) {
        Optional<String> line = queued.map(waited -> queuedFor(waited, together));
        if (paths.isEmpty()) {
            return line.map(text -> notice(NO_EMOJI, text));
        }
        Message list = pathList(paths.get());
        if (line.isEmpty()) {
            return Optional.of(list);
        }
        // The line joins the list's first section, so that the reply has no more blocks than the list alone.
        List<Block> blocks = new ArrayList<>(list.blocks());
        blocks.set(0, new Block.Section(line.get() + "\n" + ((Block.Section) blocks.get(0)).mrkdwn()));
        return Optional.of(new Message(plain(line.get()) + " " + list.text(), blocks));
    }

    private static String queuedFor(Duration waited, int together) {
        String with = together <= 1
                ? ""
                : " together with " + (together == 2 ? "1 other request" : (together - 1) + " other requests")
                        + " on the same distribution, as one invalidation (paths in the thread are this request's)";
        return "Queued for " + Texts.duration(waited) + " before CloudFront had room for it; sent now" + with + ".";
    }

    /**
     * A part of a queued request's paths, kept in the thread for whichever instance sends it: the first part lists the
     * paths as {@link #pathList} does, the others only say what they keep.
     */
    public static Message queuedPaths(int part, int parts, ParsedPaths paths) {
        if (part == 1) {
            return pathList(paths, "to send to CloudFront as soon as it has room");
        }
        return notice(NO_EMOJI, "_Paths kept for the queue, part " + part + " of " + parts + "._");
    }

    /** The thread notice of a queued request that expired, mentioning its requester (an edit notifies nobody). */
    public static Message queueExpiredNotice(String requester, Duration waited) {
        return notice(
                NO_EMOJI,
                "<@" + requester + "> your request waited " + Texts.duration(waited)
                        + " in the queue without CloudFront"
                        + " having room for it, so it expired: nothing was sent. Send it again if you still need it.");
    }

    /** A request refused because as many requests as the bot queues already wait on its distribution. */
    public static Message queueFull(String alias, int waiting) {
        return notice(
                ":no_entry:",
                (waiting == 1 ? "1 request already waits" : Numbers.grouped(waiting) + " requests already wait")
                        + " for CloudFront on `" + escape(alias) + "`, as many as the bot queues there: nothing was"
                        + " sent — try again in a few minutes.");
    }

    /** A Cancel click on a status message that no longer waits in the queue. */
    public static Message notQueued() {
        return notice(
                NO_EMOJI,
                "This request isn't waiting in the queue any more: it was sent, or it ended. The status message says"
                        + " which.");
    }

    public static Message cancelled(String alias) {
        return notice(NO_EMOJI, "Cancelled: nothing was invalidated on `" + escape(alias) + "`.");
    }

    public static Message confirmed(String alias, int pathCount) {
        return notice(
                ":white_check_mark:",
                "Confirmed: invalidating " + Texts.paths(pathCount) + " on `" + escape(alias)
                        + "`. Follow it in the status message in the channel.");
    }

    public static Message formUnavailable() {
        return notice(
                NO_EMOJI,
                "Slack didn't let me open the form in time. Try `/invalidate` again, or type the request: " + USAGE);
    }

    /** The thread reply under a request that waits: it mentions the approvers, which is what notifies them. */
    public static Message approvalWanted(String requester, AccessList approvers) {
        String who = approvers.allowsAnyone()
                ? "anyone but the requester"
                : Fit.joined(
                        approvers.ids().stream()
                                .map(id ->
                                        approvers.groupIds().contains(id) ? "<!subteam^" + id + ">" : "<@" + id + ">")
                                .toList(),
                        ", ",
                        MAX_QUOTED_ERROR_CHARS,
                        more -> "or one of " + Numbers.grouped(more) + " more");
        return notice(
                NO_EMOJI,
                "<@" + requester + "> asked for this invalidation; it needs an approval from " + who
                        + ". Nothing is sent to CloudFront until one of them clicks Approve.");
    }

    public static Message approvalGone() {
        return notice(NO_EMOJI, "This request was already decided or has expired.");
    }

    public static Message approvedNotice(String requester, String approver) {
        return notice(
                ":white_check_mark:",
                "<@" + approver + "> approved. <@" + requester + ">, sending it to CloudFront now.");
    }

    public static Message rejectedNotice(String requester, String approver) {
        return notice(
                ":no_entry_sign:",
                "<@" + approver + "> rejected this request, <@" + requester + ">; nothing was invalidated.");
    }

    public static Message expiredNotice(String requester) {
        return notice(
                ":hourglass:", "<@" + requester + "> nobody approved this request in time; nothing was invalidated.");
    }

    /**
     * To an approver whose decision was posted in the thread but could not be read back, so it may not be the first:
     * the first one there is carried out by a later sweep, and another click would only find it decided.
     *
     * @param within how long a decision left undone may wait for a sweep
     */
    public static Message decisionUnchecked(Duration within) {
        return notice(
                ":hourglass_flowing_sand:",
                "Your decision is recorded in the thread, but Slack didn't answer when I checked that it came first."
                        + " The first decision there will be carried out within " + Texts.duration(within)
                        + "; there is no need to click again.");
    }

    /** A decision posted a moment after another instance posted one for the same request. */
    public static Message lateDecision() {
        String text = "This came a moment after the decision above and changed nothing.";
        return Message.of(text, new Block.Context(text));
    }

    public static Message notRunNotice(String requester) {
        return notice(
                ":warning:",
                "<@" + requester + "> the bot restarted before this request reached CloudFront, so nothing was"
                        + " invalidated. Please send it again.");
    }

    /** To the requester of a request sent in batches whose rest {@link StatusCard#restNotSent} could not send. */
    public static Message restNotSentNotice(String requester) {
        return notice(
                ":warning:",
                "<@" + requester + "> the bot restarted while it sent this request in batches, and the rest of its"
                        + " paths were lost, so only part of it was invalidated. Please send what is left again.");
    }

    public static Message internalError() {
        return notice(
                ":boom:",
                "Something went wrong on my side and nothing was invalidated. Try again; if it keeps happening, "
                        + "tell whoever runs the bot (the time of this message helps them find it in the logs).");
    }

    /** The thread reply that records exactly what was sent to CloudFront. */
    public static Message pathList(ParsedPaths parsed) {
        return pathList(parsed, "sent to CloudFront");
    }

    private static Message pathList(ParsedPaths parsed, String what) {
        List<Block> blocks = new ArrayList<>();
        List<InvalidationPath> accepted = parsed.accepted();
        blocks.add(new Block.Section(Texts.paths(accepted.size()) + " " + what + ":"));
        blocks.addAll(codeBlocks(accepted.stream().map(InvalidationPath::value).toList()));
        List<String> notes = new ArrayList<>();
        accepted.stream()
                .filter(InvalidationPath::wasEncoded)
                // a #fragment left out of what was typed has its own note among the warnings
                .filter(path -> !path.typed().startsWith(path.value() + "#"))
                .limit(MAX_LISTED)
                .forEach(path -> notes.add("• " + quoted(path.typed()) + " was sent as " + quoted(path.value()) + " ("
                        + whySentAs(path) + ")"));
        parsed.samples().stream()
                .limit(MAX_LISTED)
                .forEach(sample -> notes.add("• " + quoted(sample.typed())
                        + " is not invalidated: it is asked for once the invalidation completes, to check it was"
                        + " refreshed"));
        parsed.dropped().stream().limit(MAX_LISTED).forEach(dropped -> notes.add(describe(dropped)));
        parsed.warnings().stream().limit(MAX_LISTED).forEach(warning -> notes.add(describe(warning)));
        if (!notes.isEmpty()) {
            blocks.add(new Block.Section(Fit.lines(notes, Fit.SECTION, Replies::andMore)));
        }
        return new Message(Texts.paths(accepted.size()) + " " + what, blocks);
    }

    /** Why CloudFront receives something other than what was typed. */
    private static String whySentAs(InvalidationPath path) {
        return path.typed().contains("://")
                ? "the link's path, as CloudFront receives it"
                : "CloudFront needs non-ASCII and unsafe characters percent-encoded";
    }

    private static String describe(DroppedPath dropped) {
        return "• Left out " + quoted(dropped.input()) + ": " + Fit.escaped(dropped.reason(), MAX_QUOTED_ERROR_CHARS);
    }

    private static String describe(PathWarning warning) {
        return "• Note on " + quoted(warning.path()) + ": " + Fit.escaped(warning.message(), MAX_QUOTED_ERROR_CHARS);
    }

    /** A path as typed or as sent, in code, shortened to what a sentence can hold. */
    private static String quoted(String path) {
        return "`" + Fit.escaped(path, MAX_QUOTED_PATH_CHARS) + "`";
    }

    public static Message failedNotice(String requester, CdnException e) {
        String text = "<@" + requester + "> CloudFront did not take this invalidation: " + reasonAndNextStep(e);
        return Message.of("CloudFront did not take this invalidation", new Block.Section(text));
    }

    /**
     * The thread reply that notifies the requester of the outcome (an edit notifies nobody). It names the invalidation,
     * which is how a second replica that saw the same completion knows the reply is already there.
     */
    public static Message outcomeNotice(StatusCard card) {
        return notice(NO_EMOJI, outcomeText(card) + " (" + card.invalidationId().orElse("") + ")");
    }

    /**
     * {@link #outcomeNotice} of one member of a group request, in the group's thread: it names the distribution and
     * mentions nobody, since the group's own notice mentions the requester once every member has ended.
     */
    public static Message memberOutcomeNotice(StatusCard card) {
        String outcome = switch (card.state()) {
            case COMPLETED ->
                "done: CloudFront completed the invalidation in "
                        + Texts.duration(card.elapsed().orElseThrow()) + ". New requests now reach the origin.";
            default ->
                Fit.escaped(card.problem().orElse("the invalidation ended badly"), MAX_QUOTED_ERROR_CHARS) + " "
                        + Fit.escaped(card.nextStep().orElse(""), MAX_QUOTED_ERROR_CHARS);
        };
        return notice(
                NO_EMOJI,
                "`" + escape(card.alias()) + "` " + outcome + " ("
                        + card.invalidationId().orElse("") + ")");
    }

    /** {@link #failedNotice} of one member of a group request: it names the distribution and mentions nobody. */
    public static Message memberFailedNotice(String alias, CdnException e) {
        String text = "`" + escape(alias) + "`: CloudFront did not take this invalidation: " + reasonAndNextStep(e);
        return Message.of("CloudFront did not take the invalidation of " + alias, new Block.Section(text));
    }

    /** What {@link #outcomeNotice} puts in a thread for this invalidation, to look for before replying again. */
    public static String outcomeMarker(String invalidationId) {
        return "(" + invalidationId + ")";
    }

    private static String outcomeText(StatusCard card) {
        return switch (card.state()) {
            case COMPLETED ->
                "<@" + card.requester() + "> done: CloudFront completed the invalidation in "
                        + Texts.duration(card.elapsed().orElseThrow()) + ". New requests now reach the origin.";
            default ->
                "<@" + card.requester() + "> "
                        + Fit.escaped(card.problem().orElse("the invalidation ended badly"), MAX_QUOTED_ERROR_CHARS)
                        + " " + Fit.escaped(card.nextStep().orElse(""), MAX_QUOTED_ERROR_CHARS);
        };
    }

    public static Message status(String alias, Invalidation invalidation, Optional<MonthCount> usedThisMonth) {
        String who = CallerReference.decode(invalidation.callerReference())
                .map(reference -> "asked by <@" + reference.requester() + ">")
                .orElse("created outside the bot");
        List<Block> blocks = new ArrayList<>();
        blocks.add(new Block.Section("*`" + escape(alias) + "` invalidation `" + invalidation.id() + "`*: "
                + (invalidation.completed() ? ":white_check_mark: Completed" : ":arrows_counterclockwise: In progress")
                + "\n" + Texts.paths(invalidation.paths().size()) + ", " + who + ", created "
                + Texts.time(invalidation.createTime())));
        blocks.addAll(codeBlocks(invalidation.paths()));
        usedThisMonth.ifPresent(used -> blocks.add(new Block.Context(Texts.monthToDate(Map.of("", used)))));
        return new Message(
                "Invalidation " + invalidation.id() + " on " + alias + ": "
                        + (invalidation.completed() ? "completed" : "in progress"),
                blocks);
    }

    public static Message noInvalidations(String alias) {
        return Message.of(
                "No invalidations on " + alias, new Block.Section("`" + escape(alias) + "` has no invalidations yet."));
    }

    public static Message recent(String alias, List<Invalidation> invalidations) {
        if (invalidations.isEmpty()) {
            return noInvalidations(alias);
        }
        List<String> lines = invalidations.stream()
                .map(invalidation -> "• `" + invalidation.id() + "` "
                        + (invalidation.completed() ? ":white_check_mark:" : ":arrows_counterclockwise:") + " "
                        + Texts.time(invalidation.createTime()) + " · "
                        + Texts.paths(invalidation.paths().size())
                        + CallerReference.decode(invalidation.callerReference())
                                .map(reference -> " · <@" + reference.requester() + ">")
                                .orElse(" · outside the bot"))
                .toList();
        String heading = "*Recent invalidations on `" + escape(alias) + "`*\n";
        return Message.of(
                "Recent invalidations on " + alias,
                new Block.Section(heading + Fit.lines(lines, Fit.SECTION - heading.length(), Replies::andMore)));
    }

    /**
     * Paths as code blocks, each a section once escaped and fenced, together at most {@link #MAX_LISTED_PATH_CHARS}
     * of the message, then a count of the paths that did not fit. A path longer than a section shows its start and
     * "…".
     */
    static List<Block> codeBlocks(List<String> paths) {
        List<Block> blocks = new ArrayList<>();
        List<String> chunk = new ArrayList<>();
        int chunkChars = FENCES;
        int listedChars = 0;
        int shown = 0;
        for (String path : paths) {
            String line = Fit.escapingWithin(path, Fit.SECTION - FENCES);
            int lineChars = escape(line).length();
            if (!chunk.isEmpty() && chunkChars + 1 + lineChars > Fit.SECTION) {
                blocks.add(new Block.Code(chunk));
                listedChars += chunkChars;
                chunk = new ArrayList<>();
                chunkChars = FENCES;
            }
            int added = (chunk.isEmpty() ? 0 : 1) + lineChars;
            if (listedChars + chunkChars + added > MAX_LISTED_PATH_CHARS) {
                break;
            }
            chunk.add(line);
            chunkChars += added;
            shown++;
        }
        if (!chunk.isEmpty()) {
            blocks.add(new Block.Code(chunk));
        }
        if (shown < paths.size()) {
            blocks.add(new Block.Context("… and " + Numbers.grouped(paths.size() - shown) + " more not shown here"));
        }
        return blocks;
    }

    /** "… and 12 more", the last line of a list cut to fit. */
    private static String andMore(int count) {
        return "… and " + Numbers.grouped(count) + " more";
    }

    /** "Distributions you can use here: `a`, `b` and 3 more." within {@code max} characters. */
    /**
     * The distributions a person may use, as many as fit, then how many more and how to find them: with hundreds,
     * the form's picker finds one by typing.
     */
    private static String listed(String intro, List<String> items, int max) {
        String list = Fit.joined(
                items,
                ", ",
                max - intro.length() - 1,
                more -> "and " + Numbers.grouped(more) + " more (`/invalidate` alone opens a form whose picker finds"
                        + " any of them by part of its name, id or domain)");
        return intro + list + ".";
    }

    /**
     * The shape most answers share: one paragraph led by an emoji that says at a glance how it went, and the same
     * words without their mrkdwn markers as the fallback that notifications show.
     *
     * <pre>{@code
     * notice(":no_entry:", "Only <@U0ALICE>, who asked, can confirm or cancel this request.")
     * }</pre>
     *
     * @param emoji  a Slack emoji code such as {@code :warning:}, or empty ({@link #NO_EMOJI}) for none
     * @param mrkdwn the sentence, with whatever came from a person already escaped
     */
    static Message notice(String emoji, String mrkdwn) {
        return Message.of(plain(mrkdwn), new Block.Section(emoji.isEmpty() ? mrkdwn : emoji + " " + mrkdwn));
    }

    /** Fallback text has no mrkdwn: drop the markers people would otherwise see in notifications. */
    private static String plain(String mrkdwn) {
        return mrkdwn.replace("`", "").replace("*", "");
    }
}

package dev.invalidator.slack.blockkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.gson.Gson;
import com.slack.api.model.view.View;
import com.slack.api.util.json.GsonFactory;
import dev.invalidator.access.AccessPolicy;
import dev.invalidator.access.Workspace;
import dev.invalidator.cdn.CdnException;
import dev.invalidator.cdn.Invalidation;
import dev.invalidator.cdn.InvalidationStatus;
import dev.invalidator.chat.CacheTagReplies;
import dev.invalidator.chat.ChatException;
import dev.invalidator.chat.ConfirmationCard;
import dev.invalidator.chat.GroupCard;
import dev.invalidator.chat.GroupReplies;
import dev.invalidator.chat.GroupStatusCard;
import dev.invalidator.chat.HomeView;
import dev.invalidator.chat.Message;
import dev.invalidator.chat.RefreshReplies;
import dev.invalidator.chat.Replies;
import dev.invalidator.chat.RequestForm;
import dev.invalidator.chat.StatusCard;
import dev.invalidator.config.AccessList;
import dev.invalidator.config.Approval;
import dev.invalidator.config.DistributionConfig;
import dev.invalidator.cost.MonthCount;
import dev.invalidator.cost.Pricing;
import dev.invalidator.request.DroppedPath;
import dev.invalidator.request.InvalidationPath;
import dev.invalidator.request.ParsedPaths;
import dev.invalidator.request.PathLimits;
import dev.invalidator.request.PathParser;
import dev.invalidator.request.PathProblem;
import dev.invalidator.request.PathWarning;
import dev.invalidator.request.WildcardSuggestion.Suggestion;
import dev.invalidator.sandbox.BlockKitRules;
import dev.invalidator.verify.CheckPlan;
import dev.invalidator.verify.EdgeAnswer;
import dev.invalidator.verify.Freshness;
import dev.invalidator.verify.RefreshReport;
import dev.invalidator.verify.StaleCause;
import dev.invalidator.verify.UrlCheck;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Extreme inputs — 4,000-character paths, query strings of ampersands, hundreds of bad tokens, distributions, channels
 * and approvers, long notes and errors, emoji — through every message builder, rendered as the Block Kit the bot would
 * send. Every message must pass what Slack checks ({@link BlockKitRules}, the simulator's rules from {@code slack.md}
 * §11), after escaping: a message Slack refuses is a message nobody reads. Seeded, so a failure can be replayed.
 */
class MessageLimitsPropertyTest {

    private static final long SEED = 0x5AC4B10CL;
    private static final int ROUNDS = 100;
    private static final int MAX_TEXT = 40_000;
    private static final Gson GSON = GsonFactory.createSnakeCase();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OUTSIDER = "U0OUTSIDER";
    private static final String REQUESTER = "U0ALICE";

    private final Random random = new Random(SEED);

    @Test
    void every_message_and_view_passes_slacks_limits_whatever_its_input() {
        List<String> violations = new ArrayList<>();
        for (int round = 0; round < ROUNDS && violations.size() < 20; round++) {
            int at = round;
            messages().forEach((name, message) -> violations.addAll(problems("round " + at + ", " + name, message)));
            views().forEach((name, view) -> violations.addAll(problems("round " + at + ", " + name, view)));
        }

        assertThat(violations).isEmpty();
    }

    /** The inputs the black-box run found, each on its own. */
    @Nested
    class TheCasesFoundByHand {

        @Test
        void a_3500_character_path_in_the_path_list() {
            ParsedPaths parsed = parse(List.of("/" + "a".repeat(3_499)));

            assertThat(problems("pathList", Replies.pathList(parsed))).isEmpty();
        }

        @Test
        void query_paths_full_of_ampersands_in_the_path_list() {
            List<String> tokens = IntStream.range(0, 40)
                    .mapToObj(i -> "/search" + i + "?" + "a=1&".repeat(200))
                    .toList();

            assertThat(problems("pathList", Replies.pathList(parse(tokens)))).isEmpty();
        }

        @Test
        void a_deep_folders_wildcard_on_the_confirmation_button() {
            String deep = "/assets/releases/2024/q4/campaigns/black-friday/landing/images/";
            Suggestion suggestion = new Suggestion(List.of(deep + "*"), List.of(), 400, 1);

            assertThat(problems("confirmation", confirmation("web", "key", Optional.of(suggestion))))
                    .isEmpty();
        }

        @Test
        void a_long_alias_and_60_bad_tokens_in_the_refusal() {
            List<String> tokens = IntStream.range(0, 60)
                    .mapToObj(i -> "not-a-path-" + i + "-" + "x".repeat(40))
                    .toList();

            assertThat(problems("invalidPaths", Replies.invalidPaths("a".repeat(32), parse(tokens))))
                    .isEmpty();
        }
    }

    private Map<String, Message> messages() {
        Map<String, Message> messages = new LinkedHashMap<>();
        List<DistributionConfig> distributions = distributions();
        DistributionConfig distribution = distributions.isEmpty() ? distribution() : distributions.get(0);
        String alias = distribution.alias();
        ParsedPaths parsed = random.nextBoolean() ? parse(tokens()) : parsedDirectly();
        CdnException cdn = new CdnException(CdnException.Failure.UNEXPECTED, text(), text());
        AccessPolicy policy = new AccessPolicy(group -> Set.of(), user -> Workspace.Standing.MEMBER);
        AccessPolicy guests = new AccessPolicy(group -> Set.of(), user -> Workspace.Standing.GUEST);

        messages.put("help", Replies.help(distributions, Optional.of(usage())));
        messages.put("nameADistribution", Replies.nameADistribution(distributions));
        messages.put("unknownDistribution", Replies.unknownDistribution(text(), distributions));
        messages.put(
                "denied (channel)",
                Replies.denied(
                        policy.decide(OUTSIDER, "C0ELSEWHERE", distribution).reason()));
        messages.put(
                "denied (list)",
                Replies.denied(policy.decide(OUTSIDER, channelOf(distribution), distribution)
                        .reason()));
        messages.put(
                "denied (approver)",
                Replies.denied(
                        policy.mayApprove(OUTSIDER, REQUESTER, distribution).reason()));
        messages.put(
                "denied (guest)",
                Replies.denied(guests.decide(OUTSIDER, channelOf(distribution), distribution)
                        .reason()));
        messages.put(
                "denied (guest approver)",
                Replies.denied(
                        guests.mayApprove(OUTSIDER, REQUESTER, distribution).reason()));
        messages.put("distributionRemoved", Replies.distributionRemoved());
        messages.put("invalidPaths", Replies.invalidPaths(alias, parsed));
        messages.put("rateLimited", Replies.rateLimited("You started 5 invalidations in the last minute."));
        messages.put(
                "cannotPost",
                Replies.cannotPost(new ChatException(ChatException.Reason.UNAVAILABLE, text(), null), "C0OPS"));
        messages.put(
                "cannotPost (direct message)",
                Replies.cannotPost(new ChatException(ChatException.Reason.NOT_IN_CHANNEL, text(), null), "D0CAROL"));
        messages.put("cdnProblem", Replies.cdnProblem(cdn));
        messages.put("confirmationGone", Replies.confirmationGone());
        messages.put("heldByAnotherInstance", Replies.heldByAnotherInstance());
        messages.put("formHeldByAnotherInstance", Replies.formHeldByAnotherInstance());
        messages.put("unreadableButton", Replies.unreadableButton());
        messages.put("notYourRequest", Replies.notYourRequest(userId()));
        messages.put("cancelled", Replies.cancelled(alias));
        messages.put("confirmed", Replies.confirmed(alias, random.nextInt(3_001)));
        messages.put("formUnavailable", Replies.formUnavailable());
        messages.put(
                "approvalWanted",
                Replies.approvalWanted(REQUESTER, distribution.approval().approvers()));
        messages.put("approvalGone", Replies.approvalGone());
        messages.put("approvedNotice", Replies.approvedNotice(REQUESTER, userId()));
        messages.put("rejectedNotice", Replies.rejectedNotice(REQUESTER, userId()));
        messages.put("expiredNotice", Replies.expiredNotice(REQUESTER));
        messages.put("lateDecision", Replies.lateDecision());
        messages.put("notRunNotice", Replies.notRunNotice(REQUESTER));
        messages.put("internalError", Replies.internalError());
        messages.put("pathList", Replies.pathList(parsed));
        messages.put("failedNotice", Replies.failedNotice(REQUESTER, cdn));
        messages.put("status", Replies.status(alias, invalidation(distribution), Optional.of(monthCount())));
        messages.put("noInvalidations", Replies.noInvalidations(alias));
        messages.put("recent", Replies.recent(alias, some(() -> counted(distribution), 30)));
        statusCards(distribution).forEach((state, card) -> {
            messages.put("StatusCard " + state, card.message());
            if (card.state() == StatusCard.State.COMPLETED || card.state() == StatusCard.State.FAILED) {
                messages.put("outcomeNotice " + state, Replies.outcomeNotice(card));
            }
        });
        messages.put("ConfirmationCard", confirmation(alias, key(), suggestion()));
        List<String> members = some(this::alias, 40);
        List<GroupCard.Refusal> refusals = some(() -> new GroupCard.Refusal(alias(), text()), 40);
        messages.put(
                "GroupCard",
                new GroupCard(
                                key(),
                                alias(),
                                members.isEmpty() ? List.of(alias) : members,
                                refusals,
                                random.nextInt(10_001),
                                some(this::text, 20),
                                some(() -> "#" + text(), 20),
                                random.nextBoolean(),
                                random.nextInt(10_001),
                                BigDecimal.valueOf(random.nextInt(1_000_000), 3),
                                random.nextInt(1_001),
                                monthCount())
                        .message());
        messages.put("GroupReplies.allRefused", GroupReplies.allRefused(alias(), refusals));
        List<String> tags = some(() -> "#" + text(), 60);
        messages.put("CacheTagReplies.notHonoured", CacheTagReplies.notHonoured(alias, tags));
        messages.put("CacheTagReplies.notForTenants", CacheTagReplies.notForTenants(alias, tags));
        messages.put("CacheTagReplies.unchecked", CacheTagReplies.unchecked(alias, cdn));
        messages.put("GroupReplies.sending", GroupReplies.sending(members, random.nextInt(10_001)));
        messages.put(
                "GroupReplies.nameTheMember",
                GroupReplies.nameTheMember(alias(), members.isEmpty() ? List.of(alias) : members));
        GroupStatusCard groupStatus = new GroupStatusCard(
                alias(),
                REQUESTER,
                random.nextInt(10_001),
                random.nextBoolean() ? Optional.of(text()) : Optional.empty(),
                some(() -> new GroupStatusCard.Line(alias(), Optional.of(text()), random.nextBoolean()), 40));
        messages.put("GroupStatusCard", groupStatus.message());
        messages.put("GroupReplies.ended", GroupReplies.ended(groupStatus));
        statusCards(distribution).forEach((state, card) -> {
            if (card.state() == StatusCard.State.COMPLETED || card.state() == StatusCard.State.FAILED) {
                messages.put("memberOutcomeNotice " + state, Replies.memberOutcomeNotice(card));
            }
        });
        messages.put("Replies.memberFailedNotice", Replies.memberFailedNotice(alias, cdn));
        messages.put(
                "RefreshReplies.ofMember",
                RefreshReplies.ofMember(alias, RefreshReplies.report(REQUESTER, alias, refreshReport())));
        messages.put("RefreshReplies.report", RefreshReplies.report(REQUESTER, alias, refreshReport()));
        messages.put("RefreshReplies.nothingChecked", RefreshReplies.nothingChecked(alias, plan()));
        messages.put("RefreshReplies.domainsUnreadable", RefreshReplies.domainsUnreadable(cdn));
        return messages;
    }

    private Map<String, View> views() {
        Map<String, View> views = new LinkedHashMap<>();
        List<DistributionConfig> distributions = distributions();
        List<RequestForm.Choice> choices = distributions.stream()
                .map(d -> new RequestForm.Choice(d.alias(), d.alias() + " · " + d.id() + " · " + text()))
                .toList();
        views.put("form", RequestModal.form(new RequestForm(Optional.of("C0OPS"), choices)));
        views.put("form from Home", RequestModal.form(new RequestForm(Optional.empty(), choices)));
        String alias = distributions.isEmpty() ? "web" : distributions.get(0).alias();
        ConfirmationCard card = card(alias, key(), suggestion());
        views.put("form confirmation", RequestModal.confirmation(card));
        views.put("form notice", RequestModal.notice(Replies.notYourRequest(REQUESTER)));
        Map<String, String> domains = new HashMap<>();
        Map<String, String> links = new HashMap<>();
        distributions.forEach(d -> domains.put(d.id(), text()));
        List<Invalidation> inProgress = some(() -> counted(distribution()), 30);
        List<Invalidation> completed = some(() -> counted(distribution()), 30);
        inProgress.forEach(i -> links.put(i.id(), "https://sim.slack.com/archives/C0OPS/p" + random.nextLong()));
        Message home = new HomeView(
                        distributions,
                        domains,
                        inProgress,
                        completed,
                        links,
                        random.nextBoolean() ? Optional.of(usage()) : Optional.empty(),
                        List.of(),
                        cacheTags(distributions))
                .message();
        views.put(
                "Home",
                View.builder().type("home").blocks(SlackMessages.blocks(home)).build());
        views.put(
                "Home past the reads limit",
                View.builder()
                        .type("home")
                        .blocks(SlackMessages.blocks(HomeView.limited(
                                "You asked me for 30 answers in the last minute, the most one person may; try again"
                                        + " in 60 s.")))
                        .build());
        return views;
    }

    // ---- what Slack would say

    private static List<String> problems(String name, Message message) {
        JsonNode blocks = json(GSON.toJson(SlackMessages.blocks(message)));
        List<String> problems = new ArrayList<>();
        BlockKitRules.blockProblems(blocks, BlockKitRules.Surface.MESSAGE)
                .forEach(problem -> problems.add(name + ": " + problem));
        if (BlockKitRules.textLength(blocks) > BlockKitRules.MAX_MESSAGE_BLOCKS_TEXT) {
            problems.add(name + ": msg_blocks_too_long, " + BlockKitRules.textLength(blocks) + " characters of text");
        }
        if (message.text().length() > MAX_TEXT) {
            problems.add(name + ": a fallback text of " + message.text().length() + " characters");
        }
        return problems;
    }

    private static List<String> problems(String name, View view) {
        return BlockKitRules.viewProblems(json(GSON.toJson(view))).stream()
                .map(problem -> name + ": " + problem)
                .toList();
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- extreme inputs

    private static final String[] PIECES = {
        "a",
        "a",
        "a",
        "Z",
        "/",
        "&",
        "&",
        "<",
        ">",
        "?",
        "=",
        "`",
        "*",
        "_",
        "~",
        "\n",
        " ",
        "😀",
        "👍🏽",
        "日",
        "é",
        "<!channel>",
        "<@U0ALICE>",
        "&amp;",
        "%2F"
    };
    private static final int[] LENGTHS = {0, 1, 5, 30, 80, 200, 1_000, 2_999, 3_000, 4_000};

    private String text() {
        int length = LENGTHS[random.nextInt(LENGTHS.length)];
        StringBuilder text = new StringBuilder(Math.max(1, length));
        while (text.length() < length) {
            text.append(PIECES[random.nextInt(PIECES.length)]);
        }
        return text.length() == 0 ? "x" : text.toString();
    }

    /** What buttons carry: a ticket, at most 2,000 characters by its own rule, or a request's id. */
    private String key() {
        String key = text();
        return key.length() > 2_000 ? key.substring(0, 2_000) : key;
    }

    private String path() {
        return "/" + text().replaceAll("\\s", "_");
    }

    /** Most paths are short, as in requests: one in ten extreme ones reach every limit as well. */
    private String mostlyShortPath() {
        return random.nextInt(10) == 0 ? path() : "/p" + random.nextInt();
    }

    private <T> T oneOf(List<T> choices) {
        return choices.get(random.nextInt(choices.size()));
    }

    private <T> List<T> some(Supplier<T> one, int atMost) {
        int count = random.nextInt(4) == 0 ? atMost : random.nextInt(atMost / 3 + 1);
        return IntStream.range(0, count).mapToObj(i -> one.get()).toList();
    }

    private String id(char first, int length) {
        StringBuilder id = new StringBuilder().append(first);
        while (id.length() < length) {
            id.append((char) ('A' + random.nextInt(26)));
        }
        return id.toString();
    }

    private String userId() {
        return id('U', random.nextBoolean() ? 11 : 32);
    }

    private String alias() {
        int length = random.nextBoolean() ? 32 : 1 + random.nextInt(32);
        StringBuilder alias = new StringBuilder();
        while (alias.length() < length) {
            alias.append(
                    "abcdefghijklmnopqrstuvwxyz0123456789-_".charAt(random.nextInt(alias.length() == 0 ? 26 : 38)));
        }
        return List.of("help", "status", "list").contains(alias.toString()) ? "web" : alias.toString();
    }

    /** A few ids, or with {@code crowded} often hundreds. */
    private AccessList accessList(char kind, boolean crowded) {
        int count = crowded && random.nextBoolean() ? 1 + random.nextInt(300) : 1 + random.nextInt(3);
        List<String> ids = IntStream.range(0, count)
                .mapToObj(i -> id(kind == 'U' && random.nextBoolean() ? 'S' : kind, 3 + random.nextInt(30)))
                .toList();
        return AccessList.of(ids.toArray(String[]::new));
    }

    private DistributionConfig distribution() {
        return distribution(true);
    }

    /** With {@code crowded}, channels, users and approvers by the hundred. */
    private DistributionConfig distribution(boolean crowded) {
        return new DistributionConfig(
                alias(),
                id('E', random.nextBoolean() ? 14 : 32),
                random.nextInt(4) == 0 ? AccessList.anyone() : accessList('C', crowded),
                random.nextInt(4) == 0 ? AccessList.anyone() : accessList('U', crowded),
                Optional.empty(),
                new Approval(accessList('U', crowded), Approval.Scope.ALL));
    }

    /** More than a menu holds, sometimes; the first one crowded, the others with a few ids each. */
    private List<DistributionConfig> distributions() {
        List<DistributionConfig> distributions = new ArrayList<>(some(() -> distribution(false), 150));
        if (!distributions.isEmpty()) {
            distributions.set(0, distribution());
        }
        return distributions;
    }

    private static String channelOf(DistributionConfig distribution) {
        return distribution.channels().allowsAnyone()
                ? "C0OPS"
                : distribution.channels().ids().iterator().next();
    }

    private Map<String, MonthCount> usage() {
        Map<String, MonthCount> usage = new LinkedHashMap<>();
        int accounts = random.nextInt(3) == 0 ? 200 : 1 + random.nextInt(3);
        for (int i = 0; i < accounts; i++) {
            usage.put(String.format("%012d", random.nextInt(Integer.MAX_VALUE)), monthCount());
        }
        return usage;
    }

    /** A month's count fresh, as of any time this month, or not known. */
    private MonthCount monthCount() {
        return switch (random.nextInt(3)) {
            case 0 -> MonthCount.fresh(random.nextInt(Integer.MAX_VALUE));
            case 1 ->
                MonthCount.asOf(
                        random.nextInt(Integer.MAX_VALUE), Duration.ofSeconds(1 + random.nextInt(31 * 24 * 3600)));
            default -> MonthCount.notKnown();
        };
    }

    private List<String> tokens() {
        return some(() -> random.nextInt(10) == 0 ? text() : mostlyShortPath(), 300);
    }

    private static ParsedPaths parse(List<String> tokens) {
        return new PathParser(PathLimits.cloudFrontDefaults()).parse(tokens, Set.of("www.example.com"));
    }

    private ParsedPaths parsedDirectly() {
        return new ParsedPaths(
                some(() -> new InvalidationPath(mostlyShortPath(), mostlyShortPath(), InvalidationPath.Kind.FILE), 300),
                some(() -> new PathProblem(mostlyShortPath(), text()), 300),
                some(() -> new DroppedPath(mostlyShortPath(), text()), 300),
                some(() -> new PathWarning(mostlyShortPath(), text()), 300),
                some(
                        () -> new InvalidationPath(mostlyShortPath(), mostlyShortPath(), InvalidationPath.Kind.FILE),
                        300));
    }

    /** An invalidation whose paths are listed in full. */
    private Invalidation invalidation(DistributionConfig distribution) {
        return invalidation(distribution, some(this::mostlyShortPath, 3_000));
    }

    /** An invalidation shown by its count of paths: the paths themselves don't matter. */
    private Invalidation counted(DistributionConfig distribution) {
        return invalidation(distribution, Collections.nCopies(random.nextInt(3_001), "/index.html"));
    }

    private Invalidation invalidation(DistributionConfig distribution, List<String> paths) {
        return new Invalidation(
                distribution.id(),
                id('I', 14),
                random.nextBoolean() ? InvalidationStatus.COMPLETED : InvalidationStatus.IN_PROGRESS,
                Instant.ofEpochSecond(1_700_000_000L + random.nextInt(100_000_000)),
                paths,
                random.nextBoolean() ? "invalidator/1/C0OPS/1700000000.000100/" + userId() : text());
    }

    private Map<String, StatusCard> statusCards(DistributionConfig distribution) {
        Instant started = Instant.ofEpochSecond(1_700_000_000L);
        StatusCard requesting = StatusCard.requesting(
                        REQUESTER, distribution.alias(), distribution.id(), random.nextInt(3_001))
                .withNote(Optional.of(text()));
        StatusCard inProgress = requesting.inProgress(id('I', 14), started);
        StatusCard completed = inProgress.completed(started.plusSeconds(random.nextInt(100_000)));
        Map<String, StatusCard> cards = new LinkedHashMap<>();
        cards.put("requesting", requesting);
        cards.put("awaiting approval", requesting.awaitingApproval(Optional.of(key())));
        cards.put("rejected", requesting.rejected(userId()));
        cards.put("expired", requesting.expired(Duration.ofSeconds(random.nextInt(1_000_000))));
        cards.put("duplicate", requesting.duplicate());
        cards.put("in progress", inProgress);
        cards.put("completed", completed.withRefreshMark(Optional.of(text())));
        cards.put("failed", inProgress.failed(text(), text()));
        cards.put("refused", requesting.refused(text()));
        cards.put("not sent", requesting.notSent());
        cards.put("unchecked", requesting.unchecked());
        cards.put("lost", inProgress.lost(text()));
        return cards;
    }

    private Optional<Suggestion> suggestion() {
        if (random.nextInt(3) == 0) {
            return Optional.empty();
        }
        List<String> wildcards = some(() -> path() + "/*", 60);
        return Optional.of(new Suggestion(
                wildcards.isEmpty() ? List.of(path() + "/*") : wildcards,
                some(this::path, 100),
                random.nextInt(3_001),
                random.nextInt(3_001)));
    }

    private ConfirmationCard card(String alias, String key, Optional<Suggestion> suggestion) {
        int paths = random.nextInt(3_001);
        return new ConfirmationCard(
                key,
                alias,
                id('E', 32),
                paths,
                wipes(),
                tags(),
                random.nextBoolean(),
                random.nextInt(3_001),
                random.nextBoolean()
                        ? Pricing.charge(paths, random.nextInt(1_000_000))
                        : Pricing.charge(paths, monthCount()),
                suggestion);
    }

    /** The wildcards at the top level of a request: none, {@code /*}, or many long ones. */
    private List<String> wipes() {
        return switch (random.nextInt(3)) {
            case 0 -> List.of();
            case 1 -> List.of("/*");
            default -> some(() -> path().replace("*", "") + "*", 30);
        };
    }

    /** Each distribution's cache tag header, known or not, and long. */
    private Map<String, Optional<String>> cacheTags(List<DistributionConfig> distributions) {
        Map<String, Optional<String>> headers = new HashMap<>();
        distributions.forEach(d -> {
            if (random.nextBoolean()) {
                headers.put(d.id(), random.nextBoolean() ? Optional.of(text()) : Optional.empty());
            }
        });
        return headers;
    }

    /** A request's cache tags: none, one, or many of CloudFront's longest. */
    private List<String> tags() {
        return switch (random.nextInt(3)) {
            case 0 -> List.of();
            case 1 -> List.of("#release-42");
            default -> some(() -> "#" + "t".repeat(256), 30);
        };
    }

    private Message confirmation(String alias, String key, Optional<Suggestion> suggestion) {
        return card(alias, key, suggestion).message();
    }

    private CheckPlan plan() {
        return new CheckPlan(
                some(this::path, 100),
                random.nextInt(3_000),
                some(() -> path() + "*", 60),
                some(() -> "#" + "t".repeat(256), 60));
    }

    private RefreshReport refreshReport() {
        List<UrlCheck> checks = new ArrayList<>();
        int count = random.nextInt(4) == 0 ? 100 : random.nextInt(12);
        for (int i = 0; i < count; i++) {
            String path = path();
            String url = "https://www.example.com" + path;
            checks.add(
                    switch (random.nextInt(3)) {
                        case 0 ->
                            new UrlCheck.Fresh(
                                    path, url, new Freshness(Freshness.Verdict.FRESH, text(), Optional.empty()));
                        case 1 ->
                            new UrlCheck.Stale(
                                    path,
                                    url,
                                    200,
                                    random.nextBoolean() ? path : path(),
                                    new EdgeAnswer(
                                            200,
                                            Optional.of(text()),
                                            Optional.of(random.nextLong()),
                                            Optional.of(text()),
                                            Optional.of(text())),
                                    Duration.ofSeconds(random.nextInt(1_000_000)),
                                    new StaleCause(
                                            oneOf(List.of(StaleCause.Kind.values())),
                                            Optional.of(path()),
                                            Optional.of(path())));
                        default -> new UrlCheck.Unchecked(path, url, text());
                    });
        }
        return new RefreshReport(checks, plan());
    }
}

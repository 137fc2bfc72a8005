package dev.invalidator.flow;

import dev.invalidator.cdn.CdnException;
import dev.invalidator.chat.Chat;
import dev.invalidator.chat.ChatException;
import dev.invalidator.chat.GroupCard;
import dev.invalidator.chat.GroupReplies;
import dev.invalidator.chat.GroupStatusCard;
import dev.invalidator.chat.PostedMessage;
import dev.invalidator.chat.Replies;
import dev.invalidator.chat.Responder;
import dev.invalidator.chat.StepReplies;
import dev.invalidator.config.BotConfig;
import dev.invalidator.config.DistributionConfig;
import dev.invalidator.config.DistributionGroup;
import dev.invalidator.cost.MonthCount;
import dev.invalidator.cost.MonthToDatePaths;
import dev.invalidator.cost.PathCharge;
import dev.invalidator.cost.Pricing;
import dev.invalidator.request.InvalidationPath;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * {@code /invalidate sites /index.html} where {@code sites} is a distribution group: the request is checked as if typed
 * once per member, and each member that takes it goes through the single-distribution flow ({@link
 * SubmitInvalidation#run}) on its own — its own status message, CallerReference, place in the queue, approval,
 * tracking, refresh check and recovery — so that every guarantee of a request holds for each member unchanged. The
 * channel shows one message for the whole request, a line per member; each member's status message is a reply in its
 * thread ({@link GroupLines} keeps the lines in step and posts the one notice once all have ended).
 *
 * <p>What is decided over the whole request: whether to ask first. When a member refuses, or the members that may go
 * together wipe, pass {@code confirm.pathThreshold} or cost money, the person gets one private card naming each
 * refused member and why, with "Send to …" (the members that may go) and "Send nothing". The card's buttons carry the
 * request ({@link GroupCardKey}), so a click that reaches another instance goes on there, each member checked again as
 * if typed; only a request too big for a button is held by the instance that asked alone.
 */
final class GroupRequests {

    private final BotConfig config;
    private final Chat chat;
    private final SubmitInvalidation submit;
    private final Queries queries;
    private final MonthToDatePaths usage;
    private final AuditLog audit;
    private final Clock clock;
    private final PendingRequests<Held> pending;

    /** A group request asked about and held here until its requester chooses. */
    private record Held(String requester, List<PreparedRequest> going, Instant askedAt) {}

    GroupRequests(
            BotConfig config,
            Chat chat,
            SubmitInvalidation submit,
            Queries queries,
            MonthToDatePaths usage,
            AuditLog audit,
            Clock clock) {
        this.config = config;
        this.chat = chat;
        this.submit = submit;
        this.queries = queries;
        this.usage = usage;
        this.audit = audit;
        this.clock = clock;
        this.pending = new PendingRequests<>(config.confirm().expiresAfter(), clock);
    }

    /** The group {@code target} names, if it names one rather than a distribution. */
    Optional<DistributionGroup> named(Optional<String> target) {
        return target.flatMap(config::group);
    }

    void submit(SlashCommand command, DistributionGroup group, Command.Invalidate typed, Responder responder) {
        submit(command, group, typed.pathTokens(), Optional.empty(), responder);
    }

    /**
     * A group picked in the form: checked like a typed request once the form has closed (each member's checks may
     * ask Slack and CloudFront, which the form's answer may not wait for), the answers whispered in its channel.
     */
    void submitFromForm(
            String requester, String channel, DistributionGroup group, List<String> tokens, Optional<String> note) {
        Responder whisper = message -> chat.whisper(channel, requester, message);
        submit(new SlashCommand(requester, channel, "", ""), group, tokens, note, whisper);
    }

    /**
     * The groups the form lists for a person: those with a member among {@code usable}, the distributions they may
     * use there.
     */
    List<DistributionGroup> usable(List<DistributionConfig> usable) {
        return config.distributionGroups().values().stream()
                .filter(group -> usable.stream().anyMatch(d -> group.members().contains(d.alias())))
                .toList();
    }

    /** The members checked as if typed once each: those that may go, and those refused with why. */
    private record Checked(
            List<PreparedRequest> going, List<GroupCard.Refusal> refused, List<Preparation.Refused> refusals) {}

    /** Each member checked as if {@code command} had named it alone; each refusal audited. */
    private Checked check(
            SlashCommand command,
            DistributionGroup group,
            List<String> tokens,
            Optional<String> note,
            Optional<StepExecution> step) {
        List<PreparedRequest> going = new ArrayList<>();
        List<GroupCard.Refusal> refused = new ArrayList<>();
        List<Preparation.Refused> refusals = new ArrayList<>();
        for (String member : group.members()) {
            Preparation preparation = submit.prepare(command.userId(), command.channelId(), member, tokens, note);
            if (preparation instanceof Preparation.Ready ready) {
                going.add(ready.request().forStep(step));
            } else if (preparation instanceof Preparation.Refused refusal) {
                audit.record(AuditEntry.refused(refusal, command, new Command.Invalidate(member, tokens))
                        .fromStep(step));
                refused.add(new GroupCard.Refusal(member, refusal.inline()));
                refusals.add(refusal);
            }
        }
        return new Checked(going, refused, refusals);
    }

    private void submit(
            SlashCommand command,
            DistributionGroup group,
            List<String> tokens,
            Optional<String> note,
            Responder responder) {
        Checked checked = check(command, group, tokens, note, Optional.empty());
        List<PreparedRequest> going = checked.going();
        List<GroupCard.Refusal> refused = checked.refused();
        if (going.isEmpty()) {
            // Paths wrong for every member are one problem: its full answer says more than a line per member.
            responder.answer(
                    onlyPaths(checked)
                            ? checked.refusals().get(0).answer()
                            : GroupReplies.allRefused(group.name(), refused));
            return;
        }
        Instant now = clock.instant();
        String id = pending.newId();
        String key = GroupCardKey.of(
                group.name(),
                going.stream().map(request -> request.distribution().alias()).toList(),
                RequestTicket.of(id, going.get(0), now));
        GroupCard card;
        try {
            card = card(key, group, going, refused);
        } catch (CdnException e) {
            responder.answer(Replies.cdnProblem(e));
            return;
        }
        if (refused.isEmpty() && !worthAsking(card)) {
            send(group.name(), going, responder, responder, Optional.empty());
            return;
        }
        pending.put(id, new Held(command.userId(), going, now));
        responder.answer(card.message());
    }

    private static boolean onlyPaths(Checked checked) {
        return checked.going().isEmpty()
                && checked.refusals().stream().allMatch(r -> r.field() == Preparation.Field.PATHS);
    }

    /**
     * A workflow's step whose target is a group: all or nothing, as its author wants — a member refused fails the step
     * before anything is posted, and so does what a typed request would ask to confirm (nobody can click in a
     * workflow) unless every member it would ask about has {@code workflowsSkipConfirm}. Otherwise it goes as a typed
     * group request does, with the step's run in the group message's facts.
     *
     * @param fail fails the step with a sentence saying what was wrong and what to do
     */
    void runStep(StepRun run, DistributionGroup group, Consumer<String> fail) {
        StepExecution step = run.execution();
        SlashCommand as = new SlashCommand(run.user(), run.channel(), "", "");
        Checked checked = check(as, group, run.pathTokens(), run.note(), Optional.of(step));
        if (!checked.refused().isEmpty()) {
            fail.accept(
                    onlyPaths(checked)
                            ? StepReplies.refused(checked.refusals().get(0).inline())
                            : StepReplies.membersRefused(group.name(), checked.refused()));
            return;
        }
        List<PreparedRequest> going = checked.going();
        GroupCard card;
        try {
            card = card("", group, going, List.of());
        } catch (CdnException e) {
            fail.accept(StepReplies.refused(Replies.cdnProblem(e)));
            return;
        }
        List<String> unconfirmed = asked(card, going).stream()
                .filter(request -> !request.distribution().workflowsSkipConfirm())
                .map(request -> request.distribution().alias())
                .toList();
        if (!unconfirmed.isEmpty()) {
            going.forEach(request ->
                    audit.record(AuditEntry.of(AuditEntry.Decision.CANCELLED, request, "a workflow can't confirm it")));
            fail.accept(StepReplies.groupNeedsConfirmation(card, unconfirmed));
            return;
        }
        Responder failStep = answer -> fail.accept(StepReplies.refused(answer));
        // A member refused at the last moment ends as not sent, and the step as failed once the group ends; the person
        // the step runs for is told why, privately, as a typed request's requester is.
        Responder whisper = answer -> chat.whisper(run.channel(), run.user(), answer);
        send(group.name(), going, failStep, whisper, Optional.of(step));
    }

    /**
     * The members a typed request's card would ask about: those whose paths wipe, and every member for a cache tag,
     * more paths than {@code confirm.pathThreshold} over all, or a charge (it is priced over all members' accounts).
     */
    private static List<PreparedRequest> asked(GroupCard card, List<PreparedRequest> going) {
        if (!card.tags().isEmpty() || card.overThreshold() || card.charge().signum() > 0) {
            return going;
        }
        return going.stream()
                .filter(request -> !request.paths().wipes().isEmpty())
                .toList();
    }

    private boolean worthAsking(GroupCard card) {
        return !card.wipes().isEmpty()
                || !card.tags().isEmpty()
                || card.overThreshold()
                || card.charge().signum() > 0;
    }

    /** The question over the whole request: the paths of every member that goes, charged per AWS account. */
    private GroupCard card(
            String key, DistributionGroup group, List<PreparedRequest> going, List<GroupCard.Refusal> refused) {
        Map<String, Integer> pathsByAccount = new LinkedHashMap<>();
        List<String> wipes = new ArrayList<>();
        int total = 0;
        for (PreparedRequest request : going) {
            int paths = request.paths().accepted().size();
            total += paths;
            pathsByAccount.merge(request.distribution().account(), paths, Integer::sum);
            request.paths().wipes().stream()
                    .map(InvalidationPath::value)
                    .filter(wipe -> !wipes.contains(wipe))
                    .forEach(wipes::add);
        }
        Map<String, MonthCount> used = usage.countThisMonthByAccount(
                going.stream().map(request -> request.distribution().id()).toList());
        BigDecimal charge = BigDecimal.ZERO;
        int freeLeft = 0;
        for (Map.Entry<String, Integer> account : pathsByAccount.entrySet()) {
            PathCharge part = Pricing.charge(account.getValue(), used.get(account.getKey()));
            charge = charge.add(part.charge());
            freeLeft += part.freeLeftBefore() - part.freeUsedByRequest();
        }
        return new GroupCard(
                key,
                group.name(),
                going.stream().map(request -> request.distribution().alias()).toList(),
                refused,
                going.get(0).paths().accepted().size(),
                wipes,
                CacheTags.tags(going.get(0).paths()),
                total > config.confirm().pathThreshold(),
                config.confirm().pathThreshold(),
                charge,
                freeLeft,
                MonthCount.together(used.values()));
    }

    /**
     * Posts the group's one message in the channel, then sends each member that may go through the single-distribution
     * flow with its status message in that message's thread: no member waits on another. The group message's lines
     * follow the members from there on ({@link GroupLines}); a member refused at the last moment (a rate limit, a full
     * queue, Slack refusing its message) is told privately, as a request of its own would be, and its line says not sent.
     */
    private void send(
            String group,
            List<PreparedRequest> going,
            Responder responder,
            Responder memberRefused,
            Optional<StepExecution> step) {
        PreparedRequest first = going.get(0);
        List<String> members =
                going.stream().map(request -> request.distribution().alias()).toList();
        GroupStatusCard card = new GroupStatusCard(
                group,
                first.requester(),
                first.paths().accepted().size(),
                first.note(),
                members.stream().map(GroupStatusCard.Line::waiting).toList());
        PostedMessage message;
        try {
            message = chat.post(first.channel(), card.message(), GroupFacts.of(card, members, List.of(), step));
        } catch (ChatException e) {
            responder.answer(Replies.cannotPost(e, first.channel()));
            return;
        }
        List<String> notSent = new ArrayList<>();
        for (PreparedRequest request : going) {
            // The single-distribution flow answers its requester only when it posts no status message.
            AtomicBoolean answered = new AtomicBoolean();
            submit.run(
                    request.inGroup(message),
                    answer -> {
                        answered.set(true);
                        memberRefused.answer(answer);
                    },
                    Optional.empty());
            if (answered.get()) {
                notSent.add(request.distribution().alias());
            }
        }
        if (!notSent.isEmpty()) {
            // The edit of a group message's facts makes its lines look again (GroupLines): these end as not sent.
            Quietly.show(
                    "the members not sent",
                    () -> chat.update(message, card.message(), GroupFacts.of(card, members, notSent, step)));
        }
    }

    /**
     * "Send to …" or "Send nothing" on a group's card. Only the requester may choose; each member is checked again
     * at the moment of sending — as held here, or parsed from the card's ticket as if typed — and one refused by then
     * is named while the others go.
     */
    void click(String userId, String action, String key, Responder replace, Responder whisper) {
        Optional<GroupCardKey> card = GroupCardKey.parse(key);
        if (card.isEmpty()) {
            whisper.answer(Replies.unreadableButton());
            return;
        }
        String id = card.get().id();
        if (pending.answered(id)) {
            replace.answer(Replies.confirmationGone());
            return;
        }
        Optional<List<Waiting>> members = waiting(card.get());
        if (members.isEmpty()) {
            whisper.answer(card.get().ticket().isPresent() ? Replies.confirmationGone() : GroupReplies.heldElsewhere());
            return;
        }
        String requester = members.get().get(0).requester();
        if (!requester.equals(userId)) {
            whisper.answer(Replies.notYourRequest(requester));
            return;
        }
        if (!pending.claim(id)) {
            replace.answer(Replies.confirmationGone());
            return;
        }
        if (GroupCard.SEND_NOTHING.equals(action)) {
            members.get().forEach(member -> audit.record(AuditEntry.cancelled(member)));
            replace.answer(GroupReplies.sentNothing(card.get().group()));
            return;
        }
        List<PreparedRequest> confirmed = new ArrayList<>();
        for (Waiting member : members.get()) {
            Preparation again = submit.recheck(member);
            if (again instanceof Preparation.Refused refusal) {
                audit.record(AuditEntry.refused(refusal, member));
                whisper.answer(refusal.answer());
            } else {
                PreparedRequest request = ((Preparation.Ready) again).request();
                audit.record(AuditEntry.of(AuditEntry.Decision.CONFIRMED, request, action));
                confirmed.add(request);
            }
        }
        if (!confirmed.isEmpty()) {
            replace.answer(GroupReplies.sending(
                    confirmed.stream()
                            .map(request -> request.distribution().alias())
                            .toList(),
                    confirmed.get(0).paths().accepted().size()));
        }
        if (!confirmed.isEmpty()) {
            send(card.get().group(), confirmed, whisper, whisper, Optional.empty());
        }
    }

    /**
     * The members a card's click sends to: as held here when this instance asked, else from its ticket while it has
     * not expired (a member no longer configured is left out: the config changed since the card was shown). Empty when
     * neither holds it.
     */
    private Optional<List<Waiting>> waiting(GroupCardKey card) {
        String id = card.id();
        Optional<Held> held = pending.peek(id);
        if (held.isPresent()) {
            return Optional.of(held.get().going().stream()
                    .map(request ->
                            (Waiting) new Waiting.Held(id, request, held.get().askedAt()))
                    .toList());
        }
        Optional<RequestTicket> ticket = card.ticket();
        Instant now = clock.instant();
        if (ticket.isEmpty()
                || ticket.get().askedAt().isAfter(now.plus(Confirmations.CLOCK_SKEW))
                || ticket.get().askedAt().plus(config.confirm().expiresAfter()).isBefore(now)) {
            return Optional.empty();
        }
        List<Waiting> members = card.going().stream()
                .flatMap(alias -> config.byAlias(alias).stream())
                .map(member -> (Waiting) new Waiting.Carried(ticket.get().forTarget(member.id())))
                .toList();
        return members.isEmpty() ? Optional.empty() : Optional.of(members);
    }

    /** {@code status sites}: the latest invalidation of each member, one answer per member. */
    void status(SlashCommand command, DistributionGroup group, Command.Status query, Responder responder) {
        if (query.invalidationId().isPresent()) {
            responder.answer(GroupReplies.nameTheMember(group.name(), group.members()));
            return;
        }
        group.members()
                .forEach(member ->
                        queries.status(command, new Command.Status(Optional.of(member), Optional.empty()), responder));
    }

    /** {@code list sites}: the recent invalidations of each member, one answer per member. */
    void list(SlashCommand command, DistributionGroup group, Responder responder) {
        group.members()
                .forEach(member -> queries.list(command, new Command.ListRecent(Optional.of(member)), responder));
    }
}

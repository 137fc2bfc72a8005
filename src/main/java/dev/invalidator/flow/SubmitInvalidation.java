package dev.invalidator.flow;

import dev.invalidator.access.AccessDecision;
import dev.invalidator.access.RateLimits;
import dev.invalidator.cdn.Cdn;
import dev.invalidator.cdn.CdnException;
import dev.invalidator.cdn.Distribution;
import dev.invalidator.cdn.DistributionCatalog;
import dev.invalidator.cdn.Invalidation;
import dev.invalidator.chat.Chat;
import dev.invalidator.chat.ConfirmationCard;
import dev.invalidator.chat.Message;
import dev.invalidator.chat.PostedMessage;
import dev.invalidator.chat.QueueReason;
import dev.invalidator.chat.Replies;
import dev.invalidator.chat.Responder;
import dev.invalidator.chat.StatusCard;
import dev.invalidator.config.DistributionConfig;
import dev.invalidator.cost.MonthToDatePaths;
import dev.invalidator.request.ParsedPaths;
import dev.invalidator.request.PathParser;
import dev.invalidator.tracking.Tracker;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens when someone types {@code /invalidate web /index.html}: check, post the status message, create the
 * invalidation with a reference derived from that message, show its id and paths, and hand it to the tracker.
 *
 * <p>Nothing is created before the status message exists, so every invalidation the bot makes has a visible home;
 * and every failure after that point is written into the status message, so no accepted request ends silently.
 */
final class SubmitInvalidation {

    /** A request that waited this long for CloudFront says so in its thread, shown queued or not. */
    static final Duration WAIT_WORTH_TELLING = Duration.ofSeconds(1);

    private static final Logger log = LoggerFactory.getLogger(SubmitInvalidation.class);

    private final Gate gate;
    private final DistributionCatalog catalog;
    private final PathParser parser;
    private final Cdn cdn;
    private final Chat chat;
    private final Tracker tracker;
    private final Confirmations confirmations;
    private final MonthToDatePaths monthToDate;
    private final Approvals approvals;
    private final RateLimits rateLimits;
    private final StatusPosts posts;
    private final AuditLog audit;
    private final CreateQueue queue;
    private final BatchMembers members;
    private final Clock clock;
    private final QueuedReadBack readBack;
    private final StepOutcomes steps;

    SubmitInvalidation(
            Gate gate,
            DistributionCatalog catalog,
            PathParser parser,
            Cdn cdn,
            Chat chat,
            Tracker tracker,
            Confirmations confirmations,
            MonthToDatePaths monthToDate,
            Approvals approvals,
            RateLimits rateLimits,
            StatusPosts posts,
            AuditLog audit,
            CreateQueue queue,
            BatchMembers members,
            StepOutcomes steps,
            Clock clock) {
        this.gate = gate;
        this.catalog = catalog;
        this.parser = parser;
        this.cdn = cdn;
        this.chat = chat;
        this.tracker = tracker;
        this.confirmations = confirmations;
        this.monthToDate = monthToDate;
        this.approvals = approvals;
        this.rateLimits = rateLimits;
        this.posts = posts;
        this.audit = audit;
        this.queue = queue;
        this.members = members;
        this.clock = clock;
        this.steps = steps;
        this.readBack = new QueuedReadBack(chat, clock);
        queue.sendWith(this::send);
    }

    void submit(SlashCommand command, Command.Invalidate request, Responder responder) {
        Preparation preparation = prepare(
                command.userId(), command.channelId(), request.target(), request.pathTokens(), Optional.empty());
        if (preparation instanceof Preparation.Ready ready) {
            confirmOrRun(ready.request(), responder);
        } else if (preparation instanceof Preparation.Refused refused) {
            audit.record(AuditEntry.refused(refused, command, request));
            responder.answer(refused.answer());
        }
    }

    /**
     * A waiting request, checked again at the moment of acting: one this instance holds was parsed when it was asked,
     * so only the access decision is taken again; one read from a ticket goes through every check a typed request
     * does, which is what makes a forged ticket worth no more than typing the command.
     */
    Preparation recheck(Waiting waiting) {
        if (waiting instanceof Waiting.Held held) {
            PreparedRequest request = held.request();
            AccessDecision decision = gate.recheck(request.requester(), request.channel(), request.distribution());
            if (!decision.allowed()) {
                return new Preparation.Refused(
                        Replies.denied(decision.reason()), Preparation.Field.DISTRIBUTION, decision.reason());
            }
            return tagsRefused(request).<Preparation>map(refused -> refused).orElse(new Preparation.Ready(request));
        }
        RequestTicket ticket = ((Waiting.Carried) waiting).ticket();
        return prepare(ticket.requester(), ticket.channel(), ticket.distributionId(), ticket.tokens(), ticket.note());
    }

    /**
     * Every check a request must pass: the distribution is known and allowed here, CloudFront can describe it, the
     * paths are valid, and tags go only where they invalidate something.
     */
    Preparation prepare(
            String requester, String channel, String target, List<String> pathTokens, Optional<String> note) {
        Gate.Admission admission = gate.check(requester, channel, Optional.of(target));
        if (admission.refusal().isPresent()) {
            return refused(admission.refusal().get());
        }
        DistributionConfig distribution = admission.distribution().orElseThrow();
        Distribution details;
        try {
            details = catalog.details(distribution);
        } catch (CdnException e) {
            return CacheTags.anyTyped(pathTokens)
                    ? CacheTags.unchecked(distribution, e)
                    : new Preparation.Refused(Replies.cdnProblem(e), Preparation.Field.DISTRIBUTION, e.getMessage());
        }
        return withPaths(requester, channel, distribution, details, pathTokens, note);
    }

    /**
     * The same checks from what is known now, asking neither Slack nor CloudFront, for a form's answer, which may not
     * wait: access from the cached answers, the domain names as last read (they rarely change). Empty when an answer
     * the checks need is not at hand.
     */
    Optional<Preparation> prepareFromWhatIsKnown(
            String requester, String channel, String target, List<String> pathTokens, Optional<String> note) {
        Optional<Gate.Admission> admission = gate.checkFromWhatIsKnown(requester, channel, target);
        if (admission.isEmpty()) {
            return Optional.empty();
        }
        if (admission.get().refusal().isPresent()) {
            return Optional.of(refused(admission.get().refusal().get()));
        }
        DistributionConfig distribution = admission.get().distribution().orElseThrow();
        return catalog.knownDetails(distribution)
                .map(details -> withPaths(requester, channel, distribution, details, pathTokens, note));
    }

    private static Preparation refused(Message answer) {
        return new Preparation.Refused(answer, Preparation.Field.DISTRIBUTION, answer.text());
    }

    private Preparation withPaths(
            String requester,
            String channel,
            DistributionConfig distribution,
            Distribution details,
            List<String> pathTokens,
            Optional<String> note) {
        ParsedPaths parsed = parser.parse(pathTokens, details.hosts());
        if (!parsed.ok()) {
            return new Preparation.Refused(
                    Replies.invalidPaths(distribution.alias(), parsed),
                    Preparation.Field.PATHS,
                    Replies.pathProblemsInline(parsed));
        }
        Optional<Preparation.Refused> tags = CacheTags.refusal(distribution, details, parsed);
        if (tags.isPresent()) {
            return tags.get();
        }
        return new Preparation.Ready(new PreparedRequest(requester, channel, distribution, parsed, note));
    }

    /**
     * The tags of a request prepared earlier, checked again against the distribution as CloudFront describes it now
     * (within the details' cache): its cache tag header may have gone since. Empty when they may go.
     */
    private Optional<Preparation.Refused> tagsRefused(PreparedRequest request) {
        if (CacheTags.tags(request.paths()).isEmpty()) {
            return Optional.empty();
        }
        try {
            return CacheTags.refusal(request.distribution(), catalog.details(request.distribution()), request.paths());
        } catch (CdnException e) {
            return Optional.of(CacheTags.unchecked(request.distribution(), e));
        }
    }

    /**
     * A form's request, accepted from what was known when the form was answered: access is decided again (asking
     * Slack if a cached answer has expired since) and whether to ask first is decided with this month's paths read
     * now, as for a typed request.
     */
    void submitFromForm(PreparedRequest request, Responder responder) {
        AccessDecision decision = gate.recheck(request.requester(), request.channel(), request.distribution());
        if (!decision.allowed()) {
            audit.record(AuditEntry.of(AuditEntry.Decision.DENIED, request, decision.reason()));
            responder.answer(Replies.denied(decision.reason()));
            return;
        }
        // The form's answer read the distribution as last known; what CloudFront says now decides.
        Optional<Preparation.Refused> tags = tagsRefused(request);
        if (tags.isPresent()) {
            audit.record(AuditEntry.of(
                    AuditEntry.Decision.INVALID, request, tags.get().inline()));
            responder.answer(tags.get().answer());
            return;
        }
        confirmOrRun(request, responder);
    }

    /** Asks first when the request is risky or costs money; runs it at once otherwise. */
    void confirmOrRun(PreparedRequest prepared, Responder responder) {
        Optional<ConfirmationCard> question;
        try {
            question = confirmations.ask(prepared);
        } catch (CdnException e) {
            responder.answer(Replies.cdnProblem(e));
            return;
        }
        question.ifPresentOrElse(
                card -> responder.answer(card.message()), () -> run(prepared, responder, Optional.empty()));
    }

    /**
     * Posts the status message, then creates the invalidation that belongs to it — or first waits for an approver.
     *
     * @param confirmed the confirmation the request went through, if it did: one status message goes on per confirmation
     */
    void run(PreparedRequest request, Responder responder, Optional<StatusPosts.Confirmed> confirmed) {
        Optional<Message> limited = admit(request);
        if (limited.isPresent()) {
            responder.answer(limited.get());
            return;
        }
        proceed(request, responder, confirmed);
    }

    /**
     * Counts the request against the rate limits: the answer to give when they refuse it (nothing is counted then),
     * else empty, and it counts.
     */
    Optional<Message> admit(PreparedRequest request) {
        Optional<String> limited = rateLimits.acquire(
                request.requester(),
                request.distribution().id(),
                request.distribution().alias());
        limited.ifPresent(reason -> audit.record(AuditEntry.of(AuditEntry.Decision.RATE_LIMITED, request, reason)));
        return limited.map(Replies::rateLimited);
    }

    /** {@link #run} for a request the rate limits have admitted already. */
    void proceed(PreparedRequest request, Responder responder, Optional<StatusPosts.Confirmed> confirmed) {
        StatusCard card = StatusCard.requesting(
                        request.requester(),
                        request.distribution().alias(),
                        request.distribution().id(),
                        request.paths().accepted().size())
                .withNote(request.note());
        if (approvals.required(request)) {
            audit.record(AuditEntry.of(AuditEntry.Decision.AWAITING_APPROVAL, request, ""));
            approvals.ask(request, card, responder, confirmed);
            return;
        }
        Optional<Integer> waiting = queue.full(request.distribution().id());
        if (waiting.isPresent()) {
            audit.record(
                    AuditEntry.of(AuditEntry.Decision.QUEUE_FULL, request, waiting.get() + " requests already queued"));
            responder.answer(Replies.queueFull(request.distribution().alias(), waiting.get()));
            return;
        }
        posts.post(request, card, Map.of(), confirmed, responder).ifPresent(status -> create(request, card, status));
    }

    /** An approver said yes: the request, checked again, goes on in the message that waited for them. */
    void approved(Approvals.Approved approved) {
        Preparation preparation = recheck(approved.request());
        if (preparation instanceof Preparation.Refused refused) {
            audit.record(
                    AuditEntry.refused(refused, approved.request()).fromStep(StatusFacts.sentFor(approved.facts())));
            Quietly.show(
                    "the refusal",
                    () -> chat.update(
                            approved.status(),
                            approved.card().refused(refused.inline()).message()));
            steps.ended(
                    approved.facts(),
                    approved.status(),
                    StatusCard.State.FAILED,
                    Optional.empty(),
                    OptionalInt.empty());
            return;
        }
        // A ticket carries no workflow step nor group: the message that waited names them, if a workflow asked.
        PreparedRequest request =
                ((Preparation.Ready) preparation).request().asPosted(approved.status(), approved.facts());
        create(request, approved.card(), approved.status());
    }

    /** Hands the request to the queue, which sends it now if CloudFront has room, or shows it queued until then. */
    private void create(PreparedRequest request, StatusCard card, PostedMessage status) {
        queue.offer(new CreateQueue.Entry(request, card, status, clock.instant()));
    }

    /**
     * Sends requests the queue let go, as one invalidation with the first one's reference derived from its status
     * message: shows its id and paths in each one's message, and hands it to the tracker; or tells the queue CloudFront
     * had no room after all. Before a create for several, each other member records the reference in its facts, so
     * that a sweep finding it left by a dead instance looks that invalidation up.
     */
    private CreateQueue.Sent send(List<CreateQueue.Entry> wanted) {
        Set<PostedMessage> cancelled = readBack.cancelled(wanted.stream()
                .filter(entry -> !entry.underway() && entry.wasShownQueued())
                .map(entry -> entry.status)
                .toList());
        List<CreateQueue.Entry> batch = wanted.stream()
                .filter(entry -> !cancelled.contains(entry.status))
                .toList();
        if (batch.isEmpty()) {
            log.info("The queued requests of {} were cancelled on another instance; nothing was sent", wanted);
            return CreateQueue.Sent.DONE;
        }
        CreateQueue.Entry first = batch.get(0);
        if (first.split()) {
            return sendNextBatch(first);
        }
        String reference =
                StatusReferences.of(first.status, first.request.requester()).encode();
        String distributionId = first.request.distribution().id();
        List<String> paths = batch.size() == 1 ? first.request.values() : CreateQueue.merged(batch);
        batch.stream()
                .skip(1)
                .forEach(member -> Quietly.show(
                        "the batch of a queued request",
                        () -> chat.update(
                                member.status,
                                member.card
                                        .queued(QueueReason.sendingWith(batch.size() - 1))
                                        .message(),
                                StatusFacts.inBatch(
                                        StatusFacts.queued(member.request, member.queuedAt, clock.instant()),
                                        reference))));
        Invalidation invalidation;
        try {
            invalidation = cdn.create(distributionId, reference, paths);
        } catch (CdnException e) {
            if (e.failure() == CdnException.Failure.THROTTLED) {
                return CreateQueue.Sent.NO_TURN;
            }
            if (e.failure() == CdnException.Failure.TOO_MANY_IN_PROGRESS) {
                return CreateQueue.Sent.FULL;
            }
            log.warn("Creating an invalidation on {} failed: {}", distributionId, e.getMessage());
            for (CreateQueue.Entry member : batch) {
                audit.record(AuditEntry.failed(member.request, e, reference));
                showFailed(member, e);
            }
            return CreateQueue.Sent.DONE;
        }
        log.info(
                "Created invalidation {} on {} ({} paths) for {} request(s), the first by {} in {}",
                invalidation.id(),
                distributionId,
                invalidation.paths().size(),
                batch.size(),
                first.request.requester(),
                first.request.channel());
        monthToDate.record(invalidation);
        batch.stream().skip(1).forEach(member -> members.add(invalidation.id(), member.status));
        for (CreateQueue.Entry member : batch) {
            shownSent(member, invalidation, reference, batch.size());
        }
        tracker.follow(invalidation);
        return CreateQueue.Sent.DONE;
    }

    /**
     * Sends the next batch of a request too large for CloudFront's in-progress limits, under a reference naming the
     * batch; its status message shows which batch is in progress and records how many there are.
     */
    private CreateQueue.Sent sendNextBatch(CreateQueue.Entry entry) {
        int number = entry.nextBatch();
        int of = entry.batches.size();
        String reference = StatusReferences.of(entry.status, entry.request.requester(), number, of)
                .encode();
        String distributionId = entry.distributionId();
        if (number == 1) {
            // Kept before the first batch goes, so that whoever finds the request left sends the rest.
            queue.keepPaths(entry);
        }
        Invalidation invalidation;
        try {
            invalidation = cdn.create(distributionId, reference, entry.nextPaths());
        } catch (CdnException e) {
            if (e.failure() == CdnException.Failure.THROTTLED) {
                return CreateQueue.Sent.NO_TURN;
            }
            if (e.failure() == CdnException.Failure.TOO_MANY_IN_PROGRESS) {
                return CreateQueue.Sent.FULL;
            }
            log.warn("Creating batch {} of {} on {} failed: {}", number, of, distributionId, e.getMessage());
            audit.record(AuditEntry.failed(entry.request, e, reference));
            showFailed(entry, e);
            return CreateQueue.Sent.DONE;
        }
        log.info(
                "Created invalidation {} on {}, batch {} of {} ({} paths) of the request of {} in {}",
                invalidation.id(),
                distributionId,
                number,
                of,
                invalidation.paths().size(),
                entry.request.requester(),
                entry.request.channel());
        monthToDate.record(invalidation);
        audit.record(AuditEntry.created(entry.request, invalidation, reference));
        // Registered now and sent in its turn, so that the next create waits on CloudFront alone, not on Slack.
        Quietly.showLater(
                "batch " + number + " of " + of + " in progress",
                () -> chat.updateLater(
                        entry.status,
                        entry.card
                                .inProgress(invalidation.id(), invalidation.createTime())
                                .inBatch(number, of)
                                .message(),
                        StatusFacts.withInvalidation(StatusFacts.of(entry.request), invalidation.id())));
        if (number == 1) {
            replySent(entry, 1);
            steps.created(StatusFacts.of(entry.request), entry.status, invalidation.id());
        }
        tracker.follow(invalidation);
        return CreateQueue.Sent.DONE;
    }

    /**
     * One request's status message and thread once its invalidation exists: the edit registered now and sent in its
     * turn, like the thread's reply, so that the next create waits on CloudFront alone, not on Slack. The invalidation
     * exists whatever Slack says now: a failed edit must not stop the tracker from following it.
     */
    private void shownSent(CreateQueue.Entry entry, Invalidation invalidation, String reference, int together) {
        audit.record(AuditEntry.created(entry.request, invalidation, reference));
        Message inProgress = entry.card
                .inProgress(invalidation.id(), invalidation.createTime())
                .message();
        // A workflow's step or a group's member names its invalidation in its facts, for whoever ends the step from
        // the message alone. Neither was confirmed in a chat; a request that was keeps the facts it was posted with,
        // whose confirmation's id stops a second click's message (StatusPosts).
        boolean named =
                entry.request.step().isPresent() || entry.request.group().isPresent();
        Quietly.showLater(
                "invalidation " + invalidation.id() + " in progress",
                () -> named
                        ? chat.updateLater(
                                entry.status,
                                inProgress,
                                StatusFacts.withInvalidation(StatusFacts.of(entry.request), invalidation.id()))
                        : chat.updateLater(entry.status, inProgress));
        replySent(entry, together);
        steps.created(StatusFacts.of(entry.request), entry.status, invalidation.id());
    }

    /**
     * The one reply in the thread of a request sent: how long it queued, if it was shown queued or waited {@link
     * #WAIT_WORTH_TELLING} (it may go before its place was shown), and its paths unless the thread keeps them already.
     */
    private void replySent(CreateQueue.Entry entry, int together) {
        Duration waited = Duration.between(entry.queuedAt, clock.instant());
        Optional<Duration> queued = entry.wasShownQueued() || waited.compareTo(WAIT_WORTH_TELLING) >= 0
                ? Optional.of(waited)
                : Optional.empty();
        Optional<ParsedPaths> paths = entry.pathsKept() ? Optional.empty() : Optional.of(entry.request.paths());
        Replies.sent(queued, together, paths)
                .ifPresent(reply -> Quietly.showLater("the request sent", () -> chat.replyLater(entry.status, reply)));
    }

    /** A request CloudFront refused for good: its message and a notice to its requester, sent in their turn. */
    private void showFailed(CreateQueue.Entry entry, CdnException e) {
        Quietly.showLater(
                "the failure",
                () -> chat.updateLater(
                        entry.status,
                        entry.card.failed(e.getMessage(), e.nextStep()).message()));
        Quietly.showLater(
                "the failure notice",
                () -> chat.replyLater(
                        entry.status,
                        entry.status.inThread()
                                ? Replies.memberFailedNotice(
                                        entry.request.distribution().alias(), e)
                                : Replies.failedNotice(entry.request.requester(), e)));
        steps.ended(
                StatusFacts.of(entry.request),
                entry.status,
                StatusCard.State.FAILED,
                Optional.empty(),
                OptionalInt.empty());
    }

    /**
     * A click on a queued request's Cancel: only its requester may, as the bot's own status message says — never the
     * click's payload. Taken out of this instance's queue if it waits here; otherwise the message is shown cancelled,
     * and the instance that holds it reads that before sending.
     */
    void cancelQueued(String userId, PostedMessage clicked, Responder whisper) {
        Optional<Chat.StatusRecord> record = chat.status(clicked);
        if (record.isEmpty() || !StatusCard.isQueued(record.get().text())) {
            whisper.answer(Replies.notQueued());
            return;
        }
        Optional<StatusCard> posted = StatusFacts.card(record.get().facts());
        if (posted.isEmpty()) {
            whisper.answer(Replies.notQueued());
            return;
        }
        if (!posted.get().requester().equals(userId)) {
            whisper.answer(Replies.notYourRequest(posted.get().requester()));
            return;
        }
        Optional<CreateQueue.Entry> taken = queue.cancel(clicked);
        StatusCard card = taken.map(entry -> entry.card).orElse(posted.get());
        taken.ifPresent(entry -> audit.record(AuditEntry.of(AuditEntry.Decision.CANCELLED, entry.request, "")));
        Quietly.show(
                "the cancellation", () -> chat.update(clicked, card.cancelled().message()));
        steps.ended(record.get().facts(), clicked, StatusCard.State.CANCELLED, Optional.empty(), OptionalInt.empty());
        // A read of the channel from before this edit would show the request queued still, were it held here after all.
        readBack.forget(clicked.channel());
    }
}

package dev.invalidator.flow;

import dev.invalidator.access.AccessPolicy;
import dev.invalidator.access.RateLimits;
import dev.invalidator.cdn.Cdn;
import dev.invalidator.cdn.CreateTurns;
import dev.invalidator.cdn.DistributionCatalog;
import dev.invalidator.chat.Chat;
import dev.invalidator.chat.GroupCard;
import dev.invalidator.chat.HomeView;
import dev.invalidator.chat.Message;
import dev.invalidator.chat.PostedMessage;
import dev.invalidator.chat.Replies;
import dev.invalidator.chat.Responder;
import dev.invalidator.chat.StepReplies;
import dev.invalidator.config.BotConfig;
import dev.invalidator.cost.MonthToDatePaths;
import dev.invalidator.metrics.QueueMeters;
import dev.invalidator.metrics.RequestMeters;
import dev.invalidator.request.PathLimits;
import dev.invalidator.request.PathParser;
import dev.invalidator.tracking.Tracker;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The way in for every {@code /invalidate}: parses the text into a {@link Command} and runs its use case. Runs after
 * the Slack ack, on the bot's worker pool; whatever happens, the person gets an answer.
 */
public final class CommandHandler {

    private static final Logger log = LoggerFactory.getLogger(CommandHandler.class);

    private final SubmitInvalidation submit;
    private final Queries queries;
    private final ConfirmClicks clicks;
    private final RequestForms forms;
    private final Chat chat;
    private final RateLimits rateLimits;
    private final StepOutcomes steps;

    private final Approvals approvals;
    private final GroupRequests groups;
    private final HomeTab home;
    private final Reconciler reconciler;
    private final WorkflowStep workflowStep;

    public CommandHandler(
            BotConfig config,
            DistributionCatalog catalog,
            AccessPolicy policy,
            Cdn cdn,
            Chat chat,
            Tracker tracker,
            MonthToDatePaths usage,
            Clock clock,
            ScheduledExecutorService timer,
            RequestMeters requests,
            CreateTurns turns,
            Executor workers,
            FreedCapacity freed,
            BatchMembers members,
            QueueMeters queueMeters,
            StepOutcomes steps,
            GroupLines lines) {
        Gate gate = new Gate(config, catalog, policy);
        this.chat = chat;
        this.steps = steps;
        PathParser parser = new PathParser(PathLimits.perRequest(config.limits().maxPathsPerRequest()));
        Confirmations confirmations = new Confirmations(config.confirm(), usage, clock);
        AuditLog audit = new AuditLog(clock, requests);
        StatusPosts posts = new StatusPosts(chat);
        this.approvals = new Approvals(config, policy, chat, posts, clock, timer, audit, steps);
        this.rateLimits = new RateLimits(
                config.limits().requestsPerUserPerMinute(),
                config.limits().requestsPerDistributionPerMinute(),
                config.limits().readsPerUserPerMinute(),
                clock);
        CreateQueue queue = new CreateQueue(
                turns,
                tracker,
                chat,
                clock,
                timer,
                workers,
                audit,
                config.polling().abandonedAfter(),
                config.queue(),
                queueMeters,
                catalog::limitScope);
        freed.listen(queue::freed);
        queueMeters.watch(queue::size);
        queue.keepTouching();
        this.submit = new SubmitInvalidation(
                gate,
                catalog,
                parser,
                cdn,
                chat,
                tracker,
                confirmations,
                usage,
                approvals,
                rateLimits,
                posts,
                audit,
                queue,
                members,
                steps,
                clock);
        InvalidationDetails details = new InvalidationDetails(cdn);
        this.queries = new Queries(
                gate,
                cdn,
                usage,
                details,
                QueuedRequests.readFrom(chat, config.queue().expiresAfter(), clock));
        this.clicks = new ConfirmClicks(gate, confirmations, submit, chat, audit);
        this.groups = new GroupRequests(config, chat, submit, queries, usage, audit, clock);
        this.forms = new RequestForms(
                gate, catalog, submit, confirmations, usage, chat, groups, new FormTargets(config, policy, catalog));
        this.home = new HomeTab(config, policy, catalog, tracker, cdn, usage, chat, details, queue);
        this.reconciler = new Reconciler(
                config, chat, cdn, tracker, approvals, submit, queue, members, steps, lines, audit, clock);
        this.workflowStep = new WorkflowStep(submit, confirmations, groups, steps, audit);
    }

    /** A workflow reached the custom step: runs its request for the person and channel it names. */
    public void runStep(StepRun run) {
        try {
            workflowStep.run(run);
        } catch (RuntimeException e) {
            log.error("Running workflow step {} failed", run.execution().id(), e);
            steps.refused(run.execution(), StepReplies.internalError());
        }
    }

    /** What the acknowledgement of {@code text} says: only a request to invalidate gets words. */
    public Optional<String> acknowledgement(String text) {
        return Command.parse(text) instanceof Command.Invalidate ? Optional.of(Replies.working()) : Optional.empty();
    }

    public void handle(SlashCommand command, Responder responder) {
        try {
            Command parsed = Command.parse(command.text());
            if (parsed instanceof Command.Invalidate invalidate) {
                groups.named(Optional.of(invalidate.target()))
                        .ifPresentOrElse(
                                group -> groups.submit(command, group, invalidate, responder),
                                () -> submit.submit(command, invalidate, responder));
            } else if (parsed instanceof Command.OpenForm) {
                forms.open(command, responder);
            } else {
                Optional<String> limited = rateLimits.acquireRead(command.userId());
                if (limited.isPresent()) {
                    responder.answer(Replies.readsLimited(limited.get()));
                } else if (parsed instanceof Command.Status status) {
                    groups.named(status.target())
                            .ifPresentOrElse(
                                    group -> groups.status(command, group, status, responder),
                                    () -> queries.status(command, status, responder));
                } else if (parsed instanceof Command.ListRecent list) {
                    groups.named(list.target())
                            .ifPresentOrElse(
                                    group -> groups.list(command, group, responder),
                                    () -> queries.list(command, list, responder));
                } else {
                    queries.help(command, responder);
                }
            }
        } catch (RuntimeException e) {
            log.error("Handling a command from {} in {} failed", command.userId(), command.channelId(), e);
            responder.answer(Replies.internalError());
        }
    }

    /**
     * A submitted request form, answered inside Slack's acknowledgement from what is known, never asking Slack or
     * CloudFront; see {@link RequestForms}.
     */
    public FormAnswer formSubmitted(
            String userId, String channel, String alias, String pathsText, Optional<String> note) {
        return forms.submitted(userId, channel, alias, pathsText, note);
    }

    /**
     * What the form's target picker shows for {@code query}, from memory, inside Slack's acknowledgement; {@code
     * channel} is the form's, empty when the form asks for it. See {@link FormTargets}.
     */
    public TargetChoices formTargets(String userId, Optional<String> channel, String query) {
        return forms.targets(userId, channel, query);
    }

    /**
     * Why the Confirm of a form's confirmation step can't go on, to show in the form within Slack's three seconds;
     * empty when it may go on with {@link #formConfirmed}.
     *
     * @param key the form's private_metadata: the request's ticket, or its id
     */
    public Optional<Message> formConfirmationRefusal(String userId, String key) {
        return clicks.formRefusal(userId, key);
    }

    /** The Confirm of a form's confirmation step. */
    public void formConfirmed(String userId, String key) {
        try {
            clicks.confirmFromForm(userId, key);
        } catch (RuntimeException e) {
            log.error("Confirming a form from {} failed", userId, e);
        }
    }

    /** Someone opened the bot's Home tab. */
    public void homeOpened(String userId) {
        try {
            Optional<String> limited = rateLimits.acquireRead(userId);
            if (limited.isPresent()) {
                chat.publishHome(userId, HomeView.limited(limited.get()));
            } else {
                home.show(userId);
            }
        } catch (RuntimeException e) {
            log.error("Publishing the Home tab for {} failed", userId, e);
        }
    }

    /** "New invalidation" on the Home tab. */
    public void openFormFromHome(String userId, String triggerId) {
        try {
            forms.openFromHome(userId, triggerId, home.listedFor(userId));
        } catch (RuntimeException e) {
            log.error("Opening the form from the Home tab for {} failed", userId, e);
        }
    }

    /**
     * A click on Approve or Reject in a status message; see {@link Approvals}.
     *
     * @param key     the button's value
     * @param clicked the status message clicked in
     */
    public void handleApproval(String userId, boolean approve, String key, PostedMessage clicked) {
        Responder whisper = message -> chat.whisper(clicked.channel(), userId, message);
        try {
            approvals.click(userId, approve, key, clicked, whisper).ifPresent(submit::approved);
        } catch (RuntimeException e) {
            log.error("Handling an approval click from {} failed", userId, e);
            whisper.answer(Replies.internalError());
        }
    }

    /**
     * A click on Cancel in a queued request's status message: only its requester may, as the message says.
     *
     * @param clicked the status message clicked in
     */
    public void handleQueueCancel(String userId, PostedMessage clicked) {
        Responder whisper = message -> chat.whisper(clicked.channel(), userId, message);
        try {
            submit.cancelQueued(userId, clicked, whisper);
        } catch (RuntimeException e) {
            log.error("Handling a Cancel click from {} failed", userId, e);
            whisper.answer(Replies.internalError());
        }
    }

    /**
     * One sweep over every channel the bot is in, finishing what any instance left; see {@link Reconciler}. Run by
     * {@link PeriodicSweep}.
     */
    public void sweep() {
        try {
            reconciler.sweep();
        } catch (RuntimeException e) {
            log.error("A sweep of the status messages failed", e);
        }
    }

    /**
     * A click on a confirmation's buttons; see {@link ConfirmClicks}.
     *
     * @param key       the button's value
     * @param clickedIn the channel of the message clicked, when Slack names one
     */
    public void handleClick(
            String userId,
            String action,
            String key,
            Optional<String> clickedIn,
            Responder replace,
            Responder whisper) {
        try {
            if (GroupCard.SEND.equals(action) || GroupCard.SEND_NOTHING.equals(action)) {
                groups.click(userId, action, key, replace, whisper);
                return;
            }
            clicks.click(userId, action, key, clickedIn, replace, whisper);
        } catch (RuntimeException e) {
            log.error("Handling a click from {} failed", userId, e);
            whisper.answer(Replies.internalError());
        }
    }
}

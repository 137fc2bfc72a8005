package dev.invalidator.flow;

import dev.invalidator.base.DaemonThreads;
import dev.invalidator.chat.Chat;
import dev.invalidator.chat.ChatException;
import dev.invalidator.chat.Decision;
import dev.invalidator.chat.GroupReplies;
import dev.invalidator.chat.GroupStatusCard;
import dev.invalidator.chat.Message;
import dev.invalidator.chat.PostedMessage;
import dev.invalidator.chat.RequestForm;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Chat} the flow uses, which keeps each group request's message in step with its members: whenever a
 * member's status message (a reply in the group message's thread) is posted or edited — by whatever part of the flow,
 * on whichever instance — the group message's lines are rendered again from the thread as it stands, and once every
 * member has ended, one notice mentions the requester with the outcome of each.
 *
 * <p>Reading the thread back, rather than remembering, is what lets another instance or a restarted one carry on: the
 * thread is the state every instance shares. A burst of member edits makes one read here (a look already due is not
 * asked for again) and at most one edit: the group message's facts keep a digest of the lines it shows, so a look that
 * finds nothing new edits nothing — which is what lets a sweep ask for looks ({@link #look}) at little cost. The
 * notice goes through {@link Chat#replyUnlessThreadHas}: once per group, as a member's completion notice is once per
 * invalidation.
 *
 * <p>A workflow step run for the group is a fact of the group message: each look adds the members up ({@link
 * GroupStepOutcome}) and, once they make an outcome, completes the step through {@link StepOutcomes}, once.
 */
public final class GroupLines implements Chat {

    private static final Logger log = LoggerFactory.getLogger(GroupLines.class);

    private final Chat chat;
    private final StepOutcomes steps;
    /** Whether a refresh check follows the completion of an invalidation of a distribution, by its id. */
    private final Predicate<String> checked;
    /** One thread reads and edits group messages, in the order their members moved. */
    private final ExecutorService looks = Executors.newSingleThreadExecutor(DaemonThreads.named("group-lines"));
    /** The group messages with a look due and not begun. */
    private final Map<PostedMessage, AtomicBoolean> due = new ConcurrentHashMap<>();
    /** Held by a look from its read of a group message to its edit, and by any other edit of a group's facts. */
    private final Object factsEdits = new Object();
    /** Members whose check is over without a mark, until their group has ended: a waiting step goes on without it. */
    private final Set<PostedMessage> checkedWithoutMark = ConcurrentHashMap.newKeySet();

    /**
     * @param steps   completes the workflow step a group message names, when its members add up to an outcome
     * @param checked whether a refresh check follows a completed invalidation of a distribution (by id): a waiting
     *                step counts a completed member's stale URLs only once its check is over
     */
    public GroupLines(Chat chat, StepOutcomes steps, Predicate<String> checked) {
        this.chat = chat;
        this.steps = steps;
        this.checked = checked;
        steps.onCheckedWithoutMark((facts, member) -> {
            if (checked.test(facts.getOrDefault(StatusFacts.DISTRIBUTION, ""))) {
                checkedWithoutMark.add(member);
                moved(member);
            }
        });
    }

    /** A sweep found the group message {@code root} behind its members: its lines are looked at again, soon, once. */
    void look(PostedMessage root) {
        moved(root);
    }

    /**
     * A sweep found the group message {@code root} ended with its step still open here, long enough ago that whoever
     * ended it has had its turn: the step completes from the thread as it stands, checks or not.
     */
    void settleStep(PostedMessage root) {
        try {
            looks.execute(() -> show(root, true));
        } catch (RejectedExecutionException closed) {
            // The bot is closing: the next sweep of any instance settles it.
        }
    }

    /**
     * Whether a sweep should have the lines of {@code group} looked at: its members, as {@code members} (replies in its
     * thread) show them, have all ended, or its lines show something else.
     */
    static boolean due(StatusRecord group, List<StatusRecord> members) {
        GroupStatusCard drawn = drawn(group.facts(), members).orElse(null);
        return drawn != null && (drawn.settled() || !GroupFacts.shows(group.facts(), drawn));
    }

    /** A member moved, or the group message's facts changed: its lines are looked at again, soon, once. */
    private void moved(PostedMessage inGroup) {
        PostedMessage root = inGroup.threadRoot();
        AtomicBoolean flag = due.computeIfAbsent(root, key -> new AtomicBoolean());
        if (flag.compareAndSet(false, true)) {
            try {
                looks.execute(() -> {
                    flag.set(false);
                    show(root, false);
                });
            } catch (RejectedExecutionException closed) {
                // The bot is closing: whichever instance moves a member next, or a sweep, shows the lines.
                flag.set(false);
            }
        }
    }

    /** The lines of a group message whose facts are {@code facts}, from its members' messages among {@code thread}. */
    private static Optional<GroupStatusCard> drawn(Map<String, String> facts, List<StatusRecord> thread) {
        Optional<GroupStatusCard> card = GroupFacts.card(facts);
        if (card.isEmpty()) {
            return Optional.empty();
        }
        List<String> notSent = GroupFacts.notSent(facts);
        Map<String, StatusRecord> members = members(thread);
        return Optional.of(card.get()
                .withLines(GroupFacts.members(facts).stream()
                        .map(alias -> notSent.contains(alias)
                                ? GroupStatusCard.Line.notSent(alias)
                                : Optional.ofNullable(members.get(alias))
                                        .map(record -> GroupStatusCard.Line.of(alias, record.text()))
                                        .orElse(GroupStatusCard.Line.waiting(alias)))
                        .toList()));
    }

    /** A member's own message: posted by the bot in the thread with well-formed facts of that member, by alias. */
    private static Map<String, StatusRecord> members(List<StatusRecord> thread) {
        return thread.stream()
                .filter(record -> record.message().inThread() && StatusFacts.wellFormed(record))
                .collect(Collectors.toMap(
                        record -> record.facts().getOrDefault(StatusFacts.ALIAS, ""),
                        record -> record,
                        (first, later) -> first));
    }

    /**
     * Reads the thread, posts the group's notice once every member has ended (before the edit that says so: a sweep
     * reads the thread of a group whose message does not say it yet), edits the lines if they changed, and completes
     * the group's step once its members add up to an outcome.
     *
     * @param settling a sweep settles the group's step: a check not over by now is not waited for
     */
    private void show(PostedMessage root, boolean settling) {
        // The look edits the group message's facts (the lines' digest) from what it read: an edit of them elsewhere
        // meanwhile (the members not sent) would be lost, so the two never overlap.
        synchronized (factsEdits) {
            showLocked(root, settling);
        }
    }

    private void showLocked(PostedMessage root, boolean settling) {
        try {
            List<StatusRecord> thread = chat.threadStatusMessages(root);
            Optional<StatusRecord> group = thread.stream()
                    .filter(record -> !record.message().inThread() && GroupFacts.wellFormed(record))
                    .findFirst();
            if (group.isEmpty()) {
                return;
            }
            Map<String, String> facts = group.get().facts();
            GroupStatusCard now = drawn(facts, thread).orElseThrow();
            if (now.settled() && !GroupStatusCard.isSettled(group.get().text())) {
                chat.replyUnlessThreadHas(root, GroupReplies.endedMarker(now.group()), GroupReplies.ended(now));
            }
            if (!GroupFacts.shows(facts, now)) {
                chat.update(root, now.message(), GroupFacts.showing(facts, now));
            }
            Map<String, StatusRecord> members = members(thread);
            List<String> notSent = GroupFacts.notSent(facts);
            GroupFacts.step(facts)
                    .ifPresent(step -> GroupStepOutcome.of(
                                    step,
                                    GroupFacts.members(facts).stream()
                                            .map(alias -> member(alias, members, notSent, settling))
                                            .toList())
                            .ifPresent(outcome -> steps.groupEnded(step, root, outcome)));
            if (now.settled()) {
                due.remove(root);
                members.values().forEach(record -> checkedWithoutMark.remove(record.message()));
            }
        } catch (ChatException | IllegalArgumentException e) {
            log.warn(
                    "Could not show the members of group message {} in {}: {}",
                    root.ts(),
                    root.channel(),
                    e.getMessage());
        }
    }

    private GroupStepOutcome.Member member(
            String alias, Map<String, StatusRecord> members, List<String> notSent, boolean settling) {
        Optional<StatusRecord> status = Optional.ofNullable(members.get(alias));
        boolean over = settling
                || status.map(record -> StatusFacts.refreshMark(record.facts()).isPresent()
                                || checkedWithoutMark.contains(record.message())
                                || !checked.test(record.facts().getOrDefault(StatusFacts.DISTRIBUTION, "")))
                        .orElse(true);
        return new GroupStepOutcome.Member(alias, status, notSent.contains(alias), over);
    }

    /** Shows what is due within {@code grace}, then lets go of the thread that shows group messages. */
    public void close(Duration grace) {
        looks.shutdown();
        try {
            looks.awaitTermination(grace.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        looks.shutdownNow();
    }

    @Override
    public PostedMessage post(String channel, Message message) {
        return chat.post(channel, message);
    }

    @Override
    public PostedMessage post(String channel, Message message, Map<String, String> facts) {
        return chat.post(channel, message, facts);
    }

    @Override
    public PostedMessage post(PostedMessage thread, Message message, Map<String, String> facts) {
        PostedMessage member = chat.post(thread, message, facts);
        moved(member);
        return member;
    }

    @Override
    public List<StatusRecord> threadStatusMessages(PostedMessage root) {
        return chat.threadStatusMessages(root);
    }

    @Override
    public Map<String, String> factsOf(PostedMessage status) {
        return chat.factsOf(status);
    }

    @Override
    public boolean replyUnlessThreadHas(PostedMessage parent, String marker, Message message) {
        return chat.replyUnlessThreadHas(parent, marker, message);
    }

    @Override
    public List<StatusRecord> statusMessages(String channel, Instant oldest) {
        return chat.statusMessages(channel, oldest);
    }

    @Override
    public List<String> memberChannels() {
        return chat.memberChannels();
    }

    @Override
    public Optional<StatusRecord> status(PostedMessage message) {
        return chat.status(message);
    }

    @Override
    public PostedMessage postDecision(
            PostedMessage status, Decision.Verdict verdict, Optional<String> decider, Message notice) {
        return chat.postDecision(status, verdict, decider, notice);
    }

    @Override
    public Optional<Decision> firstDecision(PostedMessage status) {
        return chat.firstDecision(status);
    }

    @Override
    public PostedMessage postQueuedPaths(
            PostedMessage status, int part, int parts, List<String> paths, Message notice) {
        return chat.postQueuedPaths(status, part, parts, paths, notice);
    }

    @Override
    public Optional<List<String>> queuedPaths(PostedMessage status) {
        return chat.queuedPaths(status);
    }

    @Override
    public void update(PostedMessage message, Message replacement) {
        chat.update(message, replacement);
        movedIfMember(message);
    }

    @Override
    public void update(PostedMessage message, Message replacement, Map<String, String> facts) {
        if (!message.inThread() && GroupFacts.wellFormed(facts)) {
            synchronized (factsEdits) {
                chat.update(message, replacement, facts);
            }
            moved(message);
            return;
        }
        chat.update(message, replacement, facts);
        if (message.inThread()) {
            moved(message);
        }
    }

    @Override
    public CompletionStage<Void> updateLater(PostedMessage message, Message replacement) {
        return chat.updateLater(message, replacement).whenComplete((sent, failed) -> movedIfMember(message));
    }

    @Override
    public CompletionStage<Void> updateLater(PostedMessage message, Message replacement, Map<String, String> facts) {
        return chat.updateLater(message, replacement, facts).whenComplete((sent, failed) -> movedIfMember(message));
    }

    private void movedIfMember(PostedMessage message) {
        if (message.inThread()) {
            moved(message);
        }
    }

    @Override
    public PostedMessage reply(PostedMessage parent, Message message) {
        return chat.reply(parent, message);
    }

    @Override
    public CompletionStage<PostedMessage> replyLater(PostedMessage parent, Message message) {
        return chat.replyLater(parent, message);
    }

    @Override
    public void whisper(String channel, String user, Message message) {
        chat.whisper(channel, user, message);
    }

    @Override
    public void publishHome(String user, Message home) {
        chat.publishHome(user, home);
    }

    @Override
    public Optional<String> permalink(PostedMessage message) {
        return chat.permalink(message);
    }

    @Override
    public void openRequestForm(String triggerId, RequestForm form) {
        chat.openRequestForm(triggerId, form);
    }
}

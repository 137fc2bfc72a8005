package dev.invalidator.chat;

import static dev.invalidator.request.SlackText.escape;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The status message of one request, in each of its states. It is re-rendered from these facts alone — which the
 * CallerReference and CloudFront keep — so a restarted bot can edit a message it did not post.
 *
 * <pre>{@code
 * StatusCard card = StatusCard.requesting("U0ALICE", "web", "E1WEBEXAMPLE", 3);
 * chat.update(posted, card.inProgress("I2J0I21PCUYOIK", created).message());
 * }</pre>
 */
public record StatusCard(
        State state,
        String requester,
        String alias,
        String distributionId,
        int pathCount,
        Optional<String> invalidationId,
        Optional<Instant> startedAt,
        Optional<Instant> endedAt,
        Optional<String> problem,
        Optional<String> nextStep,
        Optional<String> note,
        Optional<String> approvalKey,
        Optional<String> refreshMark,
        Optional<String> queuePlace,
        Optional<Batch> batch) {

    /**
     * Which of a split request's invalidations this card shows: a request over CloudFront's in-progress limits goes
     * out in {@code of} batches, one after another, under one status message.
     */
    public record Batch(int number, int of) {
        public Batch {
            if (number < 1 || number > of) {
                throw new IllegalArgumentException("batch " + number + " of " + of);
            }
        }
    }

    public enum State {
        AWAITING_APPROVAL,
        REQUESTING,
        QUEUED,
        CANCELLED,
        QUEUE_EXPIRED,
        IN_PROGRESS,
        COMPLETED,
        FAILED,
        LOST,
        REJECTED,
        EXPIRED,
        DUPLICATE
    }

    private static final String AWAITING_APPROVAL_ENDING = ": awaiting approval";
    private static final String REQUESTING_ENDING = ": requesting";
    private static final String CANCELLED_ENDING = ": cancelled, nothing was sent";
    private static final String QUEUED_MARK = ": ⏳ Queued";
    private static final String QUEUE_EXPIRED_ENDING = ": ⌛ expired, nothing was sent";
    private static final String DUPLICATE_ENDING = ": already sent by an earlier click";
    /** What stands between a queued message's state and its place, in its text. */
    static final String QUEUED_PLACE_MARK = QUEUED_MARK + " — ";

    private static final String IN_PROGRESS_ENDING = ": in progress";
    /**
     * The note as shown: a third of a section, so that its quote marks ({@code >} on every line, which may double it)
     * and the headline fit.
     */
    private static final int MAX_NOTE_CHARS = 1_000;
    /** Why it ended and what to do, as shown: CloudFront's words may be long, a section is not. */
    private static final int MAX_PROBLEM_CHARS = 1_500;

    public static final String APPROVE = "approve";
    public static final String REJECT = "reject";
    /** The action of a queued request's Cancel button, which only its requester may use. */
    public static final String CANCEL_QUEUED = "cancel_queued";

    public StatusCard {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(requester, "requester");
        Objects.requireNonNull(alias, "alias");
        Objects.requireNonNull(distributionId, "distributionId");
    }

    /** A card with every optional fact empty until set; state, requester, alias, distribution and count are needed. */
    public static Builder builder() {
        return new Builder();
    }

    /** This card's facts, to change a few of them. */
    public Builder toBuilder() {
        return new Builder()
                .state(state)
                .requester(requester)
                .alias(alias)
                .distributionId(distributionId)
                .pathCount(pathCount)
                .invalidationId(invalidationId)
                .startedAt(startedAt)
                .endedAt(endedAt)
                .problem(problem)
                .nextStep(nextStep)
                .note(note)
                .approvalKey(approvalKey)
                .refreshMark(refreshMark)
                .queuePlace(queuePlace)
                .batch(batch);
    }

    public static StatusCard requesting(String requester, String alias, String distributionId, int pathCount) {
        return builder()
                .state(State.REQUESTING)
                .requester(requester)
                .alias(alias)
                .distributionId(distributionId)
                .pathCount(pathCount)
                .build();
    }

    /**
     * Waiting for an approver; nothing is created yet. With {@code buttonsFor} the message carries Approve and Reject
     * whose value is that key (the request's ticket, or its id) — they are added only once the bot can act on them.
     */
    public StatusCard awaitingApproval(Optional<String> buttonsFor) {
        return movingTo(State.AWAITING_APPROVAL).approvalKey(buttonsFor).build();
    }

    public StatusCard rejected(String approver) {
        return movingTo(State.REJECTED)
                .problem("Rejected by <@" + approver + ">.")
                .nextStep("Nothing was invalidated.")
                .build();
    }

    public StatusCard expired(Duration waited) {
        return movingTo(State.EXPIRED)
                .problem("Nobody approved it within " + Texts.duration(waited) + ".")
                .nextStep("Nothing was invalidated; ask again when an approver is around.")
                .build();
    }

    /**
     * Waiting for CloudFront to have room, with a Cancel button for its requester; nothing is created yet.
     *
     * @param place its place and why it waits, e.g. "2 requests ahead on `web`; CloudFront allows 15 wildcard paths in
     *     progress" (mrkdwn, escaped by whoever wrote it)
     */
    public StatusCard queued(String place) {
        return movingTo(State.QUEUED).queuePlace(place).build();
    }

    /** Its requester cancelled it while it was queued. */
    public StatusCard cancelled() {
        return movingTo(State.CANCELLED)
                .problem("Cancelled by <@" + requester + "> while it was queued.")
                .nextStep("Nothing was sent to CloudFront.")
                .build();
    }

    /** It waited in the queue for longer than {@code queue.expiresAfter}: nothing was sent. */
    public StatusCard expiredInQueue(Duration waited) {
        return movingTo(State.QUEUE_EXPIRED)
                .problem("It waited " + Texts.duration(waited) + " in the queue and CloudFront never had room for it.")
                .nextStep("Nothing was sent; send it again if you still need it.")
                .build();
    }

    /** Whether a status message's text says its request was cancelled while it was queued. */
    public static boolean isCancelled(String text) {
        return text.endsWith(CANCELLED_ENDING);
    }

    /** Whether a status message's text says its request waits in the queue, nothing created yet. */
    public static boolean isQueued(String text) {
        return text.contains(QUEUED_MARK);
    }

    /**
     * A second status message for one confirmation — two clicks that reached two instances of the bot at once — which
     * stops here: the first one goes on.
     */
    public StatusCard duplicate() {
        return movingTo(State.DUPLICATE)
                .problem("The confirmation was clicked twice; the status message just before this one"
                        + " carries the request.")
                .nextStep("Nothing more to do here: follow that one.")
                .build();
    }

    /** Whether a status message's text ({@link Message#text()}, as read back) says it still waits for an approver. */
    public static boolean awaitsApproval(String text) {
        return text.endsWith(AWAITING_APPROVAL_ENDING);
    }

    /** Whether a status message's text says its request is on its way to CloudFront, nothing created yet. */
    public static boolean isRequesting(String text) {
        return text.endsWith(REQUESTING_ENDING);
    }

    /** Whether a status message's text says its invalidation was created and has not been seen to complete. */
    public static boolean isInProgress(String text) {
        return text.endsWith(IN_PROGRESS_ENDING);
    }

    /**
     * The state a status message's text ({@link Message#text()}, as read back) says its request ended in; empty while
     * it may still change.
     */
    public static Optional<State> endedIn(String text) {
        for (State state : State.values()) {
            Optional<String> ending = ending(state);
            if (ending.isPresent() && text.contains(ending.get())) {
                return Optional.of(state);
            }
        }
        return Optional.empty();
    }

    /** What the text of a request that ended in {@code state} says, whatever the request was. */
    private static Optional<String> ending(State state) {
        return switch (state) {
            case COMPLETED -> Optional.of(": completed in ");
            case FAILED -> Optional.of(": failed");
            case LOST -> Optional.of(": status unknown");
            case REJECTED -> Optional.of(": rejected");
            case EXPIRED -> Optional.of(": expired, nobody approved");
            case CANCELLED -> Optional.of(CANCELLED_ENDING);
            case QUEUE_EXPIRED -> Optional.of(QUEUE_EXPIRED_ENDING);
            case DUPLICATE -> Optional.of(DUPLICATE_ENDING);
            case AWAITING_APPROVAL, REQUESTING, QUEUED, IN_PROGRESS -> Optional.empty();
        };
    }

    /**
     * Whether a status message's text says its request may still move on: requesting, awaiting approval, queued or in
     * progress. Any other state is an end.
     */
    public static boolean isOpen(String text) {
        return isRequesting(text) || awaitsApproval(text) || isInProgress(text) || isQueued(text);
    }

    /** The requester's note, shown under the headline in every state. */
    public StatusCard withNote(Optional<String> text) {
        return toBuilder().note(text).build();
    }

    public StatusCard inProgress(String id, Instant started) {
        return movingTo(State.IN_PROGRESS)
                .invalidationId(id)
                .startedAt(started)
                .endedAt(Optional.empty())
                .problem(Optional.empty())
                .nextStep(Optional.empty())
                .build();
    }

    public StatusCard completed(Instant ended) {
        return movingTo(State.COMPLETED)
                .endedAt(ended)
                .problem(Optional.empty())
                .nextStep(Optional.empty())
                .build();
    }

    public StatusCard failed(String why, String next) {
        return movingTo(State.FAILED)
                .endedAt(Optional.empty())
                .problem(why)
                .nextStep(next)
                .build();
    }

    /** Approved, then refused when checked again before it was sent, e.g. the requester lost access meanwhile. */
    public StatusCard refused(String why) {
        return failed(why, "Nothing was invalidated.");
    }

    /** Left at "requesting" by a bot that stopped before it sent anything: found by a sweep, nothing was created. */
    public StatusCard notSent() {
        return failed(
                "The bot stopped before it sent this to CloudFront, so nothing was invalidated.",
                "Send the command again.");
    }

    /**
     * Sent in batches by a bot that stopped after batch {@code sent} of {@code of}, whose thread no longer keeps the
     * rest of the paths (its replies deleted): what went out stays invalidated, the rest can't be sent.
     */
    public StatusCard restNotSent(int sent, int of) {
        return failed(
                "The bot stopped after batch " + sent + " of " + of + " reached CloudFront, and this request's thread"
                        + " no longer keeps the rest of its paths, so the batches after it were not sent.",
                "Send the command again for the paths still to invalidate.");
    }

    /**
     * Approved, but the request was too big to travel with its buttons and the instance of the bot that held it stopped
     * before it sent it: no other instance can send it.
     */
    public StatusCard approvedButLost() {
        return failed(
                "Approved, but this request listed too many paths to keep with its message, and the bot that held it"
                        + " stopped before it sent it to CloudFront, so nothing was invalidated.",
                "Send the command again.");
    }

    /** Slack didn't answer when this message was checked against other clicks on the same confirmation. */
    public StatusCard unchecked() {
        return failed(
                "Slack didn't answer when I checked this confirmation against other clicks, so nothing was"
                        + " invalidated.",
                "Send the command again.");
    }

    public StatusCard lost(String why) {
        return movingTo(State.LOST)
                .endedAt(Optional.empty())
                .problem(why)
                .nextStep("Check the distribution in the CloudFront console.")
                .build();
    }

    /**
     * What the check after completion found ("verified", "2 stale"), shown small under a completed invalidation; the
     * words come from the check and stay with the message in its facts, so a later edit keeps them.
     */
    public StatusCard withRefreshMark(Optional<String> mark) {
        return toBuilder().refreshMark(mark).build();
    }

    /**
     * This card moving on to {@code state}: the Approve and Reject buttons, the refresh mark and the place in the queue
     * stay behind.
     */
    private Builder movingTo(State state) {
        return toBuilder()
                .state(state)
                .approvalKey(Optional.empty())
                .refreshMark(Optional.empty())
                .queuePlace(Optional.empty())
                .batch(Optional.empty());
    }

    /** In progress with batch {@code number} of {@code of}: the batches before it completed, those after it wait. */
    public StatusCard inBatch(int number, int of) {
        return toBuilder().batch(Optional.of(new Batch(number, of))).build();
    }

    /** How long CloudFront took, once it is known. */
    public Optional<Duration> elapsed() {
        return startedAt.flatMap(start -> endedAt.map(end -> Duration.between(start, end)));
    }

    public Message message() {
        String what = Texts.paths(pathCount) + " on `" + escape(alias) + "` (" + distributionId + ")";
        String headline = switch (state) {
            case AWAITING_APPROVAL -> ":raised_hand: *Awaiting approval*: invalidation of " + what;
            case REQUESTING -> ":hourglass_flowing_sand: *Requesting* invalidation of " + what;
            case QUEUED -> "⏳ *Queued*: invalidation of " + what;
            case CANCELLED -> ":heavy_multiplication_x: *Cancelled*: invalidation of " + what;
            case QUEUE_EXPIRED -> "⌛ *Expired*: invalidation of " + what;
            case IN_PROGRESS -> ":arrows_counterclockwise: *In progress*: invalidation of " + what;
            case COMPLETED ->
                ":white_check_mark: *Completed* in " + Texts.duration(elapsed().orElseThrow()) + ": invalidation of "
                        + what;
            case FAILED -> ":x: *Failed*: invalidation of " + what;
            case LOST -> ":warning: *Status unknown*: invalidation of " + what;
            case REJECTED -> ":no_entry_sign: *Rejected*: invalidation of " + what;
            case EXPIRED -> ":hourglass: *Expired*: invalidation of " + what;
            case DUPLICATE -> ":heavy_minus_sign: *Already sent*: invalidation of " + what;
        };
        List<Block> blocks = new ArrayList<>();
        blocks.add(new Block.Section(headline + "\nAsked by <@" + requester + ">"
                + note.map(text -> "\n>" + Fit.escaped(text, MAX_NOTE_CHARS).replace("\n", "\n>"))
                        .orElse("")));
        queuePlace.ifPresent(place -> blocks.add(new Block.Section(place)));
        batch.ifPresent(current -> blocks.add(new Block.Section("*Batch " + current.number() + " of " + current.of()
                + "*: CloudFront takes at most 3,000 files and 15 wildcards in progress, so this request goes out in "
                + current.of() + " invalidations, each as soon as the one before it completes.")));
        if (state == State.QUEUED) {
            blocks.add(new Block.Actions(
                    List.of(new Block.Button(CANCEL_QUEUED, "Cancel", CANCEL_QUEUED, Block.Button.Style.DANGER))));
        }
        problem.ifPresent(why -> blocks.add(new Block.Section(
                (state == State.REJECTED || state == State.CANCELLED ? why : Fit.escaped(why, MAX_PROBLEM_CHARS))
                        + "\n*Next:* " + Fit.escaped(nextStep.orElse(""), MAX_PROBLEM_CHARS / 3))));
        approvalKey.ifPresent(key -> blocks.add(new Block.Actions(List.of(
                new Block.Button(APPROVE, "Approve", key, Block.Button.Style.PRIMARY),
                new Block.Button(REJECT, "Reject", key, Block.Button.Style.DANGER)))));
        blocks.add(new Block.Context(details()));
        return new Message(fallback(), blocks);
    }

    private String details() {
        List<String> parts = new ArrayList<>();
        invalidationId.ifPresent(id -> parts.add("Invalidation `" + id + "`"));
        startedAt.ifPresent(start -> parts.add("started " + Texts.time(start)));
        endedAt.ifPresent(end -> parts.add("completed " + Texts.time(end)));
        parts.add(
                switch (state) {
                    case AWAITING_APPROVAL -> "an approver other than the requester must approve";
                    case REQUESTING -> "sending to CloudFront…";
                    case QUEUED -> "only the requester may cancel it";
                    case CANCELLED, QUEUE_EXPIRED -> "nothing was sent";
                    case DUPLICATE -> "nothing was sent from this message";
                    default -> "paths in the thread";
                });
        refreshMark
                .filter(mark -> state == State.COMPLETED)
                .ifPresent(mark -> parts.add(":mag: " + Fit.escaped(mark, MAX_NOTE_CHARS)));
        return String.join(" · ", parts);
    }

    private String fallback() {
        String what = "Invalidation of " + Texts.paths(pathCount) + " on " + alias;
        return switch (state) {
            case REQUESTING -> what + REQUESTING_ENDING;
            case QUEUED -> what + QUEUED_PLACE_MARK + queuePlace.orElse("");
            case CANCELLED -> what + CANCELLED_ENDING;
            case QUEUE_EXPIRED -> what + QUEUE_EXPIRED_ENDING;
            case IN_PROGRESS ->
                what
                        + batch.map(current -> ", batch " + current.number() + " of " + current.of())
                                .orElse("")
                        + IN_PROGRESS_ENDING;
            case COMPLETED ->
                what + ": completed in " + Texts.duration(elapsed().orElseThrow());
            case FAILED, LOST, REJECTED, EXPIRED, DUPLICATE ->
                what + ending(state).orElseThrow();
            case AWAITING_APPROVAL -> what + AWAITING_APPROVAL_ENDING;
        };
    }

    /**
     * Builds a card fact by fact, for a state the transitions above don't reach in one step. Each optional fact has a
     * setter for its value and one for an {@code Optional} (empty clears it).
     *
     * <pre>{@code
     * StatusCard card = StatusCard.builder()
     *         .state(StatusCard.State.IN_PROGRESS).requester("U0ALICE").alias("web").distributionId("E1WEBEXAMPLE")
     *         .pathCount(3).invalidationId("I2J0I21PCUYOIK").startedAt(created)
     *         .build();
     * }</pre>
     */
    public static final class Builder {

        private State state;
        private String requester;
        private String alias;
        private String distributionId;
        private Integer pathCount;
        private Optional<String> invalidationId = Optional.empty();
        private Optional<Instant> startedAt = Optional.empty();
        private Optional<Instant> endedAt = Optional.empty();
        private Optional<String> problem = Optional.empty();
        private Optional<String> nextStep = Optional.empty();
        private Optional<String> note = Optional.empty();
        private Optional<String> approvalKey = Optional.empty();
        private Optional<String> refreshMark = Optional.empty();
        private Optional<String> queuePlace = Optional.empty();
        private Optional<Batch> batch = Optional.empty();

        private Builder() {}

        public Builder state(State state) {
            this.state = state;
            return this;
        }

        public Builder requester(String requester) {
            this.requester = requester;
            return this;
        }

        public Builder alias(String alias) {
            this.alias = alias;
            return this;
        }

        public Builder distributionId(String distributionId) {
            this.distributionId = distributionId;
            return this;
        }

        public Builder pathCount(int pathCount) {
            this.pathCount = pathCount;
            return this;
        }

        public Builder invalidationId(String invalidationId) {
            return invalidationId(Optional.of(invalidationId));
        }

        public Builder invalidationId(Optional<String> invalidationId) {
            this.invalidationId = invalidationId;
            return this;
        }

        public Builder startedAt(Instant startedAt) {
            return startedAt(Optional.of(startedAt));
        }

        public Builder startedAt(Optional<Instant> startedAt) {
            this.startedAt = startedAt;
            return this;
        }

        public Builder endedAt(Instant endedAt) {
            return endedAt(Optional.of(endedAt));
        }

        public Builder endedAt(Optional<Instant> endedAt) {
            this.endedAt = endedAt;
            return this;
        }

        /** Why the request ended badly, shown in mrkdwn (escaped, except for a rejection's mention). */
        public Builder problem(String problem) {
            return problem(Optional.of(problem));
        }

        public Builder problem(Optional<String> problem) {
            this.problem = problem;
            return this;
        }

        public Builder nextStep(String nextStep) {
            return nextStep(Optional.of(nextStep));
        }

        public Builder nextStep(Optional<String> nextStep) {
            this.nextStep = nextStep;
            return this;
        }

        public Builder note(String note) {
            return note(Optional.of(note));
        }

        public Builder note(Optional<String> note) {
            this.note = note;
            return this;
        }

        /** The value of the Approve and Reject buttons; without one the card has no buttons. */
        public Builder approvalKey(String approvalKey) {
            return approvalKey(Optional.of(approvalKey));
        }

        public Builder approvalKey(Optional<String> approvalKey) {
            this.approvalKey = approvalKey;
            return this;
        }

        public Builder refreshMark(String refreshMark) {
            return refreshMark(Optional.of(refreshMark));
        }

        public Builder refreshMark(Optional<String> refreshMark) {
            this.refreshMark = refreshMark;
            return this;
        }

        /** Its place in the queue and why it waits, while it is queued. */
        public Builder queuePlace(String queuePlace) {
            return queuePlace(Optional.of(queuePlace));
        }

        public Builder batch(Optional<Batch> batch) {
            this.batch = batch;
            return this;
        }

        public Builder queuePlace(Optional<String> queuePlace) {
            this.queuePlace = queuePlace;
            return this;
        }

        /** The card; a required fact left unset is named in a {@link NullPointerException}. */
        public StatusCard build() {
            Objects.requireNonNull(pathCount, "pathCount");
            return new StatusCard(
                    state,
                    requester,
                    alias,
                    distributionId,
                    pathCount,
                    invalidationId,
                    startedAt,
                    endedAt,
                    problem,
                    nextStep,
                    note,
                    approvalKey,
                    refreshMark,
                    queuePlace,
                    batch);
        }
    }
}

package dev.invalidator.chat;

import static dev.invalidator.request.SlackText.escape;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
        Optional<String> refreshMark) {

    public enum State {
        AWAITING_APPROVAL,
        REQUESTING,
        IN_PROGRESS,
        COMPLETED,
        FAILED,
        LOST,
        REJECTED,
        EXPIRED,
        DUPLICATE
    }

    private static final String AWAITING_APPROVAL_ENDING = ": awaiting approval";

    public static final String APPROVE = "approve";
    public static final String REJECT = "reject";

    public static StatusCard requesting(String requester, String alias, String distributionId, int pathCount) {
        return new StatusCard(
                State.REQUESTING,
                requester,
                alias,
                distributionId,
                pathCount,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
    }

    /**
     * Waiting for an approver; nothing is created yet. With {@code buttonsFor} the message carries Approve and Reject
     * whose value is that key (the request's ticket, or its id) — they are added only once the bot can act on them.
     */
    public StatusCard awaitingApproval(Optional<String> buttonsFor) {
        return new StatusCard(
                State.AWAITING_APPROVAL,
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
                buttonsFor,
                Optional.empty());
    }

    public StatusCard rejected(String approver) {
        return new StatusCard(
                State.REJECTED,
                requester,
                alias,
                distributionId,
                pathCount,
                invalidationId,
                startedAt,
                endedAt,
                Optional.of("Rejected by <@" + approver + ">."),
                Optional.of("Nothing was invalidated."),
                note,
                Optional.empty(),
                Optional.empty());
    }

    public StatusCard expired(Duration waited) {
        return new StatusCard(
                State.EXPIRED,
                requester,
                alias,
                distributionId,
                pathCount,
                invalidationId,
                startedAt,
                endedAt,
                Optional.of("Nobody approved it within " + Texts.duration(waited) + "."),
                Optional.of("Nothing was invalidated; ask again when an approver is around."),
                note,
                Optional.empty(),
                Optional.empty());
    }

    /**
     * A second status message for one confirmation — two clicks that reached two instances of the bot at once — which
     * stops here: the first one goes on.
     */
    public StatusCard duplicate() {
        return new StatusCard(
                State.DUPLICATE,
                requester,
                alias,
                distributionId,
                pathCount,
                invalidationId,
                startedAt,
                endedAt,
                Optional.of("The confirmation was clicked twice; the status message just before this one"
                        + " carries the request."),
                Optional.of("Nothing more to do here: follow that one."),
                note,
                Optional.empty(),
                Optional.empty());
    }

    /** Whether a status message's text ({@link Message#text()}, as read back) says it still waits for an approver. */
    public static boolean awaitsApproval(String text) {
        return text.endsWith(AWAITING_APPROVAL_ENDING);
    }

    /** The requester's note, shown under the headline in every state. */
    public StatusCard withNote(Optional<String> text) {
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
                text,
                Optional.empty(),
                Optional.empty());
    }

    public StatusCard inProgress(String id, Instant started) {
        return new StatusCard(
                State.IN_PROGRESS,
                requester,
                alias,
                distributionId,
                pathCount,
                Optional.of(id),
                Optional.of(started),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                note,
                Optional.empty(),
                Optional.empty());
    }

    public StatusCard completed(Instant ended) {
        return new StatusCard(
                State.COMPLETED,
                requester,
                alias,
                distributionId,
                pathCount,
                invalidationId,
                startedAt,
                Optional.of(ended),
                Optional.empty(),
                Optional.empty(),
                note,
                Optional.empty(),
                Optional.empty());
    }

    public StatusCard failed(String why, String next) {
        return new StatusCard(
                State.FAILED,
                requester,
                alias,
                distributionId,
                pathCount,
                invalidationId,
                startedAt,
                Optional.empty(),
                Optional.of(why),
                Optional.of(next),
                note,
                Optional.empty(),
                Optional.empty());
    }

    public StatusCard lost(String why) {
        return new StatusCard(
                State.LOST,
                requester,
                alias,
                distributionId,
                pathCount,
                invalidationId,
                startedAt,
                Optional.empty(),
                Optional.of(why),
                Optional.of("Check the distribution in the CloudFront console."),
                note,
                Optional.empty(),
                Optional.empty());
    }

    /**
     * What the check after completion found ("verified", "2 stale"), shown small under a completed invalidation; the
     * words come from the check and stay with the message in its facts, so a later edit keeps them.
     */
    public StatusCard withRefreshMark(Optional<String> mark) {
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
                mark);
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
                + note.map(text -> "\n>" + escape(text).replace("\n", "\n>")).orElse("")));
        problem.ifPresent(why -> blocks.add(new Block.Section(
                (state == State.REJECTED ? why : escape(why)) + "\n*Next:* " + escape(nextStep.orElse("")))));
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
                    case DUPLICATE -> "nothing was sent from this message";
                    default -> "paths in the thread";
                });
        refreshMark.filter(mark -> state == State.COMPLETED).ifPresent(mark -> parts.add(":mag: " + escape(mark)));
        return String.join(" · ", parts);
    }

    private String fallback() {
        String what = "Invalidation of " + Texts.paths(pathCount) + " on " + alias;
        return switch (state) {
            case REQUESTING -> what + ": requesting";
            case IN_PROGRESS -> what + ": in progress";
            case COMPLETED ->
                what + ": completed in " + Texts.duration(elapsed().orElseThrow());
            case FAILED -> what + ": failed";
            case LOST -> what + ": status unknown";
            case AWAITING_APPROVAL -> what + AWAITING_APPROVAL_ENDING;
            case REJECTED -> what + ": rejected";
            case EXPIRED -> what + ": expired, nobody approved";
            case DUPLICATE -> what + ": already sent by an earlier click";
        };
    }
}

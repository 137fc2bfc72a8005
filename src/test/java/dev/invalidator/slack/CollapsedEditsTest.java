package dev.invalidator.slack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invalidator.testing.Await;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The order of one message's edits: an edit registered without waiting keeps the place it was registered in, so an
 * edit of the message asked for later — by a caller that waits, or another that registers — replaces it or goes after
 * it, never before it.
 */
class CollapsedEditsTest {

    private static final String MESSAGE = "C0OPS 1700000000.000100";

    private final CollapsedEdits<String> edits = new CollapsedEdits<>((waiting, newer) -> newer);
    private final ExecutorService threads = Executors.newCachedThreadPool();
    /** The edits whose turn came, in the order they were sent. */
    private final List<String> sentInOrder = new ArrayList<>();

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    @Test
    void a_later_edit_of_the_message_replaces_a_registered_one_waiting_for_its_turn() throws Exception {
        CollapsedEdits<String>.Ticket inProgress = edits.register(MESSAGE, "in progress", () -> Duration.ofMillis(300));

        CompletableFuture<Optional<String>> completed =
                CompletableFuture.supplyAsync(() -> awaitTurn("completed", Duration.ZERO), threads);
        Await.until("the later edit to wait", () -> edits.waiting() == 2);

        assertThat(edits.await(inProgress)).as("the registered edit, replaced").isEmpty();
        assertThat(completed.get(10, TimeUnit.SECONDS)).contains("completed");
        edits.sent(MESSAGE);
    }

    @Test
    void a_later_edit_waits_while_a_registered_one_is_being_sent_and_goes_after_it() throws Exception {
        CollapsedEdits<String>.Ticket inProgress = edits.register(MESSAGE, "in progress", () -> Duration.ZERO);
        Optional<String> turn = edits.await(inProgress);
        assertThat(turn).contains("in progress");
        sentInOrder.add(turn.get());

        CompletableFuture<Void> completed = CompletableFuture.runAsync(
                () -> awaitTurn("completed", Duration.ZERO).ifPresent(this::send), threads);
        Await.until("the later edit to wait", () -> edits.waiting() == 1);
        assertThat(completed).as("the later edit while the first is being sent").isNotDone();

        edits.sent(MESSAGE);
        completed.get(10, TimeUnit.SECONDS);

        assertThat(sentInOrder).containsExactly("in progress", "completed");
    }

    @Test
    void a_registered_edit_keeps_its_place_although_its_sender_awaits_it_after_a_later_edit_was_registered()
            throws Exception {
        CollapsedEdits<String>.Ticket first = edits.register(MESSAGE, "in progress", () -> Duration.ofMillis(200));
        CollapsedEdits<String>.Ticket second = edits.register(MESSAGE, "completed", () -> Duration.ofHours(1));

        // The later one's sender comes first: it waits for the turn the first one reserved, and sends the latest.
        CompletableFuture<Void> later =
                CompletableFuture.runAsync(() -> await(second).ifPresent(this::send), threads);
        later.get(10, TimeUnit.SECONDS);
        Optional<String> earlier = edits.await(first);

        assertThat(earlier).as("the earlier edit, superseded").isEmpty();
        assertThat(sentInOrder).containsExactly("completed");
        assertThat(edits.waiting()).isZero();
    }

    private Optional<String> awaitTurn(String edit, Duration turn) {
        try {
            return edits.awaitTurn(MESSAGE, edit, () -> turn);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CompletionException(e);
        }
    }

    private Optional<String> await(CollapsedEdits<String>.Ticket ticket) {
        try {
            return edits.await(ticket);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CompletionException(e);
        }
    }

    private synchronized void send(String edit) {
        sentInOrder.add(edit);
        edits.sent(MESSAGE);
    }
}

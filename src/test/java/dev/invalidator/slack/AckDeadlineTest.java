package dev.invalidator.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.bolt.App;
import com.slack.api.bolt.response.Response;
import dev.invalidator.metrics.BotMetrics;
import dev.invalidator.sandbox.SlackSimulator;
import dev.invalidator.testing.Await;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Work a listener hands over runs only once its envelope's ack has left within the budget: the real Bolt app on a
 * real Socket Mode connection to the simulator, with a clock the listeners move to make an ack late.
 */
class AckDeadlineTest {

    private static final Duration BUDGET = Duration.ofSeconds(2);

    private final SlackSimulator slack = SlackSimulator.start();
    private final AtomicLong nanos = new AtomicLong();
    private final AckDeadline deadline = new AckDeadline(BUDGET, nanos::get);
    private final ExecutorService workers = Executors.newSingleThreadExecutor();
    /** The texts of the commands whose work ran, in order. */
    private final List<String> done = new CopyOnWriteArrayList<>();

    private SocketModeSession session;

    @BeforeEach
    void connect() throws Exception {
        App app = new App(SlackBot.appConfig(SlackBot.slack(slack.apiUrl()), slack.botToken()));
        var afterAck = deadline.workers(workers);
        app.command("/work", (request, context) -> {
            String text = request.getPayload().getText();
            afterAck.execute(() -> done.add(text));
            return context.ack();
        });
        app.command("/slow", (request, context) -> {
            String text = request.getPayload().getText();
            afterAck.execute(() -> done.add(text));
            nanos.addAndGet(BUDGET.plusMillis(1).toNanos());
            return context.ack();
        });
        app.command("/unanswered", (request, context) -> {
            String text = request.getPayload().getText();
            afterAck.execute(() -> done.add(text));
            return Response.error(500);
        });
        session = SocketModeSession.open(
                app, slack.appToken(), 2, Clock.systemUTC(), deadline, new BotMetrics(Map.of()).slack());
        slack.awaitConnections(1, Duration.ofSeconds(20));
    }

    @AfterEach
    void close() throws InterruptedException {
        session.close();
        workers.shutdownNow();
        workers.awaitTermination(10, TimeUnit.SECONDS);
        slack.close();
    }

    private void type(String command, String text) {
        slack.slashCommand(SlackSimulator.ALICE, SlackSimulator.GENERAL, command, text)
                .ack()
                .orTimeout(10, TimeUnit.SECONDS)
                .join();
    }

    @Test
    void work_runs_once_its_ack_left_in_time() {
        type("/work", "in time");

        Await.until("the work to run", () -> done.contains("in time"));
    }

    @Test
    void work_is_dropped_when_its_ack_left_past_the_budget() {
        type("/slow", "late");
        type("/work", "in time");

        Await.until("the later work to run", () -> done.contains("in time"));
        assertThat(done).containsExactly("in time");
    }

    @Test
    void work_is_dropped_when_no_ack_left() {
        slack.slashCommand(SlackSimulator.ALICE, SlackSimulator.GENERAL, "/unanswered", "never acked");
        type("/work", "in time");

        Await.until("the later work to run", () -> done.contains("in time"));
        assertThat(done).containsExactly("in time");
    }

    @Test
    void work_handed_over_outside_any_answer_runs_at_once() {
        deadline.workers(workers).execute(() -> done.add("from a worker"));

        Await.until("the work to run", () -> done.contains("from a worker"));
    }
}

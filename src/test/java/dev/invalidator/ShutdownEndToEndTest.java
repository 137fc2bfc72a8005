package dev.invalidator;

import static dev.invalidator.testing.BotFixture.DAVE;
import static dev.invalidator.testing.BotFixture.OPS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.invalidator.testing.Await;
import dev.invalidator.testing.BotFixture;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What {@code Bot.close} lets go of, over the real wiring. */
class ShutdownEndToEndTest {

    private final BotFixture world = new BotFixture();

    @AfterEach
    void stop() {
        world.close();
    }

    @Test
    void closing_the_bot_ends_the_threads_that_read_this_months_paths() {
        Set<Thread> before = monthToDateThreads();
        Bot bot = world.startBot();
        world.type(DAVE, OPS, "help");
        world.awaitEphemeral(DAVE, "help");
        Set<Thread> ours = monthToDateThreads();
        ours.removeAll(before);
        assertThat(ours).as("the threads help's count was read on").isNotEmpty();

        world.stop(bot);

        Await.until(
                "the bot's month-to-date threads to end", () -> ours.stream().noneMatch(Thread::isAlive));
    }

    /** MonthToDatePaths' pool names them so (DaemonThreads). */
    private static Set<Thread> monthToDateThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().startsWith("month-to-date-"))
                .collect(Collectors.toCollection(HashSet::new));
    }
}

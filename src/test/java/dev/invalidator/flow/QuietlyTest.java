package dev.invalidator.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.invalidator.chat.ChatException;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** A chat call that only shows what already happened: Slack refusing it is logged, and the flow goes on. */
class QuietlyTest {

    private final Logger logger = (Logger) LoggerFactory.getLogger(Quietly.class);
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();

    @BeforeEach
    void listen() {
        lines.start();
        logger.addAppender(lines);
    }

    @AfterEach
    void stop() {
        logger.detachAppender(lines);
    }

    @Test
    void a_call_slack_refuses_is_logged_as_a_warning_and_goes_no_further() {
        Quietly.show("the path list", () -> {
            throw new ChatException(ChatException.Reason.UNAVAILABLE, "ratelimited", null);
        });

        assertThat(lines.list).singleElement().satisfies(line -> {
            assertThat(line.getLevel()).isEqualTo(Level.WARN);
            assertThat(line.getFormattedMessage()).isEqualTo("Could not show the path list in Slack: ratelimited");
        });
    }

    @Test
    void a_call_that_goes_through_logs_nothing() {
        boolean[] ran = {false};

        Quietly.show("the path list", () -> ran[0] = true);

        assertThat(ran[0]).isTrue();
        assertThat(lines.list).isEmpty();
    }

    @Test
    void any_other_failure_is_a_bug_and_passes_through() {
        assertThatThrownBy(() -> Quietly.show("the path list", () -> {
                    throw new IllegalStateException("a bug");
                }))
                .isInstanceOf(IllegalStateException.class);
        assertThat(lines.list).isEmpty();
    }

    @Test
    void a_later_call_slack_refuses_is_logged_as_a_warning_when_it_fails() {
        CompletableFuture<Void> edit = new CompletableFuture<>();

        Quietly.showLater("invalidation I1 in progress", () -> edit);
        assertThat(lines.list).isEmpty();
        edit.completeExceptionally(new ChatException(ChatException.Reason.UNAVAILABLE, "ratelimited", null));

        assertThat(lines.list).singleElement().satisfies(line -> {
            assertThat(line.getLevel()).isEqualTo(Level.WARN);
            assertThat(line.getFormattedMessage())
                    .isEqualTo("Could not show invalidation I1 in progress in Slack: ratelimited");
        });
    }
}

package dev.invalidator.logging;

import static dev.invalidator.testing.BotFixture.DAVE;
import static dev.invalidator.testing.BotFixture.OPS;
import static dev.invalidator.testing.BotFixture.WEB;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.invalidator.sandbox.SimulatedInvalidation;
import dev.invalidator.sandbox.SlackSimulator;
import dev.invalidator.testing.Await;
import dev.invalidator.testing.BotFixture;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Every decision leaves one JSON line on the {@code audit} logger. */
class AuditTrailTest {

    private final Logger audit = (Logger) LoggerFactory.getLogger("audit");
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private final ObjectMapper json = new ObjectMapper();
    private BotFixture world;

    @BeforeEach
    void start() {
        lines.start();
        audit.addAppender(lines);
        audit.setLevel(Level.INFO);
        world = new BotFixture();
        world.startBot();
    }

    @AfterEach
    void stop() {
        world.close();
        audit.detachAppender(lines);
        audit.setLevel(null);
    }

    private List<JsonNode> decisions() {
        return lines.list.stream()
                .map(event -> {
                    try {
                        return json.readTree(event.getFormattedMessage());
                    } catch (Exception e) {
                        throw new AssertionError("not JSON: " + event.getFormattedMessage(), e);
                    }
                })
                .toList();
    }

    @Test
    void a_created_invalidation_is_recorded_with_its_id_and_reference() {
        world.type(SlackSimulator.ALICE, OPS, "web /index.html");
        SimulatedInvalidation invalidation = world.awaitInvalidation(WEB);
        Await.until("the audit line", () -> !lines.list.isEmpty());

        JsonNode line = decisions().get(0);
        assertThat(line.path("decision").asText()).isEqualTo("created");
        assertThat(line.path("user").asText()).isEqualTo(SlackSimulator.ALICE);
        assertThat(line.path("channel").asText()).isEqualTo(OPS);
        assertThat(line.path("distribution").asText()).isEqualTo(WEB);
        assertThat(line.path("paths").asInt()).isEqualTo(1);
        assertThat(line.path("invalidation").asText()).isEqualTo(invalidation.id());
        assertThat(line.path("callerReference").asText()).isEqualTo(invalidation.callerReference());
    }

    @Test
    void refusals_are_recorded_with_their_reason() {
        world.type(DAVE, OPS, "images /logo.png");
        world.type(SlackSimulator.ALICE, OPS, "web no-slash");
        Await.until("two audit lines", () -> lines.list.size() == 2);

        assertThat(decisions())
                .extracting(line -> line.path("decision").asText())
                .containsExactlyInAnyOrder("denied", "invalid");
        assertThat(decisions())
                .allSatisfy(line -> assertThat(line.path("reason").asText()).isNotBlank());
    }
}

package dev.invalidator.logging;

import static dev.invalidator.testing.BotFixture.DAVE;
import static dev.invalidator.testing.BotFixture.OPS;
import static dev.invalidator.testing.BotFixture.WEB;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.invalidator.sandbox.SimulatedInvalidation;
import dev.invalidator.sandbox.SlackSimulator;
import dev.invalidator.testing.AuditLines;
import dev.invalidator.testing.Await;
import dev.invalidator.testing.BotFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every decision leaves one JSON line on the {@code audit} logger. */
class AuditTrailTest {

    private final AuditLines audit = AuditLines.capture();
    private BotFixture world;

    @BeforeEach
    void start() {
        world = new BotFixture();
        world.startBot();
    }

    @AfterEach
    void stop() {
        world.close();
        audit.close();
    }

    @Test
    void a_created_invalidation_is_recorded_with_its_id_and_reference() {
        world.type(SlackSimulator.ALICE, OPS, "web /index.html");
        SimulatedInvalidation invalidation = world.awaitInvalidation(WEB);
        JsonNode line = audit.await("created", WEB);

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
        Await.until("two audit lines", () -> audit.all().size() == 2);

        assertThat(audit.all())
                .extracting(line -> line.path("decision").asText())
                .containsExactlyInAnyOrder("denied", "invalid");
        assertThat(audit.all())
                .allSatisfy(line -> assertThat(line.path("reason").asText()).isNotBlank());
    }
}

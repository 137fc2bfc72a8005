package dev.invalidator.flow;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.invalidator.cdn.Invalidation;
import dev.invalidator.cdn.InvalidationStatus;
import dev.invalidator.chat.Message;
import dev.invalidator.chat.StatusCard;
import dev.invalidator.config.AccessList;
import dev.invalidator.config.DistributionConfig;
import dev.invalidator.metrics.BotMetrics;
import dev.invalidator.request.PathLimits;
import dev.invalidator.request.PathParser;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The audit line of each kind of decision, field by field as operators' tools read it. */
class AuditLogTest {

    private static final Instant NOW = Instant.parse("2026-11-23T15:04:05Z");
    private static final String REFERENCE = "invalidator/1/C0OPS/1700000000.000100/U0ALICE";

    private final Logger logger = (Logger) LoggerFactory.getLogger("audit");
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private final AuditLog audit = new AuditLog(Clock.fixed(NOW, ZoneOffset.UTC), new BotMetrics(Map.of()).requests());
    private final PreparedRequest request = new PreparedRequest(
            "U0ALICE",
            "C0OPS",
            new DistributionConfig(
                    "web", "E1WEBEXAMPLE", AccessList.of("C0OPS"), AccessList.anyone(), Optional.empty()),
            new PathParser(PathLimits.cloudFrontDefaults()).parse(List.of("/index.html", "/css/*"), Set.of()),
            Optional.empty());

    @BeforeEach
    void listen() {
        lines.start();
        logger.addAppender(lines);
        logger.setLevel(Level.INFO);
    }

    @AfterEach
    void stop() {
        logger.detachAppender(lines);
        logger.setLevel(null);
    }

    private String line() {
        assertThat(lines.list).hasSize(1);
        return lines.list.get(0).getFormattedMessage();
    }

    /** The invalidation CloudFront created for the request: two paths, in progress. */
    private static Invalidation created() {
        return new Invalidation(
                "E1WEBEXAMPLE",
                "I2J0I21PCUYOIK",
                InvalidationStatus.IN_PROGRESS,
                NOW,
                List.of("/index.html", "/css/*"),
                REFERENCE);
    }

    @Test
    void a_created_invalidation_is_one_line_with_every_field_in_order() {
        Invalidation created = created();

        audit.record(AuditEntry.created(request, created, REFERENCE));

        assertThat(line())
                .isEqualTo("{\"time\":\"2026-11-23T15:04:05Z\",\"decision\":\"created\",\"channel\":\"C0OPS\","
                        + "\"user\":\"U0ALICE\",\"distribution\":\"E1WEBEXAMPLE\",\"paths\":2,\"reason\":\"\","
                        + "\"invalidation\":\"I2J0I21PCUYOIK\",\"callerReference\":\"" + REFERENCE + "\","
                        + "\"source\":\"command\",\"step\":\"\"}");
    }

    @Test
    void a_decision_before_cloudfront_leaves_invalidation_and_reference_empty() {
        audit.record(AuditEntry.of(AuditEntry.Decision.RATE_LIMITED, request, "You sent 3 requests in a minute."));

        assertThat(line())
                .isEqualTo("{\"time\":\"2026-11-23T15:04:05Z\",\"decision\":\"rate_limited\",\"channel\":\"C0OPS\","
                        + "\"user\":\"U0ALICE\",\"distribution\":\"E1WEBEXAMPLE\",\"paths\":2,"
                        + "\"reason\":\"You sent 3 requests in a minute.\",\"invalidation\":\"\","
                        + "\"callerReference\":\"\",\"source\":\"command\",\"step\":\"\"}");
    }

    @Nested
    class A_refusal {

        private final SlashCommand command = new SlashCommand("U0DAVE", "C0OPS", "images a b", "trigger");
        private final Command.Invalidate typed = new Command.Invalidate("images", List.of("a", "b"));

        @Test
        void of_bad_paths_is_invalid_and_names_the_distribution_as_typed() {
            AuditEntry entry = AuditEntry.refused(
                    new Preparation.Refused(Message.of("x"), Preparation.Field.PATHS, "a: no slash"), command, typed);

            assertThat(entry)
                    .isEqualTo(new AuditEntry(
                            AuditEntry.Decision.INVALID,
                            "C0OPS",
                            "U0DAVE",
                            "images",
                            2,
                            "a: no slash",
                            "",
                            "",
                            "command",
                            ""));
        }

        @Test
        void of_anything_else_is_denied() {
            AuditEntry entry = AuditEntry.refused(
                    new Preparation.Refused(Message.of("x"), Preparation.Field.DISTRIBUTION, "not on the list"),
                    command,
                    typed);

            assertThat(entry.decision()).isEqualTo(AuditEntry.Decision.DENIED);
        }
    }

    @Test
    void an_approvers_decision_names_the_approver_as_its_reason() {
        StatusCard waiting = StatusCard.builder()
                .state(StatusCard.State.AWAITING_APPROVAL)
                .requester("U0ALICE")
                .alias("web")
                .distributionId("E1WEBEXAMPLE")
                .pathCount(2)
                .build();

        assertThat(AuditEntry.decided(false, "C0OPS", waiting, "U0LEAD"))
                .isEqualTo(new AuditEntry(
                        AuditEntry.Decision.REJECTED,
                        "C0OPS",
                        "U0ALICE",
                        "E1WEBEXAMPLE",
                        2,
                        "by U0LEAD",
                        "",
                        "",
                        "command",
                        ""));
    }

    @Test
    void a_request_a_workflow_step_sent_names_workflow_as_its_source_and_the_steps_run() {
        Invalidation created = created();

        audit.record(AuditEntry.created(
                request.forStep(Optional.of(new StepExecution("Fx0123ABCDEF", true))), created, REFERENCE));

        assertThat(line()).endsWith(",\"source\":\"workflow\",\"step\":\"Fx0123ABCDEF\"}");
    }

    @Test
    void a_step_refused_before_anything_was_posted_names_workflow_as_its_source_and_the_steps_run() {
        AuditEntry entry = AuditEntry.refused(
                        new Preparation.Refused(Message.of("x"), Preparation.Field.CHANNEL, "not allowed in #general"),
                        new SlashCommand("U0ALICE", "C0GENERAL", "", ""),
                        new Command.Invalidate("web", List.of("/index.html")))
                .fromStep(Optional.of(new StepExecution("Fx0123ABCDEF", true)));

        audit.record(entry);

        assertThat(line())
                .contains("\"decision\":\"denied\"")
                .contains("\"reason\":\"not allowed in #general\"")
                .endsWith(",\"source\":\"workflow\",\"step\":\"Fx0123ABCDEF\"}");
    }
}

package dev.invalidator.flow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.invalidator.metrics.RequestMeters;
import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One JSON line per decision the bot takes about a request, on the {@code audit} logger: who asked, where, for which
 * distribution, how many paths, what was decided and why, and — once created — the invalidation and its reference.
 * Each decision is also counted in the metrics, by its name alone.
 *
 * <pre>{@code
 * {"time":"2026-11-23T15:04:05Z","decision":"created","channel":"C0OPS","user":"U0ALICE","distribution":"E1WEBEXAMPLE",
 *  "paths":3,"reason":"","invalidation":"I2J0I21PCUYOIK","callerReference":"invalidator/1/C0OPS/1700000000.000100/U0ALICE",
 *  "source":"workflow","step":"Fx0123ABCDEF"}
 * }</pre>
 */
final class AuditLog {

    private static final Logger audit = LoggerFactory.getLogger("audit");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Clock clock;
    private final RequestMeters requests;

    /** @param requests counts each decision recorded, every decision's count shown from the start */
    AuditLog(Clock clock, RequestMeters requests) {
        this.clock = clock;
        this.requests = requests;
        requests.expect(
                Arrays.stream(AuditEntry.Decision.values()).map(AuditLog::name).toList());
    }

    void record(AuditEntry entry) {
        requests.decided(name(entry.decision()));
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("time", clock.instant().toString());
        line.put("decision", name(entry.decision()));
        line.put("channel", entry.channel());
        line.put("user", entry.user());
        line.put("distribution", entry.distribution());
        line.put("paths", entry.paths());
        line.put("reason", entry.reason());
        line.put("invalidation", entry.invalidation());
        line.put("callerReference", entry.callerReference());
        line.put("source", entry.source());
        line.put("step", entry.step());
        try {
            audit.info(JSON.writeValueAsString(line));
        } catch (JsonProcessingException e) {
            audit.warn("could not write an audit line for {} by {}", entry.decision(), entry.user());
        }
    }

    /** As the audit line and the metrics write it: {@code rate_limited}. */
    private static String name(AuditEntry.Decision decision) {
        return decision.name().toLowerCase(Locale.ROOT);
    }
}

package dev.invalidator.health;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether the process should be restarted: {@code /health/live}. Only what a restart mends belongs here — the Socket
 * Mode loop that acks envelopes and keeps the connection no longer responding — never Slack being unreachable or
 * CloudFront refusing a distribution, which a restart does not mend and which would then take every replica down.
 *
 * <pre>{@code
 * Liveness.OK.toJson();                                                     // {"status":"ok"}
 * Liveness.stuck("the Socket Mode dispatch threads ran no task within 2 s").toJson();
 *     // {"status":"stuck","error":"the Socket Mode dispatch threads ran no task within 2 s"}
 * }</pre>
 *
 * @param stuck what no longer responds; empty when the process is live
 */
public record Liveness(Optional<String> stuck) {

    public static final Liveness OK = new Liveness(Optional.empty());

    public Liveness {
        Objects.requireNonNull(stuck, "stuck");
    }

    public static Liveness stuck(String what) {
        return new Liveness(Optional.of(what));
    }

    public boolean isLive() {
        return stuck.isEmpty();
    }

    public String toJson() {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("status", isLive() ? "ok" : "stuck");
        stuck.ifPresent(what -> body.put("error", what));
        return ProbeAnswer.json(body);
    }
}

package dev.invalidator.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.invalidator.sandbox.SlackHttp.Reply;
import dev.invalidator.sandbox.SlackSimulator.Ephemeral;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * response_url endpoints: each is bound to the invoker, the channel and (for a click) the message clicked.
 * Up to {@value #MAX_USES} uses within 30 minutes, like Slack's.
 */
final class SlackResponseUrls {

    private static final Logger log = LoggerFactory.getLogger(SlackResponseUrls.class);
    static final int MAX_USES = 5;
    private static final Duration LIFETIME = Duration.ofMinutes(30);

    /** Where a response goes. {@code originTs} is the clicked message (null for slash commands). */
    private record Target(
            String channel,
            String userId,
            String originTs,
            boolean originEphemeral,
            Instant issuedAt,
            AtomicInteger uses) {}

    private final ObjectMapper json;
    private final Clock clock;
    private final SlackRecords records;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Target> targets = new ConcurrentHashMap<>();
    private volatile String baseUrl;

    SlackResponseUrls(ObjectMapper json, Clock clock, SlackRecords records) {
        this.json = json;
        this.clock = clock;
        this.records = records;
    }

    void bind(int port) {
        this.baseUrl = "http://127.0.0.1:" + port + "/response/";
    }

    String issue(String channel, String userId, String originTs, boolean originEphemeral) {
        byte[] bytes = new byte[12];
        random.nextBytes(bytes);
        String id = HexFormat.of().formatHex(bytes);
        targets.put(id, new Target(channel, userId, originTs, originEphemeral, clock.instant(), new AtomicInteger()));
        return baseUrl + id;
    }

    Reply post(String id, String body) {
        Target target = targets.get(id);
        if (target == null) {
            return Reply.text(404, "no_service");
        }
        if (clock.instant().isAfter(target.issuedAt().plus(LIFETIME))) {
            return Reply.text(404, "expired_url");
        }
        if (target.uses().incrementAndGet() > MAX_USES) {
            return Reply.text(404, "used_url");
        }
        JsonNode response;
        try {
            response = json.readTree(body);
        } catch (IOException e) {
            return Reply.text(400, "invalid_payload");
        }
        if (response == null || !response.isObject()) {
            return Reply.text(400, "invalid_payload");
        }
        String text = response.hasNonNull("text") ? response.get("text").asText() : null;
        JsonNode blocksNode = response.get("blocks");
        String blocks = blocksNode == null || blocksNode.isNull() ? null : blocksNode.toString();
        List<String> problems =
                blocks == null ? List.of() : BlockKitRules.blockProblems(blocksNode, BlockKitRules.Surface.MESSAGE);
        if (!problems.isEmpty()) {
            // As Slack's hooks answer a payload they refuse (sourcegraph/sourcegraph-public-snapshot issue #49979).
            log.info("Refusing a response with invalid_blocks: {}", problems);
            return Reply.text(400, "invalid_blocks");
        }
        boolean replace = response.path("replace_original").asBoolean(false);
        boolean delete = response.path("delete_original").asBoolean(false);
        boolean inChannel = "in_channel".equals(response.path("response_type").asText());
        String threadTs =
                response.hasNonNull("thread_ts") ? response.get("thread_ts").asText() : null;
        log.debug(
                "response_url use {} (in_channel={}, replace={}, delete={})",
                target.uses().get(),
                inChannel,
                replace,
                delete);

        if (target.originTs() != null && !target.originEphemeral() && (replace || delete)) {
            boolean found = records.replace(
                            target.channel(),
                            target.originTs(),
                            m -> delete ? m.asDeleted() : m.edited(text, blocks, m.metadataJson(), records.nextTs()))
                    .isPresent();
            return found ? ok() : Reply.text(404, "message_not_found");
        }
        if (delete) {
            return ok(); // an ephemeral simply disappears; nothing else shows
        }
        if (text == null && blocks == null) {
            return Reply.text(400, "no_text");
        }
        if (inChannel) {
            records.post(
                    target.channel(),
                    SlackWorld.BOT_USER_ID,
                    SlackWorld.BOT_ID,
                    SlackWorld.APP_ID,
                    text,
                    blocks,
                    null,
                    threadTs,
                    false);
        } else {
            records.recordEphemeral(new Ephemeral(
                    target.channel(),
                    target.userId(),
                    text,
                    blocks,
                    Ephemeral.FROM_RESPONSE_URL,
                    replace,
                    records.nextTs()));
        }
        return ok();
    }

    private static Reply ok() {
        return new Reply(200, "application/json; charset=utf-8", "{\"ok\":true}");
    }
}

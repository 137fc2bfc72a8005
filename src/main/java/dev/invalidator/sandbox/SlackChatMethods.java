package dev.invalidator.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.invalidator.sandbox.SlackMethod.Failure;
import dev.invalidator.sandbox.SlackMethod.Request;
import dev.invalidator.sandbox.SlackMethod.Route;
import dev.invalidator.sandbox.SlackRecords.Stored;
import dev.invalidator.sandbox.SlackSimulator.Auth;
import dev.invalidator.sandbox.SlackSimulator.Ephemeral;
import dev.invalidator.sandbox.SlackWorld.Channel;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code chat.*} and the message-reading {@code conversations.*} methods. */
final class SlackChatMethods {

    private static final Logger log = LoggerFactory.getLogger(SlackChatMethods.class);

    static final int MAX_TEXT = 40_000;

    private final ObjectMapper json;
    private final SlackWorld world;
    private final SlackRecords records;

    SlackChatMethods(ObjectMapper json, SlackWorld world, SlackRecords records) {
        this.json = json;
        this.world = world;
        this.records = records;
    }

    void register(Map<String, Route> routes) {
        Set<Auth> bot = Set.of(Auth.BOT);
        routes.put("chat.postMessage", new Route(bot, this::postMessage));
        routes.put("chat.update", new Route(bot, this::update));
        routes.put("chat.delete", new Route(bot, this::delete));
        routes.put("chat.postEphemeral", new Route(bot, this::postEphemeral));
        routes.put("chat.getPermalink", new Route(bot, this::getPermalink));
        routes.put("conversations.history", new Route(bot, this::history));
        routes.put("conversations.replies", new Route(bot, this::replies));
    }

    private ObjectNode postMessage(Request r) {
        Channel channel = memberChannel(r.param("channel"));
        String text = r.param("text");
        String blocks = blocks(r.param("blocks"));
        if (text == null && blocks == null) {
            throw new Failure("no_text");
        }
        checkLength(text);
        String metadata = metadata(r.param("metadata"));
        String threadTs = r.param("thread_ts");
        if (threadTs != null) {
            Stored parent = records.find(channel.id(), threadTs).orElseThrow(() -> new Failure("thread_not_found"));
            if (parent.isReply()) {
                // Threads are one level deep, and what Slack does with a reply's ts as thread_ts is not documented
                // (it is said to file the post under the root): refused here, so that nothing relies on it.
                throw new Failure("invalid_thread_ts");
            }
        }
        Stored stored = records.post(
                channel.id(),
                SlackWorld.BOT_USER_ID,
                SlackWorld.BOT_ID,
                SlackWorld.APP_ID,
                text,
                blocks,
                metadata,
                threadTs,
                threadTs != null && r.flag("reply_broadcast"));
        ObjectNode out = json.createObjectNode().put("channel", channel.id()).put("ts", stored.ts());
        out.set("message", message(stored, true));
        return out;
    }

    /** The bot's own message {@code ts} in {@code channel}, not deleted; another's answers {@code notOwn}. */
    private Stored ownMessage(Channel channel, String ts, String notOwn) {
        Stored found = records.find(channel.id(), ts == null ? "" : ts)
                .filter(message -> !message.deleted())
                .orElseThrow(() -> new Failure("message_not_found"));
        if (!SlackWorld.BOT_ID.equals(found.botId())) {
            throw new Failure(notOwn);
        }
        return found;
    }

    private ObjectNode update(Request r) {
        Channel channel = knownChannel(r.param("channel"));
        Stored current = ownMessage(channel, r.param("ts"), "cant_update_message");
        String text = r.param("text");
        String blocks = blocks(r.param("blocks"));
        String metadataArg = r.param("metadata");
        if (text == null && blocks == null && metadataArg == null) {
            throw new Failure("no_text");
        }
        checkLength(text);
        // Slack: text without blocks removes the blocks; neither keeps them. Omitted metadata is kept, {} removes it.
        String newBlocks = blocks != null ? blocks : (text != null ? null : current.blocksJson());
        String newText = text != null ? text : current.text();
        String newMetadata = metadataArg == null
                ? current.metadataJson()
                : "{}".equals(metadataArg.replaceAll("\\s", "")) ? null : metadata(metadataArg);
        Stored updated = records.replace(
                        channel.id(), current.ts(), m -> m.edited(newText, newBlocks, newMetadata, records.nextTs()))
                .orElseThrow(() -> new Failure("message_not_found"));
        ObjectNode out = json.createObjectNode()
                .put("channel", channel.id())
                .put("ts", updated.ts())
                .put("text", updated.text() == null ? "" : updated.text());
        out.set("message", message(updated, true));
        return out;
    }

    /**
     * docs.slack.dev/reference/methods/chat.delete: "with a bot token, this method may delete only messages posted by
     * that bot"; a message gone already is {@code message_not_found}. The thread's replies stay when a root goes.
     */
    private ObjectNode delete(Request r) {
        Channel channel = knownChannel(r.param("channel"));
        Stored current = ownMessage(channel, r.param("ts"), "cant_delete_message");
        records.replace(channel.id(), current.ts(), Stored::asDeleted);
        return json.createObjectNode().put("channel", channel.id()).put("ts", current.ts());
    }

    private ObjectNode postEphemeral(Request r) {
        Channel channel = memberChannel(r.param("channel"));
        String userId = r.param("user");
        if (world.user(userId).isEmpty()) {
            throw new Failure("user_not_found");
        }
        String text = r.param("text");
        String blocks = blocks(r.param("blocks"));
        if (text == null && blocks == null) {
            throw new Failure("no_text");
        }
        checkLength(text);
        String ts = records.nextTs();
        records.recordEphemeral(new Ephemeral(channel.id(), userId, text, blocks, Ephemeral.FROM_API, false, ts));
        return json.createObjectNode().put("message_ts", ts);
    }

    private ObjectNode getPermalink(Request r) {
        Channel channel = knownChannel(r.param("channel"));
        String ts = r.param("message_ts");
        Stored m = records.find(channel.id(), ts == null ? "" : ts).orElseThrow(() -> new Failure("message_not_found"));
        String link = "https://" + SlackWorld.TEAM_DOMAIN + ".slack.com/archives/" + channel.id() + "/p"
                + m.ts().replace(".", "");
        if (m.isReply()) {
            link += "?thread_ts=" + m.threadTs() + "&cid=" + channel.id();
        }
        return json.createObjectNode().put("channel", channel.id()).put("permalink", link);
    }

    private ObjectNode history(Request r) {
        Channel channel = memberChannel(r.param("channel"));
        BigDecimal oldest = tsArg(r.param("oldest"), BigDecimal.ZERO);
        BigDecimal latest = tsArg(r.param("latest"), null);
        BigDecimal before = cursor(r.param("cursor"), "before:");
        boolean inclusive = r.flag("inclusive");
        List<Stored> newestFirst = new ArrayList<>(records.channelView(channel.id()));
        newestFirst.sort(
                Comparator.comparing((Stored m) -> new BigDecimal(m.ts())).reversed());
        List<Stored> selected = newestFirst.stream()
                .filter(m -> {
                    BigDecimal ts = new BigDecimal(m.ts());
                    boolean afterOldest = inclusive ? ts.compareTo(oldest) >= 0 : ts.compareTo(oldest) > 0;
                    boolean beforeLatest =
                            latest == null || (inclusive ? ts.compareTo(latest) <= 0 : ts.compareTo(latest) < 0);
                    return afterOldest && beforeLatest && (before == null || ts.compareTo(before) < 0);
                })
                .toList();
        return page(selected, limit(r), r.flag("include_all_metadata"), "before:");
    }

    private ObjectNode replies(Request r) {
        Channel channel = memberChannel(r.param("channel"));
        String ts = r.param("ts");
        if (ts == null) {
            throw new Failure("invalid_arguments");
        }
        Stored found = records.find(channel.id(), ts).orElseThrow(() -> new Failure("thread_not_found"));
        Stored parent =
                found.isReply() ? records.find(channel.id(), found.threadTs()).orElseThrow() : found;
        BigDecimal after = cursor(r.param("cursor"), "after:");
        List<Stored> thread = new ArrayList<>();
        if (after == null) {
            thread.add(parent);
        }
        records.replies(channel.id(), parent.ts()).stream()
                .filter(m -> after == null || new BigDecimal(m.ts()).compareTo(after) > 0)
                .forEach(thread::add);
        return page(thread, limit(r), r.flag("include_all_metadata"), "after:");
    }

    private ObjectNode page(List<Stored> selected, int limit, boolean withMetadata, String cursorKind) {
        List<Stored> page = selected.subList(0, Math.min(limit, selected.size()));
        ObjectNode out = json.createObjectNode();
        ArrayNode messages = out.putArray("messages");
        page.forEach(m -> messages.add(message(m, withMetadata)));
        boolean more = selected.size() > page.size();
        out.put("has_more", more);
        if (more) {
            String next = cursorKind + page.get(page.size() - 1).ts();
            out.putObject("response_metadata")
                    .put("next_cursor", Base64.getEncoder().encodeToString(next.getBytes(StandardCharsets.UTF_8)));
        }
        return out;
    }

    /** A message object as the Web API shows it. */
    ObjectNode message(Stored m, boolean withMetadata) {
        ObjectNode out = json.createObjectNode().put("type", "message");
        if (m.broadcast()) {
            out.put("subtype", "thread_broadcast");
        }
        out.put("user", m.userId());
        if (m.botId() != null) {
            out.put("bot_id", m.botId()).put("app_id", m.appId());
        }
        out.put("text", m.text() == null ? "" : m.text()).put("ts", m.ts()).put("team", SlackWorld.TEAM_ID);
        if (m.blocksJson() != null) {
            out.set("blocks", parse(m.blocksJson()));
        }
        if (m.isReply()) {
            out.put("thread_ts", m.threadTs())
                    .put(
                            "parent_user_id",
                            records.find(m.channel(), m.threadTs())
                                    .map(Stored::userId)
                                    .orElse(null));
        } else {
            List<Stored> replies = records.replies(m.channel(), m.ts());
            if (!replies.isEmpty()) {
                out.put("thread_ts", m.ts())
                        .put("reply_count", replies.size())
                        .put("latest_reply", replies.get(replies.size() - 1).ts());
            }
        }
        if (m.editedTs() != null) {
            out.putObject("edited").put("user", m.userId()).put("ts", m.editedTs());
        }
        if (withMetadata && m.metadataJson() != null) {
            out.set("metadata", parse(m.metadataJson()));
        }
        return out;
    }

    // ---- argument checks

    private Channel knownChannel(String id) {
        return world.channel(id).orElseThrow(() -> new Failure("channel_not_found"));
    }

    private Channel memberChannel(String id) {
        Channel channel = knownChannel(id);
        if (!channel.botIsMember()) {
            throw new Failure(channel.isPrivate() ? "channel_not_found" : "not_in_channel");
        }
        return channel;
    }

    private static void checkLength(String text) {
        if (text != null && text.length() > MAX_TEXT) {
            throw new Failure("msg_too_long");
        }
    }

    /**
     * Validates a {@code blocks} argument as Slack does ({@link BlockKitRules}); returns its JSON text or null when
     * absent.
     */
    private String blocks(String arg) {
        if (arg == null) {
            return null;
        }
        JsonNode node = tryParse(arg);
        List<String> problems =
                node == null ? List.of("not JSON") : BlockKitRules.blockProblems(node, BlockKitRules.Surface.MESSAGE);
        if (!problems.isEmpty()) {
            log.info("Refusing blocks with invalid_blocks: {}", problems);
            throw new Failure("invalid_blocks");
        }
        int textLength = BlockKitRules.textLength(node);
        if (textLength > BlockKitRules.MAX_MESSAGE_BLOCKS_TEXT) {
            log.info("Refusing blocks with {} characters of text: msg_blocks_too_long", textLength);
            throw new Failure("msg_blocks_too_long");
        }
        return node.toString();
    }

    /** Validates a {@code metadata} argument ({@code event_type} + object {@code event_payload}). */
    String metadata(String arg) {
        if (arg == null) {
            return null;
        }
        JsonNode node = tryParse(arg);
        if (node == null
                || !node.isObject()
                || !node.path("event_type").isTextual()
                || !node.path("event_payload").isObject()) {
            throw new Failure("invalid_metadata_format");
        }
        return node.toString();
    }

    private static int limit(Request r) {
        int limit = r.intParam("limit", 100);
        return limit <= 0 ? 100 : Math.min(limit, 999);
    }

    private static BigDecimal tsArg(String arg, BigDecimal absent) {
        if (arg == null) {
            return absent;
        }
        try {
            return new BigDecimal(arg);
        } catch (NumberFormatException e) {
            throw new Failure("invalid_ts_" + (absent == null ? "latest" : "oldest"));
        }
    }

    private static BigDecimal cursor(String arg, String kind) {
        if (arg == null) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(arg), StandardCharsets.UTF_8);
            if (decoded.startsWith(kind)) {
                return new BigDecimal(decoded.substring(kind.length()));
            }
        } catch (IllegalArgumentException e) {
            // falls through to the error below
        }
        throw new Failure("invalid_cursor");
    }

    private JsonNode tryParse(String text) {
        try {
            return json.readTree(text);
        } catch (IOException e) {
            return null;
        }
    }

    private JsonNode parse(String text) {
        JsonNode node = tryParse(text);
        return node == null ? json.nullNode() : node;
    }
}

package dev.invalidator.flow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.invalidator.config.Identifiers;
import dev.invalidator.request.CheckSamples;
import dev.invalidator.request.InvalidationPath;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * A request waiting for a click, written into what the click brings back — a button's value, a modal's
 * private_metadata — so that whichever instance of the bot Slack hands the click to can act on it, including one
 * started after the question was asked.
 *
 * <p>A ticket is never trusted, only read: whoever acts on it checks the clicker, the expiry and the access policy
 * again and parses the paths as if they were typed. A forged ticket therefore gets no further than the clicker could
 * by typing the command, which is why it carries no signature; an approval's ticket is also tied to its status message
 * by {@link #digest()} (see {@code Approvals}).
 *
 * <p>Compact and versioned: JSON with one-letter keys, deflated, base64url, behind {@code t1.}. Only the paths as they
 * go to CloudFront travel (already deduplicated and encoded), and the {@code check:} samples, not what was typed.
 *
 * <pre>{@code
 * RequestTicket ticket = RequestTicket.of("3f9a1c0b7e2d4a58", request, clock.instant());
 * ticket.key();                               // "t1.q1YqzkxRsjIwNNB…", or the bare id when the ticket is too big
 * RequestTicket.decode(ticket.key());         // Optional[the same ticket]
 * RequestTicket.decode("3f9a1c0b7e2d4a58");   // Optional.empty(): an id, held by the instance that asked
 * }</pre>
 *
 * @param id      random, names the question: the instance that asked keeps the request under it, and a click is
 *                acted on once per id
 * @param samples the files to ask the edge for once the invalidation completes ({@code check:}), never invalidated
 * @param askedAt when the question was asked; expiry counts from here
 */
record RequestTicket(
        String id,
        String requester,
        String channel,
        String distributionId,
        List<String> paths,
        List<String> samples,
        Optional<String> note,
        Instant askedAt) {

    /** Slack's limit for a button's value (a modal's private_metadata allows 3,000; one limit serves both). */
    static final int MAX_KEY_CHARS = 2_000;

    private static final String PREFIX = "t1.";
    private static final Pattern ID = Pattern.compile("[0-9a-f]{16}");
    /** Generous bounds for reading, well above anything a real request holds; the parser applies the real limits. */
    private static final int MAX_PATHS = 3_000;

    private static final int MAX_NOTE_CHARS = 3_000;
    private static final int MAX_JSON_BYTES = 1 << 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    RequestTicket {
        paths = List.copyOf(paths);
        samples = List.copyOf(samples);
    }

    static RequestTicket of(String id, PreparedRequest request, Instant askedAt) {
        return new RequestTicket(
                id,
                request.requester(),
                request.channel(),
                request.distribution().id(),
                request.values(),
                request.paths().samples().stream().map(InvalidationPath::value).toList(),
                request.note(),
                askedAt);
    }

    /** The same request for another target: a group's card carries one ticket for all its members. */
    RequestTicket forTarget(String targetId) {
        return new RequestTicket(id, requester, channel, targetId, paths, samples, note, askedAt);
    }

    /** The request as someone would type it — the paths, then the samples — to be parsed and checked again. */
    List<String> tokens() {
        List<String> tokens = new ArrayList<>(paths);
        samples.forEach(sample -> tokens.add(CheckSamples.token(sample)));
        return tokens;
    }

    /** Whether {@code key} is a bare id, what a request too big for a ticket travels as. */
    static boolean isId(String key) {
        return key != null && ID.matcher(key).matches();
    }

    /** What goes into the button or the modal: the ticket when it fits, else the bare id. */
    String key() {
        String encoded = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(deflate(json()));
        return encoded.length() <= MAX_KEY_CHARS ? encoded : id;
    }

    /** SHA-256 of the ticket's content, base64url: kept with a status message to recognise its own ticket. */
    String digest() {
        try {
            return Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(MessageDigest.getInstance("SHA-256").digest(json()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** The ticket in {@code key}; empty for a bare id and for anything that is not a well-formed ticket. */
    static Optional<RequestTicket> decode(String key) {
        if (key == null || !key.startsWith(PREFIX) || key.length() > MAX_KEY_CHARS) {
            return Optional.empty();
        }
        try {
            return read(JSON.readTree(inflate(Base64.getUrlDecoder().decode(key.substring(PREFIX.length())))));
        } catch (IOException | DataFormatException | IllegalArgumentException | DateTimeException e) {
            return Optional.empty();
        }
    }

    private byte[] json() {
        ObjectNode node = JSON.createObjectNode()
                .put("i", id)
                .put("u", requester)
                .put("c", channel)
                .put("d", distributionId);
        paths.forEach(node.putArray("p")::add);
        if (!samples.isEmpty()) {
            samples.forEach(node.putArray("s")::add);
        }
        note.ifPresent(text -> node.put("n", text));
        node.put("t", askedAt.getEpochSecond());
        return node.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static Optional<RequestTicket> read(JsonNode node) {
        if (node == null || !node.isObject()) {
            return Optional.empty();
        }
        String id = node.path("i").asText("");
        String requester = node.path("u").asText("");
        String channel = node.path("c").asText("");
        String distribution = node.path("d").asText("");
        Optional<List<String>> paths = texts(node.path("p"));
        Optional<List<String>> samples = node.has("s") ? texts(node.path("s")) : Optional.of(List.of());
        JsonNode note = node.path("n");
        JsonNode askedAt = node.path("t");
        if (!ID.matcher(id).matches()
                || !Identifiers.isUserId(requester)
                || !Identifiers.isConversationId(channel)
                || !Identifiers.isTargetId(distribution)
                || paths.isEmpty()
                || paths.get().isEmpty()
                || samples.isEmpty()
                || !askedAt.canConvertToLong()
                || !(note.isMissingNode() || (note.isTextual() && note.asText().length() <= MAX_NOTE_CHARS))) {
            return Optional.empty();
        }
        return Optional.of(new RequestTicket(
                id,
                requester,
                channel,
                distribution,
                paths.get(),
                samples.get(),
                note.isTextual() ? Optional.of(note.asText()) : Optional.empty(),
                Instant.ofEpochSecond(askedAt.asLong())));
    }

    /** The strings of a JSON array of at most {@link #MAX_PATHS}; empty when it is anything else. */
    private static Optional<List<String>> texts(JsonNode array) {
        if (!array.isArray() || array.size() > MAX_PATHS) {
            return Optional.empty();
        }
        List<String> texts = new ArrayList<>();
        for (JsonNode element : array) {
            if (!element.isTextual()) {
                return Optional.empty();
            }
            texts.add(element.asText());
        }
        return Optional.of(texts);
    }

    private static byte[] deflate(byte[] input) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        try {
            deflater.setInput(input);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(input.length / 2 + 16);
            byte[] buffer = new byte[4096];
            while (!deflater.finished()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    /** Bounded, so that a crafted value can't inflate into more memory than a real ticket ever needs. */
    private static byte[] inflate(byte[] input) throws DataFormatException {
        Inflater inflater = new Inflater(true);
        try {
            inflater.setInput(input);
            ByteArrayOutputStream out = new ByteArrayOutputStream(input.length * 4);
            byte[] buffer = new byte[4096];
            while (!inflater.finished()) {
                int read = inflater.inflate(buffer);
                if (read == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new DataFormatException("truncated");
                }
                out.write(buffer, 0, read);
                if (out.size() > MAX_JSON_BYTES) {
                    throw new DataFormatException("too large");
                }
            }
            return out.toByteArray();
        } finally {
            inflater.end();
        }
    }
}

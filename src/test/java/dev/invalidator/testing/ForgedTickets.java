package dev.invalidator.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * The bot's tickets (a request carried in a button's value) as someone forging a click would handle them: read the
 * value a button carries, change what they like, write it back. Written from the wire format alone — {@code t1.},
 * then deflated JSON in base64url — not with the bot's own class.
 *
 * <pre>{@code
 * ObjectNode ticket = ForgedTickets.read(ForgedTickets.buttonValue(blocksJson, "confirm"));
 * ticket.put("u", "U0BOB");                           // u: requester, c: channel, d: distribution, p: paths
 * String forged = ForgedTickets.write(ticket);
 * }</pre>
 */
public final class ForgedTickets {

    private static final String PREFIX = "t1.";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ForgedTickets() {}

    /** The value of the button {@code actionId} in a message's blocks. */
    public static String buttonValue(String blocksJson, String actionId) {
        try {
            for (JsonNode block : JSON.readTree(blocksJson)) {
                for (JsonNode element : block.path("elements")) {
                    if (actionId.equals(element.path("action_id").asText())) {
                        return element.path("value").asText();
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalArgumentException("no button " + actionId + " in " + blocksJson);
    }

    public static ObjectNode read(String value) {
        if (!value.startsWith(PREFIX)) {
            throw new IllegalArgumentException("not a ticket: " + value);
        }
        Inflater inflater = new Inflater(true);
        try {
            inflater.setInput(Base64.getUrlDecoder().decode(value.substring(PREFIX.length())));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[4096];
            while (!inflater.finished()) {
                out.write(buffer, 0, inflater.inflate(buffer));
            }
            return (ObjectNode) JSON.readTree(out.toByteArray());
        } catch (DataFormatException e) {
            throw new IllegalArgumentException("not a ticket: " + value, e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            inflater.end();
        }
    }

    public static String write(JsonNode ticket) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        try {
            deflater.setInput(ticket.toString().getBytes(StandardCharsets.UTF_8));
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[4096];
            while (!deflater.finished()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
            return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(out.toByteArray());
        } finally {
            deflater.end();
        }
    }
}

package dev.invalidator.health;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One answer of the health endpoint: a status and a body, a small JSON one but for the metrics, sent with {@code
 * Connection: close}.
 *
 * <pre>{@code
 * ProbeAnswer.error(404, "not found").write(out, false);
 *     // HTTP/1.1 404 Not Found … {"error":"not found"}
 * }</pre>
 */
record ProbeAnswer(int status, String contentType, String body) {

    private static final ObjectMapper JSON = new ObjectMapper();

    ProbeAnswer(int status, String json) {
        this(status, "application/json", json);
    }

    static ProbeAnswer error(int status, String error) {
        return new ProbeAnswer(status, json(Map.of("error", error)));
    }

    static String json(Map<String, ?> body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The whole answer; for {@code HEAD} the headers alone, with the length the body would have. */
    void write(OutputStream out, boolean headOnly) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder()
                .append("HTTP/1.1 ")
                .append(status)
                .append(' ')
                .append(reason())
                .append("\r\nContent-Type: ")
                .append(contentType)
                .append("\r\nCache-Control: no-store\r\nContent-Length: ")
                .append(bytes.length)
                .append("\r\nConnection: close\r\n");
        if (status == 405) {
            head.append("Allow: GET, HEAD\r\n");
        }
        out.write(head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
        if (!headOnly) {
            out.write(bytes);
        }
        out.flush();
    }

    private String reason() {
        return switch (status) {
            case 200 -> "OK";
            case 400 -> "Bad Request";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 408 -> "Request Timeout";
            case 431 -> "Request Header Fields Too Large";
            case 503 -> "Service Unavailable";
            default -> "Status";
        };
    }
}

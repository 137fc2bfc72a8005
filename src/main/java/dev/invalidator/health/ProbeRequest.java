package dev.invalidator.health;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * What a probe asks: its method, its path and the media types it accepts, read from the connection with a deadline and a size limit. An
 * orchestrator's probe sends a few short headers at once, so a head that is slower or larger than that is refused
 * instead of waited for: one half-open connection must never hold a thread for long.
 *
 * <pre>{@code
 * ProbeRequest request = ProbeRequest.read(socket, Duration.ofSeconds(5), 8192);
 * request.path();   // "/health/live" for "GET /health/live?verbose HTTP/1.1"
 * }</pre>
 *
 * @param method e.g. {@code GET}
 * @param path   the request target without its query
 * @param accept the {@code Accept} header, empty when there is none: a Prometheus scrape asks for OpenMetrics there
 */
record ProbeRequest(String method, String path, String accept) {

    /** The head did not arrive whole in time, was too long or was not HTTP: the answer says which. */
    static final class Refused extends Exception {

        private static final long serialVersionUID = 1L;

        private final transient ProbeAnswer answer;

        Refused(int status, String error) {
            super(error);
            this.answer = ProbeAnswer.error(status, error);
        }

        ProbeAnswer answer() {
            return answer;
        }
    }

    /**
     * Reads the request head within {@code timeout}.
     *
     * @throws Refused     when the head is late, too long or not HTTP
     * @throws IOException when the client went away
     */
    static ProbeRequest read(Socket socket, Duration timeout, int maxHeadBytes) throws IOException, Refused {
        long deadline = System.nanoTime() + timeout.toNanos();
        InputStream in = new BufferedInputStream(socket.getInputStream());
        byte[] head = new byte[maxHeadBytes];
        int length = 0;
        while (!endsWithBlankLine(head, length)) {
            if (length == maxHeadBytes) {
                throw new Refused(431, "the request head is longer than " + maxHeadBytes + " bytes");
            }
            head[length++] = (byte) next(socket, in, deadline, timeout);
        }
        String[] lines = new String(head, 0, length, StandardCharsets.ISO_8859_1).split("\r?\n", -1);
        String[] requestLine = lines[0].split(" ", -1);
        if (requestLine.length != 3 || !requestLine[2].startsWith("HTTP/")) {
            throw new Refused(400, "not an HTTP request line: send GET /health/live HTTP/1.1");
        }
        String target = requestLine[1];
        int query = target.indexOf('?');
        return new ProbeRequest(requestLine[0], query < 0 ? target : target.substring(0, query), accept(lines));
    }

    private static String accept(String[] lines) {
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0 && lines[i].substring(0, colon).strip().equalsIgnoreCase("Accept")) {
                return lines[i].substring(colon + 1).strip();
            }
        }
        return "";
    }

    private static int next(Socket socket, InputStream in, long deadline, Duration timeout)
            throws IOException, Refused {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw late(timeout);
        }
        socket.setSoTimeout((int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
        int b;
        try {
            b = in.read();
        } catch (SocketTimeoutException e) {
            throw late(timeout);
        }
        if (b < 0) {
            throw new EOFException("the client closed the connection before its request was complete");
        }
        return b;
    }

    private static Refused late(Duration timeout) {
        return new Refused(408, "the request was not complete within " + timeout.toSeconds() + " s");
    }

    /** Ends with CRLF CRLF, or with two bare LFs, which servers accept too. */
    private static boolean endsWithBlankLine(byte[] head, int length) {
        return length >= 2
                && head[length - 1] == '\n'
                && (head[length - 2] == '\n' || (length >= 3 && head[length - 2] == '\r' && head[length - 3] == '\n'));
    }
}

package dev.invalidator.sandbox;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * A viewer's side of the simulated edge: {@code GET} and {@code HEAD} of {@code /<distribution id><path>}, answered
 * the way CloudFront answers, with {@code X-Cache}, {@code Age} (on a hit), {@code ETag} and {@code Last-Modified}.
 * {@code Range: bytes=0-0} gets the first byte (206), as a one-byte probe does.
 */
final class EdgeHttpHandler implements HttpHandler {

    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.ofPattern(
                    "EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private final SimulatedEdge edge;

    EdgeHttpHandler(SimulatedEdge edge) {
        this.edge = edge;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String rawPath = exchange.getRequestURI().getRawPath();
            int slash = rawPath.indexOf('/', 1);
            String distributionId = slash < 0 ? rawPath.substring(1) : rawPath.substring(1, slash);
            String path = slash < 0 ? "/" : rawPath.substring(slash);
            String rawQuery = exchange.getRequestURI().getRawQuery();
            edge.arrived(method, distributionId, rawQuery == null ? path : path + "?" + rawQuery);
            boolean head = method.equals("HEAD");
            if ((!head && !method.equals("GET")) || (head && edge.refusesHead(distributionId))) {
                exchange.getResponseHeaders().set("Allow", "GET");
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            answer(exchange, head, edge.serve(distributionId, path, rawQuery));
        }
    }

    private static void answer(HttpExchange exchange, boolean head, EdgeCache.Served served) throws IOException {
        var headers = exchange.getResponseHeaders();
        headers.set("Via", "1.1 sandbox.cloudfront.net (CloudFront)");
        headers.set("X-Amz-Cf-Pop", "SIM1-P1");
        if (served instanceof EdgeCache.Served.NotFound) {
            headers.set("X-Cache", "Error from cloudfront");
            send(exchange, head, 404, "Not Found".getBytes(StandardCharsets.UTF_8));
            return;
        }
        EdgeCache.OriginObject object;
        if (served instanceof EdgeCache.Served.Hit hit) {
            object = hit.object();
            headers.set("X-Cache", "Hit from cloudfront");
            headers.set("Age", Long.toString(hit.age().toSeconds()));
        } else {
            object = ((EdgeCache.Served.Miss) served).object();
            headers.set("X-Cache", "Miss from cloudfront");
        }
        headers.set("ETag", object.etag());
        headers.set("Last-Modified", HTTP_DATE.format(object.lastModified()));
        headers.set("Content-Type", "text/plain; charset=utf-8");
        boolean firstByte = "bytes=0-0".equals(exchange.getRequestHeaders().getFirst("Range"));
        byte[] body = object.body().getBytes(StandardCharsets.UTF_8);
        if (firstByte && body.length > 0) {
            headers.set("Content-Range", "bytes 0-0/" + body.length);
            send(exchange, head, 206, new byte[] {body[0]});
        } else {
            send(exchange, head, 200, body);
        }
    }

    private static void send(HttpExchange exchange, boolean head, int status, byte[] body) throws IOException {
        if (head) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }
}

package dev.invalidator.verify.http;

import dev.invalidator.verify.EdgeAnswer;
import dev.invalidator.verify.EdgeProbe;
import dev.invalidator.verify.EdgeUnreachable;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;

/**
 * {@link EdgeProbe} over the JDK's HTTP client: a {@code HEAD} request, or a one-byte {@code GET}
 * ({@code Range: bytes=0-0}) where {@code HEAD} is refused (405 or 501), so checking a large file costs nothing.
 * Redirects are not followed: a redirect is what the edge serves for that URL, and its headers are what is judged.
 * Every request gives up after the configured timeout.
 */
public final class HttpEdgeProbe implements EdgeProbe {

    private static final String USER_AGENT = "Invalidator refresh check";

    private final HttpClient client;
    private final Duration timeout;

    public HttpEdgeProbe(Duration timeout) {
        this.timeout = timeout;
        this.client = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    @Override
    public EdgeAnswer ask(URI url) {
        HttpResponse<Void> response = send(request(url).method("HEAD", HttpRequest.BodyPublishers.noBody()));
        if (response.statusCode() == 405 || response.statusCode() == 501) {
            response = send(request(url).header("Range", "bytes=0-0").GET());
        }
        HttpHeaders headers = response.headers();
        return new EdgeAnswer(
                response.statusCode(),
                headers.firstValue("X-Cache"),
                age(headers),
                headers.firstValue("ETag"),
                headers.firstValue("Last-Modified"));
    }

    private HttpRequest.Builder request(URI url) {
        return HttpRequest.newBuilder(url).timeout(timeout).header("User-Agent", USER_AGENT);
    }

    private HttpResponse<Void> send(HttpRequest.Builder request) {
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.discarding());
        } catch (HttpConnectTimeoutException e) {
            throw new EdgeUnreachable("could not connect within " + seconds());
        } catch (HttpTimeoutException e) {
            throw new EdgeUnreachable("no answer within " + seconds());
        } catch (ConnectException e) {
            throw new EdgeUnreachable("could not connect (" + describe(e) + ")");
        } catch (IOException e) {
            throw new EdgeUnreachable("network error (" + describe(e) + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EdgeUnreachable("interrupted while waiting for the answer");
        }
    }

    private static Optional<Long> age(HttpHeaders headers) {
        try {
            return headers.firstValue("Age")
                    .map(String::trim)
                    .map(Long::parseLong)
                    .filter(age -> age >= 0);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private String seconds() {
        return timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + "s" : timeout.toMillis() + "ms";
    }

    private static String describe(IOException e) {
        return e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
    }
}

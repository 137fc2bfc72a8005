package dev.invalidator.sandbox;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.invalidator.sandbox.CloudFrontSimulator.Fault;
import dev.invalidator.sandbox.CloudFrontSimulator.Operation;
import dev.invalidator.sandbox.CloudFrontXmlReader.InvalidationBatch;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routing and HTTP for the CloudFront REST-XML API 2020-05-31: maps method + path to an {@link Operation},
 * records the call, applies an injected fault, then the account's rate limit, runs the operation against
 * {@link CloudFrontState} and writes
 * the answer (or the {@code ErrorResponse} envelope). SigV4 is not checked.
 */
final class CloudFrontHttpHandler implements HttpHandler {

    private static final Logger log = LoggerFactory.getLogger(CloudFrontHttpHandler.class);
    static final String API_VERSION = "2020-05-31";
    private static final int DEFAULT_MAX_ITEMS = 100;
    private static final int MAX_BODY_BYTES = 16 * 1024 * 1024;

    private final CloudFrontState state;
    private final CloudFrontCallJournal journal;
    private final CallHolds holds;
    private final Supplier<URI> endpoint;

    /** What to send back. */
    private record Response(int status, String body, Map<String, String> headers) {
        static Response ok(String body) {
            return new Response(200, body, Map.of());
        }
    }

    /** A recognised request: the operation and the ids taken from the path. */
    private record Route(Operation operation, String distributionId, String invalidationId) {}

    CloudFrontHttpHandler(
            CloudFrontState state, CloudFrontCallJournal journal, CallHolds holds, Supplier<URI> endpoint) {
        this.state = state;
        this.journal = journal;
        this.holds = holds;
        this.endpoint = endpoint;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String requestId = UUID.randomUUID().toString();
        String method = exchange.getRequestMethod();
        URI uri = exchange.getRequestURI();
        Response response;
        Optional<CallHold> hold = Optional.empty();
        try {
            byte[] body = readBody(exchange.getRequestBody());
            Route route = route(method, uri.getPath());
            hold = holds.take(route.operation().name());
            if (!CallHolds.pass(hold, CallHold.Point.BEFORE_COMMIT)) {
                exchange.close();
                return;
            }
            response = dispatch(route, uri, body);
        } catch (IOException e) {
            log.debug("Could not read the request {} {}", method, uri, e);
            exchange.close();
            return;
        } catch (CloudFrontError e) {
            response = new Response(e.status(), CloudFrontXmlWriter.error(e, requestId), Map.of());
        } catch (RuntimeException e) {
            log.warn("CloudFront simulator failed on {} {}", method, uri, e);
            CloudFrontError failure = CloudFrontError.internalFailure();
            response = new Response(failure.status(), CloudFrontXmlWriter.error(failure, requestId), Map.of());
        }
        log.debug("{} {} -> {}", method, uri, response.status());
        if (!CallHolds.pass(hold, CallHold.Point.AFTER_COMMIT)) {
            exchange.close();
            return;
        }
        send(exchange, response, requestId);
    }

    private Response dispatch(Route route, URI uri, byte[] body) {
        journal.record(route.operation(), route.distributionId(), state.now());
        Fault fault = journal.takeFault(route.operation());
        if (fault != null && fault != Fault.SERVICE_UNAVAILABLE_AFTER_COMMIT) {
            log.debug("Injected fault {} on {}", fault, route.operation());
            throw CloudFrontError.forFault(fault, route.operation(), route.distributionId());
        }
        try {
            state.admit(route.operation().creates());
        } catch (CloudFrontError throttled) {
            journal.rateLimited(route.operation());
            throw throttled;
        }
        Map<String, String> query = query(uri.getRawQuery());
        String distributionId = route.distributionId();
        return switch (route.operation()) {
            case GET_DISTRIBUTION -> {
                var view = state.distribution(distributionId);
                yield new Response(
                        200,
                        CloudFrontXmlWriter.distribution(view),
                        Map.of("ETag", view.distribution().etag()));
            }
            case LIST_DISTRIBUTIONS ->
                Response.ok(CloudFrontXmlWriter.distributionList(
                        state.listDistributions(query.get("Marker"), maxItems(query))));
            case LIST_INVALIDATIONS ->
                Response.ok(CloudFrontXmlWriter.invalidationList(
                        state.listInvalidations(distributionId, query.get("Marker"), maxItems(query)), state.now()));
            case GET_INVALIDATION ->
                Response.ok(CloudFrontXmlWriter.invalidation(
                        state.invalidation(distributionId, route.invalidationId()), state.now()));
            case CREATE_INVALIDATION, CREATE_INVALIDATION_FOR_DISTRIBUTION_TENANT ->
                createInvalidation(route.operation(), distributionId, body, fault);
            case GET_DISTRIBUTION_TENANT -> tenant(state.tenant(distributionId));
            case GET_DISTRIBUTION_TENANT_BY_DOMAIN -> {
                String domain = query.get("domain");
                if (domain == null || domain.isEmpty()) {
                    throw CloudFrontError.invalidArgument("The parameter domain is required.");
                }
                yield tenant(state.tenantByDomain(domain));
            }
            case LIST_INVALIDATIONS_FOR_DISTRIBUTION_TENANT ->
                Response.ok(CloudFrontXmlWriter.invalidationList(
                        state.listTenantInvalidations(distributionId, query.get("Marker"), maxItems(query)),
                        state.now()));
            case GET_INVALIDATION_FOR_DISTRIBUTION_TENANT ->
                Response.ok(CloudFrontXmlWriter.invalidation(
                        state.tenantInvalidation(distributionId, route.invalidationId()), state.now()));
        };
    }

    private static Response tenant(SimulatedTenant tenant) {
        return new Response(200, CloudFrontXmlWriter.tenant(tenant), Map.of("ETag", tenant.etag()));
    }

    /** CreateInvalidation, or CreateInvalidationForDistributionTenant for a tenant's id: the same batch and answer. */
    private Response createInvalidation(Operation operation, String distributionId, byte[] body, Fault fault) {
        InvalidationBatch batch = CloudFrontXmlReader.readInvalidationBatch(body);
        if (batch.quantity() != batch.paths().size()) {
            throw CloudFrontError.inconsistentQuantities();
        }
        if (batch.callerReference().isEmpty()) {
            throw CloudFrontError.invalidArgument("CallerReference must not be empty.");
        }
        if (batch.paths().isEmpty()) {
            throw CloudFrontError.invalidPaths();
        }
        CloudFrontState.Created created = operation.onTenant()
                ? state.createTenantInvalidation(distributionId, batch.callerReference(), batch.paths())
                : state.createInvalidation(distributionId, batch.callerReference(), batch.paths());
        SimulatedInvalidation inv = created.invalidation();
        log.debug(
                "{} invalidation {} on {} ({} paths, reference {})",
                created.isNew() ? "Created" : "Replayed",
                inv.id(),
                distributionId,
                inv.paths().size(),
                inv.callerReference());
        if (fault == Fault.SERVICE_UNAVAILABLE_AFTER_COMMIT) {
            log.debug("Injected fault {} after committing {}", fault, inv.id());
            throw CloudFrontError.forFault(fault, operation, distributionId);
        }
        String location =
                endpoint.get() + "/" + API_VERSION + (operation.onTenant() ? "/distribution-tenant/" : "/distribution/")
                        + distributionId + "/invalidation/" + inv.id();
        return new Response(201, CloudFrontXmlWriter.invalidation(inv, state.now()), Map.of("Location", location));
    }

    private static Route route(String method, String rawPath) {
        String path = rawPath == null ? "" : rawPath;
        List<String> segments = new ArrayList<>(Arrays.asList(path.split("/")));
        segments.removeIf(String::isEmpty);
        boolean get = "GET".equals(method);
        boolean post = "POST".equals(method);
        int n = segments.size();
        if (n >= 2 && segments.get(0).equals(API_VERSION) && segments.get(1).equals("distribution")) {
            if (n == 2 && get) {
                return new Route(Operation.LIST_DISTRIBUTIONS, null, null);
            }
            if (n == 3 && get) {
                return new Route(Operation.GET_DISTRIBUTION, segments.get(2), null);
            }
            if (n == 4 && segments.get(3).equals("invalidation") && (get || post)) {
                return new Route(
                        get ? Operation.LIST_INVALIDATIONS : Operation.CREATE_INVALIDATION, segments.get(2), null);
            }
            if (n == 5 && segments.get(3).equals("invalidation") && get) {
                return new Route(Operation.GET_INVALIDATION, segments.get(2), segments.get(4));
            }
        }
        if (n >= 2 && segments.get(0).equals(API_VERSION) && segments.get(1).equals("distribution-tenant")) {
            if (n == 2 && get) {
                return new Route(Operation.GET_DISTRIBUTION_TENANT_BY_DOMAIN, null, null);
            }
            if (n == 3 && get) {
                return new Route(Operation.GET_DISTRIBUTION_TENANT, segments.get(2), null);
            }
            if (n == 4 && segments.get(3).equals("invalidation") && (get || post)) {
                return new Route(
                        get
                                ? Operation.LIST_INVALIDATIONS_FOR_DISTRIBUTION_TENANT
                                : Operation.CREATE_INVALIDATION_FOR_DISTRIBUTION_TENANT,
                        segments.get(2),
                        null);
            }
            if (n == 5 && segments.get(3).equals("invalidation") && get) {
                return new Route(Operation.GET_INVALIDATION_FOR_DISTRIBUTION_TENANT, segments.get(2), segments.get(4));
            }
        }
        throw CloudFrontError.unknownOperation(method, path);
    }

    private static int maxItems(Map<String, String> query) {
        String value = query.get("MaxItems");
        if (value == null || value.isEmpty()) {
            return DEFAULT_MAX_ITEMS;
        }
        try {
            int maxItems = Integer.parseInt(value.trim());
            if (maxItems > 0) {
                return maxItems;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw CloudFrontError.invalidArgument("MaxItems must be a positive integer, was " + value + ".");
    }

    private static Map<String, String> query(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return Map.of();
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : rawQuery.split("&", -1)) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            params.putIfAbsent(name, value);
        }
        return params;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    private static byte[] readBody(InputStream in) throws IOException {
        byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
        if (body.length > MAX_BODY_BYTES) {
            in.transferTo(OutputStream.nullOutputStream());
            throw CloudFrontError.batchTooLarge();
        }
        return body;
    }

    private static void send(HttpExchange exchange, Response response, String requestId) throws IOException {
        byte[] bytes = response.body().getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = new HashMap<>(response.headers());
        headers.put("Content-Type", "text/xml");
        headers.put("x-amzn-RequestId", requestId);
        headers.forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        try (exchange) {
            exchange.sendResponseHeaders(response.status(), bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }
}

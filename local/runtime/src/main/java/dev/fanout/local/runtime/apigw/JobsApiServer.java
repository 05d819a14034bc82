package dev.fanout.local.runtime.apigw;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.fanout.deployment.ApiRoute;
import dev.fanout.local.runtime.lambda.FunctionError;
import dev.fanout.local.runtime.lambda.LocalFunction;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The jobs REST API on 127.0.0.1, delivering the same {@link APIGatewayProxyRequestEvent}s (Lambda proxy
 * integration, REST API v1) the deployed API Gateway sends, for the contract's routes ({@link ApiRoute}):
 * {@code POST /jobs} and {@code GET /jobs/{jobId}}.
 * Other routes answer as API Gateway does for an undefined resource or method: 403
 * {@code {"message":"Missing Authentication Token"}}; a function error answers 502
 * {@code {"message": "Internal server error"}}. Paths may carry the stage prefix ({@code /local/jobs}) or not.
 *
 * <pre>{@code
 * try (JobsApiServer api = JobsApiServer.start(0, apiFunction, apiHandler::handleRequest, Clock.systemUTC())) {
 *     // curl -X POST http://127.0.0.1:<port>/jobs -d '{"jobType":"double","input":{"items":[1,2]}}'
 * }
 * }</pre>
 */
public final class JobsApiServer implements AutoCloseable {
    /** The stage name in the events' requestContext. */
    public static final String STAGE = "local";
    private static final Logger LOG = LoggerFactory.getLogger(JobsApiServer.class);
    private static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final HttpServer server;
    private final ExecutorService executor;
    private final LocalFunction function;
    private final BiFunction<APIGatewayProxyRequestEvent, Context, APIGatewayProxyResponseEvent> handler;
    private final Clock clock;
    private final String accountId;
    private volatile LocalPages localPages;

    /** Pages the local runtime serves beside the REST API (the dashboard), asked first; not part of the stack. */
    @FunctionalInterface
    public interface LocalPages {
        /** Answers the request and returns true, or returns false (without answering) to leave it to the API. */
        boolean answer(HttpExchange exchange) throws IOException;
    }

    private JobsApiServer(HttpServer server, ExecutorService executor, LocalFunction function,
                          BiFunction<APIGatewayProxyRequestEvent, Context, APIGatewayProxyResponseEvent> handler,
                          Clock clock, String accountId) {
        this.server = server;
        this.executor = executor;
        this.function = function;
        this.handler = handler;
        this.clock = clock;
        this.accountId = accountId;
    }

    /** @param port 0 for a free port */
    public static JobsApiServer start(int port, LocalFunction function,
                                      BiFunction<APIGatewayProxyRequestEvent, Context, APIGatewayProxyResponseEvent> handler,
                                      Clock clock, String accountId) {
        Objects.requireNonNull(function, "function");
        Objects.requireNonNull(handler, "handler");
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
            ExecutorService executor = Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, "jobs-api");
                t.setDaemon(true);
                return t;
            });
            JobsApiServer api = new JobsApiServer(server, executor, function, handler, clock, accountId);
            server.createContext("/", api::serve);
            server.setExecutor(executor);
            server.start();
            return api;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the jobs API on port " + port, e);
        }
    }

    /** Serves {@code pages} beside the API's routes; their paths must be none of the API's ({@link ApiRoute}). */
    public void mount(LocalPages pages) {
        this.localPages = Objects.requireNonNull(pages, "pages");
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            LocalPages pages = localPages;
            if (pages != null && pages.answer(exchange)) {
                return;
            }
            Route route = Route.match(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath());
            if (route == null) {
                reply(exchange, 403, Map.of("Content-Type", "application/json"),
                        "{\"message\":\"Missing Authentication Token\"}".getBytes(StandardCharsets.UTF_8));
                return;
            }
            APIGatewayProxyRequestEvent event = toEvent(exchange, route);
            APIGatewayProxyResponseEvent response;
            try {
                response = function.invoke(ctx -> handler.apply(event, ctx));
            } catch (FunctionError e) {
                LOG.warn("the jobs API function failed: {}", e.toString());
                reply(exchange, 502, Map.of("Content-Type", "application/json"),
                        "{\"message\": \"Internal server error\"}".getBytes(StandardCharsets.UTF_8));
                return;
            }
            reply(exchange, response);
        } catch (RuntimeException e) {
            LOG.warn("jobs API request failed", e);
            reply(exchange, 500, Map.of("Content-Type", "application/json"),
                    "{\"message\": \"Internal server error\"}".getBytes(StandardCharsets.UTF_8));
        }
    }

    private APIGatewayProxyRequestEvent toEvent(HttpExchange exchange, Route route) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        Map<String, String> headers = new LinkedHashMap<>();
        Map<String, List<String>> multiHeaders = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> {
            String canonical = canonicalHeader(name);
            headers.put(canonical, values.getLast());
            multiHeaders.put(canonical, List.copyOf(values));
        });
        Map<String, String> query = new LinkedHashMap<>();
        Map<String, List<String>> multiQuery = new LinkedHashMap<>();
        String rawQuery = exchange.getRequestURI().getRawQuery();
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (String pair : rawQuery.split("&")) {
                int eq = pair.indexOf('=');
                String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                query.put(k, v);
                multiQuery.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
            }
        }
        String requestId = UUID.randomUUID().toString();
        long now = clock.millis();

        APIGatewayProxyRequestEvent.RequestIdentity identity = new APIGatewayProxyRequestEvent.RequestIdentity();
        identity.setSourceIp(exchange.getRemoteAddress().getAddress().getHostAddress());
        identity.setUserAgent(headers.get("User-Agent"));
        APIGatewayProxyRequestEvent.ProxyRequestContext context = new APIGatewayProxyRequestEvent.ProxyRequestContext();
        context.setAccountId(accountId);
        context.setApiId("local");
        context.setResourceId(route.route().name().toLowerCase(Locale.ROOT));
        context.setStage(STAGE);
        context.setRequestId(requestId);
        context.setExtendedRequestId(requestId);
        context.setResourcePath(route.resource());
        context.setHttpMethod(route.method());
        context.setPath("/" + STAGE + route.path());
        context.setProtocol(exchange.getProtocol());
        context.setRequestTimeEpoch(now);
        context.setRequestTime(REQUEST_TIME.format(java.time.Instant.ofEpochMilli(now)));
        context.setDomainName(headers.getOrDefault("Host", endpoint().getAuthority()));
        context.setIdentity(identity);

        APIGatewayProxyRequestEvent event = new APIGatewayProxyRequestEvent();
        event.setResource(route.resource());
        event.setPath(route.path());
        event.setHttpMethod(route.method());
        event.setHeaders(headers);
        event.setMultiValueHeaders(multiHeaders);
        event.setQueryStringParameters(query.isEmpty() ? null : query);
        event.setMultiValueQueryStringParameters(multiQuery.isEmpty() ? null : multiQuery);
        event.setPathParameters(route.pathParameters().isEmpty() ? null : route.pathParameters());
        event.setStageVariables(null);
        event.setRequestContext(context);
        event.setBody(body.length == 0 ? null : new String(body, StandardCharsets.UTF_8));
        event.setIsBase64Encoded(false);
        return event;
    }

    private static void reply(HttpExchange exchange, APIGatewayProxyResponseEvent response) throws IOException {
        if (response == null || response.getStatusCode() == null) {
            reply(exchange, 502, Map.of("Content-Type", "application/json"),
                    "{\"message\": \"Internal server error\"}".getBytes(StandardCharsets.UTF_8));
            return;
        }
        Map<String, String> headers = new HashMap<>();
        if (response.getHeaders() != null) {
            headers.putAll(response.getHeaders());
        }
        if (response.getMultiValueHeaders() != null) {
            response.getMultiValueHeaders().forEach((k, v) -> {
                if (!v.isEmpty()) {
                    headers.put(k, String.join(",", v));
                }
            });
        }
        String body = response.getBody() == null ? "" : response.getBody();
        byte[] bytes = Boolean.TRUE.equals(response.getIsBase64Encoded())
                ? Base64.getDecoder().decode(body) : body.getBytes(StandardCharsets.UTF_8);
        headers.putIfAbsent("Content-Type", "application/json");
        reply(exchange, response.getStatusCode(), headers, bytes);
    }

    private static void reply(HttpExchange exchange, int status, Map<String, String> headers, byte[] body)
            throws IOException {
        headers.forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** API Gateway passes header names as the client sent them; the JDK server normalizes them, so restore the usual form. */
    private static String canonicalHeader(String name) {
        StringBuilder sb = new StringBuilder(name.length());
        boolean upper = true;
        for (char c : name.toCharArray()) {
            sb.append(upper ? Character.toUpperCase(c) : Character.toLowerCase(c));
            upper = c == '-';
        }
        return sb.toString();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    /** A matched route of the REST API ({@link ApiRoute}), with the request's path and its decoded path parameters. */
    record Route(ApiRoute route, String path, Map<String, String> pathParameters) {
        String method() {
            return route.method();
        }

        String resource() {
            return route.resource();
        }

        /**
         * The route of a request, or null where API Gateway has none — an undefined resource, or a method the
         * resource does not have (both answer 403 there). The stage prefix ({@code /local}) is optional.
         */
        static Route match(String method, String rawPath) {
            String path = rawPath;
            if (path.equals("/" + STAGE) || path.startsWith("/" + STAGE + "/")) {
                path = path.substring(STAGE.length() + 1);
            }
            if (path.length() > 1 && path.endsWith("/")) {
                path = path.substring(0, path.length() - 1);
            }
            if (!(ApiRoute.resolve(method, path) instanceof ApiRoute.Matched matched)) {
                return null;
            }
            Map<String, String> decoded = new LinkedHashMap<>();
            matched.pathParameters().forEach((k, v) -> decoded.put(k, URLDecoder.decode(v, StandardCharsets.UTF_8)));
            return new Route(matched.route(), path, Map.copyOf(decoded));
        }
    }
}

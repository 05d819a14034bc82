package dev.fanout.local.dashboard;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import dev.fanout.asl.api.StepFunctionsService;
import dev.fanout.local.runtime.apigw.JobsApiServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The local dashboard: a web page at the jobs API's address ({@code GET /}) and the small JSON API it polls, all
 * under {@value #PREFIX}, a path none of the REST API's routes ({@code dev.fanout.deployment.ApiRoute}) can take.
 * Served by the local runtime only; the deployed stack has no such page. Every other request is left to the API.
 *
 * <pre>
 * GET  /                                      the page (its script and style under /_dashboard/static/)
 * GET  /_dashboard/api/jobs?limit=50          the newest jobs
 * GET  /_dashboard/api/jobs/{jobId}           one job: counts, a state character per chunk, throughput
 * GET  /_dashboard/api/jobs/{jobId}/failures?offset=0&amp;limit=20   its failed chunks, error and cause
 * GET  /_dashboard/api/dead-letters           the dead-letter queue's first messages and its count
 * GET  /_dashboard/files/{jobId}/result       the result, and .../summary the summary, from the results bucket
 * </pre>
 *
 * <p>The page's redrive button posts to the jobs API's own route, {@code POST /jobs/{jobId}/redrive} (the path
 * {@code fanout redrive} takes): the dashboard has no redrive of its own. It answers only requests addressed to a
 * loopback name ({@code Host: 127.0.0.1, localhost, [::1]}), so a web page elsewhere cannot read it through DNS
 * rebinding.
 */
public final class Dashboard implements JobsApiServer.LocalPages {
    /** Where the dashboard's own paths start. */
    public static final String PREFIX = "/_dashboard/";
    private static final Logger LOG = LoggerFactory.getLogger(Dashboard.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern JOB_ID = Pattern.compile("[A-Za-z0-9_-]{1,80}");
    private static final Pattern LOOPBACK_HOST = Pattern.compile("(127\\.0\\.0\\.1|localhost|\\[::1])(:\\d{1,5})?",
            Pattern.CASE_INSENSITIVE);
    private static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
            + "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    private static final int DEFAULT_JOBS = 50;
    private static final int DEFAULT_FAILURES = 20;

    private final JobsBoard board;
    private final DeadLetters deadLetters;
    private final JobFiles files;
    private final StaticFiles staticFiles = new StaticFiles();

    /**
     * What the dashboard reads: the engine in this JVM, the runtime's S3 and SQS clients.
     *
     * @param executionArn a job id's execution ARN
     */
    public record Sources(StepFunctionsService stepFunctions, String stateMachineArn,
                          Function<String, String> executionArn, S3Client s3, String resultsBucket, SqsClient sqs,
                          String deadLetterQueueUrl, Clock clock) {
        public Sources {
            Objects.requireNonNull(stepFunctions, "stepFunctions");
            Objects.requireNonNull(stateMachineArn, "stateMachineArn");
            Objects.requireNonNull(executionArn, "executionArn");
            Objects.requireNonNull(s3, "s3");
            Objects.requireNonNull(resultsBucket, "resultsBucket");
            Objects.requireNonNull(sqs, "sqs");
            Objects.requireNonNull(deadLetterQueueUrl, "deadLetterQueueUrl");
            Objects.requireNonNull(clock, "clock");
        }
    }

    Dashboard(JobsBoard board, DeadLetters deadLetters, JobFiles files) {
        this.board = board;
        this.deadLetters = deadLetters;
        this.files = files;
    }

    public static Dashboard create(Sources sources) {
        JobFiles files = new JobFiles(sources.s3(), sources.resultsBucket());
        return new Dashboard(
                new JobsBoard(sources.stepFunctions(), sources.stateMachineArn(), sources.executionArn(), files,
                        sources.clock()),
                new DeadLetters(sources.sqs(), sources.deadLetterQueueUrl(), sources.clock()),
                files);
    }

    /** Whether a request path is the dashboard's (the page at {@code /}, or under {@value #PREFIX}). */
    public static boolean owns(String path) {
        return path.equals("/") || path.startsWith(PREFIX);
    }

    @Override
    public boolean answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        if (!owns(path)) {
            return false;
        }
        String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        if (path.equals("/") && !method.equals("GET")) {
            return false;   // the API's answer for its root, as API Gateway gives it
        }
        try {
            if (!LOOPBACK_HOST.matcher(String.valueOf(exchange.getRequestHeaders().getFirst("Host"))).matches()) {
                error(exchange, 403, "the dashboard answers requests to 127.0.0.1 or localhost only");
            } else if (path.equals("/")) {
                staticFiles.send(exchange, "index.html");
            } else {
                route(exchange, method, path.substring(PREFIX.length()).split("/", -1));
            }
        } catch (SdkException e) {
            LOG.warn("dashboard: {} {} failed: {}", method, path, e.toString());
            error(exchange, 503, "a local service did not answer; see the log");
        }
        return true;
    }

    private void route(HttpExchange exchange, String method, String[] parts) throws IOException {
        String first = parts[0];
        if (first.equals("static") && parts.length == 2) {
            if (!method.equals("GET")) {
                error(exchange, 405, "only GET");
            } else if (!staticFiles.send(exchange, parts[1])) {
                error(exchange, 404, "no such file");
            }
            return;
        }
        if (first.equals("files") && parts.length == 3 && JOB_ID.matcher(parts[1]).matches()
                && (parts[2].equals("result") || parts[2].equals("summary"))) {
            if (!method.equals("GET")) {
                error(exchange, 405, "only GET");
            } else {
                sendFile(exchange, parts[1], parts[2].equals("result"));
            }
            return;
        }
        if (first.equals("api") && parts.length >= 2) {
            api(exchange, method, parts);
            return;
        }
        error(exchange, 404, "no such dashboard path");
    }

    private void api(HttpExchange exchange, String method, String[] parts) throws IOException {
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        String resource = parts[1];
        if (resource.equals("dead-letters") && parts.length == 2) {
            getOnly(exchange, method, () -> Optional.of(deadLetters.peek()));
        } else if (resource.equals("jobs") && parts.length == 2) {
            int limit = bounded(query.get("limit"), DEFAULT_JOBS, 1, 500);
            getOnly(exchange, method, () -> Optional.of(board.jobs(limit)));
        } else if (resource.equals("jobs") && JOB_ID.matcher(parts[2]).matches()) {
            String jobId = parts[2];
            if (parts.length == 3) {
                getOnly(exchange, method, () -> board.job(jobId));
            } else if (parts.length == 4 && parts[3].equals("failures")) {
                int offset = bounded(query.get("offset"), 0, 0, Integer.MAX_VALUE);
                int limit = bounded(query.get("limit"), DEFAULT_FAILURES, 1, 100);
                getOnly(exchange, method, () -> board.failures(jobId, offset, limit));
            } else {
                error(exchange, 404, "no such dashboard path");
            }
        } else {
            error(exchange, 404, "no such dashboard path");
        }
    }

    private void getOnly(HttpExchange exchange, String method, Supplier<Optional<?>> lookup) throws IOException {
        if (!method.equals("GET")) {
            error(exchange, 405, "only GET");
            return;
        }
        Optional<?> answer = lookup.get();
        if (answer.isEmpty()) {
            error(exchange, 404, "no such job");
        } else {
            json(exchange, 200, answer.get());
        }
    }

    private void sendFile(HttpExchange exchange, String jobId, boolean result) throws IOException {
        Optional<String> uri = board.job(jobId).map(d -> result ? d.resultUri() : d.summaryUri());
        Optional<ResponseInputStream<GetObjectResponse>> object = uri.flatMap(u -> files.open(jobId, u));
        if (object.isEmpty()) {
            error(exchange, 404, result ? "the job has no result (yet)" : "the job has no summary (yet)");
            return;
        }
        try (ResponseInputStream<GetObjectResponse> in = object.get()) {
            GetObjectResponse head = in.response();
            String name = uri.get().substring(uri.get().lastIndexOf('/') + 1);
            headers(exchange, head.contentType() == null ? "application/json" : head.contentType());
            exchange.getResponseHeaders().set("Content-Disposition", "inline; filename=\"" + name + "\"");
            long length = head.contentLength() == null ? 0 : head.contentLength();
            exchange.sendResponseHeaders(200, length == 0 ? -1 : length);
            if (length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    in.transferTo(out);
                }
            }
        }
    }

    private static void json(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        headers(exchange, "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void error(HttpExchange exchange, int status, String message) throws IOException {
        json(exchange, status, Map.of("message", message));
    }

    static void headers(HttpExchange exchange, String contentType) {
        Headers h = exchange.getResponseHeaders();
        h.set("Content-Type", contentType);
        h.set("Cache-Control", "no-store");
        h.set("Content-Security-Policy", CSP);
        h.set("X-Content-Type-Options", "nosniff");
        h.set("Referrer-Policy", "no-referrer");
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return out;
    }

    private static int bounded(String value, int fallback, int min, int max) {
        if (value == null || !value.matches("\\d{1,9}")) {
            return fallback;
        }
        return Math.max(min, Math.min(max, Integer.parseInt(value)));
    }

    /** The page's files, from this jar's resources; only the names listed here are served. */
    private static final class StaticFiles {
        private static final Map<String, String> TYPES = Map.of(
                "index.html", "text/html; charset=utf-8",
                "dashboard.css", "text/css; charset=utf-8",
                "dashboard.js", "text/javascript; charset=utf-8",
                "favicon.svg", "image/svg+xml");
        private final Map<String, byte[]> loaded = new ConcurrentHashMap<>();

        boolean send(HttpExchange exchange, String name) throws IOException {
            String type = TYPES.get(name);
            if (type == null) {
                return false;
            }
            byte[] body = loaded.computeIfAbsent(name, StaticFiles::load);
            headers(exchange, type);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
            return true;
        }

        private static byte[] load(String name) {
            try (InputStream in = Dashboard.class.getResourceAsStream(name)) {
                if (in == null) {
                    throw new IllegalStateException("the dashboard's " + name + " is missing from the jar");
                }
                return in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}

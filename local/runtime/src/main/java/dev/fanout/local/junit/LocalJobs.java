package dev.fanout.local.junit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fanout.core.model.ObjectLocation;
import dev.fanout.local.runtime.LocalRuntime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.core.sync.RequestBody;

/** Puts an input into the local input bucket, submits the job through the jobs API and waits for its result. */
final class LocalJobs {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration POLL = Duration.ofMillis(100);

    record Request(String jobType, Long chunkSizeBytes, Integer chunkSizeItems, Map<String, String> options) {
        Request {
            options = Map.copyOf(options);
        }
    }

    /** A file or a text, uploaded as one object. */
    record Input(Path file, String text) {
        static Input file(Path file) {
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException("no such file: " + file);
            }
            return new Input(file, null);
        }

        static Input text(String text) {
            return new Input(null, java.util.Objects.requireNonNull(text, "text"));
        }

        String name() {
            return file != null ? file.getFileName().toString() : "input.txt";
        }

        RequestBody body() {
            return file != null ? RequestBody.fromFile(file) : RequestBody.fromString(text, StandardCharsets.UTF_8);
        }
    }

    private final LocalRuntime runtime;
    private final Duration timeout;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    LocalJobs(LocalRuntime runtime, Duration timeout) {
        this.runtime = runtime;
        this.timeout = timeout;
    }

    JobResult run(Request request, Input input) {
        String key = "tests/" + UUID.randomUUID() + "/" + input.name();
        runtime.s3().putObject(r -> r.bucket(runtime.inputBucket()).key(key), input.body());
        ObjectNode body = JSON.createObjectNode().put("jobType", request.jobType());
        body.putObject("input").put("s3Uri", "s3://" + runtime.inputBucket() + "/" + key);
        if (request.chunkSizeBytes() != null) {
            body.put("chunkSizeBytes", request.chunkSizeBytes());
        }
        if (request.chunkSizeItems() != null) {
            body.put("chunkSizeItems", request.chunkSizeItems());
        }
        if (!request.options().isEmpty()) {
            ObjectNode options = body.putObject("options");
            request.options().forEach(options::put);
        }
        JsonNode submitted = send(HttpRequest.newBuilder(api("/jobs"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())), 202, "POST /jobs " + body);
        String jobId = submitted.path("jobId").asText();
        JsonNode view = await(jobId);
        if (!"SUCCEEDED".equals(view.path("status").asText())) {
            throw new AssertionError("job " + jobId + " (" + request.jobType() + ") ended " + view.path("status").asText()
                    + ": " + view.path("error").asText("(no error)") + ": " + view.path("cause").asText("(no cause)"));
        }
        return new JobResult(jobId, view.path("chunksTotal").asLong(), read(view.path("resultUri").asText(null)),
                read(view.path("summaryUri").asText(null)));
    }

    private JsonNode await(String jobId) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            JsonNode view = send(HttpRequest.newBuilder(api("/jobs/" + jobId)).GET(), 200, "GET /jobs/" + jobId);
            if (!"RUNNING".equals(view.path("status").asText())) {
                return view;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("job " + jobId + " still running after " + timeout + ": " + view);
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for job " + jobId, e);
            }
        }
    }

    private String read(String uri) {
        if (uri == null || uri.isBlank()) {
            return null;
        }
        ObjectLocation at = ObjectLocation.parseUri(uri, "resultUri");
        return runtime.s3().getObjectAsBytes(r -> r.bucket(at.bucket()).key(at.key())).asUtf8String();
    }

    private URI api(String path) {
        return runtime.endpoints().jobsApi().resolve(path);
    }

    private JsonNode send(HttpRequest.Builder request, int expected, String what) {
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expected) {
                throw new AssertionError(what + " answered " + response.statusCode() + ": " + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(what + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(what + " interrupted", e);
        }
    }
}

package dev.fanout.tests.support;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fanout.deployment.DeploymentSettings;
import dev.fanout.local.runtime.LocalRuntime;
import dev.fanout.local.runtime.LocalRuntimeOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * A {@link LocalRuntime} with in-memory S3 for one test class, plus a client of its jobs API as a user would
 * call it (plain HTTP). A JUnit extension: the runtime starts before the class's first test and stops after
 * its last.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final LocalPipeline pipeline = new LocalPipeline();
 * }</pre>
 */
public final class LocalPipeline implements BeforeAllCallback, AfterAllCallback, AutoCloseable {
    public static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration JOB_TIMEOUT = Duration.ofMinutes(3);

    private final LocalRuntimeOptions options;
    private final HttpClient http = HttpClient.newHttpClient();
    private LocalRuntime runtime;

    /**
     * The time scale of the end-to-end tests: the stack's timing × 0.05 (worker timeout 15 s, HeartbeatSeconds 6.95 s,
     * beats 2.3 s apart), quick, and with seconds of margin for a loaded CI machine.
     */
    public static final double TEST_TIME_SCALE = 0.05;

    /** The stack's settings with batches of 5 chunks. */
    public LocalPipeline() {
        this(DeploymentSettings.defaults().withWorkerBatchSize(5));
    }

    /** A deployment with {@code settings}, the tests' time scale and a quick upload scan. */
    public LocalPipeline(DeploymentSettings settings) {
        this(options(settings));
    }

    /** The options {@link #LocalPipeline(DeploymentSettings)} starts with, to add to. */
    public static LocalRuntimeOptions.Builder options(DeploymentSettings settings) {
        return LocalRuntimeOptions.builder()
                .settings(settings)
                .timeScale(TEST_TIME_SCALE)
                .uploadPollInterval(Duration.ofMillis(100));
    }

    public LocalPipeline(LocalRuntimeOptions.Builder options) {
        this.options = options.build();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    /** Starts the runtime outside the extension's lifecycle (a test that needs one per case); returns this. */
    public LocalPipeline start() {
        runtime = LocalRuntime.start(options);
        return this;
    }

    @Override
    public void close() {
        if (runtime != null) {
            runtime.close();
            runtime = null;
        }
    }

    public LocalRuntime runtime() {
        if (runtime == null) {
            throw new IllegalStateException("the local pipeline runs only between beforeAll and afterAll");
        }
        return runtime;
    }

    /** An HTTP response with its body parsed as JSON. */
    public record Reply(int status, JsonNode body) {
    }

    public Reply post(String path, String body) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    public Reply get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET().build());
    }

    public Reply send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            String body = response.body();
            return new Reply(response.statusCode(), body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public URI uri(String path) {
        return runtime().endpoints().jobsApi().resolve(path);
    }

    /** POSTs a job and returns its id, failing unless the API accepted it (202). */
    public String submit(String requestJson) {
        Reply reply = post("/jobs", requestJson);
        if (reply.status() != 202) {
            throw new AssertionError("POST /jobs answered " + reply.status() + ": " + reply.body());
        }
        return reply.body().get("jobId").asText();
    }

    /**
     * Waits until GET /jobs/{jobId} shows a final status — for a job that did not succeed, with its failure report
     * (written when the execution's status changed: its summary, and the cause naming the failed chunks); returns
     * that view.
     */
    public JsonNode awaitEnd(String jobId) {
        AtomicReference<JsonNode> last = new AtomicReference<>();
        await().atMost(JOB_TIMEOUT).pollInterval(Duration.ofMillis(100)).until(() -> {
            Reply reply = get("/jobs/" + jobId);
            last.set(reply.body());
            String status = reply.body().path("status").asText();
            return reply.status() == 200 && !"RUNNING".equals(status)
                    && ("SUCCEEDED".equals(status) || reply.body().path("summaryUri").isTextual());
        });
        return last.get();
    }

    /** Waits for a successful end and returns the result object's text. */
    public String awaitResult(String jobId) {
        JsonNode view = awaitEnd(jobId);
        if (!"SUCCEEDED".equals(view.path("status").asText())) {
            throw new AssertionError("job " + jobId + " ended " + view);
        }
        return read(view.get("resultUri").asText());
    }

    /** Reads an object by its s3:// URI. */
    public String read(String s3Uri) {
        String rest = s3Uri.substring("s3://".length());
        int slash = rest.indexOf('/');
        return runtime().s3().getObjectAsBytes(r -> r.bucket(rest.substring(0, slash)).key(rest.substring(slash + 1)))
                .asString(StandardCharsets.UTF_8);
    }

    /** Puts an object into the input bucket and returns its s3:// URI. */
    public String putInput(String key, byte[] body) {
        runtime().s3().putObject(r -> r.bucket(runtime().inputBucket()).key(key), RequestBody.fromBytes(body));
        return "s3://" + runtime().inputBucket() + "/" + key;
    }

    public JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

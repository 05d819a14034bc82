package dev.fanout.core.pipeline;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fanout.core.chunk.HeaderLine;
import dev.fanout.core.error.InvalidRequestException;
import dev.fanout.core.internal.ChunkSizing;
import dev.fanout.core.job.InputFormat;
import dev.fanout.core.job.Job;
import dev.fanout.core.job.JobRegistry;
import dev.fanout.core.json.Json;
import dev.fanout.core.model.Compression;
import dev.fanout.core.model.JobRequest;
import dev.fanout.core.model.JobStatus;
import dev.fanout.core.model.ObjectInfo;
import dev.fanout.core.model.ObjectLocation;
import dev.fanout.core.model.ObjectPrefix;
import dev.fanout.core.port.BlobStore;
import dev.fanout.core.port.Executions;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Starting jobs and reading their status: the logic behind {@code POST /jobs}, {@code GET /jobs/{jobId}} and
 * the S3 upload trigger. A job is an execution named by the job id; a request's {@code clientToken} and an
 * upload's bucket/key/ETag give the same id every time, so a repeated submission or a duplicate S3 event
 * reaches the existing job ({@code duplicate = true}) instead of starting a second one.
 *
 * <pre>{@code
 * Submitted s = submission.submit("{\"jobType\":\"double\",\"input\":{\"items\":[1,2,3]}}");
 * Optional<JobView> view = submission.status(s.jobId());
 * }</pre>
 */
public final class JobSubmission {
    private static final Pattern JOB_ID = Pattern.compile("[A-Za-z0-9_-]{1,80}");

    private final BlobStore blobs;
    private final Executions executions;
    private final JobRegistry jobs;
    private final PipelineSettings settings;
    private final Supplier<String> idSupplier;
    private final RequestParser parser;

    public JobSubmission(BlobStore blobs, Executions executions, JobRegistry jobs, PipelineSettings settings,
                         Supplier<String> idSupplier) {
        this.blobs = Objects.requireNonNull(blobs, "blobs");
        this.executions = Objects.requireNonNull(executions, "executions");
        this.jobs = Objects.requireNonNull(jobs, "jobs");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.idSupplier = Objects.requireNonNull(idSupplier, "idSupplier");
        this.parser = new RequestParser(jobs, settings);
    }

    /**
     * Validates a {@code POST /jobs} body and starts the job. Bad input: {@link InvalidRequestException} naming
     * the field ({@code body} for malformed or oversized JSON), including an input URI outside the input bucket
     * or not found, and chunk sizes that would give too many chunks.
     */
    public Submitted submit(String requestJson) {
        RequestParser.Parsed request = parser.parse(requestJson);
        String jobId = request.clientToken() == null ? idSupplier.get() : JobIds.fromClientToken(request.clientToken());
        if (!JOB_ID.matcher(jobId).matches()) {
            throw new IllegalStateException("the id supplier gave an id that cannot name an execution");
        }
        if (request.clientToken() != null) {
            Optional<Executions.ExecutionView> existing = executions.describe(jobId);
            if (existing.isPresent()) {
                return new Submitted(jobId, existing.get().status(), true);
            }
        }
        ObjectPrefix prefix = request.s3Prefix() == null ? null : checkPrefix(request);
        ObjectLocation input = prefix != null ? null
                : request.s3Input() == null ? writeInline(jobId, request) : checkS3Input(request);
        JobRequest jobRequest = new JobRequest(jobId, request.job().name(), input, request.chunkSizeBytes(),
                request.chunkSizeItems(), request.maxConcurrency(), request.toleratedFailurePercentage(),
                request.options(), prefix);
        return start(jobRequest, request.clientToken() != null);
    }

    private ObjectLocation writeInline(String jobId, RequestParser.Parsed request) {
        JsonNode items = request.items();
        int chunkSize = ChunkSizing.itemChunkSize(request.chunkSizeItems(), settings);
        ChunkSizing.itemChunkCount(items.size(), chunkSize, settings.limits());
        ObjectLocation location = new ObjectLocation(settings.inputBucket(), Keys.inlineInput(jobId));
        blobs.put(location, Json.writeBytes(items), "application/json", Map.of());
        return location;
    }

    /** The object must exist; text inputs are checked for their chunk count and header now, for an early 400. */
    private ObjectLocation checkS3Input(RequestParser.Parsed request) {
        ObjectLocation location = request.s3Input();
        ObjectInfo info = blobs.head(location).orElseThrow(() -> new InvalidRequestException("input.s3Uri",
                "the object " + location.toUri() + " does not exist"));
        Job<?> job = request.job();
        boolean compressed = Compression.of(location.key(), info.contentEncoding()) != null;
        if (compressed && job.inputFormat() == InputFormat.JSON_ARRAY) {
            throw new InvalidRequestException("input.s3Uri", "is gzip-compressed; job type '" + job.name()
                    + "' reads a JSON array, which must be uncompressed (gzip works for text, CSV and JSON Lines)");
        }
        long dataStart = 0;
        if (job.inputFormat() == InputFormat.TEXT_LINES_WITH_HEADER) {
            HeaderLine header = Splitter.readHeader(blobs, info);
            job.validateHeader(request.options(), header.text());
            dataStart = header.dataStart();
        }
        if (job.inputFormat() != InputFormat.JSON_ARRAY && !compressed) {
            long chunkSize = ChunkSizing.textChunkSize(request.chunkSizeBytes(), settings);
            ChunkSizing.textChunkCount(dataStart, info.size(), chunkSize, settings.limits());
        }
        return location;
    }

    /**
     * Some object must be under the prefix (a prefix with none is a mistake, like a missing {@code s3Uri}); the
     * first non-empty one's header is checked now, for an early 400. Only the first page of the listing is read,
     * unless the prefix starts with many empty objects.
     */
    private ObjectPrefix checkPrefix(RequestParser.Parsed request) {
        ObjectPrefix prefix = request.s3Prefix();
        boolean any = false;
        for (ObjectInfo info : blobs.listing(prefix.bucket(), prefix.prefix())) {
            any = true;
            if (info.size() == 0 || info.location().key().endsWith("/")) {
                continue;
            }
            if (request.job().inputFormat() == InputFormat.TEXT_LINES_WITH_HEADER) {
                request.job().validateHeader(request.options(), Headers.read(blobs, info, false).text());
            }
            break;
        }
        if (!any) {
            throw new InvalidRequestException("input.s3Prefix", "no object is under " + prefix.toUri());
        }
        return prefix;
    }

    /**
     * Starts a job for an object uploaded to {@code incoming/<jobType>/[<option>=<value>/...]<name>} in the input
     * bucket, with default settings; folder segments of the form {@code name=value} become options (e.g.
     * {@code incoming/csv-aggregate/group-by=city/value=amount/sales.csv}), other folders are ignored. Empty if
     * the key is not under {@code incoming/<known jobType>/} (or is a folder marker): the caller ignores it.
     * Invalid options: {@link InvalidRequestException}.
     */
    public Optional<Submitted> submitUpload(ObjectLocation uploaded, String etag) {
        Objects.requireNonNull(uploaded, "uploaded");
        if (!uploaded.bucket().equals(settings.inputBucket()) || !uploaded.key().startsWith(Keys.INCOMING_PREFIX)) {
            return Optional.empty();
        }
        String[] segments = uploaded.key().substring(Keys.INCOMING_PREFIX.length()).split("/", -1);
        if (segments.length < 2 || segments[segments.length - 1].isEmpty()
                || !jobs.names().contains(segments[0])) {
            return Optional.empty();
        }
        Job<?> job = jobs.require(segments[0]);
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 1; i < segments.length - 1; i++) {
            int eq = segments[i].indexOf('=');
            if (eq > 0) {
                options.put(segments[i].substring(0, eq), segments[i].substring(eq + 1));
            }
        }
        String jobId = JobIds.fromUpload(uploaded, etag, segments[segments.length - 1]);
        JobRequest request = new JobRequest(jobId, job.name(), uploaded, null, null, null, 0,
                job.validateOptions(options));
        return Optional.of(start(request, true));
    }

    private Submitted start(JobRequest request, boolean idempotent) {
        Executions.StartOutcome outcome = executions.start(request.jobId(), Json.write(request));
        if (outcome == Executions.StartOutcome.STARTED) {
            return new Submitted(request.jobId(), JobStatus.RUNNING, false);
        }
        if (!idempotent) {
            throw new IllegalStateException("an execution named " + request.jobId() + " exists already");
        }
        JobStatus status = executions.describe(request.jobId()).map(Executions.ExecutionView::status)
                .orElse(JobStatus.RUNNING);
        return new Submitted(request.jobId(), status, true);
    }

    /**
     * Redrives a job that failed, timed out or was aborted: it goes on from the state where it stopped, and a failed
     * Map Run runs only its failed chunks again (their partials are kept for the others). Ids that cannot name a job
     * are {@code NOT_FOUND}.
     */
    public Executions.RedriveOutcome redrive(String jobId) {
        if (jobId == null || !JOB_ID.matcher(jobId).matches()) {
            return new Executions.RedriveOutcome(Executions.RedriveStatus.NOT_FOUND, null);
        }
        return executions.redrive(jobId);
    }

    /** The job's status; empty if there is no such job (or the id cannot be one). */
    public Optional<JobView> status(String jobId) {
        if (jobId == null || !JOB_ID.matcher(jobId).matches()) {
            return Optional.empty();
        }
        return executions.describe(jobId).map(this::view);
    }

    private JobView view(Executions.ExecutionView execution) {
        String jobId = execution.jobId();
        String resultUri = null;
        String summaryUri = null;
        String jobType = null;
        Boolean partial = null;
        String error = execution.error();
        String cause = execution.cause();
        if (execution.status() == JobStatus.SUCCEEDED && execution.outputJson() != null) {
            resultUri = textField(execution.outputJson(), "resultUri");
        }
        if (execution.status() != JobStatus.RUNNING) {
            ObjectLocation summary = new ObjectLocation(settings.resultsBucket(), Keys.summary(jobId));
            Optional<BlobStore.Blob> blob = blobs.get(summary);
            if (blob.isPresent()) {
                summaryUri = summary.toUri();
                JsonNode node = tree(new String(blob.get().body(), UTF_8));
                jobType = node.path("jobType").isTextual() ? node.path("jobType").asText() : null;
                partial = node.path("partial").asBoolean(false);
                if (execution.status() != JobStatus.SUCCEEDED && !"SUCCEEDED".equals(node.path("status").asText())
                        && node.path("cause").isTextual()) {
                    // the failure report names the failed chunks and byte offsets; the execution's own cause may not
                    error = node.path("error").asText(error);
                    cause = node.path("cause").asText();
                }
            }
        }
        return new JobView(jobId, execution.status(), jobType, execution.chunksTotal(), execution.chunksSucceeded(),
                execution.chunksFailed(), execution.startedAt(), execution.stoppedAt(), resultUri, summaryUri,
                error, cause, partial);
    }

    private static String textField(String json, String field) {
        JsonNode node = tree(json).get(field);
        return node != null && node.isTextual() ? node.asText() : null;
    }

    private static JsonNode tree(String json) {
        try {
            return Json.mapper().readTree(json);
        } catch (IOException | RuntimeException e) {
            return Json.mapper().missingNode();
        }
    }
}

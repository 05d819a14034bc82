package dev.fanout.core.pipeline;

import dev.fanout.core.chunk.ByteRange;
import dev.fanout.core.chunk.HeaderLine;
import dev.fanout.core.chunk.JsonArrayPlanner;
import dev.fanout.core.chunk.TextChunkPlanner;
import dev.fanout.core.error.InputNotFoundException;
import dev.fanout.core.error.MalformedRecordException;
import dev.fanout.core.error.StorageUnavailableException;
import dev.fanout.core.internal.ChunkSizing;
import dev.fanout.core.job.Job;
import dev.fanout.core.job.JobRegistry;
import dev.fanout.core.json.Json;
import dev.fanout.core.model.Chunk;
import dev.fanout.core.model.JobRequest;
import dev.fanout.core.model.ObjectInfo;
import dev.fanout.core.model.ObjectLocation;
import dev.fanout.core.model.SplitPlan;
import dev.fanout.core.port.BlobStore;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The splitter's logic: HEAD the input, plan its chunks, write the manifest (a JSON array of {@link Chunk}) to
 * the work bucket, and return a plan of fixed size. Text inputs are planned from their size alone; a CSV
 * header costs one bounded ranged GET; a JSON array is scanned once (see {@link JsonArrayPlanner}).
 *
 * <pre>{@code
 * SplitPlan plan = new Splitter(blobs, JobRegistry.load(), settings, Clock.systemUTC()).split(request);
 * }</pre>
 */
public final class Splitter {
    private final BlobStore blobs;
    private final JobRegistry jobs;
    private final PipelineSettings settings;
    private final Clock clock;

    public Splitter(BlobStore blobs, JobRegistry jobs, PipelineSettings settings, Clock clock) {
        this.blobs = Objects.requireNonNull(blobs, "blobs");
        this.jobs = Objects.requireNonNull(jobs, "jobs");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Throws {@link InputNotFoundException} naming the URI when the input is missing, {@link
     * dev.fanout.core.error.InvalidRequestException} for bad options or chunk sizes (also too many chunks), and
     * {@link dev.fanout.core.error.MalformedRecordException} when a JSON input is not an array or a header is
     * too long.
     */
    public SplitPlan split(JobRequest request) {
        long startedAt = clock.millis();
        Job<?> job = jobs.require(request.jobType());
        Map<String, String> options = job.validateOptions(request.options());
        ObjectInfo input = blobs.head(request.input()).orElseThrow(() -> new InputNotFoundException(
                "the input " + request.input().toUri() + " does not exist"));
        String header = null;
        List<ByteRange> ranges;
        switch (job.inputFormat()) {
            case TEXT_LINES -> ranges = planText(request, input, 0);
            case TEXT_LINES_WITH_HEADER -> {
                HeaderLine line = readHeader(blobs, input);
                job.validateHeader(options, line.text());
                header = line.text();
                ranges = planText(request, input, line.dataStart());
            }
            case JSON_ARRAY -> ranges = planJson(request, input);
            default -> throw new IllegalStateException("unknown input format " + job.inputFormat());
        }
        List<Chunk> chunks = new ArrayList<>(ranges.size());
        for (int i = 0; i < ranges.size(); i++) {
            ByteRange r = ranges.get(i);
            chunks.add(new Chunk(request.jobId(), request.jobType(), i, ranges.size(), request.input(), r.start(),
                    r.end(), input.size(), input.etag(), header, options));
        }
        ObjectLocation manifest = new ObjectLocation(settings.workBucket(), Keys.manifest(request.jobId()));
        blobs.put(manifest, Json.writeBytes(chunks), "application/json", Map.of());
        int cap = settings.maxConcurrency();
        int maxConcurrency = request.maxConcurrency() == null ? cap : Math.max(1, Math.min(cap, request.maxConcurrency()));
        return new SplitPlan(request.jobId(), request.jobType(), request.input(), manifest, chunks.size(),
                input.size(), maxConcurrency, request.toleratedFailurePercentage(), settings.heartbeatSeconds(),
                startedAt, clock.millis());
    }

    /** The header line of a text input: one ranged GET of at most {@link HeaderLine#MAX_BYTES}. */
    static HeaderLine readHeader(BlobStore blobs, ObjectInfo input) {
        if (input.size() == 0) {
            return new HeaderLine("", 0);
        }
        long first = Math.min(input.size(), HeaderLine.MAX_BYTES);
        try (InputStream in = blobs.openRange(input.location(), 0, first, input.etag())) {
            return HeaderLine.read(in, input.size());
        } catch (IOException e) {
            throw new StorageUnavailableException("reading the header of " + input.location().toUri() + " failed", e);
        }
    }

    private List<ByteRange> planText(JobRequest request, ObjectInfo input, long dataStart) {
        long chunkSize = ChunkSizing.textChunkSize(request.chunkSizeBytes(), settings);
        ChunkSizing.textChunkCount(dataStart, input.size(), chunkSize, settings.limits());
        return TextChunkPlanner.plan(dataStart, input.size(), chunkSize);
    }

    private List<ByteRange> planJson(JobRequest request, ObjectInfo input) {
        int chunkSize = ChunkSizing.itemChunkSize(request.chunkSizeItems(), settings);
        if (input.size() == 0) {
            throw new MalformedRecordException(0, "the input " + input.location().toUri()
                    + " is empty, not a JSON array");
        }
        try (InputStream in = blobs.openRange(input.location(), 0, input.size(), input.etag())) {
            return JsonArrayPlanner.plan(in, input.size(), chunkSize, settings.limits().maxChunks());
        } catch (IOException e) {
            throw new StorageUnavailableException("reading " + input.location().toUri() + " failed", e);
        }
    }
}

package dev.fanout.core.pipeline;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.fanout.core.chunk.ByteRange;
import dev.fanout.core.chunk.HeaderLine;
import dev.fanout.core.chunk.JsonArrayPlanner;
import dev.fanout.core.chunk.TextChunkPlanner;
import dev.fanout.core.error.InputNotFoundException;
import dev.fanout.core.error.InvalidRequestException;
import dev.fanout.core.error.MalformedRecordException;
import dev.fanout.core.error.StorageUnavailableException;
import dev.fanout.core.internal.ChunkSizing;
import dev.fanout.core.job.InputFormat;
import dev.fanout.core.job.Job;
import dev.fanout.core.job.JobRegistry;
import dev.fanout.core.job.MapOnlyJob;
import dev.fanout.core.json.Json;
import dev.fanout.core.model.Chunk;
import dev.fanout.core.model.CombinePlan;
import dev.fanout.core.model.Compression;
import dev.fanout.core.model.JobRequest;
import dev.fanout.core.model.ObjectInfo;
import dev.fanout.core.model.ObjectLocation;
import dev.fanout.core.model.SplitPlan;
import dev.fanout.core.port.BlobStore;
import dev.fanout.core.port.ObjectOutput;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The splitter's logic: find the input — HEAD one object, or list every object under a prefix as a stream
 * ({@link PrefixPlanner}) — plan its chunks, write the manifest (a JSON array of {@link Chunk}, streamed to the work
 * bucket) and return a plan of fixed size. Text inputs are planned from their sizes alone; a CSV header costs one
 * bounded read; a JSON array is scanned once (see {@link JsonArrayPlanner}); a compressed object is one chunk.
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

    /** The chunks before their indices, the header they share and the input's size. */
    private record Planned(List<PrefixPlanner.Piece> pieces, String header, long bytes) {
    }

    /**
     * Throws {@link InputNotFoundException} naming the URI when the input is missing (or no object is under the
     * prefix), {@link dev.fanout.core.error.InvalidRequestException} for bad options or chunk sizes (also too many
     * chunks), and {@link dev.fanout.core.error.MalformedRecordException} when a JSON input is not an array or a
     * header is too long.
     */
    public SplitPlan split(JobRequest request) {
        long startedAt = clock.millis();
        Job<?> job = jobs.require(request.jobType());
        Map<String, String> options = job.validateOptions(request.options());
        Planned planned = request.inputPrefix() != null ? planPrefix(request, job, options)
                : planObject(request, job, options);
        ObjectLocation manifest = new ObjectLocation(settings.workBucket(), Keys.manifest(request.jobId()));
        writeManifest(manifest, request, job, planned, options);
        int cap = settings.maxConcurrency();
        int maxConcurrency = request.maxConcurrency() == null ? cap : Math.max(1, Math.min(cap, request.maxConcurrency()));
        int chunks = planned.pieces().size();
        return new SplitPlan(request.jobId(), request.jobType(), request.input(), manifest, chunks,
                planned.bytes(), maxConcurrency, request.toleratedFailurePercentage(), settings.heartbeatSeconds(),
                startedAt, clock.millis(), request.inputPrefix(),
                CombinePlan.of(chunks, settings.reducerMaxPartials()));
    }

    private Planned planObject(JobRequest request, Job<?> job, Map<String, String> options) {
        ObjectInfo input = blobs.head(request.input()).orElseThrow(() -> new InputNotFoundException(
                "the input " + request.input().toUri() + " does not exist"));
        Compression compression = Compression.of(input.location().key(), input.contentEncoding());
        if (compression != null && job.inputFormat() == InputFormat.JSON_ARRAY) {
            throw new InvalidRequestException("input.s3Uri", "is gzip-compressed; job type '" + job.name()
                    + "' reads a JSON array, which must be uncompressed (gzip works for text, CSV and JSON Lines)");
        }
        String header = null;
        long dataStart = 0;
        if (job.inputFormat() == InputFormat.TEXT_LINES_WITH_HEADER) {
            HeaderLine line = Headers.read(blobs, input, true);
            job.validateHeader(options, line.text());
            header = line.text();
            dataStart = line.dataStart();
        }
        List<ByteRange> ranges;
        if (job.inputFormat() == InputFormat.JSON_ARRAY) {
            ranges = planJson(request, input);
        } else if (compression != null) {
            // gzip cannot be split: the object is one chunk, whose worker passes over the header itself
            ranges = input.size() == 0 ? List.of() : List.of(new ByteRange(0, input.size()));
        } else {
            long chunkSize = ChunkSizing.textChunkSize(request.chunkSizeBytes(), settings);
            ChunkSizing.textChunkCount(dataStart, input.size(), chunkSize, settings.limits());
            ranges = TextChunkPlanner.plan(dataStart, input.size(), chunkSize);
        }
        List<PrefixPlanner.Piece> pieces = new ArrayList<>(ranges.size());
        for (ByteRange r : ranges) {
            pieces.add(new PrefixPlanner.Piece(input.location(), r.start(), r.end(), input.size(), input.etag(),
                    compression, null));
        }
        return new Planned(pieces, header, input.size());
    }

    private Planned planPrefix(JobRequest request, Job<?> job, Map<String, String> options) {
        if (job.inputFormat() == InputFormat.JSON_ARRAY) {
            throw new InvalidRequestException("input.s3Prefix", "job type '" + job.name() + "' reads one JSON "
                    + "array: give input.s3Uri or input.items");
        }
        long chunkSize = ChunkSizing.textChunkSize(request.chunkSizeBytes(), settings);
        ObjectLocation segments = new ObjectLocation(settings.workBucket(), Keys.segments(request.jobId()));
        String[] header = new String[1];
        try (ObjectOutput segmentsOut = blobs.create(segments, "application/x-ndjson", Map.of())) {
            PrefixPlanner.Result result = new PrefixPlanner(blobs, settings.limits(), chunkSize).plan(
                    request.inputPrefix(), segments, segmentsOut, first -> {
                        if (job.inputFormat() == InputFormat.TEXT_LINES_WITH_HEADER) {
                            header[0] = Headers.read(blobs, first, false).text();
                            job.validateHeader(options, header[0]);
                        }
                    });
            if (segmentsOut.size() > 0) {
                segmentsOut.commit();
            }
            return new Planned(result.pieces(), header[0], result.bytes());
        }
    }

    /** The manifest, streamed: one descriptor at a time, never the whole array in memory. */
    private void writeManifest(ObjectLocation manifest, JobRequest request, Job<?> job, Planned planned,
                               Map<String, String> options) {
        int total = planned.pieces().size();
        String extension = job instanceof MapOnlyJob mapOnly ? mapOnly.partExtension() : null;
        try (ObjectOutput out = blobs.create(manifest, "application/json", Map.of());
             JsonGenerator json = Json.mapper().getFactory().createGenerator(out)) {
            json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            json.writeStartArray();
            for (int i = 0; i < total; i++) {
                PrefixPlanner.Piece p = planned.pieces().get(i);
                ObjectLocation output = extension == null ? null : new ObjectLocation(settings.resultsBucket(),
                        Keys.part(request.jobId(), i, extension));
                json.writeObject(new Chunk(request.jobId(), request.jobType(), i, total, p.input(), p.start(), p.end(),
                        p.objectSize(), p.etag(), planned.header(), options, p.compression(), p.objects(), output));
            }
            json.writeEndArray();
            json.flush();
            out.commit();
        } catch (IOException e) {
            throw new UncheckedIOException("writing the manifest " + manifest + " failed", e);
        }
    }

    /** The header line of a text input: one ranged GET of at most {@link HeaderLine#MAX_BYTES}. */
    static HeaderLine readHeader(BlobStore blobs, ObjectInfo input) {
        return Headers.read(blobs, input, true);
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

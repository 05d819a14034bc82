package dev.fanout.core.pipeline;

import dev.fanout.core.chunk.JsonLinesCursor;
import dev.fanout.core.error.MalformedRecordException;
import dev.fanout.core.job.InputFormat;
import dev.fanout.core.job.InputRecord;
import dev.fanout.core.job.Job;
import dev.fanout.core.job.JobRegistry;
import dev.fanout.core.job.MapContext;
import dev.fanout.core.job.MapOnlyJob;
import dev.fanout.core.job.OutputParts;
import dev.fanout.core.job.RecordCursor;
import dev.fanout.core.model.Chunk;
import dev.fanout.core.model.ChunkResult;
import dev.fanout.core.model.ObjectLocation;
import dev.fanout.core.port.BlobStore;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * One chunk through its job: read its records ({@link ChunkRecords}), map them, and store the partial — for a
 * map-only job, first commit its part ({@link PartOutput}); then the partial names the part.
 */
final class ChunkRun {
    private final BlobStore blobs;
    private final JobRegistry jobs;
    private final String workBucket;
    private final Clock clock;

    ChunkRun(BlobStore blobs, JobRegistry jobs, String workBucket, Clock clock) {
        this.blobs = blobs;
        this.jobs = jobs;
        this.workBucket = workBucket;
        this.clock = clock;
    }

    ChunkResult run(Chunk chunk, int receiveCount) {
        return run(jobs.require(chunk.jobType()), chunk, receiveCount, clock.millis());
    }

    private <P> ChunkResult run(Job<P> job, Chunk chunk, int receiveCount, long startedAt) {
        Context context = new Context(chunk);
        JsonLinesCursor.BadLines badLines = "skip".equals(chunk.options().get(InputFormat.ON_BAD_RECORD))
                ? (offset, reason) -> context.recordSkipped(offset, reason) : JsonLinesCursor.BadLines.FAIL;
        byte[] partial;
        long count;
        try (ChunkRecords source = new ChunkRecords(blobs, chunk, job.inputFormat(), badLines)) {
            Counting records = new Counting(source);
            try {
                partial = job instanceof MapOnlyJob mapOnly ? mapOnly.encode(writePart(mapOnly, chunk, context, records))
                        : job.encode(job.map(context, records));
            } catch (MalformedRecordException e) {
                throw source.named(e);
            }
            count = records.count;
        }
        ObjectLocation location = new ObjectLocation(workBucket, Keys.partial(chunk.jobId(), chunk.index()));
        ChunkResult result = new ChunkResult(chunk.index(), location, count, context.skipped, chunk.inputBytes(),
                clock.millis() - startedAt, receiveCount);
        blobs.put(location, partial, "application/octet-stream", PartialMetadata.of(result));
        return result;
    }

    /** Maps into the chunk's part and commits it; the partial then names it (or no part, if nothing was written). */
    private OutputParts writePart(MapOnlyJob job, Chunk chunk, MapContext context, RecordCursor records) {
        if (chunk.output() == null) {
            throw new IllegalStateException("chunk " + chunk.index() + " of map-only job " + chunk.jobId()
                    + " names no output part");
        }
        try (PartOutput part = new PartOutput(blobs, chunk.output(), job.partContentType())) {
            job.map(context, records, part);
            OutputParts.Part committed = part.commit();
            return committed == null ? OutputParts.NONE : OutputParts.of(committed);
        }
    }

    /** Counts the records the job reads. */
    private static final class Counting implements RecordCursor {
        private final RecordCursor records;
        private long count;

        Counting(RecordCursor records) {
            this.records = records;
        }

        @Override
        public boolean next() {
            boolean more = records.next();
            if (more) {
                count++;
            }
            return more;
        }

        @Override
        public long offset() {
            return records.offset();
        }

        @Override
        public byte[] bytes() {
            return records.bytes();
        }

        @Override
        public int start() {
            return records.start();
        }

        @Override
        public int length() {
            return records.length();
        }

        @Override
        public String text() {
            return records.text();
        }

        @Override
        public String key() {
            return records.key();
        }

        @Override
        public InputRecord record() {
            return records.record();
        }
    }

    private static final class Context implements MapContext {
        private final Chunk chunk;
        private long skipped;

        Context(Chunk chunk) {
            this.chunk = chunk;
        }

        @Override
        public int chunkIndex() {
            return chunk.index();
        }

        @Override
        public String jobId() {
            return chunk.jobId();
        }

        @Override
        public Map<String, String> options() {
            return chunk.options();
        }

        @Override
        public Optional<String> header() {
            return Optional.ofNullable(chunk.header());
        }

        @Override
        public void recordSkipped(long offset, String reason) {
            skipped++;
        }
    }
}

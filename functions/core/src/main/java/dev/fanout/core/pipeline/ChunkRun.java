package dev.fanout.core.pipeline;

import dev.fanout.core.chunk.JsonArrayRangeReader;
import dev.fanout.core.chunk.RangedObjectStream;
import dev.fanout.core.chunk.TextRangeCursor;
import dev.fanout.core.chunk.TextRangeReader;
import dev.fanout.core.error.StorageUnavailableException;
import dev.fanout.core.job.InputFormat;
import dev.fanout.core.job.Job;
import dev.fanout.core.job.JobRegistry;
import dev.fanout.core.job.MapContext;
import dev.fanout.core.job.InputRecord;
import dev.fanout.core.job.RecordCursor;
import dev.fanout.core.model.Chunk;
import dev.fanout.core.model.ChunkResult;
import dev.fanout.core.model.ObjectLocation;
import dev.fanout.core.port.BlobStore;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/** One chunk through its job: read the range, map, encode, store the partial. */
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
        try (InputStream in = open(job.inputFormat(), chunk)) {
            Counting records = new Counting(records(job.inputFormat(), in, chunk));
            byte[] partial = job.encode(job.map(context, records));
            ObjectLocation location = new ObjectLocation(workBucket, Keys.partial(chunk.jobId(), chunk.index()));
            ChunkResult result = new ChunkResult(chunk.index(), location, records.count, context.skipped,
                    chunk.length(), clock.millis() - startedAt, receiveCount);
            blobs.put(location, partial, "application/octet-stream", PartialMetadata.of(result));
            return result;
        } catch (IOException e) {
            throw new StorageUnavailableException("reading chunk " + chunk.index() + " failed", e);
        }
    }

    private InputStream open(InputFormat format, Chunk chunk) {
        if (format == InputFormat.JSON_ARRAY) {
            // JSON ranges end exactly where the next element starts: nothing to read past the end.
            return new RangedObjectStream(blobs, chunk.input(), chunk.etag(), chunk.start(), chunk.end(), chunk.end());
        }
        return new RangedObjectStream(blobs, chunk.input(), chunk.etag(), TextRangeReader.readFrom(chunk.start()),
                chunk.end(), chunk.objectSize());
    }

    private static RecordCursor records(InputFormat format, InputStream in, Chunk chunk) {
        return switch (format) {
            case JSON_ARRAY -> RecordCursor.over(new JsonArrayRangeReader(in, chunk.start()));
            case TEXT_LINES, TEXT_LINES_WITH_HEADER -> new TextRangeCursor(in, chunk.start(), chunk.end());
        };
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

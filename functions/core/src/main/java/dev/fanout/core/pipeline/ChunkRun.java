package dev.fanout.core.pipeline;

import dev.fanout.core.chunk.JsonArrayRangeReader;
import dev.fanout.core.chunk.RangedObjectStream;
import dev.fanout.core.chunk.TextRangeReader;
import dev.fanout.core.error.StorageUnavailableException;
import dev.fanout.core.job.InputFormat;
import dev.fanout.core.job.Job;
import dev.fanout.core.job.JobRegistry;
import dev.fanout.core.job.MapContext;
import dev.fanout.core.job.Record;
import dev.fanout.core.model.Chunk;
import dev.fanout.core.model.ChunkResult;
import dev.fanout.core.model.ObjectLocation;
import dev.fanout.core.port.BlobStore;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.Iterator;
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

    private static Iterator<Record> records(InputFormat format, InputStream in, Chunk chunk) {
        return switch (format) {
            case JSON_ARRAY -> new JsonArrayRangeReader(in, chunk.start());
            case TEXT_LINES, TEXT_LINES_WITH_HEADER -> new TextRangeReader(in, chunk.start(), chunk.end());
        };
    }

    private static final class Counting implements Iterator<Record> {
        private final Iterator<Record> records;
        private long count;

        Counting(Iterator<Record> records) {
            this.records = records;
        }

        @Override
        public boolean hasNext() {
            return records.hasNext();
        }

        @Override
        public Record next() {
            Record r = records.next();
            count++;
            return r;
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

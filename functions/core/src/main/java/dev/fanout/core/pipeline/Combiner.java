package dev.fanout.core.pipeline;

import dev.fanout.core.job.Job;
import dev.fanout.core.model.ChunkResult;
import dev.fanout.core.model.CombinePlan;
import dev.fanout.core.model.ObjectLocation;
import dev.fanout.core.model.SplitPlan;
import dev.fanout.core.port.BlobStore;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.stream.IntStream;

/**
 * A combine task: merges the partials of one group of a job's chunks ({@link CombinePlan}) in chunk order into one
 * combined partial — in the job's own partial format ({@link Job#encode}), at {@link Keys#combined} — whose metadata
 * carries the group's sums and its chunks without a partial ({@link CombinedMetadata}). It runs after the Map is over,
 * so a chunk without a partial will never get one: the task notes it and goes on, whether or not the chunk left a
 * failure record (a worker that died silently leaves none; its chunk failed by heartbeat timeout). Why it has no
 * partial, and whether the job tolerates that, the final reduce decides once for the job from the Map's results and
 * the failure records ({@link ChunkFailures}) — the same as on the direct path, and without passing any failure list
 * through a combine task's input. The object's body depends only on the group's partials, so a retried or repeated
 * task writes the same object again.
 */
final class Combiner {
    private final BlobStore blobs;
    private final PipelineSettings settings;
    private final Clock clock;
    private final ExecutorService readPool;

    Combiner(BlobStore blobs, PipelineSettings settings, Clock clock, ExecutorService readPool) {
        this.blobs = Objects.requireNonNull(blobs, "blobs");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.readPool = Objects.requireNonNull(readPool, "readPool");
    }

    private record Read<P>(int index, ChunkResult result, P partial) {
    }

    /** Running state of one task; touched only by the combining thread. */
    private static final class Fold<P> {
        P value;
        final Totals totals = new Totals();

        Fold(P value) {
            this.value = value;
        }
    }

    <P> CombineResult combine(Job<P> job, SplitPlan plan, int group) {
        long startedAt = clock.millis();
        CombinePlan groups = plan.combine();
        if (groups == null) {
            throw new IllegalArgumentException("job " + plan.jobId() + " has no combine level ("
                    + plan.chunks() + " chunks)");
        }
        String jobId = plan.jobId();
        int first = groups.first(group);
        int end = groups.end(group, plan.chunks());
        Fold<P> fold = new Fold<>(job.newAccumulator());
        OrderedReads.inOrder(readPool, settings.reducerReadConcurrency(), IntStream.range(first, end).iterator(),
                index -> read(job, jobId, index), (Read<P> read) -> {
                    if (read.partial() != null) {
                        fold.totals.add(read.result());
                        fold.value = job.merge(fold.value, read.partial());
                    } else {
                        fold.totals.missing.add(read.index());
                    }
                });
        byte[] body = job.encode(fold.value);
        Totals t = fold.totals;
        CombinedMetadata.Group meta = new CombinedMetadata.Group(first, t.chunks, t.retried, t.records, t.skipped,
                t.bytes, t.workerMillis, t.deliveries, clock.millis() - startedAt, t.missing);
        ObjectLocation location = new ObjectLocation(settings.workBucket(), Keys.combined(jobId, group));
        blobs.put(location, body, "application/octet-stream", CombinedMetadata.of(meta));
        return new CombineResult(group, t.chunks, t.missing.size(), location.toUri());
    }

    private <P> Read<P> read(Job<P> job, String jobId, int index) {
        ObjectLocation location = new ObjectLocation(settings.workBucket(), Keys.partial(jobId, index));
        var blob = blobs.get(location);
        if (blob.isEmpty()) {
            return new Read<>(index, null, null);
        }
        P partial;
        try {
            partial = job.decode(blob.get().body());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the partial of chunk " + index + " of job " + jobId
                    + " cannot be decoded: " + e.getMessage(), e);
        }
        return new Read<>(index, PartialMetadata.read(index, location, blob.get().metadata()), partial);
    }
}

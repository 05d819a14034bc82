package dev.fanout.core.pipeline;

import dev.fanout.core.error.MissingPartialsException;
import dev.fanout.core.job.Job;
import dev.fanout.core.model.ChunkResult;
import dev.fanout.core.model.CombinePlan;
import dev.fanout.core.model.ObjectLocation;
import dev.fanout.core.model.SplitPlan;
import dev.fanout.core.port.BlobStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.stream.IntStream;

/**
 * A combine task: merges the partials of one group of a job's chunks ({@link CombinePlan}) in chunk order into one
 * combined partial — in the job's own partial format ({@link Job#encode}), at {@link Keys#combined} — whose metadata
 * carries the group's sums and its chunks without a partial ({@link CombinedMetadata}). A chunk without a partial must
 * have a failure record (a failed chunk: the final reduce decides whether the job tolerates it); one without either is
 * a {@link MissingPartialsException} and nothing is written. The object's body depends only on the group's partials,
 * so a retried or repeated task writes the same object again.
 */
final class Combiner {
    private static final int NAMED_CHUNKS = 20;

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

    private record Read<P>(int index, ChunkResult result, P partial, boolean failed) {
    }

    /** Running state of one task; touched only by the combining thread. */
    private static final class Fold<P> {
        P value;
        final Totals totals = new Totals();
        final List<Integer> unexplained = new ArrayList<>();

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
                    } else if (read.failed()) {
                        fold.totals.missing.add(read.index());
                    } else {
                        fold.unexplained.add(read.index());
                    }
                });
        if (!fold.unexplained.isEmpty()) {
            List<Integer> named = fold.unexplained.subList(0, Math.min(NAMED_CHUNKS, fold.unexplained.size()));
            throw new MissingPartialsException(named, fold.unexplained.size() + " chunks of group " + group
                    + " (chunks " + first + "–" + (end - 1) + ") of job " + jobId
                    + " have neither a partial result nor a failure record: " + named
                    + (fold.unexplained.size() > NAMED_CHUNKS ? " and more" : "") + "; nothing was combined");
        }
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
            boolean failed = blobs.head(new ObjectLocation(settings.workBucket(), Keys.failure(jobId, index)))
                    .isPresent();
            return new Read<>(index, null, null, failed);
        }
        P partial;
        try {
            partial = job.decode(blob.get().body());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the partial of chunk " + index + " of job " + jobId
                    + " cannot be decoded: " + e.getMessage(), e);
        }
        return new Read<>(index, PartialMetadata.read(index, location, blob.get().metadata()), partial, false);
    }
}

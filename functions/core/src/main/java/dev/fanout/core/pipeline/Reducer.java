package dev.fanout.core.pipeline;

import dev.fanout.core.cost.CostModel;
import dev.fanout.core.error.MissingPartialsException;
import dev.fanout.core.job.Job;
import dev.fanout.core.job.JobRegistry;
import dev.fanout.core.job.MapOnlyJob;
import dev.fanout.core.job.OutputParts;
import dev.fanout.core.json.Json;
import dev.fanout.core.model.ChunkResult;
import dev.fanout.core.model.CombinePlan;
import dev.fanout.core.model.JobStatus;
import dev.fanout.core.model.MapRunResult;
import dev.fanout.core.model.ObjectInfo;
import dev.fanout.core.model.ObjectLocation;
import dev.fanout.core.model.SplitPlan;
import dev.fanout.core.port.BlobStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;

/**
 * The reducer's logic. {@link #reduce} checks that every chunk has a partial or failed within the tolerance (any
 * failure counts: a worker's reported one, or a Map child that timed out; {@link ChunkFailures}), reads and
 * decodes the partials in parallel — at most {@code reducerReadConcurrency} at once, results collected from futures
 * in chunk order — folds them in chunk order into one accumulator ({@link Job#merge}, which changes it in place
 * instead of copying it per partial), and writes the result, then {@code summary.json}; with tolerated failures the
 * summary says {@code "partial": true} and lists them, and the result carries the user metadata
 * {@code partial=true}. A missing partial beyond that is a {@link MissingPartialsException} naming the chunks; then
 * nothing is written. A job with a combine level ({@link SplitPlan#combine()}) is reduced from its groups' combined
 * partials instead ({@link #combine} wrote them), whose metadata carries the sums of each group and which of its
 * chunks have no partial; the final reduce learns why those chunks have none from the same {@link ChunkFailures} as
 * the direct path, once for the job, so the result, the summary and the tolerance check are the same as without a
 * combine level. {@link #reportFailure} turns a failed execution's error into a precise cause from the workers'
 * failure records and writes a FAILED summary.
 *
 * <pre>{@code
 * ReduceResult result = reducer.reduce(plan, mapResult);
 * CombineResult group = reducer.combine(plan, 3);
 * FailureReport report = reducer.reportFailure(jobId, "States.ExceedToleratedFailureThreshold", cause);
 * }</pre>
 */
public final class Reducer {
    private static final int NAMED_CHUNKS = 20;
    private static final int SUMMARY_FAILED_CHUNKS = 1_000;
    /** User metadata of a result that lacks tolerated failed chunks. */
    public static final String PARTIAL_METADATA = "partial";
    public static final String FAILED_CHUNKS_METADATA = "failed-chunks";

    private final BlobStore blobs;
    private final JobRegistry jobs;
    private final PipelineSettings settings;
    private final Clock clock;
    private final ExecutorService readPool;

    public Reducer(BlobStore blobs, JobRegistry jobs, PipelineSettings settings, Clock clock,
                   ExecutorService readPool) {
        this.blobs = Objects.requireNonNull(blobs, "blobs");
        this.jobs = Objects.requireNonNull(jobs, "jobs");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.readPool = Objects.requireNonNull(readPool, "readPool");
    }

    public ReduceResult reduce(SplitPlan plan) {
        return reduce(plan, null);
    }

    /**
     * @param mapResult the Distributed Map's output (its ResultWriter's files name the chunks that failed without a
     *                  failure record, e.g. by heartbeat timeout); null to go by the failure records alone
     */
    public ReduceResult reduce(SplitPlan plan, MapRunResult mapResult) {
        long startedAt = clock.millis();
        return reduce(jobs.require(plan.jobType()), plan, mapResult, startedAt);
    }

    /**
     * The combine task of {@code group} of a job with a combine level ({@link SplitPlan#combine()}): merges the
     * group's partials into one combined partial that notes the group's chunks without a partial; see
     * {@link Combiner}. It never fails on a missing partial: whether that chunk failed within the tolerance is the
     * final reduce's decision.
     *
     * @throws IllegalArgumentException if the plan has no combine level or no such group
     */
    public CombineResult combine(SplitPlan plan, int group) {
        return new Combiner(blobs, settings, clock, readPool).combine(jobs.require(plan.jobType()), plan, group);
    }

    /** The running total and the sums of what was merged; touched only by the reducing thread. */
    private static final class Fold<P> {
        P value;
        final Totals totals = new Totals();

        Fold(P value) {
            this.value = value;
        }
    }

    private <P> ReduceResult reduce(Job<P> job, SplitPlan plan, MapRunResult mapResult, long startedAt) {
        String jobId = plan.jobId();
        int n = plan.chunks();
        Fold<P> fold = new Fold<>(job.newAccumulator());
        List<FailedChunk> tolerated;
        if (plan.combine() == null) {
            BitSet present = indices(Keys.partialsPrefix(jobId), n);
            tolerated = checkComplete(plan, present, failures(plan, mapResult, present));
            OrderedReads.inOrder(readPool, settings.reducerReadConcurrency(), present.stream().iterator(),
                    index -> read(job, jobId, index), (Read<P> read) -> {
                        fold.totals.add(read.result());
                        fold.value = job.merge(fold.value, read.partial());
                    });
        } else {
            int groups = plan.combine().groups();
            BitSet combined = indices(Keys.combinedPrefix(jobId), groups);
            requireGroups(plan, combined);
            OrderedReads.inOrder(readPool, settings.reducerReadConcurrency(), combined.stream().iterator(),
                    group -> readCombined(job, jobId, group), (Combined<P> read) -> {
                        fold.totals.add(read.group());
                        fold.value = job.merge(fold.value, read.partial());
                    });
            // the chunks whose partials the combine tasks merged: all but those their metadata names as missing
            BitSet present = new BitSet(n);
            present.set(0, n);
            fold.totals.missing.forEach(present::clear);
            tolerated = checkComplete(plan, present, failures(plan, mapResult, present));
        }
        Totals totals = fold.totals;
        if (job instanceof MapOnlyJob) {
            OutputCheck.requireParts(blobs, settings.resultsBucket(), jobId, (OutputParts) fold.value);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            job.writeResult(fold.value, out);
        } catch (IOException e) {
            throw new UncheckedIOException("writing the result failed", e);
        }
        ObjectLocation result = new ObjectLocation(settings.resultsBucket(), Keys.result(jobId, job.resultFileName()));
        blobs.put(result, out.toByteArray(), job.resultContentType(), tolerated.isEmpty() ? Map.of()
                : Map.of(PARTIAL_METADATA, "true", FAILED_CHUNKS_METADATA, Integer.toString(tolerated.size())));

        long endedAt = clock.millis();
        CostModel.Estimate cost = CostModel.estimate(CostModel.usage(new CostModel.JobFacts(n, totals.deliveries,
                totals.workerMillis, plan.splitEndedAt() - plan.splitStartedAt(), endedAt - startedAt,
                settings.memory(), totals.combineTasks, totals.combineMillis)));
        JobSummary summary = new JobSummary(jobId, plan.jobType(), JobStatus.SUCCEEDED, !tolerated.isEmpty(),
                new JobSummary.Chunks(n, totals.chunks, tolerated.size(), totals.retried), totals.records,
                totals.skipped, totals.bytes, new JobSummary.WallTime(plan.splitEndedAt() - plan.splitStartedAt(),
                startedAt - plan.splitEndedAt(), endedAt - startedAt), cost,
                tolerated.subList(0, Math.min(tolerated.size(), SUMMARY_FAILED_CHUNKS)), result.toUri(), null, null);
        ObjectLocation summaryLocation = writeSummary(summary);
        return new ReduceResult(result.toUri(), summaryLocation.toUri(), totals.chunks, totals.records, totals.bytes,
                tolerated.size());
    }

    /**
     * Why the chunks outside {@code present} have no partial ({@link ChunkFailures}: the Map's FAILED results, then
     * the failure records); nothing is read when every chunk has its partial.
     */
    private Map<Integer, FailedChunk> failures(SplitPlan plan, MapRunResult mapResult, BitSet present) {
        if (present.cardinality() == plan.chunks()) {
            return Map.of();
        }
        return new ChunkFailures(blobs, settings.workBucket()).find(plan.jobId(),
                mapResult == null ? null : mapResult.results(), present, SUMMARY_FAILED_CHUNKS);
    }

    /**
     * The chunks that failed within the tolerance, whatever the cause; a MissingPartialsException if more failed, or
     * if a chunk lacks a partial without having failed (a lost partial).
     */
    private static List<FailedChunk> checkComplete(SplitPlan plan, BitSet present, Map<Integer, FailedChunk> failed) {
        int n = plan.chunks();
        List<Integer> missing = new ArrayList<>();
        for (int i = present.nextClearBit(0); i < n; i = present.nextClearBit(i + 1)) {
            missing.add(i);
        }
        if (missing.isEmpty()) {
            return List.of();
        }
        boolean allFailed = missing.stream().allMatch(failed::containsKey);
        boolean withinTolerance = plan.toleratedFailurePercentage() > 0
                && missing.size() * 100.0 / n <= plan.toleratedFailurePercentage();
        if (allFailed && withinTolerance) {
            return missing.stream().map(failed::get).toList();
        }
        throw new MissingPartialsException(missing.subList(0, Math.min(NAMED_CHUNKS, missing.size())),
                missing.size() + " of " + n + " chunks of job " + plan.jobId() + " have no partial result: "
                        + named(missing) + "; no result was written");
    }

    /** Every group of a job with a combine level must have its combined partial. */
    private static void requireGroups(SplitPlan plan, BitSet present) {
        CombinePlan groups = plan.combine();
        List<Integer> chunks = new ArrayList<>();
        List<Integer> absent = new ArrayList<>();
        for (int g = present.nextClearBit(0); g < groups.groups(); g = present.nextClearBit(g + 1)) {
            absent.add(g);
            for (int i = groups.first(g); i < groups.end(g, plan.chunks()) && chunks.size() < NAMED_CHUNKS; i++) {
                chunks.add(i);
            }
        }
        if (!absent.isEmpty()) {
            throw new MissingPartialsException(chunks, absent.size() + " of " + groups.groups()
                    + " groups of job " + plan.jobId() + " have no combined partial: groups " + named(absent)
                    + " (groups of " + groups.groupSize() + " chunks, group g from chunk g × "
                    + groups.groupSize() + "); no result was written");
        }
    }

    private static String named(List<Integer> chunks) {
        String first = chunks.subList(0, Math.min(NAMED_CHUNKS, chunks.size())).toString();
        return chunks.size() > NAMED_CHUNKS ? first + " and " + (chunks.size() - NAMED_CHUNKS) + " more" : first;
    }

    private BitSet indices(String prefix, int n) {
        BitSet found = new BitSet(n);
        for (ObjectInfo info : blobs.list(settings.workBucket(), prefix)) {
            int index = Keys.indexOf(info.location().key());
            if (index >= 0 && index < n) {
                found.set(index);
            }
        }
        return found;
    }

    private record Read<P>(ChunkResult result, P partial) {
    }

    private record Combined<P>(CombinedMetadata.Group group, P partial) {
    }

    private <P> Read<P> read(Job<P> job, String jobId, int index) {
        ObjectLocation location = new ObjectLocation(settings.workBucket(), Keys.partial(jobId, index));
        BlobStore.Blob blob = blobs.get(location).orElseThrow(() -> new MissingPartialsException(List.of(index),
                "the partial of chunk " + index + " of job " + jobId + " disappeared while reducing"));
        P partial;
        try {
            partial = job.decode(blob.body());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the partial of chunk " + index + " of job " + jobId
                    + " cannot be decoded: " + e.getMessage(), e);
        }
        return new Read<>(PartialMetadata.read(index, location, blob.metadata()), partial);
    }

    private <P> Combined<P> readCombined(Job<P> job, String jobId, int group) {
        ObjectLocation location = new ObjectLocation(settings.workBucket(), Keys.combined(jobId, group));
        BlobStore.Blob blob = blobs.get(location).orElseThrow(() -> new MissingPartialsException(List.of(),
                "the combined partial of group " + group + " of job " + jobId + " disappeared while reducing"));
        try {
            return new Combined<>(CombinedMetadata.read(blob.metadata()), job.decode(blob.body()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the combined partial of group " + group + " of job " + jobId
                    + " cannot be read: " + e.getMessage(), e);
        }
    }

    private ObjectLocation writeSummary(JobSummary summary) {
        ObjectLocation location = new ObjectLocation(settings.resultsBucket(), Keys.summary(summary.jobId()));
        blobs.put(location, Json.writeBytes(summary), "application/json", Map.of());
        return location;
    }

    public FailureReport reportFailure(String jobId, String error, String cause) {
        Objects.requireNonNull(jobId, "jobId");
        String errorName = error == null || error.isBlank() ? "UnknownError" : error;
        FailureReports.Found found = new FailureReports(blobs, settings.workBucket()).find(jobId);
        BitSet present = new BitSet();
        blobs.list(settings.workBucket(), Keys.partialsPrefix(jobId)).stream()
                .mapToInt(o -> Keys.indexOf(o.location().key())).filter(i -> i >= 0).forEach(present::set);
        Map<Integer, FailedChunk> failed = new ChunkFailures(blobs, settings.workBucket()).find(jobId, null, present,
                SUMMARY_FAILED_CHUNKS);
        String precise = FailureReports.preciseCause(cause, found, failed.values());
        JobSummary summary = new JobSummary(jobId, found.jobType(), JobStatus.FAILED, false,
                new JobSummary.Chunks(found.total(), present.cardinality(), failed.size(), 0), null, null, null,
                new JobSummary.WallTime(null, null, null), null, ChunkFailures.first(failed, SUMMARY_FAILED_CHUNKS),
                null, errorName, precise);
        writeSummary(summary);
        return new FailureReport(errorName, precise);
    }
}

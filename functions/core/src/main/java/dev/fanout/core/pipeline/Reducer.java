package dev.fanout.core.pipeline;

import dev.fanout.core.job.JobRegistry;
import dev.fanout.core.model.SplitPlan;
import dev.fanout.core.port.BlobStore;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.ExecutorService;

/** The reducer's logic: combine the partials into the result, or report the job's failure. */
public final class Reducer {
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
        throw new UnsupportedOperationException("Reducer.reduce is not implemented yet");
    }

    public FailureReport reportFailure(String jobId, String error, String cause) {
        throw new UnsupportedOperationException("Reducer.reportFailure is not implemented yet");
    }
}

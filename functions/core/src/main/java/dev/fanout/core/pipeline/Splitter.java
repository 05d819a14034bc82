package dev.fanout.core.pipeline;

import dev.fanout.core.job.JobRegistry;
import dev.fanout.core.model.JobRequest;
import dev.fanout.core.model.SplitPlan;
import dev.fanout.core.port.BlobStore;
import java.time.Clock;
import java.util.Objects;

/** The splitter's logic: HEAD the input, plan chunks, write the manifest, return the plan. */
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

    public SplitPlan split(JobRequest request) {
        throw new UnsupportedOperationException("Splitter.split is not implemented yet");
    }
}

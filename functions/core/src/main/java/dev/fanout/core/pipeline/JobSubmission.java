package dev.fanout.core.pipeline;

import dev.fanout.core.job.JobRegistry;
import dev.fanout.core.model.ObjectLocation;
import dev.fanout.core.port.BlobStore;
import dev.fanout.core.port.Executions;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/** Starting jobs (API and S3 trigger) and reading their status. */
public final class JobSubmission {
    private final BlobStore blobs;
    private final Executions executions;
    private final JobRegistry jobs;
    private final PipelineSettings settings;
    private final Supplier<String> idSupplier;

    public JobSubmission(BlobStore blobs, Executions executions, JobRegistry jobs, PipelineSettings settings,
                         Supplier<String> idSupplier) {
        this.blobs = Objects.requireNonNull(blobs, "blobs");
        this.executions = Objects.requireNonNull(executions, "executions");
        this.jobs = Objects.requireNonNull(jobs, "jobs");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.idSupplier = Objects.requireNonNull(idSupplier, "idSupplier");
    }

    public Submitted submit(String requestJson) {
        throw new UnsupportedOperationException("JobSubmission.submit is not implemented yet");
    }

    public Optional<Submitted> submitUpload(ObjectLocation uploaded, String etag) {
        throw new UnsupportedOperationException("JobSubmission.submitUpload is not implemented yet");
    }

    public Optional<JobView> status(String jobId) {
        throw new UnsupportedOperationException("JobSubmission.status is not implemented yet");
    }
}

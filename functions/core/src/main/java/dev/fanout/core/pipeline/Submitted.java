package dev.fanout.core.pipeline;

import dev.fanout.core.model.JobStatus;
import java.util.Objects;

/**
 * A submission's outcome.
 *
 * @param duplicate true when a job of that id existed already (same clientToken or the same upload), so no
 *                  second job was started
 */
public record Submitted(String jobId, JobStatus status, boolean duplicate) {
    public Submitted {
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(status, "status");
    }
}

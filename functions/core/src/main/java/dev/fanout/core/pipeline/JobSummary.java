package dev.fanout.core.pipeline;

import dev.fanout.core.cost.CostModel;
import dev.fanout.core.model.JobStatus;
import java.util.List;
import java.util.Objects;

/**
 * {@code results/<jobId>/summary.json}: what a job did and roughly what it cost. Written by the reducer
 * after the result (SUCCEEDED) or by the failure report (FAILED; then the counts that need every partial are
 * null).
 *
 * @param partial      true when the job succeeded without some chunks (failed within the tolerance)
 * @param failedChunks chunks that failed (tolerated ones for a successful job), each with its error and cause, at
 *                     most the first 1,000 in chunk order
 * @param resultUri    null when the job failed
 */
public record JobSummary(String jobId, String jobType, JobStatus status, boolean partial, Chunks chunks,
                         Long records, Long skippedRecords, Long bytes, WallTime wallTimeMillis,
                         CostModel.Estimate estimatedCost, List<FailedChunk> failedChunks, String resultUri,
                         String error, String cause) {
    public JobSummary {
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(status, "status");
        failedChunks = failedChunks == null ? List.of() : List.copyOf(failedChunks);
    }

    /**
     * @param total     planned chunks, -1 if unknown (a job that failed before or while splitting)
     * @param retried   chunks whose partial was written on a later delivery than the first
     */
    public record Chunks(int total, int succeeded, int failed, int retried) {
    }

    /** Wall time per phase in milliseconds; null where unknown. */
    public record WallTime(Long split, Long map, Long reduce) {
    }
}

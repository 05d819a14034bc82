package dev.fanout.core.pipeline;

import dev.fanout.core.model.JobStatus;
import java.time.Instant;
import java.util.Objects;

/**
 * A job as {@code GET /jobs/{jobId}} shows it.
 *
 * @param jobType         null when not yet known (it is read from the summary once the job has ended)
 * @param chunksTotal     -1 while unknown (before the Map run starts)
 * @param chunksSucceeded -1 while unknown
 * @param chunksFailed    -1 while unknown
 * @param stoppedAt       null while running
 * @param resultUri       s3 URI of the result once the job succeeded, else null
 * @param summaryUri      s3 URI of summary.json once the job has ended and it was written, else null
 * @param error           error name when the job failed, else null
 * @param cause           error cause when the job failed, else null
 * @param partial         once the job has ended with a summary: whether it succeeded without some chunks (failed
 *                        within the tolerance; {@code summary.json} lists them); null before
 */
public record JobView(String jobId, JobStatus status, String jobType, long chunksTotal, long chunksSucceeded,
                      long chunksFailed, Instant startedAt, Instant stoppedAt, String resultUri,
                      String summaryUri, String error, String cause, Boolean partial) {
    public JobView {
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(status, "status");
    }
}

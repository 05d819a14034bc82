package dev.fanout.local.dashboard;

import dev.fanout.core.model.JobStatus;
import java.util.List;
import java.util.Objects;

/**
 * What the dashboard's JSON API answers, one record per answer. Times are epoch milliseconds; chunk counts are -1
 * while unknown (before the job's Map Run starts), as in {@code GET /jobs/{jobId}}. Nothing here holds record
 * contents: errors and causes are the ones the failure records and the summary show.
 */
final class DashboardViews {
    private DashboardViews() {
    }

    /**
     * A job in the list.
     *
     * @param input        the input object's {@code s3://} URI (inline items are stored in the input bucket too)
     * @param stoppedAt    null while running
     * @param chunksFailed failed, timed out or aborted chunks
     * @param redrivable   whether RedriveExecution would restart the job now
     */
    record JobRow(String jobId, JobStatus status, String jobType, String input, long startedAt, Long stoppedAt,
                  long durationMillis, long chunksTotal, long chunksSucceeded, long chunksFailed, long chunksRunning,
                  boolean redrivable) {
        JobRow {
            Objects.requireNonNull(jobId, "jobId");
            Objects.requireNonNull(status, "status");
        }
    }

    /** The newest jobs, at most the limit asked for, and how many there are in all. */
    record JobList(List<JobRow> jobs, int total) {
        JobList {
            jobs = List.copyOf(jobs);
        }
    }

    /**
     * One job in detail.
     *
     * @param chunks     one character per chunk ({@link ChunkGrid.State#code()}), empty before the Map Run starts
     * @param throughput chunks finished over time, null before the Map Run starts
     * @param resultUri  the result's {@code s3://} URI once the job succeeded, else null
     * @param summaryUri the summary's {@code s3://} URI once it was written, else null
     */
    record JobDetail(JobRow job, String error, String cause, int redriveCount, String chunks, Throughput throughput,
                     String resultUri, String summaryUri) {
        JobDetail {
            Objects.requireNonNull(job, "job");
            Objects.requireNonNull(chunks, "chunks");
        }
    }

    /** A chunk that did not succeed, with the error name and cause its child execution ended with. */
    record FailedChunk(int index, ChunkGrid.State state, String error, String cause, Long stoppedAt) {
    }

    /** Failed chunks in chunk order, from {@code offset}, and how many there are in all. */
    record FailurePage(int total, int offset, List<FailedChunk> failures) {
        FailurePage {
            failures = List.copyOf(failures);
        }
    }

    /**
     * A message of the dead-letter queue, by what names it — never its task token or record contents.
     *
     * @param sentAt     its SentTimestamp, or null: for a message SQS moved there, when it was sent to the work queue
     *                   ("when a message is moved to a dead-letter queue, the enqueue timestamp is unchanged",
     *                   setting-up-dead-letter-queue-retention.html); for one sent there, when it was sent
     * @param jobId      null when the body is not a work message
     * @param chunkIndex -1 when the body is not a work message
     * @param input      the chunk's input object and byte range, e.g. {@code s3://b/k bytes 0-65536}
     * @param error      the error the pipeline attached to the message, where it did, else null
     */
    record DeadLetter(String messageId, Long sentAt, String jobId, int chunkIndex, int chunkTotal, String input,
                      String error) {
    }

    /**
     * A look at the dead-letter queue.
     *
     * @param approximateCount the queue's ApproximateNumberOfMessages (+ NotVisible)
     * @param messages         up to {@link DeadLetters#PEEK_LIMIT} of them
     */
    record DeadLetterPage(String queueName, long approximateCount, List<DeadLetter> messages) {
        DeadLetterPage {
            messages = List.copyOf(messages);
        }
    }
}

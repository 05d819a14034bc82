package dev.fanout.core.port;

import dev.fanout.core.model.JobStatus;
import java.time.Instant;
import java.util.Optional;

/** The pipeline state machine's executions, named by job id. Adapter: {@code SfnExecutions}. */
public interface Executions {

    /**
     * StartExecution with name = job id. Returns {@link StartOutcome#STARTED} also when Step Functions treated
     * it as an idempotent repeat (same name and input, still running); {@link StartOutcome#ALREADY_EXISTS} when
     * an execution of that name exists already (finished, or with different input).
     */
    StartOutcome start(String jobId, String inputJson);

    /** DescribeExecution (+ Map Run progress when available); empty if no such execution. */
    Optional<ExecutionView> describe(String jobId);

    /**
     * RedriveExecution: a failed, timed-out or aborted job goes on from the state where it stopped (a failed Map Run
     * reruns only its failed children).
     */
    RedriveOutcome redrive(String jobId);

    enum StartOutcome { STARTED, ALREADY_EXISTS }

    /**
     * @param status what happened
     * @param reason Step Functions' reason when the execution cannot be redriven (its redriveStatusReason), else null
     */
    record RedriveOutcome(RedriveStatus status, String reason) {
        public RedriveOutcome {
            java.util.Objects.requireNonNull(status, "status");
        }
    }

    enum RedriveStatus {
        /** The execution is running again. */
        REDRIVEN,
        /** No execution of that name. */
        NOT_FOUND,
        /** It exists but cannot be redriven (running, succeeded, or past the redrivable period). */
        NOT_REDRIVABLE
    }

    /**
     * @param chunksTotal/chunksSucceeded/chunksFailed from the Map Run's item counts, -1 while unknown
     * @param outputJson the execution output when SUCCEEDED (null otherwise)
     */
    record ExecutionView(String jobId, JobStatus status, Instant startedAt, Instant stoppedAt, String error,
                         String cause, long chunksTotal, long chunksSucceeded, long chunksFailed,
                         String outputJson) {
    }
}

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

    enum StartOutcome { STARTED, ALREADY_EXISTS }

    /**
     * @param chunksTotal/chunksSucceeded/chunksFailed from the Map Run's item counts, -1 while unknown
     * @param outputJson the execution output when SUCCEEDED (null otherwise)
     */
    record ExecutionView(String jobId, JobStatus status, Instant startedAt, Instant stoppedAt, String error,
                         String cause, long chunksTotal, long chunksSucceeded, long chunksFailed,
                         String outputJson) {
    }
}

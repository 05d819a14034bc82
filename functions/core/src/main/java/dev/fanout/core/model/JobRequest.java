package dev.fanout.core.model;

import java.util.Map;
import java.util.Objects;

/**
 * A validated, normalized job: the state machine's execution input. Built by the API and the S3 trigger
 * (inline items are first written to the input bucket, so every job reads an S3 object). Holds no
 * timestamps, so that a repeated submission yields the identical input (StartExecution is idempotent only on
 * the same name and input).
 *
 * @param chunkSizeBytes chunk size for text inputs (null = default)
 * @param chunkSizeItems chunk size for JSON array inputs (null = default)
 * @param maxConcurrency requested Map concurrency (null = the deployment's cap); never above the cap
 * @param toleratedFailurePercentage 0..100, default 0
 */
public record JobRequest(String jobId, String jobType, ObjectLocation input, Long chunkSizeBytes,
                         Integer chunkSizeItems, Integer maxConcurrency, double toleratedFailurePercentage,
                         Map<String, String> options) {
    public JobRequest {
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(jobType, "jobType");
        Objects.requireNonNull(input, "input");
        options = options == null ? Map.of() : Map.copyOf(options);
    }
}

package dev.fanout.core.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;
import java.util.Objects;

/**
 * A validated, normalized job: the state machine's execution input. Built by the API and the S3 trigger
 * (inline items are first written to the input bucket, so every job reads S3 objects). Holds no
 * timestamps, so that a repeated submission yields the identical input (StartExecution is idempotent only on
 * the same name and input).
 *
 * @param input          the input object, or null when the input is every object under {@code inputPrefix}
 * @param chunkSizeBytes chunk size for text inputs (null = default)
 * @param chunkSizeItems chunk size for JSON array inputs (null = default)
 * @param maxConcurrency requested Map concurrency (null = the deployment's cap); never above the cap
 * @param toleratedFailurePercentage 0..100, default 0
 * @param inputPrefix    the objects to read (an {@code s3Prefix} input), or null for one object
 */
public record JobRequest(String jobId, String jobType, ObjectLocation input, Long chunkSizeBytes,
                         Integer chunkSizeItems, Integer maxConcurrency, double toleratedFailurePercentage,
                         Map<String, String> options, @JsonInclude(JsonInclude.Include.NON_NULL) ObjectPrefix inputPrefix) {
    public JobRequest {
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(jobType, "jobType");
        if ((input == null) == (inputPrefix == null)) {
            throw new IllegalArgumentException("a job reads one object or one prefix: give exactly one");
        }
        options = options == null ? Map.of() : Map.copyOf(options);
    }

    /** A job over one object. */
    public JobRequest(String jobId, String jobType, ObjectLocation input, Long chunkSizeBytes,
                      Integer chunkSizeItems, Integer maxConcurrency, double toleratedFailurePercentage,
                      Map<String, String> options) {
        this(jobId, jobType, Objects.requireNonNull(input, "input"), chunkSizeBytes, chunkSizeItems, maxConcurrency,
                toleratedFailurePercentage, options, null);
    }

    /** The input for messages: the object's or the prefix's URI. */
    public String inputUri() {
        return input != null ? input.toUri() : inputPrefix.toUri();
    }
}

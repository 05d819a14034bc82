package dev.fanout.core.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;

/**
 * What the splitter returns to the state machine: small, fixed-size fields only (never the chunk list),
 * so the state payload does not grow with the number of chunks.
 *
 * @param input the input object, or null for a job over a prefix
 * @param manifest where the chunk manifest (JSON array of {@link Chunk}) was written
 * @param maxConcurrency the Map's MaxConcurrency: min(request, deployment cap)
 * @param heartbeatSeconds HeartbeatSeconds of the wait-for-task-token state
 * @param splitStartedAt epoch millis, for the summary's per-phase wall time
 * @param splitEndedAt epoch millis
 * @param inputPrefix the input prefix, or null for a job over one object
 * @param combine the combine level before the final reduce, or null (absent from the JSON) when the job has none
 */
public record SplitPlan(String jobId, String jobType, ObjectLocation input, ObjectLocation manifest, int chunks,
                        long bytes, int maxConcurrency, double toleratedFailurePercentage, int heartbeatSeconds,
                        long splitStartedAt, long splitEndedAt,
                        @JsonInclude(JsonInclude.Include.NON_NULL) ObjectPrefix inputPrefix,
                        @JsonInclude(JsonInclude.Include.NON_NULL) CombinePlan combine) {
    public SplitPlan {
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(manifest, "manifest");
        if (chunks < 0 || maxConcurrency < 1 || heartbeatSeconds < 1) {
            throw new IllegalArgumentException("bad plan numbers");
        }
        if (combine != null && (long) combine.groups() * combine.groupSize() < chunks) {
            throw new IllegalArgumentException("the combine groups do not cover the " + chunks + " chunks");
        }
    }

    /** A plan without a combine level. */
    public SplitPlan(String jobId, String jobType, ObjectLocation input, ObjectLocation manifest, int chunks,
                     long bytes, int maxConcurrency, double toleratedFailurePercentage, int heartbeatSeconds,
                     long splitStartedAt, long splitEndedAt, ObjectPrefix inputPrefix) {
        this(jobId, jobType, input, manifest, chunks, bytes, maxConcurrency, toleratedFailurePercentage,
                heartbeatSeconds, splitStartedAt, splitEndedAt, inputPrefix, null);
    }

    /** The plan of a job over one object. */
    public SplitPlan(String jobId, String jobType, ObjectLocation input, ObjectLocation manifest, int chunks,
                     long bytes, int maxConcurrency, double toleratedFailurePercentage, int heartbeatSeconds,
                     long splitStartedAt, long splitEndedAt) {
        this(jobId, jobType, input, manifest, chunks, bytes, maxConcurrency, toleratedFailurePercentage,
                heartbeatSeconds, splitStartedAt, splitEndedAt, null, null);
    }
}

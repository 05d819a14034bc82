package dev.fanout.local.junit;

import java.util.Objects;

/**
 * A job that succeeded on the local pipeline.
 *
 * @param jobId   the job's id (the execution's name)
 * @param chunks  the chunks the job was split into
 * @param result  {@code results/<jobId>/result.*} as text (JSON for the job types that write JSON)
 * @param summary {@code results/<jobId>/summary.json}
 */
public record JobResult(String jobId, long chunks, String result, String summary) {
    public JobResult {
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(result, "result");
    }
}

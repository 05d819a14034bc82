package dev.fanout.local.runtime;

import java.net.URI;
import java.util.Objects;

/** Where a {@link LocalRuntime}'s services listen (all on 127.0.0.1). */
public record Endpoints(URI jobsApi, URI s3, URI sqs, URI stepFunctions) {
    public Endpoints {
        Objects.requireNonNull(jobsApi, "jobsApi");
        Objects.requireNonNull(s3, "s3");
        Objects.requireNonNull(sqs, "sqs");
        Objects.requireNonNull(stepFunctions, "stepFunctions");
    }
}

package dev.fanout.deployment;

import dev.fanout.core.config.EnvVar;

/** The three data buckets and the variable that tells the functions each one's name. */
public enum DataBucket {
    /** Uploads ({@code incoming/<jobType>/...}), request inputs and inline inputs. */
    INPUT(EnvVar.INPUT_BUCKET, "input"),
    /** Manifests, partials, failure records and Map results under {@code jobs/}; expires. */
    WORK(EnvVar.WORK_BUCKET, "work"),
    /** Results and summaries under {@code results/}. */
    RESULTS(EnvVar.RESULTS_BUCKET, "results");

    private final EnvVar variable;
    private final String suffix;

    DataBucket(EnvVar variable, String suffix) {
        this.variable = variable;
        this.suffix = suffix;
    }

    /** The environment variable holding this bucket's name. */
    public EnvVar variable() {
        return variable;
    }

    /** Suffix of the bucket's name where a deployment names it itself ({@link ResourceNames}). */
    public String suffix() {
        return suffix;
    }
}

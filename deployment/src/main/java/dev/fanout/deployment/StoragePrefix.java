package dev.fanout.deployment;

import dev.fanout.core.pipeline.Keys;

/**
 * The key prefixes the functions write under, by bucket: the stack's grants, lifecycle rules and upload trigger
 * name these, and the functions build their keys from the same constants ({@link Keys}).
 *
 * <pre>{@code
 * StoragePrefix.WORK_DATA.pattern();   // "jobs/*": grant on this, expire this
 * }</pre>
 */
public enum StoragePrefix {
    /** Everything a job keeps in the work bucket: manifest, partials, failure records, Map results. */
    WORK_DATA(DataBucket.WORK, Keys.JOBS_PREFIX, true),
    /** A request's inline items, copied to the input bucket before the job starts. */
    INLINE_INPUTS(DataBucket.INPUT, Keys.INLINE_PREFIX, true),
    /** Uploads under {@code incoming/<jobType>/<name>} start a job. */
    UPLOADS(DataBucket.INPUT, Keys.INCOMING_PREFIX, false),
    /** Results and summaries. */
    RESULTS(DataBucket.RESULTS, Keys.RESULTS_PREFIX, false),
    /**
     * The parts map-only jobs' workers commit, {@code results/<jobId>/part-<index>.<ext>} ({@link Keys#part}): the
     * worker may write these keys of the results bucket and no other.
     */
    OUTPUT_PARTS(DataBucket.RESULTS, Keys.RESULTS_PREFIX, false, "*/part-*"),
    /**
     * The combined partials of jobs with a combine level, {@code jobs/<jobId>/combined/<group>} ({@link Keys#combined}):
     * the reducer's combine tasks may write these keys of the work bucket and no other. They expire with the rest of
     * {@link #WORK_DATA}.
     */
    COMBINED_PARTIALS(DataBucket.WORK, Keys.JOBS_PREFIX, false, "*/combined/*");

    private final DataBucket bucket;
    private final String prefix;
    private final boolean expires;
    private final String keys;

    StoragePrefix(DataBucket bucket, String prefix, boolean expires) {
        this(bucket, prefix, expires, "*");
    }

    StoragePrefix(DataBucket bucket, String prefix, boolean expires, String keys) {
        this.bucket = bucket;
        this.prefix = prefix;
        this.expires = expires;
        this.keys = keys;
    }

    public DataBucket bucket() {
        return bucket;
    }

    /** The prefix, ending in {@code /}. */
    public String prefix() {
        return prefix;
    }

    /** Whether objects under it expire after {@link DeploymentSettings#workDataExpirationDays()}. */
    public boolean expires() {
        return expires;
    }

    /**
     * The keys, as IAM resource patterns and grants write them: every key under the prefix ({@code jobs/*}), or for
     * {@link #OUTPUT_PARTS} only the parts ({@code results/*}{@code /part-*}) and for {@link #COMBINED_PARTIALS} only
     * the combined partials ({@code jobs/*}{@code /combined/*}).
     */
    public String pattern() {
        return prefix + keys;
    }
}

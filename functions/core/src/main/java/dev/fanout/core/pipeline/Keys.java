package dev.fanout.core.pipeline;

/**
 * Every S3 key the pipeline uses, in one place. Partial and failure keys are deterministic, so a redelivered
 * message overwrites instead of duplicating.
 */
public final class Keys {
    /** Uploads under {@code incoming/<jobType>/<name>} in the input bucket start a job. */
    public static final String INCOMING_PREFIX = "incoming/";
    /** Work bucket: everything a job keeps there (manifest, partials, failure records, Map results). */
    public static final String JOBS_PREFIX = "jobs/";
    /** Input bucket: the inline items of requests. */
    public static final String INLINE_PREFIX = "inline/";
    /** Results bucket: results and summaries. */
    public static final String RESULTS_PREFIX = "results/";

    private Keys() {
    }

    /** {@code jobs/{jobId}/} in the work bucket: everything one job keeps there. */
    public static String jobPrefix(String jobId) {
        return JOBS_PREFIX + jobId + "/";
    }

    /** Work bucket: the chunk manifest, a JSON array of Chunk. */
    public static String manifest(String jobId) {
        return jobPrefix(jobId) + "manifest.json";
    }

    /**
     * Work bucket: the objects of the job's grouped chunks, one JSON line per object (see {@link
     * dev.fanout.core.model.ObjectGroup}); each such chunk names its range of lines.
     */
    public static String segments(String jobId) {
        return jobPrefix(jobId) + "segments.jsonl";
    }

    /** Work bucket: prefix of the partial results. */
    public static String partialsPrefix(String jobId) {
        return jobPrefix(jobId) + "partials/";
    }

    /** Work bucket: the partial of chunk {@code index}, zero-padded to 6 digits so keys list in chunk order. */
    public static String partial(String jobId, int index) {
        return partialsPrefix(jobId) + pad(index);
    }

    /** Work bucket: prefix of the combined partials (one per group of a job with a combine level). */
    public static String combinedPrefix(String jobId) {
        return jobPrefix(jobId) + "combined/";
    }

    /** Work bucket: the combined partial of group {@code group}, in the job's partial format. */
    public static String combined(String jobId, int group) {
        return combinedPrefix(jobId) + pad(group);
    }

    /** Work bucket: prefix of the failure records. */
    public static String failuresPrefix(String jobId) {
        return jobPrefix(jobId) + "failures/";
    }

    /** Work bucket: the failure record of chunk {@code index}, JSON {index,error,cause,byteOffset?}. */
    public static String failure(String jobId, int index) {
        return failuresPrefix(jobId) + pad(index);
    }

    /** Input bucket: a request's inline items, written before the job starts. */
    public static String inlineInput(String jobId) {
        return INLINE_PREFIX + jobId + ".json";
    }

    /** Results bucket: the job's result file. */
    public static String result(String jobId, String fileName) {
        return RESULTS_PREFIX + jobId + "/" + fileName;
    }

    /** Results bucket: prefix of a map-only job's parts. */
    public static String partsPrefix(String jobId) {
        return RESULTS_PREFIX + jobId + "/part-";
    }

    /** Results bucket: the part of chunk {@code index} of a map-only job, {@code part-000042.jsonl}, in chunk order. */
    public static String part(String jobId, int index, String extension) {
        return partsPrefix(jobId) + pad(index) + "." + extension;
    }

    /** Results bucket: the job's summary. */
    public static String summary(String jobId) {
        return RESULTS_PREFIX + jobId + "/summary.json";
    }

    /** The chunk index of a partial or failure key, or -1 if the key is not one. */
    public static int indexOf(String key) {
        int slash = key.lastIndexOf('/');
        String last = key.substring(slash + 1);
        if (last.isEmpty() || !last.chars().allMatch(Character::isDigit) || last.length() > 9) {
            return -1;
        }
        return Integer.parseInt(last);
    }

    private static String pad(int index) {
        if (index < 0) {
            throw new IllegalArgumentException("chunk index < 0");
        }
        return String.format("%06d", index);
    }
}

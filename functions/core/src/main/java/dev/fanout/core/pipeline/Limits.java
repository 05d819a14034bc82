package dev.fanout.core.pipeline;

/**
 * Bounds on what a request may ask for. They keep every Step Functions payload small and every chunk
 * within what one worker invocation can finish.
 *
 * @param maxInlineItems    most elements of {@code input.items} in one request
 * @param maxRequestBytes   largest accepted request body (UTF-8 bytes)
 * @param minChunkSizeBytes smallest text chunk a request may ask for
 * @param maxChunkSizeBytes largest text chunk a request may ask for
 * @param maxChunkSizeItems largest JSON array chunk a request may ask for
 * @param maxChunks         most chunks of one job (the manifest and the Map run stay bounded)
 * @param maxObjectsPerChunk most small objects one chunk of an {@code s3Prefix} input groups: each is one GET for
 *                          the worker, so this bounds a chunk's request count and time however small the objects
 */
public record Limits(int maxInlineItems, int maxRequestBytes, long minChunkSizeBytes, long maxChunkSizeBytes,
                     int maxChunkSizeItems, int maxChunks, int maxObjectsPerChunk) {

    /** Default of {@link #maxObjectsPerChunk}. */
    public static final int DEFAULT_MAX_OBJECTS_PER_CHUNK = 1_000;

    /**
     * Largest {@code options} of a request, as JSON: the options travel in every chunk descriptor, which must stay
     * well under the 256 KiB of a Distributed Map item and an SQS message (with a header line of up to 64 KiB).
     */
    public static final int MAX_OPTIONS_BYTES = 16 << 10;

    public Limits {
        if (maxInlineItems < 1 || maxRequestBytes < 1 || minChunkSizeBytes < 1
                || maxChunkSizeBytes < minChunkSizeBytes || maxChunkSizeItems < 1 || maxChunks < 1
                || maxObjectsPerChunk < 1) {
            throw new IllegalArgumentException("inconsistent limits: " + maxInlineItems + ", " + maxRequestBytes
                    + ", " + minChunkSizeBytes + ".." + maxChunkSizeBytes + ", " + maxChunkSizeItems + ", "
                    + maxChunks + ", " + maxObjectsPerChunk);
        }
    }

    public Limits(int maxInlineItems, int maxRequestBytes, long minChunkSizeBytes, long maxChunkSizeBytes,
                  int maxChunkSizeItems, int maxChunks) {
        this(maxInlineItems, maxRequestBytes, minChunkSizeBytes, maxChunkSizeBytes, maxChunkSizeItems, maxChunks,
                DEFAULT_MAX_OBJECTS_PER_CHUNK);
    }

    /**
     * 10,000 inline items in at most 1 MiB of request (API Gateway accepts 10 MB, but inline input is for
     * small jobs); text chunks of 1 KiB to 1 GiB; up to 1,000,000 items per JSON chunk; up to 100,000
     * chunks per job (a manifest of roughly 50 MB, well inside the ItemReader's limits); up to 1,000 small objects
     * per chunk.
     */
    public static Limits defaults() {
        return new Limits(10_000, 1 << 20, 1024, 1L << 30, 1_000_000, 100_000, DEFAULT_MAX_OBJECTS_PER_CHUNK);
    }
}

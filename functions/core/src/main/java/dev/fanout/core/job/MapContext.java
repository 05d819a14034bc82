package dev.fanout.core.job;

import java.util.Map;
import java.util.Optional;

/**
 * What {@link Job#map} may know about the chunk it processes. The pipeline gives one to every call of {@code map}; to
 * test a job, implement it in a few lines:
 *
 * <pre>{@code
 * MapContext context = new MapContext() {
 *     public int chunkIndex() { return 0; }
 *     public Map<String, String> options() { return Map.of("group-by", "region"); }
 *     public Optional<String> header() { return Optional.of("region,amount"); }
 *     public void recordSkipped(long offset, String reason) { }
 * };
 * }</pre>
 */
public interface MapContext {
    /**
     * The chunk's index: 0 for the first chunk of the input, in input order.
     *
     * @return the index, at least 0
     */
    int chunkIndex();

    /**
     * The job the chunk belongs to.
     *
     * @return the job id; empty where a caller does not say, e.g. a unit test's context
     */
    default String jobId() {
        return "";
    }

    /**
     * The request's options, as {@link Job#validateOptions} returned them.
     *
     * @return the options, unmodifiable
     */
    Map<String, String> options();

    /**
     * The input's header line, for {@link InputFormat#TEXT_LINES_WITH_HEADER}: every chunk receives it, and no chunk
     * sees it as a record.
     *
     * @return the header without its terminator; empty for the other formats
     */
    Optional<String> header();

    /**
     * Counts a record the job skipped on purpose (e.g. a bad CSV row with {@code on-bad-row=skip}): the job's
     * summary counts it in {@code skippedRecords}.
     *
     * @param offset the record's byte offset in its object
     * @param reason why, in a few words; never the record's contents
     */
    void recordSkipped(long offset, String reason);
}

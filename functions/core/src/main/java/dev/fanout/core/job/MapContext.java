package dev.fanout.core.job;

import java.util.Map;
import java.util.Optional;

/** What {@link Job#map} may know about the chunk it processes. */
public interface MapContext {
    int chunkIndex();

    /** The job the chunk belongs to (empty where a caller does not say, e.g. a unit test's context). */
    default String jobId() {
        return "";
    }

    /** The request's validated options. */
    Map<String, String> options();

    /** The header line, for {@link InputFormat#TEXT_LINES_WITH_HEADER}. */
    Optional<String> header();

    /** Counts a record the job skipped on purpose (e.g. a bad CSV row with on-bad-row=skip). */
    void recordSkipped(long offset, String reason);
}

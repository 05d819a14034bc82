package dev.fanout.core.job;

/**
 * How a job's input is cut into records. Every format but {@link #JSON_ARRAY} may come from many objects (an
 * {@code s3Prefix}) and from gzip-compressed objects (key ending in {@code .gz}, or stored with
 * {@code Content-Encoding: gzip}), which are decompressed as a stream; record offsets are then offsets in the
 * decompressed object.
 *
 * <pre>{@code
 * public InputFormat inputFormat() { return InputFormat.TEXT_LINES_WITH_HEADER; }   // a CSV job: header, then rows
 * }</pre>
 */
public enum InputFormat {
    /** Lines of UTF-8 text (LF or CRLF); a chunk owns the lines that start inside its byte range. */
    TEXT_LINES,
    /** Like TEXT_LINES, but the first line is a header that every chunk receives and no chunk processes. */
    TEXT_LINES_WITH_HEADER,
    /** One JSON array; records are its elements, in order. Read from one object ({@code s3Uri}), never compressed. */
    JSON_ARRAY,
    /**
     * JSON Lines: one JSON value per line (UTF-8), split by byte range like text. Blank lines are not records. The
     * reader checks that every line is one well-formed JSON value before the job sees it; a malformed line fails the
     * chunk with its byte offset, or — when the job's options hold {@code on-bad-record=skip} — is skipped and
     * counted in the summary's {@code skippedRecords}.
     */
    JSON_LINES;

    /** The job option that makes a {@link #JSON_LINES} reader skip malformed lines instead of failing. */
    public static final String ON_BAD_RECORD = "on-bad-record";
}

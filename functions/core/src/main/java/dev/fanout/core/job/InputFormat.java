package dev.fanout.core.job;

/** How a job's input object is cut into records. */
public enum InputFormat {
    /** Lines of UTF-8 text (LF or CRLF); a chunk owns the lines that start inside its byte range. */
    TEXT_LINES,
    /** Like TEXT_LINES, but the first line is a header that every chunk receives and no chunk processes. */
    TEXT_LINES_WITH_HEADER,
    /** One JSON array; records are its elements, in order. */
    JSON_ARRAY
}

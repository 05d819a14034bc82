package dev.fanout.core.job;

/**
 * One input record.
 *
 * @param offset byte offset of the record's first byte in the input object
 * @param text   the line without its terminator (TEXT formats), or the element's JSON text (JSON_ARRAY)
 */
public record Record(long offset, String text) {
}

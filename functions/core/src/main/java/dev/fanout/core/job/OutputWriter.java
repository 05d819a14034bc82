package dev.fanout.core.job;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.List;
import java.util.Objects;

/**
 * Where a {@link MapOnlyJob} writes its output records: one record per call, each a line of the chunk's own part
 * ({@code results/<jobId>/part-<index>.jsonl}); the writer ends every record with a line feed. Records are kept in
 * the order they are written. The part is streamed to storage as it grows (its size is not bounded by the
 * function's memory) and appears only whole, once the chunk has succeeded.
 *
 * <pre>{@code
 * output.write("{\"key\":\"a.txt\",\"offset\":0}");                 // text
 * output.write(jsonBytes, 0, jsonLength);                           // or bytes, without a copy
 * }</pre>
 */
public interface OutputWriter {

    /**
     * Writes one record: {@code length} bytes of UTF-8 (a JSON value, for a {@code .jsonl} part) with no line feed in
     * them; an {@link IllegalArgumentException} otherwise. The bytes are copied before the call returns.
     *
     * @param bytes  a buffer holding the record
     * @param offset index of the record's first byte in {@code bytes}
     * @param length number of bytes of the record
     * @throws IllegalArgumentException when the record holds a line feed
     */
    void write(byte[] bytes, int offset, int length);

    /**
     * Writes one record: all of {@code record}, as {@link #write(byte[], int, int)} does.
     *
     * @param record the record's UTF-8 bytes, without a line feed
     */
    default void write(byte[] record) {
        write(record, 0, record.length);
    }

    /**
     * Writes one record: {@code record} encoded as UTF-8, as {@link #write(byte[], int, int)} does.
     *
     * @param record the record, without a line feed
     */
    default void write(String record) {
        write(record.getBytes(UTF_8));
    }

    /**
     * Records written so far.
     *
     * @return their number
     */
    long records();

    /**
     * A writer that adds each record's text to {@code records}: for testing a job's {@code map}.
     *
     * @param records where the records go, in the order they are written
     * @return the writer; it refuses a record with a line feed, as the pipeline's does
     */
    static OutputWriter collecting(List<String> records) {
        Objects.requireNonNull(records, "records");
        return new OutputWriter() {
            @Override
            public void write(byte[] bytes, int offset, int length) {
                for (int i = offset; i < offset + length; i++) {
                    if (bytes[i] == '\n') {
                        throw new IllegalArgumentException("an output record must not contain a line feed");
                    }
                }
                records.add(new String(bytes, offset, length, UTF_8));
            }

            @Override
            public long records() {
                return records.size();
            }
        };
    }
}

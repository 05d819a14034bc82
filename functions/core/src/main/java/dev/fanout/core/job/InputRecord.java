package dev.fanout.core.job;

/**
 * One input record as text: what {@link Job#map(MapContext, java.util.Iterator)} receives. Jobs that need no
 * {@code String} per record read a {@link RecordCursor} instead ({@link Job#map(MapContext, RecordCursor)}).
 *
 * <pre>{@code
 * InputRecord line = new InputRecord(1024, "the first line of the chunk", "logs/2026-11-27.txt");
 * }</pre>
 *
 * @param offset byte offset of the record's first byte in its object (in the decompressed bytes of a gzip object)
 * @param text   the line without its terminator (text, CSV and JSON Lines formats), or the element's compact JSON
 *               text ({@link InputFormat#JSON_ARRAY})
 * @param key    the key of the object the record comes from; empty when not known
 */
public record InputRecord(long offset, String text, String key) {
    /**
     * A record.
     *
     * @throws NullPointerException when {@code text} is null; a null {@code key} becomes empty
     */
    public InputRecord {
        java.util.Objects.requireNonNull(text, "text");
        key = key == null ? "" : key;
    }

    /**
     * A record whose object is not known (tests, single-object callers).
     *
     * @param offset byte offset of the record's first byte in its object
     * @param text   the record's text
     */
    public InputRecord(long offset, String text) {
        this(offset, text, "");
    }
}

package dev.fanout.core.job;

/**
 * One input record as text: what {@link Job#map(MapContext, java.util.Iterator)} receives. Jobs that need no
 * {@code String} per record read a {@link RecordCursor} instead ({@link Job#map(MapContext, RecordCursor)}).
 *
 * <pre>{@code
 * InputRecord line = new InputRecord(1024, "the first line of the chunk");
 * }</pre>
 *
 * @param offset byte offset of the record's first byte in the input object
 * @param text   the line without its terminator (text and CSV formats), or the element's compact JSON text
 *               ({@link InputFormat#JSON_ARRAY})
 */
public record InputRecord(long offset, String text) {
    public InputRecord {
        java.util.Objects.requireNonNull(text, "text");
    }
}

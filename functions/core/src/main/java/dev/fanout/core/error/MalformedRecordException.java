package dev.fanout.core.error;

/**
 * A record cannot be parsed. The message names the chunk and the byte offset in the input object
 * (and the line where known), never the record's contents. The chunk fails for good (it is not retried) unless the
 * job skips such records on purpose ({@link dev.fanout.core.job.MapContext#recordSkipped}).
 *
 * <pre>{@code
 * throw new MalformedRecordException(records.offset(), "not a number in column 3 at byte " + records.offset());
 * }</pre>
 */
public final class MalformedRecordException extends PermanentException {
    /** The record's byte offset. */
    private final long byteOffset;

    /**
     * The exception.
     *
     * @param byteOffset the record's byte offset in its object
     * @param message    what is wrong, naming the offset; never the record's contents
     */
    public MalformedRecordException(long byteOffset, String message) {
        super(message);
        this.byteOffset = byteOffset;
    }

    /**
     * The bad record's byte offset in its object.
     *
     * @return the offset
     */
    public long byteOffset() {
        return byteOffset;
    }
}

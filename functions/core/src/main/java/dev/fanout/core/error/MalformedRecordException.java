package dev.fanout.core.error;

/**
 * A record cannot be parsed. The message names the chunk and the byte offset in the input object
 * (and the line where known), never the record's contents.
 */
public final class MalformedRecordException extends PermanentException {
    private final long byteOffset;

    public MalformedRecordException(long byteOffset, String message) {
        super(message);
        this.byteOffset = byteOffset;
    }

    public long byteOffset() {
        return byteOffset;
    }
}

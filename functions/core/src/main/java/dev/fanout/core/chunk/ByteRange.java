package dev.fanout.core.chunk;

/** A half-open byte range {@code [start, end)} of an object. */
public record ByteRange(long start, long end) {
    public ByteRange {
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("bad range [" + start + "," + end + ")");
        }
    }

    public long length() {
        return end - start;
    }
}

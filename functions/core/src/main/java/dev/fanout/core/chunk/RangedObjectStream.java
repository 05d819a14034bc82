package dev.fanout.core.chunk;

import dev.fanout.core.model.ObjectLocation;
import dev.fanout.core.port.BlobStore;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads an object from {@code from} on: first one ranged GET of {@code [from, firstEnd)}, then, only if the
 * reader wants more, further ranged GETs of {@code step} bytes (64 KiB by default) up to the object's end.
 * This lets a text chunk finish its last line without fetching the rest of the object. Every GET carries the
 * planned ETag (If-Match), so a changed object fails instead of mixing versions.
 */
public final class RangedObjectStream extends InputStream {
    /** Bytes fetched per GET after the first. */
    public static final int DEFAULT_STEP = 64 << 10;

    private final BlobStore blobs;
    private final ObjectLocation location;
    private final String etag;
    private final long objectSize;
    private final int step;
    private long next;     // offset of the next byte to fetch
    private long fetchEnd; // end of the current GET
    private InputStream current;
    private long bytesRead;
    private int requests;

    public RangedObjectStream(BlobStore blobs, ObjectLocation location, String etag, long from, long firstEnd,
                              long objectSize) {
        this(blobs, location, etag, from, firstEnd, objectSize, DEFAULT_STEP);
    }

    public RangedObjectStream(BlobStore blobs, ObjectLocation location, String etag, long from, long firstEnd,
                              long objectSize, int step) {
        if (from < 0 || firstEnd < from || objectSize < 0 || step < 1) {
            throw new IllegalArgumentException("bad range [" + from + "," + firstEnd + ") of " + objectSize);
        }
        this.blobs = blobs;
        this.location = location;
        this.etag = etag;
        this.objectSize = objectSize;
        this.step = step;
        this.next = from;
        this.fetchEnd = Math.min(firstEnd, objectSize);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (true) {
            if (current == null && !openNext()) {
                return -1;
            }
            int n = current.read(b, off, (int) Math.min(len, fetchEnd - next));
            if (n > 0) {
                next += n;
                bytesRead += n;
                return n;
            }
            if (n < 0 && next < fetchEnd) {
                throw new IOException("the object ended at byte " + next + ", before the requested " + fetchEnd);
            }
            closeCurrent();
        }
    }

    private boolean openNext() {
        if (next >= objectSize) {
            return false;
        }
        if (next >= fetchEnd) {
            fetchEnd = Math.min(objectSize, next + step);
        }
        current = blobs.openRange(location, next, fetchEnd, etag);
        requests++;
        return true;
    }

    private void closeCurrent() throws IOException {
        if (current != null) {
            InputStream closing = current;
            current = null;
            closing.close();
        }
    }

    /** Bytes delivered so far. */
    public long bytesRead() {
        return bytesRead;
    }

    /** Ranged GETs issued so far. */
    public int requests() {
        return requests;
    }

    @Override
    public void close() throws IOException {
        closeCurrent();
    }
}

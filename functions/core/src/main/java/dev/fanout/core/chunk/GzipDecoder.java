package dev.fanout.core.chunk;

import dev.fanout.core.error.MalformedRecordException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * The decompressed bytes of a gzip stream (RFC 1952), one member or several concatenated (as {@code cat a.gz b.gz}
 * and many log shippers write them), each checked against its CRC-32 and length. Corrupt data — a bad header, a
 * broken deflate stream, a wrong checksum, a truncated stream, bytes after the last member that are not another
 * member — throws an unchecked {@link MalformedRecordException} naming the object and the compressed byte offset
 * where it was found; a failure to read the compressed bytes stays an {@link IOException} (worth a retry).
 *
 * <p>Written on {@link Inflater} rather than {@link java.util.zip.GZIPInputStream}, which reports no offset and
 * treats trailing bytes that do not parse as a header as the end of the stream.
 *
 * <pre>{@code
 * try (InputStream text = new GzipDecoder(blobs.open(location, etag).body(), location.toUri())) { ... }
 * }</pre>
 */
public final class GzipDecoder extends InputStream {
    private static final int ID1 = 0x1f;
    private static final int ID2 = 0x8b;
    private static final int DEFLATE = 8;
    private static final int FHCRC = 2;
    private static final int FEXTRA = 4;
    private static final int FNAME = 8;
    private static final int FCOMMENT = 16;
    private static final int RESERVED = 0xe0;

    private final InputStream in;
    private final String name;
    private final byte[] buffer = new byte[64 << 10];
    private final Inflater inflater = new Inflater(true);
    private final CRC32 crc = new CRC32();
    private int pos;
    private int limit;
    private long bufferStart; // compressed offset of buffer[0]
    private boolean inflating; // the inflater holds buffer[.., limit)
    private boolean done;
    private boolean anyMember;
    private long memberBytes;

    /** @param name the object, for messages (e.g. its s3:// URI) */
    public GzipDecoder(InputStream compressed, String name) {
        this.in = Objects.requireNonNull(compressed, "compressed");
        this.name = Objects.requireNonNull(name, "name");
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        while (!done) {
            if (!inflating) {
                if (!readHeader()) {
                    done = true;
                    break;
                }
                inflating = true;
            }
            if (inflater.needsInput()) {
                if (!fill()) {
                    throw corrupt("the stream ends inside a member (truncated)");
                }
                inflater.setInput(buffer, pos, limit - pos);
                pos = limit;
            }
            int n;
            try {
                n = inflater.inflate(b, off, len);
            } catch (DataFormatException e) {
                throw corrupt("invalid deflate data");
            }
            if (n > 0) {
                crc.update(b, off, n);
                memberBytes += n;
                return n;
            }
            if (inflater.finished()) {
                pos = limit - inflater.getRemaining();
                inflating = false;
                readTrailer();
                inflater.reset();
            } else if (inflater.needsDictionary()) {
                throw corrupt("a preset dictionary, which gzip does not use");
            }
        }
        return -1;
    }

    /** The next member's header; false at the end of the stream after at least one member. */
    private boolean readHeader() throws IOException {
        int id1 = readByte();
        if (id1 < 0) {
            if (anyMember) {
                return false;
            }
            throw corrupt("the stream is empty");
        }
        int id2 = readByte();
        if (id1 != ID1 || id2 != ID2) {
            throw corrupt(anyMember ? "bytes after the last member that are not a gzip member" : "not gzip data");
        }
        if (need() != DEFLATE) {
            throw corrupt("an unknown compression method");
        }
        int flags = need();
        if ((flags & RESERVED) != 0) {
            throw corrupt("reserved header flags set");
        }
        for (int i = 0; i < 6; i++) { // MTIME, XFL, OS
            need();
        }
        if ((flags & FEXTRA) != 0) {
            int length = need() | need() << 8;
            for (int i = 0; i < length; i++) {
                need();
            }
        }
        if ((flags & FNAME) != 0) {
            skipZeroTerminated();
        }
        if ((flags & FCOMMENT) != 0) {
            skipZeroTerminated();
        }
        if ((flags & FHCRC) != 0) {
            need();
            need();
        }
        anyMember = true;
        crc.reset();
        memberBytes = 0;
        return true;
    }

    /** The member's trailer; a mismatch is reported at the trailer's offset. */
    private void readTrailer() throws IOException {
        long at = position();
        long storedCrc = readInt();
        long storedSize = readInt();
        if (storedCrc != crc.getValue()) {
            throw corrupt("CRC-32 mismatch", at);
        }
        if (storedSize != (memberBytes & 0xffffffffL)) {
            throw corrupt("length mismatch", at);
        }
    }

    private long readInt() throws IOException {
        return (long) need() | (long) need() << 8 | (long) need() << 16 | (long) need() << 24;
    }

    private void skipZeroTerminated() throws IOException {
        while (need() != 0) {
            // skip
        }
    }

    /** A header or trailer byte that must be there. */
    private int need() throws IOException {
        int b = readByte();
        if (b < 0) {
            throw corrupt("the stream ends inside a member header or trailer (truncated)");
        }
        return b;
    }

    private int readByte() throws IOException {
        return fill() ? buffer[pos++] & 0xff : -1;
    }

    /** True if an unread byte is buffered; never refills while the inflater holds the buffer. */
    private boolean fill() throws IOException {
        if (pos < limit) {
            return true;
        }
        bufferStart += limit;
        pos = 0;
        limit = 0;
        int n;
        do {
            n = in.read(buffer, 0, buffer.length);
        } while (n == 0);
        if (n < 0) {
            return false;
        }
        limit = n;
        return true;
    }

    /** Compressed offset of the next byte not yet consumed. */
    private long position() {
        return bufferStart + (inflating ? limit - inflater.getRemaining() : pos);
    }

    private MalformedRecordException corrupt(String reason) {
        return corrupt(reason, position());
    }

    private MalformedRecordException corrupt(String reason, long at) {
        return new MalformedRecordException(at, name + ": the gzip stream is corrupt at compressed byte offset " + at
                + " (" + reason + ")");
    }

    @Override
    public void close() throws IOException {
        inflater.end();
        in.close();
    }
}

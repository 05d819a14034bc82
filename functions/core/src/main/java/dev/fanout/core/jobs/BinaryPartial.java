package dev.fanout.core.jobs;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;

/**
 * The built-in jobs' partial encoding: a 4-byte header — {@code 0xFA 0x0B}, the job's tag, the format version —
 * then varints (unsigned LEB128; signed ones zig-zag encoded) and length-prefixed UTF-8 strings. Compact, and quick
 * to decode with no parser. A partial in another format (the JSON of earlier versions, another job's, a newer
 * version) fails to decode with a message that says so.
 */
final class BinaryPartial {
    static final int VERSION = 1;
    private static final byte MAGIC_0 = (byte) 0xFA;
    private static final byte MAGIC_1 = 0x0B;

    private BinaryPartial() {
    }

    /** A growing byte buffer with the header already written. */
    static final class Writer {
        private byte[] bytes;
        private int size;

        Writer(char tag, int expectedBytes) {
            bytes = new byte[Math.max(16, expectedBytes)];
            bytes[0] = MAGIC_0;
            bytes[1] = MAGIC_1;
            bytes[2] = (byte) tag;
            bytes[3] = (byte) VERSION;
            size = 4;
        }

        Writer varLong(long value) {
            ensure(10);
            while ((value & ~0x7FL) != 0) {
                bytes[size++] = (byte) ((value & 0x7F) | 0x80);
                value >>>= 7;
            }
            bytes[size++] = (byte) value;
            return this;
        }

        Writer signedVarLong(long value) {
            return varLong((value << 1) ^ (value >> 63));
        }

        Writer bytes(byte[] b, int from, int length) {
            varLong(length);
            ensure(length);
            System.arraycopy(b, from, bytes, size, length);
            size += length;
            return this;
        }

        Writer string(String s) {
            byte[] b = s.getBytes(UTF_8);
            return bytes(b, 0, b.length);
        }

        /** Exact: the unscaled value and the scale, so {@code 1.50} stays {@code 1.50}. */
        Writer decimal(BigDecimal d) {
            signedVarLong(d.scale());
            BigInteger unscaled = d.unscaledValue();
            if (unscaled.bitLength() < 63) {
                varLong(0);
                signedVarLong(unscaled.longValue());
            } else {
                varLong(1);
                byte[] b = unscaled.toByteArray();
                bytes(b, 0, b.length);
            }
            return this;
        }

        byte[] toByteArray() {
            return Arrays.copyOf(bytes, size);
        }

        private void ensure(int more) {
            if (size + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(size + more, bytes.length * 2));
            }
        }
    }

    /** Reads what a {@link Writer} wrote, after checking the header. */
    static final class Reader {
        private final byte[] bytes;
        private final String what;
        private int pos;

        Reader(byte[] bytes, char tag, String what) {
            this.bytes = bytes;
            this.what = what;
            if (bytes.length > 0 && (bytes[0] == '{' || bytes[0] == '[')) {
                throw new IllegalArgumentException("not a " + what + " partial of this version: it is JSON, the "
                        + "encoding of an earlier fanout version; rerun the job with this version");
            }
            if (bytes.length < 4 || bytes[0] != MAGIC_0 || bytes[1] != MAGIC_1) {
                throw new IllegalArgumentException("not a " + what + " partial: unknown encoding");
            }
            if (bytes[2] != (byte) tag) {
                throw new IllegalArgumentException("not a " + what + " partial: it was written by another job type");
            }
            if (bytes[3] != VERSION) {
                throw new IllegalArgumentException("not a " + what + " partial of this version: format version "
                        + (bytes[3] & 0xff) + ", this version reads " + VERSION + "; rerun the job with one version");
            }
            pos = 4;
        }

        long varLong() {
            long value = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                if (pos >= bytes.length) {
                    throw truncated();
                }
                byte b = bytes[pos++];
                value |= (long) (b & 0x7F) << shift;
                if (b >= 0) {
                    return value;
                }
            }
            throw new IllegalArgumentException("not a " + what + " partial: a number is too long");
        }

        long signedVarLong() {
            long raw = varLong();
            return (raw >>> 1) ^ -(raw & 1);
        }

        int count() {
            long n = varLong();
            if (n < 0 || n > bytes.length) { // every entry takes at least one byte
                throw new IllegalArgumentException("not a " + what + " partial: bad count " + n);
            }
            return (int) n;
        }

        String string() {
            long slice = slice();
            return new String(bytes, (int) (slice >>> 32), (int) slice, UTF_8);
        }

        /** The next length-prefixed string, read past, as where its bytes start {@code << 32 |} their length. */
        long slice() {
            int length = count();
            if (pos + length > bytes.length) {
                throw truncated();
            }
            long slice = (long) pos << 32 | length;
            pos += length;
            return slice;
        }

        BigDecimal decimal() {
            int scale = Math.toIntExact(signedVarLong());
            long form = varLong();
            if (form == 0) {
                return BigDecimal.valueOf(signedVarLong(), scale);
            }
            int length = count();
            if (pos + length > bytes.length || length == 0) {
                throw truncated();
            }
            BigInteger unscaled = new BigInteger(bytes, pos, length);
            pos += length;
            return new BigDecimal(unscaled, scale);
        }

        void end() {
            if (pos != bytes.length) {
                throw new IllegalArgumentException("not a " + what + " partial: " + (bytes.length - pos)
                        + " bytes after its end");
            }
        }

        IllegalArgumentException truncated() {
            return new IllegalArgumentException("not a " + what + " partial: truncated");
        }
    }
}

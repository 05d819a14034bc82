package dev.fanout.core.jobs;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes one JSON object of string keys and {@code long} values, byte for byte as the shared mapper's generator
 * writes it ({@code writeFieldName}, {@code writeNumber}), straight into a byte buffer. A key of printable ASCII and
 * chars of the Basic Multilingual Plane outside the surrogates is written as its UTF-8; a key the generator escapes
 * (a quote, a backslash, a control char, any surrogate: it writes a supplementary char as two escaped UTF-16
 * units) is quoted by the generator itself. On the 445,000 words of a large wordcount result the generator's
 * char-by-char escaping loop took a third of the writing. A key given as its UTF-8 bytes is copied as it is when it
 * needs no escape.
 */
final class CountsWriter implements AutoCloseable {
    private static final int FLUSH_AT = 1 << 16;
    private static final int MAX_LONG_CHARS = 20;

    private final OutputStream out;
    private byte[] buffer = new byte[FLUSH_AT + 256];
    private int size;
    private boolean first = true;

    CountsWriter(OutputStream out) {
        this.out = out;
        buffer[size++] = '{';
    }

    void write(String key, long value) throws IOException {
        ensure(3 * key.length() + MAX_LONG_CHARS + 4);
        comma();
        if (!writePlain(key)) {
            writeQuoted(key);
        }
        value(value);
    }

    /**
     * {@link #write(String, long)} of the key whose UTF-8 is {@code key[from, from + length)} (well-formed), copied
     * as it is unless it needs an escape: a byte below 0x20, a quote, a backslash, or a supplementary char (lead
     * byte F0..F4), which the generator writes as two escaped UTF-16 units.
     */
    void write(byte[] key, int from, int length, long value) throws IOException {
        ensure(length + MAX_LONG_CHARS + 4);
        comma();
        if (isPlain(key, from, length)) {
            buffer[size++] = '"';
            System.arraycopy(key, from, buffer, size, length);
            size += length;
            buffer[size++] = '"';
        } else {
            writeQuoted(new String(key, from, length, UTF_8));
        }
        value(value);
    }

    private static boolean isPlain(byte[] key, int from, int length) {
        for (int i = from, end = from + length; i < end; i++) {
            int b = key[i] & 0xFF;
            if (b < 0x20 || b == '"' || b == '\\' || b >= 0xF0) {
                return false;
            }
        }
        return true;
    }

    private void comma() {
        if (!first) {
            buffer[size++] = ',';
        }
        first = false;
    }

    private void value(long value) throws IOException {
        buffer[size++] = ':';
        writeLong(value);
        if (size >= FLUSH_AT) {
            out.write(buffer, 0, size);
            size = 0;
        }
    }

    @Override
    public void close() throws IOException {
        buffer[size++] = '}';
        out.write(buffer, 0, size);
        size = 0;
        out.flush();
    }

    /** The key in quotes as UTF-8, or false (nothing written) if the generator would escape something in it. */
    private boolean writePlain(String key) {
        int end = JsonKeys.writePlain(key, buffer, size);
        if (end < 0) {
            return false;
        }
        size = end;
        return true;
    }

    /** Rare: the generator's own quoting and escapes. */
    private void writeQuoted(String key) throws IOException {
        byte[] bytes = JsonKeys.quoted(key);
        ensure(bytes.length + MAX_LONG_CHARS + 2);
        System.arraycopy(bytes, 0, buffer, size, bytes.length);
        size += bytes.length;
    }

    private void writeLong(long value) {
        if (value < 0) {
            if (value == Long.MIN_VALUE) {
                byte[] min = Long.toString(value).getBytes(US_ASCII);
                System.arraycopy(min, 0, buffer, size, min.length);
                size += min.length;
                return;
            }
            buffer[size++] = '-';
            value = -value;
        }
        int digits = 1;
        for (long v = value; v >= 10; v /= 10) {
            digits++;
        }
        int p = size + digits;
        size = p;
        do {
            buffer[--p] = (byte) ('0' + value % 10);
            value /= 10;
        } while (value != 0);
    }

    private void ensure(int more) {
        if (size + more > buffer.length) {
            byte[] bigger = new byte[Math.max(buffer.length * 2, size + more)];
            System.arraycopy(buffer, 0, bigger, 0, size);
            buffer = bigger;
        }
    }
}

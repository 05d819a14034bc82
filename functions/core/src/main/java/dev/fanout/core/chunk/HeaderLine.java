package dev.fanout.core.chunk;

import dev.fanout.core.error.MalformedRecordException;
import dev.fanout.core.error.StorageUnavailableException;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The first line of a text object (a CSV header) and where the data after it starts. Read with one bounded
 * ranged GET of at most {@link #MAX_BYTES}: the header travels in every chunk descriptor (manifest entry and
 * SQS message), so it must stay small. A UTF-8 byte order mark is dropped; CRLF is accepted.
 *
 * @param text      the header without terminator or BOM
 * @param dataStart offset of the first byte after the header's line feed (the object size if there is none)
 */
public record HeaderLine(String text, long dataStart) {
    /** Longest header line, terminator included: 64 KiB. */
    public static final int MAX_BYTES = 64 << 10;

    /**
     * Parses the header from the object's first bytes ({@code min(objectSize, MAX_BYTES)} of them, or fewer
     * if a line feed comes earlier).
     */
    public static HeaderLine read(InputStream firstBytes, long objectSize) {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        try (InputStream in = new BufferedInputStream(firstBytes)) {
            for (long n = 0; ; n++) {
                int b = in.read();
                if (b == '\n') {
                    return of(line.toByteArray(), n + 1, true);
                }
                if (b < 0 || n + 1 > MAX_BYTES) {
                    if (n >= objectSize) {
                        return of(line.toByteArray(), objectSize, false);
                    }
                    throw new MalformedRecordException(0, "the header line does not end within the first "
                            + MAX_BYTES + " bytes");
                }
                line.write(b);
            }
        } catch (IOException e) {
            throw new StorageUnavailableException("reading the header line failed", e);
        }
    }

    /**
     * Parses the header from a stream of unknown length (a decompressed object): the first line, or all of the
     * stream if it has no line feed; at most {@link #MAX_BYTES}. Reads no further than the header.
     */
    public static HeaderLine readStream(InputStream stream) {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        try {
            InputStream in = new BufferedInputStream(stream, 8192);
            for (long n = 0; ; n++) {
                int b = in.read();
                if (b == '\n') {
                    return of(line.toByteArray(), n + 1, true);
                }
                if (b < 0) {
                    return of(line.toByteArray(), n, false);
                }
                if (n + 1 > MAX_BYTES) {
                    throw new MalformedRecordException(0, "the header line does not end within the first "
                            + MAX_BYTES + " bytes");
                }
                line.write(b);
            }
        } catch (IOException e) {
            throw new StorageUnavailableException("reading the header line failed", e);
        }
    }

    private static HeaderLine of(byte[] bytes, long dataStart, boolean terminated) {
        int from = bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB
                && (bytes[2] & 0xff) == 0xBF ? 3 : 0;
        int to = terminated && bytes.length > from && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, from, to - from)).toString();
            return new HeaderLine(text, dataStart);
        } catch (CharacterCodingException e) {
            throw new MalformedRecordException(0, "the header line is not valid UTF-8");
        }
    }
}

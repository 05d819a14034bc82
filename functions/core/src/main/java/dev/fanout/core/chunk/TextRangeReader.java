package dev.fanout.core.chunk;

import dev.fanout.core.error.MalformedRecordException;
import dev.fanout.core.error.StorageUnavailableException;
import dev.fanout.core.job.Record;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The lines of a text object that start inside {@code [start, end)} (the Hadoop TextInputFormat rule), so
 * that ranges which tile an object yield each of its lines exactly once, whatever the range size.
 *
 * <p>The stream must begin at {@link #readFrom(long) readFrom(start)}: one byte before {@code start} (unless
 * {@code start} is 0), because a line starts at {@code start} exactly when the byte before it is a line feed.
 * If not, the reader skips the rest of the line in progress (it belongs to the previous range). The last line
 * is read past {@code end} to its terminator, so the stream must continue beyond {@code end} (see
 * {@link RangedObjectStream}); the reader pulls only as many bytes as that line needs.
 *
 * <p>Lines end at LF; a CR right before the LF is dropped (CRLF). A lone CR is ordinary content. A final line
 * without a terminator is a line; an empty object has no lines. Lines are decoded as UTF-8 whole, so a
 * multi-byte character is never split; invalid UTF-8 is a {@link MalformedRecordException} naming the byte
 * offset. A line longer than {@code maxLineBytes} is one, too (the reader must hold a whole line in memory).
 *
 * <pre>{@code
 * try (InputStream in = new RangedObjectStream(blobs, input, etag, TextRangeReader.readFrom(start), end, size)) {
 *     TextRangeReader lines = new TextRangeReader(in, start, end);
 *     while (lines.hasNext()) { Record line = lines.next(); ... }
 * }
 * }</pre>
 */
public final class TextRangeReader implements Iterator<Record> {
    /** Default longest line: 64 MiB. */
    public static final int DEFAULT_MAX_LINE_BYTES = 64 << 20;
    private static final int BUFFER_BYTES = 64 << 10;

    private final InputStream in;
    private final long end;
    private final int maxLineBytes;
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final byte[] buffer;
    private int pos;
    private int limit;
    private long position; // object offset of buffer[pos]
    private boolean eof;
    private boolean started;
    private final long start;
    private byte[] lineBytes = new byte[256];
    private Record pending;

    public TextRangeReader(InputStream in, long start, long end) {
        this(in, start, end, DEFAULT_MAX_LINE_BYTES);
    }

    public TextRangeReader(InputStream in, long start, long end, int maxLineBytes) {
        if (start < 0 || end < start || maxLineBytes < 1) {
            throw new IllegalArgumentException("bad range [" + start + "," + end + ")");
        }
        this.in = in;
        this.start = start;
        this.end = end;
        this.maxLineBytes = maxLineBytes;
        this.position = readFrom(start);
        this.buffer = new byte[(int) Math.max(256, Math.min(BUFFER_BYTES, end - position + 1))];
    }

    /** Where the stream given to the reader must begin for a range starting at {@code start}. */
    public static long readFrom(long start) {
        return start == 0 ? 0 : start - 1;
    }

    @Override
    public boolean hasNext() {
        if (pending == null) {
            pending = readLine();
        }
        return pending != null;
    }

    @Override
    public Record next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Record line = pending;
        pending = null;
        return line;
    }

    private Record readLine() {
        if (!started) {
            started = true;
            if (start > 0 && !skipThroughLineFeed()) {
                return null;
            }
        }
        if (position >= end || !fill()) {
            return null;
        }
        long lineStart = position;
        int lf = indexOfLineFeed();
        if (lf >= 0 && lf - pos <= maxLineBytes) {
            // The common case: the whole line is in the buffer; decode it in place.
            int length = lf > pos && buffer[lf - 1] == '\r' ? lf - 1 - pos : lf - pos;
            String text = decode(buffer, pos, length, lineStart);
            position += lf + 1 - pos;
            pos = lf + 1;
            return new Record(lineStart, text);
        }
        int length = 0;
        boolean terminated = false;
        while (fill()) {
            lf = indexOfLineFeed();
            int stop = lf < 0 ? limit : lf;
            length = append(length, stop, lineStart);
            position += stop - pos + (lf < 0 ? 0 : 1);
            pos = lf < 0 ? limit : lf + 1;
            if (lf >= 0) {
                terminated = true;
                break;
            }
        }
        if (terminated && length > 0 && lineBytes[length - 1] == '\r') {
            length--;
        }
        return new Record(lineStart, decode(lineBytes, 0, length, lineStart));
    }

    /** Skips the line in progress at the stream's first byte; false if the stream ends first. */
    private boolean skipThroughLineFeed() {
        while (fill()) {
            int lf = indexOfLineFeed();
            if (lf >= 0) {
                position += lf + 1 - pos;
                pos = lf + 1;
                return true;
            }
            position += limit - pos;
            pos = limit;
        }
        return false;
    }

    private int indexOfLineFeed() {
        for (int i = pos; i < limit; i++) {
            if (buffer[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private int append(int length, int stop, long lineStart) {
        int count = stop - pos;
        if ((long) length + count > maxLineBytes) {
            throw new MalformedRecordException(lineStart, "the line at byte offset " + lineStart
                    + " is longer than " + maxLineBytes + " bytes");
        }
        if (length + count > lineBytes.length) {
            lineBytes = Arrays.copyOf(lineBytes, Math.min(maxLineBytes, Math.max(length + count, lineBytes.length * 2)));
        }
        System.arraycopy(buffer, pos, lineBytes, length, count);
        return length + count;
    }

    private String decode(byte[] bytes, int from, int length, long lineStart) {
        if (isAscii(bytes, from, length)) {
            return new String(bytes, from, length, StandardCharsets.ISO_8859_1); // fast path, same chars for ASCII
        }
        try {
            return utf8.decode(ByteBuffer.wrap(bytes, from, length)).toString();
        } catch (CharacterCodingException e) {
            throw new MalformedRecordException(lineStart, "the line at byte offset " + lineStart
                    + " is not valid UTF-8");
        }
    }

    private static boolean isAscii(byte[] bytes, int from, int length) {
        for (int i = from, to = from + length; i < to; i++) {
            if (bytes[i] < 0) {
                return false;
            }
        }
        return true;
    }

    /** True if at least one unread byte is buffered. */
    private boolean fill() {
        if (pos < limit) {
            return true;
        }
        if (eof) {
            return false;
        }
        try {
            int n;
            do {
                n = in.read(buffer, 0, buffer.length);
            } while (n == 0);
            if (n < 0) {
                eof = true;
                return false;
            }
            pos = 0;
            limit = n;
            return true;
        } catch (IOException e) {
            throw new StorageUnavailableException("reading the input failed at byte offset " + position, e);
        }
    }
}

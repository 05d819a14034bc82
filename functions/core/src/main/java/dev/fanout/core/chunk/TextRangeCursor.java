package dev.fanout.core.chunk;

import dev.fanout.core.error.MalformedRecordException;
import dev.fanout.core.error.StorageUnavailableException;
import dev.fanout.core.internal.Utf8;
import dev.fanout.core.job.RecordCursor;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The lines of a text object that start inside {@code [start, end)} (the Hadoop TextInputFormat rule), as a
 * {@link RecordCursor}: each line is a slice of the reader's buffer, with no copy and no String unless the job
 * asks for {@link #text()}. The rules are {@link TextRangeReader}'s (which is this cursor as an iterator): the
 * stream begins at {@link TextRangeReader#readFrom(long) readFrom(start)} and continues past {@code end} for the
 * last line; LF or CRLF end a line; every line is checked to be valid UTF-8 (a {@link MalformedRecordException}
 * naming its byte offset otherwise), and so is its length against {@code maxLineBytes}.
 *
 * <pre>{@code
 * try (InputStream in = new RangedObjectStream(blobs, input, etag, TextRangeReader.readFrom(start), end, size)) {
 *     RecordCursor lines = new TextRangeCursor(in, start, end);
 *     while (lines.next()) { ... lines.bytes(), lines.start(), lines.length(), lines.offset() ... }
 * }
 * }</pre>
 */
public final class TextRangeCursor implements RecordCursor {
    private static final int BUFFER_BYTES = 64 << 10;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final InputStream in;
    private final long start;
    private final long end;
    private final int maxLineBytes;
    private final byte[] buffer;
    private int pos;
    private int limit;
    private long position; // object offset of buffer[pos]
    private boolean eof;
    private boolean started;
    private boolean finished;
    private byte[] lineBytes = new byte[256];
    private boolean asciiBefore; // set by indexOfLineFeed when it finds one
    private boolean lineAscii;

    // the current line
    private long lineOffset = -1;
    private byte[] lineArray;
    private int lineStart;
    private int lineLength;
    private String lineText;

    public TextRangeCursor(InputStream in, long start, long end) {
        this(in, start, end, TextRangeReader.DEFAULT_MAX_LINE_BYTES);
    }

    public TextRangeCursor(InputStream in, long start, long end, int maxLineBytes) {
        if (start < 0 || end < start || maxLineBytes < 1) {
            throw new IllegalArgumentException("bad range [" + start + "," + end + ")");
        }
        this.in = in;
        this.start = start;
        this.end = end;
        this.maxLineBytes = maxLineBytes;
        this.position = TextRangeReader.readFrom(start);
        this.buffer = new byte[(int) Math.max(256, Math.min(BUFFER_BYTES, end - position + 1))];
    }

    @Override
    public boolean next() {
        lineText = null;
        if (finished || !advance()) {
            finished = true;
            lineOffset = -1;
            lineArray = null;
            return false;
        }
        if (!lineAscii && Utf8.firstInvalid(lineArray, lineStart, lineLength) >= 0) {
            throw new MalformedRecordException(lineOffset, "the line at byte offset " + lineOffset
                    + " is not valid UTF-8");
        }
        return true;
    }

    @Override
    public long offset() {
        requireCurrent();
        return lineOffset;
    }

    @Override
    public byte[] bytes() {
        requireCurrent();
        return lineArray;
    }

    @Override
    public int start() {
        requireCurrent();
        return lineStart;
    }

    @Override
    public int length() {
        requireCurrent();
        return lineLength;
    }

    @Override
    public String text() {
        requireCurrent();
        if (lineText == null) {
            lineText = new String(lineArray, lineStart, lineLength, StandardCharsets.UTF_8); // validated in next()
        }
        return lineText;
    }

    private void requireCurrent() {
        if (lineArray == null) {
            throw new IllegalStateException("no current line: next() was not called or returned false");
        }
    }

    /** Finds the next line owned by the range; false if there is none. */
    private boolean advance() {
        if (!started) {
            started = true;
            if (start > 0 && !skipThroughLineFeed()) {
                return false;
            }
        }
        if (position >= end || !fill()) {
            return false;
        }
        lineOffset = position;
        int lf = indexOfLineFeed();
        if (lf >= 0 && lf - pos <= maxLineBytes) {
            // The common case: the whole line is in the buffer; hand out a slice of it.
            lineArray = buffer;
            lineStart = pos;
            lineLength = lf > pos && buffer[lf - 1] == '\r' ? lf - 1 - pos : lf - pos;
            lineAscii = asciiBefore;
            position += lf + 1 - pos;
            pos = lf + 1;
            return true;
        }
        int length = 0;
        boolean terminated = false;
        while (fill()) {
            lf = indexOfLineFeed();
            int stop = lf < 0 ? limit : lf;
            length = append(length, stop, lineOffset);
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
        lineArray = lineBytes;
        lineStart = 0;
        lineLength = length;
        lineAscii = Utf8.isAscii(lineBytes, 0, length);
        return true;
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

    /**
     * The next line feed in the buffer from {@code pos}, or -1; notes whether the bytes before it are all ASCII
     * ({@link #asciiBefore}). Eight bytes at a time: a word has a zero byte where {@code (x - 0x01..) & ~x & 0x80..}
     * is set, and the lowest such byte is the first zero (here: the first byte equal to LF).
     */
    private int indexOfLineFeed() {
        byte[] b = buffer;
        int i = pos;
        long high = 0;
        for (int n = limit - 8; i <= n; i += 8) {
            long word = (long) LONGS.get(b, i);
            long x = word ^ 0x0A0A0A0A0A0A0A0AL;
            long found = (x - 0x0101010101010101L) & ~x & 0x8080808080808080L;
            if (found != 0) {
                int k = Long.numberOfTrailingZeros(found) >>> 3;
                high |= k == 0 ? 0 : word & (-1L >>> (64 - 8 * k));
                asciiBefore = (high & 0x8080808080808080L) == 0;
                return i + k;
            }
            high |= word;
        }
        boolean ascii = (high & 0x8080808080808080L) == 0;
        for (; i < limit; i++) {
            if (b[i] == '\n') {
                asciiBefore = ascii;
                return i;
            }
            ascii &= b[i] >= 0;
        }
        return -1;
    }

    private int append(int length, int stop, long lineOffset) {
        int count = stop - pos;
        if ((long) length + count > maxLineBytes) {
            throw new MalformedRecordException(lineOffset, "the line at byte offset " + lineOffset
                    + " is longer than " + maxLineBytes + " bytes");
        }
        if (length + count > lineBytes.length) {
            lineBytes = Arrays.copyOf(lineBytes, Math.min(maxLineBytes, Math.max(length + count, lineBytes.length * 2)));
        }
        System.arraycopy(buffer, pos, lineBytes, length, count);
        return length + count;
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

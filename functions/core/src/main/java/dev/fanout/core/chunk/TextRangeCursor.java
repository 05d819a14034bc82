package dev.fanout.core.chunk;

import dev.fanout.core.error.MalformedRecordException;
import dev.fanout.core.error.StorageUnavailableException;
import dev.fanout.core.internal.Swar;
import dev.fanout.core.internal.Utf8;
import dev.fanout.core.job.RecordCursor;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The lines of a text object that start inside {@code [start, end)} (the Hadoop TextInputFormat rule), as a
 * {@link RecordCursor}: each line is a slice of the reader's buffer, with no copy and no String unless the job
 * asks for {@link #text()}. A line that does not fit the rest of the buffer is moved to its front (and the
 * buffer doubled while one line fills it, up to {@code maxLineBytes}), so long lines are slices too. The rules
 * are {@link TextRangeReader}'s (which is this cursor as an iterator): the stream begins at
 * {@link TextRangeReader#readFrom(long) readFrom(start)} and continues past {@code end} for the last line; LF or
 * CRLF end a line; every line is checked to be valid UTF-8 (a {@link MalformedRecordException} naming its byte
 * offset otherwise), and so is its length against {@code maxLineBytes}.
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
    /** The most the buffer grows to: a line of {@code maxLineBytes} (its CR included) and its LF. */
    private final int maxBufferBytes;
    private byte[] buffer;
    private int pos;
    private int limit;
    private long position; // object offset of buffer[pos]
    private boolean eof;
    private boolean started;
    private boolean finished;
    private boolean nonAsciiBefore; // set by indexOfLineFeed: a byte it passed over is not ASCII

    // the current line
    private long lineOffset = -1;
    private byte[] lineArray;
    private int lineStart;
    private int lineLength;
    private boolean lineAscii;
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
        this.maxBufferBytes = (int) Math.min(Integer.MAX_VALUE - 16, maxLineBytes + 1L);
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

    /**
     * Finds the next line owned by the range; false if there is none. The line is {@code buffer[pos, LF)}: while
     * the buffer holds no LF after {@code pos}, more is read behind what it holds ({@link #readMore}), and the
     * search goes on from where it stopped.
     */
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
        boolean nonAscii = false;
        int searched = 0; // bytes from pos already searched for the LF
        while (true) {
            int lf = indexOfLineFeed(pos + searched);
            nonAscii |= nonAsciiBefore;
            if (lf >= 0) {
                if (lf - pos > maxLineBytes) { // the CR of a CRLF counts, as it always has
                    throw tooLong();
                }
                lineArray = buffer;
                lineStart = pos;
                lineLength = lf > pos && buffer[lf - 1] == '\r' ? lf - 1 - pos : lf - pos;
                lineAscii = !nonAscii;
                position += lf + 1 - pos;
                pos = lf + 1;
                return true;
            }
            searched = limit - pos;
            if (searched > maxLineBytes) {
                throw tooLong();
            }
            if (!readMore()) {
                // the last line, with no terminator: a CR at its end is content
                lineArray = buffer;
                lineStart = pos;
                lineLength = limit - pos;
                lineAscii = !nonAscii;
                position += limit - pos;
                pos = limit;
                return true;
            }
        }
    }

    private MalformedRecordException tooLong() {
        return new MalformedRecordException(lineOffset, "the line at byte offset " + lineOffset
                + " is longer than " + maxLineBytes + " bytes");
    }

    /** Skips the line in progress at the stream's first byte; false if the stream ends first. */
    private boolean skipThroughLineFeed() {
        while (fill()) {
            int lf = indexOfLineFeed(pos);
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
     * The first line feed in {@code buffer[from, limit)}, or -1; notes whether a byte before it (or before
     * {@code limit}) is not ASCII ({@link #nonAsciiBefore}). Eight bytes at a time: a word has a zero byte where
     * {@code (x - 0x01..) & ~x & 0x80..} is set, and the lowest such byte is the first zero (here: the first byte
     * equal to LF).
     */
    private int indexOfLineFeed(int from) {
        byte[] b = buffer;
        int i = from;
        long high = 0;
        for (int n = limit - 8; i <= n; i += 8) {
            long word = (long) LONGS.get(b, i);
            long x = word ^ 0x0A0A0A0A0A0A0A0AL;
            long found = (x - 0x0101010101010101L) & ~x & 0x8080808080808080L;
            if (found != 0) {
                int k = Swar.lowestHighByte(found); // not numberOfTrailingZeros: see Swar
                high |= k == 0 ? 0 : word & (-1L >>> (64 - 8 * k));
                nonAsciiBefore = (high & 0x8080808080808080L) != 0;
                return i + k;
            }
            high |= word;
        }
        boolean nonAscii = (high & 0x8080808080808080L) != 0;
        for (; i < limit; i++) {
            if (b[i] == '\n') {
                nonAsciiBefore = nonAscii;
                return i;
            }
            nonAscii |= b[i] < 0;
        }
        nonAsciiBefore = nonAscii;
        return -1;
    }

    /**
     * Reads more of the stream behind {@code buffer[pos, limit)}, which holds an unfinished line: first making room,
     * by moving that line to the buffer's front, or, when it fills more than half the buffer, into a buffer twice
     * the size (at most {@link #maxBufferBytes}). False at the end of the stream.
     */
    private boolean readMore() {
        if (eof) {
            return false;
        }
        if (limit == buffer.length) {
            int kept = limit - pos;
            byte[] into = kept > buffer.length / 2 && buffer.length < maxBufferBytes
                    ? new byte[(int) Math.min(maxBufferBytes, 2L * buffer.length)] : buffer;
            System.arraycopy(buffer, pos, into, 0, kept);
            buffer = into;
            pos = 0;
            limit = kept;
            if (limit == buffer.length) { // only for a limit near 2 GiB, beyond what an array can hold
                throw new MalformedRecordException(lineOffset, "the line at byte offset " + lineOffset
                        + " is longer than " + buffer.length + " bytes, the most a line can have");
            }
        }
        return read(limit);
    }

    /** True if at least one unread byte is buffered. */
    private boolean fill() {
        if (pos < limit) {
            return true;
        }
        if (eof) {
            return false;
        }
        pos = 0;
        limit = 0;
        return read(0);
    }

    /** Reads into {@code buffer[at, ...)}, which has room; false at the end of the stream. */
    private boolean read(int at) {
        try {
            int n;
            do {
                n = in.read(buffer, at, buffer.length - at);
            } while (n == 0);
            if (n < 0) {
                eof = true;
                return false;
            }
            limit = at + n;
            return true;
        } catch (IOException e) {
            throw new StorageUnavailableException("reading the input failed at byte offset " + (position + limit - pos), e);
        }
    }
}

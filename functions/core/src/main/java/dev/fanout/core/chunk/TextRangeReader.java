package dev.fanout.core.chunk;

import dev.fanout.core.job.InputRecord;
import java.io.InputStream;
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
 * multi-byte character is never split; invalid UTF-8 is a {@link dev.fanout.core.error.MalformedRecordException} naming the byte
 * offset. A line longer than {@code maxLineBytes} is one, too (the reader must hold a whole line in memory).
 *
 * <p>This is the line API over {@link TextRangeCursor}, which does the reading: jobs that need no String per
 * line use the cursor itself.
 *
 * <pre>{@code
 * try (InputStream in = new RangedObjectStream(blobs, input, etag, TextRangeReader.readFrom(start), end, size)) {
 *     TextRangeReader lines = new TextRangeReader(in, start, end);
 *     while (lines.hasNext()) { InputRecord line = lines.next(); ... }
 * }
 * }</pre>
 */
public final class TextRangeReader implements Iterator<InputRecord> {
    /** Default longest line: 64 MiB. */
    public static final int DEFAULT_MAX_LINE_BYTES = 64 << 20;

    private final TextRangeCursor lines;
    private InputRecord pending;

    public TextRangeReader(InputStream in, long start, long end) {
        this(in, start, end, DEFAULT_MAX_LINE_BYTES);
    }

    public TextRangeReader(InputStream in, long start, long end, int maxLineBytes) {
        this.lines = new TextRangeCursor(in, start, end, maxLineBytes);
    }

    /** Where the stream given to the reader must begin for a range starting at {@code start}. */
    public static long readFrom(long start) {
        return start == 0 ? 0 : start - 1;
    }

    @Override
    public boolean hasNext() {
        if (pending == null && lines.next()) {
            pending = lines.record();
        }
        return pending != null;
    }

    @Override
    public InputRecord next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        InputRecord line = pending;
        pending = null;
        return line;
    }
}

package dev.fanout.core.job;

import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * The records of one chunk, one at a time, as a reusable view: {@link #next()} moves to the next record, and the
 * accessors describe the current one — its byte offset in the input object and its bytes, as a slice of a buffer
 * the cursor owns and reuses. Nothing is allocated per record unless you ask for {@link #text()}; that is what
 * makes {@link Job#map(MapContext, RecordCursor)} faster than the line API for jobs that look at bytes.
 *
 * <p>The bytes are always the UTF-8 encoding of {@link #text()}: a text, CSV or JSON Lines line without its
 * terminator (LF, or CRLF), already checked to be valid UTF-8 (and, for {@link InputFormat#JSON_LINES}, to be one
 * JSON value); for {@link InputFormat#JSON_ARRAY}, the element's compact JSON text. The slice is valid until the next call to {@link #next()}: copy what you keep, and never write to it.
 *
 * <pre>{@code
 * public Long map(MapContext context, RecordCursor records) {   // counts the lines that start with '#'
 *     long comments = 0;
 *     while (records.next()) {
 *         if (records.length() > 0 && records.bytes()[records.start()] == '#') {
 *             comments++;
 *         }
 *     }
 *     return comments;
 * }
 * }</pre>
 *
 * <p>JSON elements can be parsed in place, e.g. with Jackson's {@code factory.createParser(records.bytes(),
 * records.start(), records.length())}.
 */
public interface RecordCursor {

    /**
     * Moves to the next record.
     *
     * @return true when there is one; false when the chunk has no more (and from then on)
     */
    boolean next();

    /**
     * Byte offset of the current record's first byte in its object (in the decompressed bytes of a gzip object). A
     * chunk may span many objects; {@link #key()} tells which one.
     *
     * @return the offset, at least 0
     */
    long offset();

    /**
     * The key of the object the current record comes from (its key in the input bucket).
     *
     * @return the key; empty when not known
     */
    default String key() {
        return "";
    }

    /**
     * The buffer holding the current record's bytes, from {@link #start()} for {@link #length()} bytes; valid until
     * the next call to {@link #next()}, and not to be written to.
     *
     * @return the cursor's buffer (not a copy)
     */
    byte[] bytes();

    /**
     * Index of the current record's first byte in {@link #bytes()}.
     *
     * @return the index
     */
    int start();

    /**
     * Number of bytes of the current record.
     *
     * @return the length, at least 0
     */
    int length();

    /**
     * The current record's text (decoded on the first call for each record).
     *
     * @return the text
     */
    default String text() {
        return new String(bytes(), start(), length(), StandardCharsets.UTF_8);
    }

    /**
     * The current record, copied out as an {@link InputRecord}.
     *
     * @return a record that stays valid after {@link #next()}
     */
    default InputRecord record() {
        return new InputRecord(offset(), text(), key());
    }

    /**
     * The remaining records as an iterator of {@link InputRecord}s (the line API), which this cursor drives.
     *
     * @return an iterator over the records this cursor has not passed yet
     */
    default Iterator<InputRecord> asIterator() {
        RecordCursor cursor = this;
        return new Iterator<>() {
            private InputRecord pending;
            private boolean done;

            @Override
            public boolean hasNext() {
                if (pending == null && !done) {
                    if (cursor.next()) {
                        pending = cursor.record();
                    } else {
                        done = true;
                    }
                }
                return pending != null;
            }

            @Override
            public InputRecord next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                InputRecord r = pending;
                pending = null;
                return r;
            }
        };
    }

    /**
     * A cursor over {@link InputRecord}s (their text encoded as UTF-8), e.g. to test a cursor-based map.
     *
     * <pre>{@code
     * RecordCursor records = RecordCursor.over(List.of(new InputRecord(0, "a b"), new InputRecord(4, "c")).iterator());
     * }</pre>
     *
     * @param records the records
     * @return a cursor over them
     */
    static RecordCursor over(Iterator<InputRecord> records) {
        Objects.requireNonNull(records, "records");
        return new RecordCursor() {
            private InputRecord current;
            private byte[] bytes;

            @Override
            public boolean next() {
                if (!records.hasNext()) {
                    current = null;
                    return false;
                }
                current = records.next();
                bytes = null;
                return true;
            }

            @Override
            public long offset() {
                return current().offset();
            }

            @Override
            public byte[] bytes() {
                if (bytes == null) {
                    bytes = current().text().getBytes(StandardCharsets.UTF_8);
                }
                return bytes;
            }

            @Override
            public int start() {
                return 0;
            }

            @Override
            public int length() {
                return bytes().length;
            }

            @Override
            public String text() {
                return current().text();
            }

            @Override
            public String key() {
                return current().key();
            }

            @Override
            public InputRecord record() {
                return current();
            }

            private InputRecord current() {
                if (current == null) {
                    throw new NoSuchElementException("no current record: call next() first");
                }
                return current;
            }
        };
    }
}

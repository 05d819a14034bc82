package dev.fanout.core.chunk;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import dev.fanout.core.error.MalformedRecordException;
import dev.fanout.core.job.RecordCursor;
import java.io.IOException;
import java.util.Objects;

/**
 * The records of JSON Lines text: the lines of a {@link TextRangeCursor}, each checked to hold exactly one
 * well-formed JSON value (RFC 8259, as Jackson reads it strictly); blank lines are passed over. A malformed line
 * goes to the {@link BadLines} policy, which throws (the default: a {@link MalformedRecordException} naming the byte
 * offset, never the line) or counts it as skipped.
 *
 * <pre>{@code
 * RecordCursor records = new JsonLinesCursor(new TextRangeCursor(in, start, end), JsonLinesCursor.BadLines.FAIL);
 * }</pre>
 */
public final class JsonLinesCursor implements RecordCursor {
    private static final JsonFactory FACTORY = new JsonFactory();

    /** What to do with a malformed line. */
    @FunctionalInterface
    public interface BadLines {
        /** Throws the line's {@link MalformedRecordException}. */
        BadLines FAIL = (offset, reason) -> {
            throw new MalformedRecordException(offset, "the line at byte offset " + offset + " is not valid JSON: "
                    + reason);
        };

        /** Called for a malformed line; returns to skip it, or throws. */
        void malformed(long offset, String reason);
    }

    private final RecordCursor lines;
    private final BadLines bad;

    public JsonLinesCursor(RecordCursor lines, BadLines bad) {
        this.lines = Objects.requireNonNull(lines, "lines");
        this.bad = Objects.requireNonNull(bad, "bad");
    }

    @Override
    public boolean next() {
        while (lines.next()) {
            if (blank(lines.bytes(), lines.start(), lines.length())) {
                continue;
            }
            String problem = problem(lines.bytes(), lines.start(), lines.length());
            if (problem == null) {
                return true;
            }
            bad.malformed(lines.offset(), problem);
        }
        return false;
    }

    /** Why the bytes are not exactly one JSON value (without quoting them), or null if they are one. */
    static String problem(byte[] bytes, int start, int length) {
        try (JsonParser parser = FACTORY.createParser(bytes, start, length)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return "no value";
            }
            parser.skipChildren();
            if (parser.nextToken() != null) {
                return "more than one value (column " + parser.currentTokenLocation().getColumnNr() + ")";
            }
            return null;
        } catch (StreamReadException e) {
            return "malformed at column " + (e.getLocation() == null ? "?" : e.getLocation().getColumnNr());
        } catch (IOException e) {
            return "unreadable";
        }
    }

    private static boolean blank(byte[] b, int start, int length) {
        for (int i = start; i < start + length; i++) {
            byte c = b[i];
            if (c != ' ' && c != '\t' && c != '\r') {
                return false;
            }
        }
        return true;
    }

    @Override
    public long offset() {
        return lines.offset();
    }

    @Override
    public byte[] bytes() {
        return lines.bytes();
    }

    @Override
    public int start() {
        return lines.start();
    }

    @Override
    public int length() {
        return lines.length();
    }

    @Override
    public String text() {
        return lines.text();
    }

    @Override
    public String key() {
        return lines.key();
    }
}

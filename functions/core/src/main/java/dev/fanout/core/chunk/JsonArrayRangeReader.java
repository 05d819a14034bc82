package dev.fanout.core.chunk;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import dev.fanout.core.error.MalformedRecordException;
import dev.fanout.core.error.StorageUnavailableException;
import dev.fanout.core.job.InputRecord;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.StringWriter;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The elements of a range planned by {@link JsonArrayPlanner}, as compact JSON text with their byte offsets.
 * The range's bytes ({@code e1, e2, ..., }, or up to the closing bracket for the last range) are read as the
 * array {@code [} + range + {@code ]}, with a trailing comma allowed. Numbers keep their exact text.
 *
 * <pre>{@code
 * try (InputStream in = blobs.openRange(input, start, end, etag)) {
 *     Iterator<InputRecord> elements = new JsonArrayRangeReader(in, start);
 * }
 * }</pre>
 */
public final class JsonArrayRangeReader implements Iterator<InputRecord> {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
            .build();

    private final JsonParser parser;
    private final long start;
    private boolean done;
    private InputRecord pending;

    public JsonArrayRangeReader(InputStream range, long start) {
        this.start = start;
        InputStream wrapped = new SequenceInputStream(Collections.enumeration(List.of(
                new ByteArrayInputStream(new byte[] {'['}), range, new ByteArrayInputStream(new byte[] {']'}))));
        try {
            this.parser = FACTORY.createParser(wrapped);
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw new IllegalStateException("unreachable: the reader supplies the opening bracket");
            }
        } catch (IOException e) {
            throw new StorageUnavailableException("reading the JSON input failed at byte offset " + start, e);
        }
    }

    @Override
    public boolean hasNext() {
        if (pending == null && !done) {
            pending = readElement();
            done = pending == null;
        }
        return pending != null;
    }

    @Override
    public InputRecord next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        InputRecord element = pending;
        pending = null;
        return element;
    }

    private InputRecord readElement() {
        long offset = start;
        try {
            JsonToken token = parser.nextToken();
            if (token == JsonToken.END_ARRAY || token == null) {
                return null;
            }
            offset = start + parser.currentTokenLocation().getByteOffset() - 1;
            return new InputRecord(offset, switch (token) {
                // a scalar's compact JSON is its literal: no generator needed
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> parser.getText();
                case VALUE_TRUE -> "true";
                case VALUE_FALSE -> "false";
                case VALUE_NULL -> "null";
                default -> compact(parser);
            });
        } catch (StreamReadException e) {
            long at = e.getLocation() == null ? offset : start + Math.max(0, e.getLocation().getByteOffset() - 1);
            throw new MalformedRecordException(at, "invalid JSON at byte offset " + at);
        } catch (IOException e) {
            throw new StorageUnavailableException("reading the JSON input failed at byte offset " + offset, e);
        }
    }

    private static String compact(JsonParser parser) throws IOException {
        StringWriter text = new StringWriter();
        try (JsonGenerator out = FACTORY.createGenerator(text)) {
            copy(parser, out);
        }
        return text.toString();
    }

    /** Copies the current value, keeping number literals exactly as written. */
    private static void copy(JsonParser in, JsonGenerator out) throws IOException {
        int depth = 0;
        JsonToken token = in.currentToken();
        while (true) {
            switch (token) {
                case START_OBJECT -> { out.writeStartObject(); depth++; }
                case START_ARRAY -> { out.writeStartArray(); depth++; }
                case END_OBJECT -> { out.writeEndObject(); depth--; }
                case END_ARRAY -> { out.writeEndArray(); depth--; }
                case FIELD_NAME -> out.writeFieldName(in.currentName());
                case VALUE_STRING -> out.writeString(in.getText());
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> out.writeNumber(in.getText());
                case VALUE_TRUE -> out.writeBoolean(true);
                case VALUE_FALSE -> out.writeBoolean(false);
                case VALUE_NULL -> out.writeNull();
                default -> throw new IllegalStateException("unexpected token " + token);
            }
            if (depth == 0) {
                return;
            }
            token = in.nextToken();
        }
    }
}

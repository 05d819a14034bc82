package dev.fanout.core.chunk;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import dev.fanout.core.error.InvalidRequestException;
import dev.fanout.core.error.MalformedRecordException;
import dev.fanout.core.error.StorageUnavailableException;
import dev.fanout.core.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Plans a JSON array as byte ranges of {@code chunkSizeItems} elements each. A JSON array cannot be cut
 * blindly like text, so the planner streams the whole object once through Jackson's parser, noting the byte
 * offset of every {@code chunkSizeItems}-th element: it reads every byte (O(bytes), the splitter's limit for
 * JSON inputs: a few GiB within a Lambda's 15 minutes), but copies and keeps nothing except the offsets. It
 * also validates the whole document, so the workers' readers only ever see well-formed JSON. Jackson's
 * default stream limits apply (nesting depth, number and string lengths).
 *
 * <pre>{@code
 * List<ByteRange> ranges = JsonArrayPlanner.plan(in, objectSize, 10_000, 100_000);
 * }</pre>
 */
public final class JsonArrayPlanner {
    private JsonArrayPlanner() {
    }

    /**
     * Ranges that each start at an element and end where the next range starts (the last at the object's end).
     * An empty array gives no ranges. Too many chunks: {@link InvalidRequestException} on {@code chunkSizeItems}
     * naming the count and the limit; not a JSON array: {@link MalformedRecordException}.
     */
    public static List<ByteRange> plan(InputStream in, long objectSize, int chunkSizeItems, int maxChunks) {
        if (chunkSizeItems < 1 || maxChunks < 1) {
            throw new IllegalArgumentException("chunkSizeItems and maxChunks must be positive");
        }
        try (JsonParser parser = Json.mapper().getFactory().createParser(in)) {
            return scan(parser, objectSize, chunkSizeItems, maxChunks);
        } catch (StreamReadException e) {
            long offset = Math.max(0, e.getLocation() == null ? 0 : e.getLocation().getByteOffset());
            throw new MalformedRecordException(offset, "the input is not valid JSON at byte offset " + offset);
        } catch (IOException e) {
            throw new StorageUnavailableException("reading the JSON input failed", e);
        }
    }

    private static List<ByteRange> scan(JsonParser parser, long objectSize, int chunkSizeItems, int maxChunks)
            throws IOException {
        if (parser.nextToken() != JsonToken.START_ARRAY) {
            long offset = Math.max(0, parser.currentTokenLocation().getByteOffset());
            throw new MalformedRecordException(offset, "the input is not a JSON array (byte offset " + offset + ")");
        }
        List<Long> starts = new ArrayList<>();
        long elements = 0;
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
            if (elements % chunkSizeItems == 0 && starts.size() <= maxChunks) {
                starts.add(parser.currentTokenLocation().getByteOffset());
            }
            elements++;
            parser.skipChildren();
        }
        if (parser.nextToken() != null) {
            long offset = parser.currentTokenLocation().getByteOffset();
            throw new MalformedRecordException(offset, "unexpected content after the JSON array at byte offset "
                    + offset);
        }
        long chunks = elements / chunkSizeItems + (elements % chunkSizeItems == 0 ? 0 : 1);
        if (chunks > maxChunks) {
            throw new InvalidRequestException("chunkSizeItems", elements + " items in chunks of " + chunkSizeItems
                    + " give " + chunks + " chunks; at most " + maxChunks + " are allowed, use larger chunks");
        }
        List<ByteRange> ranges = new ArrayList<>(starts.size());
        for (int i = 0; i < starts.size(); i++) {
            long end = i + 1 < starts.size() ? starts.get(i + 1) : objectSize;
            ranges.add(new ByteRange(starts.get(i), end));
        }
        return ranges;
    }
}
